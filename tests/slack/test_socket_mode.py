"""`aios slack --socket` as a real process: envelopes in over a WebSocket, acks and Web API calls out."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.fake_slack import Call, FakeSlack
from tests.support.slack import is_review


@pytest.mark.slow
def test_socket_mode_request_and_approve(fake_slack: FakeSlack, aios_home: Path) -> None:
    env = {**os.environ, "AIOS_HOME": str(aios_home), "SLACK_BOT_TOKEN": "xoxb-socket", "SLACK_APP_TOKEN": "xapp-1",
           "AIOS_SLACK_API_URL": f"{fake_slack.url}/api/", "AIOS_SLACK_ALLOWED_USERS": '["U1"]',
           "AIOS_SLACK_ALLOWED_CHANNELS": '["*"]'}
    env.pop("SLACK_SIGNING_SECRET", None)
    bot = subprocess.Popen([str(Path(sys.executable).parent / "aios"), "slack", "--socket"], env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        fake_slack.wait_for("socket.connected", timeout=60, alive=bot.poll)
        assert fake_slack.of("apps.connections.open")[0].token == "xapp-1"  # the app token opens the socket
        fake_slack.push({"envelope_id": "env-1", "type": "slash_commands", "accepts_response_payload": True,
                         "payload": {"command": "/video", "text": "a 6-second video about our spring fair",
                                     "user_id": "U1", "channel_id": "C7", "team_id": "T1", "trigger_id": "t1"}})
        fake_slack.wait_for("socket.ack", lambda c: c.args.get("envelope_id") == "env-1")
        root = fake_slack.wait_for("chat.postMessage", lambda c: "asked for a video" in c.args["text"])
        assert root.token == "xoxb-socket"
        review: Call = fake_slack.wait_for("chat.postMessage", is_review("storyboard"))
        assert review.args["thread_ts"] == root.result["ts"]
        value = next(e["value"] for b in review.args["blocks"] if b["type"] == "actions" for e in b["elements"]
                     if e["action_id"] == "aios_approve")
        fake_slack.push({"envelope_id": "env-2", "type": "interactive", "accepts_response_payload": False,
                         "payload": {"type": "block_actions", "user": {"id": "U1"}, "team": {"id": "T1"},
                                     "channel": {"id": "C7"}, "trigger_id": "t2",
                                     "message": {"ts": review.result["ts"], "blocks": review.args["blocks"]},
                                     "actions": [{"action_id": "aios_approve", "value": value, "type": "button",
                                                  "block_id": "review"}]}})
        fake_slack.wait_for("socket.ack", lambda c: c.args.get("envelope_id") == "env-2")
        final = fake_slack.wait_for("chat.postMessage", is_review("final"))
        assert final.args["thread_ts"] == root.result["ts"]
        assert "Approved by <@U1>" in fake_slack.wait_for("chat.update", lambda c: c.args["ts"] == review.result["ts"]
                                                          ).args["text"]
    finally:
        bot.send_signal(signal.SIGTERM)
        output = bot.communicate(timeout=60)[0]
    assert bot.returncode == 0, output
    assert "connected over Socket Mode" in output
