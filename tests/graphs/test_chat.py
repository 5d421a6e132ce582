"""The production graph as a chat agent, driven as agent-chat-ui drives it (messages in, a new message on a thread
whose review waits): the brief from the first message, the storyboard and the cut offered as messages, and typed
turns read as decisions ("drop the last scene", "make scene 2 about the price", "shorter", "approve")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from langchain_core.messages import HumanMessage
from langgraph.checkpoint.memory import InMemorySaver

from aios.agent import chat
from aios.graphs.production import builder
from aios.kernel.context import Context
from aios.kernel.schemas import Brief, Scene, Storyboard
from aios.kernel.settings import Settings

pytestmark = pytest.mark.slow  # renders media (seconds)

BRIEF = ("A 20-second vertical video announcing our new cold brew, upbeat. It is steeped for 18 hours. "
         "It costs 4 dollars this week. It comes in oat and whole milk.")


def say(graph: Any, thread: str, context: Context, text: str) -> dict[str, Any]:
    result: dict[str, Any] = graph.invoke({"messages": [HumanMessage(text)]},
                                          {"configurable": {"thread_id": thread}}, context=context)
    return result


def test_a_chat_makes_a_video_from_a_message_and_typed_answers(tmp_path: Path) -> None:
    graph = builder.compile(checkpointer=InMemorySaver())
    context = Context(settings=Settings(home=tmp_path / "home"), out_dir=str(tmp_path / "out"))
    state = say(graph, "chat", context, BRIEF)
    first = state["storyboard"]
    assert state["brief"].text == BRIEF and state["status"] == "planned"
    offered = state["messages"][-1]
    assert offered.type == "ai" and first.scenes[0].narration in offered.content and "approve" in offered.content

    state = say(graph, "chat", context, "Drop the last scene, please.")
    board = state["storyboard"]
    assert [s.narration for s in board.scenes] == [s.narration for s in first.scenes[:-1]]
    assert board.duration_s < first.duration_s, "a scene less is a shorter video"
    assert state["status"] == "awaiting_approval" and state["messages"][-1].content.startswith("The cut is ready")
    assert any(m.type == "ai" and "dropped 1 scene" in m.content for m in state["messages"])

    state = say(graph, "chat", context, "approve")
    assert state["status"] == "published" and Path(state["deliverables"]["video"]).is_file()
    assert state["messages"][-1].content.startswith("Published: ")
    assert [d["by"] for d in state["decisions"]] == ["chat", "chat"]


def test_a_note_typed_during_review_replans_the_same_brief_shorter(tmp_path: Path) -> None:
    graph = builder.compile(checkpointer=InMemorySaver())
    context = Context(settings=Settings(home=tmp_path / "home"))
    first = say(graph, "notes", context, BRIEF)["storyboard"]
    state = say(graph, "notes", context, "Make it shorter and don't mention the price.")
    again = state["storyboard"]
    assert state["brief"].text == BRIEF, "the brief is kept: the note is not a new brief"
    assert again.revision > first.revision and again.duration_s < first.duration_s
    assert not any("4 dollars" in s.narration for s in again.scenes)
    assert state["decisions"][-1]["type"] == "reject" and state["feedback"].startswith("Make it shorter")


def test_a_thread_with_no_brief_gets_a_clear_error(tmp_path: Path) -> None:
    from aios.kernel.errors import InvalidInput

    graph = builder.compile(checkpointer=InMemorySaver())
    with pytest.raises(InvalidInput, match="send a brief"):
        graph.invoke({"messages": []}, {"configurable": {"thread_id": "t"}},
                     context=Context(settings=Settings(home=tmp_path / "home")))


BOARD = Storyboard(title="Our cold brew", planner="rules", scenes=[
    Scene(index=i, narration=line, on_screen_text=f"H{i}", duration_s=4.0)
    for i, line in enumerate(["Meet our cold brew.", "It is steeped for 18 hours.", "It comes in oat milk.",
                              "Get yours today."])])
COLD_BREW = Brief(text=BRIEF, subject="our new cold brew", duration_s=16, aspect="9:16", tone="upbeat")


@pytest.mark.parametrize(("text", "kind"), [("approve", "approve"), ("Looks good!", "approve"), ("LGTM", "approve"),
                                            ("shorter please", "reject"), ("start over", "reject"),
                                            ("remove scene 2", "edit"), ("drop scenes 2 and 3", "edit")])
def test_typed_words_are_read_as_decisions(text: str, kind: str) -> None:
    assert chat.decision(text, BOARD, COLD_BREW).type == kind


def test_scene_numbers_and_topics_pick_what_changes() -> None:
    dropped = chat.decision("drop scenes 2 and 3", BOARD, COLD_BREW)
    assert [s.narration for s in dropped.scenes or []] == ["Meet our cold brew.", "Get yours today."]
    about = chat.decision("make scene 2 about the price", BOARD, COLD_BREW)
    assert about.type == "edit" and (about.scenes or [])[1].narration == "It costs 4 dollars this week."
    assert chat.decision("make scene 2 about the weather", BOARD, COLD_BREW).type == "reject", \
        "nothing in the brief about it: a note for the planner, not an invented line"


@pytest.fixture
def endpoint() -> Any:
    from tests.support.openai_server import serve

    yield from serve()


def model_settings(url: str) -> Settings:
    return Settings(llm_model="openai:gpt-4o-mini", llm_base_url=url, llm_api_key="sk-test",  # type: ignore[arg-type]
                    llm_timeout_s=10)


def test_a_chat_model_reads_the_message_over_http(endpoint: Any) -> None:
    from aios.tools.llm import chat_model

    url, script = endpoint
    model = chat_model(model_settings(url))
    script.chat = [{"decision": "edit", "drop_scenes": [3], "rewrites": [
        {"scene": 2, "narration": "It costs 4 dollars this week."}], "note": ""}]
    found = chat.model_decision(model, "swap the oat milk bit for the price", BOARD, COLD_BREW, "storyboard")
    assert [s.narration for s in found.scenes or []] == ["Meet our cold brew.", "It costs 4 dollars this week.",
                                                          "Get yours today."]
    sent = [body for path, body in script.seen if path.endswith("/chat/completions")][-1]
    assert sent["response_format"]["json_schema"]["name"] == "Reading"
    assert "swap the oat milk bit" in sent["messages"][-1]["content"]
    script.chat = [{"decision": "reject", "note": "warmer tone"}]
    assert chat.model_decision(model, "warmer please", BOARD, COLD_BREW, "final").message == "warmer tone"
    script.chat = [{"decision": "edit", "drop_scenes": [9]}]
    with pytest.raises(ValueError, match="names no scene"):
        chat.model_decision(model, "drop scene 9", BOARD, COLD_BREW, "storyboard")


def test_when_the_chat_model_fails_the_rules_read_the_message(endpoint: Any, tmp_path: Path) -> None:
    url, script = endpoint
    graph = builder.compile(checkpointer=InMemorySaver())
    context = Context(settings=Settings(home=tmp_path / "home"), planner="rules")
    first = say(graph, "degraded", context, BRIEF)["storyboard"]
    script.fail["/chat/completions"] = [500] * 10
    context = Context(settings=model_settings(url).model_copy(update={"home": tmp_path / "home"}), planner="auto")
    state = say(graph, "degraded", context, "remove the last scene")
    assert len(state["storyboard"].scenes) == len(first.scenes) - 1, "the rules' reading stood"


def test_a_message_with_no_words_leaves_the_review_waiting(tmp_path: Path) -> None:
    graph = builder.compile(checkpointer=InMemorySaver())
    context = Context(settings=Settings(home=tmp_path / "home"))
    first = say(graph, "quiet", context, BRIEF)["storyboard"]
    picture_only = HumanMessage(content=[{"type": "image_url", "image_url": {"url": "data:image/png;base64,AAAA"}}])
    state = graph.invoke({"messages": [picture_only]}, {"configurable": {"thread_id": "quiet"}}, context=context)
    assert state["status"] == "planned" and state["storyboard"] == first and not state.get("decisions")
    assert state["messages"][-1].content == chat.ASK.content
    assert say(graph, "quiet", context, "drop scene 1")["storyboard"].scenes[0].narration == first.scenes[1].narration


def test_scene_zero_and_long_notes_are_not_misread() -> None:
    assert chat.decision("make scene 0 about the price", BOARD, COLD_BREW).type == "reject"
    long = chat.decision("warmer " * 600, BOARD, COLD_BREW)
    assert long.type == "reject" and long.message is not None and len(long.message) <= chat.NOTE_CHARS


def test_the_offered_storyboard_and_cut_read_well_as_markdown() -> None:
    """A chat UI renders Markdown: the answer prompt is its own paragraph, not part of the last scene's item."""
    from aios.kernel.schemas import RenderResult

    board = Storyboard(title="Sale", planner="rules", scenes=[
        Scene(index=0, narration="Spring is here.", on_screen_text="Spring", visual="", duration_s=2.5),
        Scene(index=1, narration="Shop now.", on_screen_text="Shop", visual="", duration_s=2.0)])
    text = str(chat.storyboard_message(board, note="kept the date").content)
    listed, note, prompt = text.split("\n\n")
    assert listed.splitlines()[-1] == "2. [2.0 s] Shop — Shop now."
    assert note == "Note: kept the date." and prompt.startswith("Reply “approve”")
    cut = RenderResult(files={}, duration_s=12.833333, width=540, height=960, profile="preview")
    assert str(chat.cut_message(cut).content).startswith("The cut is ready: 12.8 s, 540x960 (preview)")
