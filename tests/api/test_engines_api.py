"""Managed engines chosen per job over HTTP: costs in the manifest and /metrics, degradation in the event stream."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from tests.support.openai_server import Script
from tests.support.server import Server, read_events

pytestmark = pytest.mark.slow  # renders or synthesizes real media


def test_a_job_on_managed_engines_costs_what_its_calls_cost_and_degrades_aloud(
        openai_endpoint: Script, make_server: Callable[..., Server]) -> None:
    server = make_server()
    client = server.client()
    openai_endpoint.fail["/audio/speech"] = [503]  # one scene's speech fails: it falls back to hibari
    job = client.post("/v1/jobs", json={"text": "a 10-second vertical video about our flower shop, upbeat",
                                        "auto_approve": True, "image_engine": "openai", "tts_engine": "openai"})
    assert job.status_code == 202, job.text
    events = read_events(client, job.json()["id"], {"job.completed", "job.failed"})
    assert events[-1]["event"] == "job.completed", events[-1]
    degraded = [e["data"]["data"] for e in events if e["event"] == "engine.degraded"]
    assert len(degraded) == 1 and degraded[0]["role"] == "speech"
    assert "openai failed" in degraded[0]["message"] and degraded[0]["message"].endswith("used hibari")

    files = {a["name"]: a for a in client.get(f"/v1/jobs/{job.json()['id']}/artifacts").json()}
    manifest = client.get(files["manifest"]["url"]).json()
    scenes = len(manifest["storyboard"]["scenes"])
    calls = manifest["costs"]["calls"]
    assert [c["kind"] for c in calls].count("image") == scenes
    assert [c["kind"] for c in calls].count("speech") == scenes - 1
    assert manifest["costs"]["total_usd"] == pytest.approx(sum(c["usd"] for c in calls))
    assert manifest["costs"]["by_engine"]["openai:gpt-image-1"] == pytest.approx(0.042 * scenes)
    assert [a["cost_usd"] for a in manifest["assets"]["images"]] == [0.042] * scenes
    assert manifest["engines"]["imagery"] == ["openai images:gpt-image-1"]
    assert [d["role"] for d in manifest["degraded"]] == ["speech"]

    metrics = client.get("/metrics").text
    spent = re.search(r'aios_engine_cost_usd_total\{engine="openai",kind="image"\} ([0-9.e+-]+)', metrics)
    assert spent and float(spent.group(1)) >= 0.042 * scenes
    assert re.search(r'aios_engine_calls_total\{engine="openai",kind="speech",outcome="error"\} [1-9]', metrics)


@pytest.mark.parametrize(("body", "field"), [
    ({"image_engine": "dalle"}, "image_engine"),
    ({"tts_engine": "siri"}, "tts_engine"),
    ({"voice": "/etc/passwd"}, "voice"),
    ({"voice": "me.wav"}, "voice"),
])
def test_bad_engine_choices_are_problem_json(server: Server, body: dict[str, str], field: str) -> None:
    response = server.client().post("/v1/jobs", json={"text": "a video about tea", **body})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert field in response.text
