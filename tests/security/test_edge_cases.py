"""Edge cases an attacker's probes found (issue 19, item 10), replayed over HTTP: each is a clear 4xx, never a 500."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from aios.agent.nodes import plan
from aios.kernel.context import Context
from aios.kernel.settings import Settings
from tests.support.server import Server, read_events

BRIEF = {"text": "a 10-second video about our tea shop"}


def problem(response: httpx.Response, status: int) -> dict[str, object]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, object] = response.json()
    return body


def test_control_characters_in_a_brief_are_refused_and_nothing_is_stored(server: Server) -> None:
    client = server.client()
    for field, value in (("text", "a 10-second video\u0000 about tea"), ("call_to_action", "Visit\u001b[2J now"),
                         ("source_text", "An article\u0000 about tea.")):
        body = problem(client.post("/v1/jobs", json=BRIEF | {field: value}), 422)
        assert field in str(body["detail"]) and "control character" in str(body["detail"])
    assert client.get("/v1/jobs").json()["items"] == []
    # Tabs and line breaks are text.
    prose = "Our tea is fresh.\n\tWe brew it every day."
    assert client.post("/v1/jobs", json=BRIEF | {"source_text": prose}).status_code == 202


def test_control_characters_in_an_edited_scene_are_refused(server: Server) -> None:
    client = server.client()
    job = client.post("/v1/jobs", json=BRIEF).json()
    read_events(client, job["id"], {"review.requested"})
    edit = {"decisions": [{"type": "edit", "edited_action": {"args": {"scenes": [{"narration": "Tea\u0000 time."}]}}}]}
    body = problem(client.post(f"/v1/jobs/{job['id']}/review", json=edit), 422)
    assert "control character" in str(body["detail"])
    assert client.get(f"/v1/jobs/{job['id']}").json()["status"] == "awaiting_review"


def test_metadata_is_bounded(server: Server) -> None:
    client = server.client()
    problem(client.post("/v1/jobs", json=BRIEF | {"metadata": {"note": "x" * 900_000}}), 422)
    problem(client.post("/v1/jobs", json=BRIEF | {"metadata": {"k" * 65: 1}}), 422)
    problem(client.post("/v1/jobs", json=BRIEF | {"metadata": {f"k{n}": n for n in range(51)}}), 422)
    made = client.post("/v1/jobs", json=BRIEF | {"metadata": {"campaign": "spring", "n": 3}})
    assert made.status_code == 202 and made.json()["metadata"] == {"campaign": "spring", "n": 3}


def test_an_oversized_streamed_body_is_413(make_server: type[Server]) -> None:
    server = make_server(max_body_bytes=4096)  # type: ignore[call-arg]

    def chunks() -> Iterator[bytes]:  # no Content-Length: sent chunked
        yield b'{"text": "'
        for _ in range(20):
            yield b"x" * 1024
        yield b'"}'

    body = problem(server.client().post("/v1/jobs", content=chunks(), headers={"Content-Type": "application/json"}),
                   413)
    assert "4096 bytes" in str(body["detail"])
    small = server.client().post("/v1/jobs", content=iter([b'{"text": ', b'"a 10-second video about tea"}']),
                                 headers={"Content-Type": "application/json"})
    assert small.status_code == 202, small.text


def test_a_huge_last_event_id_is_no_server_error(server: Server) -> None:
    client = server.client()
    job = client.post("/v1/jobs", json=BRIEF).json()
    read_events(client, job["id"], {"review.requested"})
    huge = {"Last-Event-ID": "9" * 4300}
    with client.stream("GET", "/v1/events", headers=huge, timeout=10) as feed:
        assert feed.status_code == 200
    replay = read_events(client, job["id"], {"review.requested"}, headers={"Last-Event-ID": "0" * 4300 + "1"})
    assert replay and replay[0]["id"] == 2  # a run of zeros is the number it spells


@pytest.fixture
def crashing_planner(monkeypatch: pytest.MonkeyPatch) -> None:
    """A planner with a bug: not an AiosError, an exception nobody planned for."""

    def broken(context: Context, settings: Settings) -> object:
        raise RuntimeError("planner bug")

    monkeypatch.setattr(plan, "get_planner", broken)


@pytest.mark.usefixtures("crashing_planner")
def test_a_crashed_job_is_failed_not_interrupted(server: Server) -> None:
    client = server.client()
    job = client.post("/v1/jobs", json=BRIEF).json()
    events = read_events(client, job["id"], {"job.failed", "job.completed"})
    assert events[-1]["event"] == "job.failed" and "planner bug" in events[-1]["data"]["data"]["reason"]
    shown = client.get(f"/v1/jobs/{job['id']}").json()
    assert shown["status"] == "failed", shown
    assert "planner bug" in (shown.get("error") or "")
