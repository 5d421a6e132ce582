"""The notifier against the stand-in Slack: coalesced in-place updates, a durable position, no stalls."""

from __future__ import annotations

from aios.kernel.context import Context
from aios.kernel.settings import Settings
from aios.runtime.jobs import JobService
from aios.slack.app import web_client
from aios.slack.notifier import Notifier
from aios.slack.store import SlackJob, SlackStore
from tests.support.fake_slack import FakeSlack


def test_updates_coalesce_survive_restarts_and_close_with_the_job(fake_slack: FakeSlack, settings: Settings) -> None:
    service = JobService(settings)
    job, _ = service.create({"text": "a 6-second video about our tea shop"}, Context())
    store = SlackStore(service.database)
    store.add(SlackJob(job, "T1", "C1", "1700.000100", "U1", progress_ts="1700.000200"))
    client = web_client("xoxb-test", f"{fake_slack.url}/api/")
    notifier = Notifier(settings, service, store, client, min_update_s=60)
    for node in ("intake", "retrieve", "plan_storyboard"):
        service.events.append(job, "node.started", {"node": node})
    assert notifier.poll() == 4  # job.created and three stages
    updates = fake_slack.of("chat.update")
    assert len(updates) == 1 and updates[0].args["ts"] == "1700.000200"
    assert updates[0].args["text"] == "⏳ *Planning the storyboard*"

    service.events.append(job, "node.started", {"node": "check_policy"})
    assert notifier.poll() == 1
    assert len(fake_slack.of("chat.update")) == 1  # within min_update_s: held back, still pending

    restarted = Notifier(settings, service, store, client, min_update_s=60)
    assert restarted.poll() == 0  # handled events are not handled again

    fake_slack.refuse["chat.postMessage"] = "channel_not_found"
    service.events.append(job, "job.failed", {"reason": "no voice for language xx"})
    assert restarted.poll() == 1  # Slack refused the failure report; the job's events still move on
    final = fake_slack.of("chat.update")[-1]
    assert final.args["text"] == "❌ *Failed* — no voice for language xx"
    found = store.get(job)
    assert found is not None and not found.open
    service.events.append(job, "node.started", {"node": "intake"})
    assert restarted.poll() == 0  # closed jobs are not followed
    service.close()
