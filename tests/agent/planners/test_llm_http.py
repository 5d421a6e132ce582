"""The LLM planner over real HTTP: langchain-openai against a local server that speaks the chat-completions API
(json_schema structured output), answering well, with invalid JSON, with a schema violation, with 429, or too late;
and a job whose LLM gives no valid storyboard falls back to the rules planner with an engine.degraded event."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from aios.agent.planners import PlanRequest
from aios.agent.planners.llm import build
from aios.kernel.errors import PlanningError
from aios.kernel.schemas import Brief
from aios.kernel.settings import Settings
from tests.support.openai_server import Script, serve
from tests.support.server import Server, read_events

BRIEF = Brief(text="A 20-second video about our tea shop. We brew 40 teas.", subject="our tea shop",
              duration_s=20, aspect="16:9", tone="friendly")
GOOD = {"title": "Our tea shop", "scenes": [
    {"narration": "Step into our tea shop, where every cup is brewed fresh.", "on_screen_text": "Fresh every cup",
     "visual": "A teapot pouring", "keywords": ["tea", "cup"]},
    {"narration": "Choose from forty teas, from smoky oolong to bright green sencha.", "on_screen_text": "40 teas",
     "visual": "Jars of tea leaves", "keywords": ["tea", "jars"]},
    {"narration": "Come in today and find your new favourite.", "on_screen_text": "Visit us today",
     "visual": "The shop front", "keywords": ["shop"]}]}


@pytest.fixture
def endpoint() -> Iterator[tuple[str, Script]]:
    yield from serve()


def settings_for(url: str, **extra: Any) -> Settings:
    return Settings(llm_model="openai:gpt-4o-mini", llm_base_url=url, llm_api_key="sk-test",  # type: ignore[arg-type]
                    llm_timeout_s=extra.pop("timeout", 10), **extra)


def chats(script: Script) -> list[dict[str, Any]]:
    return [body for path, body in script.seen if path.endswith("/chat/completions")]


def test_a_structured_answer_becomes_the_storyboard(endpoint: tuple[str, Script]) -> None:
    url, script = endpoint
    script.chat = [GOOD]
    storyboard = build(settings_for(url)).plan(PlanRequest(BRIEF, []))
    assert storyboard.planner == "llm:openai:gpt-4o-mini" and len(storyboard.scenes) == 3
    assert storyboard.scenes[1].on_screen_text == "40 teas"
    assert storyboard.duration_s == pytest.approx(20, abs=0.01)
    sent = chats(script)[0]
    assert sent["response_format"]["type"] == "json_schema"
    assert sent["response_format"]["json_schema"]["name"] == "StoryboardDraft"
    assert "We brew 40 teas" in sent["messages"][-1]["content"]


@pytest.mark.parametrize("bad", ["{not json at all", {"title": "No scenes here"},
                                 {"title": "x", "scenes": [{"narration": "Hi."}]}])
def test_an_answer_that_is_not_the_schema_is_asked_again_with_the_problem_named(
        endpoint: tuple[str, Script], bad: dict[str, Any] | str) -> None:
    url, script = endpoint
    script.chat = [bad, GOOD]
    storyboard = build(settings_for(url)).plan(PlanRequest(BRIEF, []))
    assert len(storyboard.scenes) == 3 and len(chats(script)) == 2
    retry = chats(script)[1]["messages"][-1]["content"]
    assert retry.startswith(("Fix this and answer again", "Revise the storyboard"))


def test_a_rate_limit_is_waited_out(endpoint: tuple[str, Script]) -> None:
    url, script = endpoint
    script.fail["/chat/completions"] = [429]
    script.chat = [GOOD]
    assert len(build(settings_for(url)).plan(PlanRequest(BRIEF, [])).scenes) == 3
    assert len(chats(script)) == 2, "the 429 was retried by the client"


def test_an_endpoint_that_answers_too_late_is_a_planning_error(endpoint: tuple[str, Script]) -> None:
    url, script = endpoint
    script.stall_s = 2.0
    script.chat = [GOOD] * 5
    with pytest.raises(PlanningError, match="LLM endpoint failed"):
        build(settings_for(url, timeout=0.5)).plan(PlanRequest(BRIEF, []))


@pytest.mark.slow  # a job over HTTP
def test_a_job_whose_llm_fails_is_planned_by_rules_and_says_so(endpoint: tuple[str, Script],
                                                               make_server: Callable[..., Server]) -> None:
    url, script = endpoint
    script.chat = ["{broken"] * 3
    server = make_server(llm_model="openai:gpt-4o-mini", llm_base_url=url, llm_api_key="sk-test", llm_max_attempts=3)
    client = server.client()
    job = client.post("/v1/jobs", json={"text": "A 20-second video about our tea shop. We brew 40 teas.",
                                        "planner": "llm"}).json()["id"]
    events = read_events(client, job, {"review.requested", "job.failed"})
    assert events[-1]["event"] == "review.requested"
    degraded = [e["data"]["data"] for e in events if e["event"] == "engine.degraded"]
    assert degraded and degraded[0]["role"] == "planner" and "rules planner" in degraded[0]["message"]
    storyboard = client.get(f"/v1/jobs/{job}/storyboard").json()["storyboard"]
    assert storyboard["planner"] == "rules" and "40 teas" in " ".join(s["narration"] for s in storyboard["scenes"])
    assert len(chats(script)) == 3
