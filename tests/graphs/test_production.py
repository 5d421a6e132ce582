"""The production graph end to end on the offline engines, with an in-memory checkpointer."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import opentimelineio as otio
import pytest
from langchain_core.runnables import RunnableConfig
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.graph.state import CompiledStateGraph
from langgraph.types import Command

from aios.agent.state import scene_key
from aios.graphs.production import builder
from aios.kernel.context import Context
from aios.kernel.settings import Settings
from aios.tools import signing

pytestmark = pytest.mark.slow  # renders media or runs aios processes (seconds each)

BRIEF = {"text": "A 10-second square video announcing our spring sale. "
                 "Mention that everything is 40% off.", "duration_s": 10}


def compiled() -> CompiledStateGraph:
    return builder.compile(checkpointer=InMemorySaver())


def choices(tmp_path: Path, settings: Settings | None = None, **chosen: Any) -> Context:
    """A run's context as the job service hands it in: the choices, and the settings under this test's home."""
    return Context(settings=settings or Settings(home=tmp_path / "home"), **chosen)


def config(thread: str) -> dict[str, Any]:
    return {"configurable": {"thread_id": thread}}


def pending(graph: CompiledStateGraph, thread: str) -> dict[str, Any]:
    interrupts = graph.get_state(config(thread)).interrupts
    assert len(interrupts) == 1
    return interrupts[0].value


def decide(graph: CompiledStateGraph, thread: str, context: Context, **decision: Any) -> None:
    graph.invoke(Command(resume={"decisions": [decision]}), config(thread), context=context)


def test_mermaid_shape_is_stable() -> None:
    expected = (Path(__file__).parent / "production.mmd").read_text()
    assert compiled().get_graph().draw_mermaid() == expected


def test_auto_approved_job_publishes_video_sidecars_and_manifest(tmp_path: Path) -> None:
    graph, context = compiled(), choices(tmp_path, auto_approve=True, out_dir=str(tmp_path / "out"))
    state = graph.invoke({"request": BRIEF}, config("auto"), context=context)
    assert state["status"] == "published"
    manifest = json.loads(Path(state["deliverables"]["manifest"]).read_text())
    for kind in ("video", "srt", "vtt"):
        artifact = manifest["artifacts"][kind]
        assert hashlib.sha256(Path(artifact["path"]).read_bytes()).hexdigest() == artifact["sha256"]
    assert manifest["engines"]["planner"] == "rules"
    assert manifest["engines"]["speech"][0].startswith("hibari 0.2.1")
    assert manifest["qc"]["passed"] is True
    assert manifest["thread_id"] == "auto"
    assert {"intake", "plan_storyboard", "narrate", "visualize", "render", "quality_check"} <= set(
        manifest["timings_s"])
    for node in ("narrate", "visualize"):  # scene tasks side by side: the node's time is at most their sum
        assert 0 < manifest["timings_s"][node] <= manifest["task_seconds"][node] + 1e-6
        assert manifest["cpu_s"][node] >= 0
    assert [d["by"] for d in manifest["decisions"]] == ["auto", "auto"]
    assert Path(state["deliverables"]["video"]).name == "our-spring-sale.mp4"
    # The cut's timeline is published beside it, frame for frame as long as the video.
    cut = otio.adapters.read_from_file(state["deliverables"]["timeline"])
    assert manifest["artifacts"]["timeline"]["sha256"] == hashlib.sha256(
        Path(state["deliverables"]["timeline"]).read_bytes()).hexdigest()
    assert cut.tracks[0].duration().to_seconds() == pytest.approx(state["render"].duration_s, abs=1 / 24)
    assert [c.name for c in cut.tracks[0].find_clips()] == [
        f"Scene {n + 1}" for n in range(len(state["storyboard"].scenes))]
    # A client of the bare graph downloads by the signed links in the state (the preview's, then the deliverables').
    assert set(state["links"]) == {*(f"preview-{k}" for k in state["render"].files), *state["deliverables"]}
    secret = signing.url_secret(context.config)
    for name, link in state["links"].items():
        parts, query = urlsplit(link), parse_qs(urlsplit(link).query)
        assert parts.path == f"/v1/files/auto/{name}" and query["tenant"] == ["local"]
        assert signing.valid(secret, "local", "auto", name, int(query["expires"][0]), query["sig"][0])


def test_a_job_can_ask_for_a_packaged_track_and_the_manifest_names_it(tmp_path: Path) -> None:
    graph = compiled()
    context = choices(tmp_path, auto_approve=True, out_dir=str(tmp_path / "out"), music="library")
    state = graph.invoke({"request": BRIEF}, config("music"), context=context)
    manifest = json.loads(Path(state["deliverables"]["manifest"]).read_text())
    assert manifest["engines"]["music"].startswith("calm/") and "MIT" in manifest["engines"]["music"]  # neutral


def test_storyboard_then_final_review_with_approve(tmp_path: Path) -> None:
    graph, context = compiled(), choices(tmp_path, out_dir=str(tmp_path))
    graph.invoke({"request": BRIEF}, config("t"), context=context)
    review = pending(graph, "t")
    assert review["checkpoint"] == "storyboard"
    assert review["action_requests"][0]["name"] == "review_storyboard"
    assert review["review_configs"][0]["allowed_decisions"] == ["approve", "edit", "reject"]
    decide(graph, "t", context, type="approve")
    final = pending(graph, "t")
    assert final["checkpoint"] == "final"
    assert Path(final["action_requests"][0]["args"]["video"]).is_file()
    decide(graph, "t", context, type="approve")
    assert graph.get_state(config("t")).values["status"] == "published"


def test_storyboard_edit_replaces_scenes_and_is_rendered(tmp_path: Path) -> None:
    graph, context = compiled(), choices(tmp_path, out_dir=str(tmp_path))
    graph.invoke({"request": BRIEF}, config("e"), context=context)
    scenes = [{"narration": "Fresh flowers, fresh prices.", "on_screen_text": "Fresh"},
              {"narration": "Come see us this weekend.", "on_screen_text": "This weekend"}]
    decide(graph, "e", context, type="edit",
           edited_action={"name": "review_storyboard", "args": {"scenes": scenes}})
    values = graph.get_state(config("e")).values
    assert [s.narration for s in values["storyboard"].scenes] == [s["narration"] for s in scenes]
    assert values["storyboard"].revision == 1
    srt = Path(values["render"].files["srt"]).read_text()
    assert "Fresh flowers, fresh prices.\n" in srt and "40%" not in srt


def test_storyboard_reject_replans_with_feedback_until_the_limit(
        tmp_path: Path) -> None:
    graph = compiled()
    context = choices(tmp_path, Settings(home=tmp_path / "home", max_replans=1), out_dir=str(tmp_path))
    graph.invoke({"request": BRIEF}, config("r"), context=context)
    decide(graph, "r", context, type="reject", message="don't mention 40%")
    values = graph.get_state(config("r")).values
    assert values["storyboard"].revision == 1
    assert not any("40%" in s.narration for s in values["storyboard"].scenes)
    assert pending(graph, "r")["checkpoint"] == "storyboard"
    decide(graph, "r", context, type="reject", message="still no")
    final = graph.get_state(config("r"))
    assert final.values["status"] == "rejected" and not final.next


def test_final_edit_resynthesizes_only_changed_scenes(tmp_path: Path) -> None:
    graph, context = compiled(), choices(tmp_path, out_dir=str(tmp_path))
    graph.invoke({"request": BRIEF}, config("f"), context=context)
    decide(graph, "f", context, type="approve")
    board = graph.get_state(config("f")).values["storyboard"]
    scenes = [s.model_dump() for s in board.scenes]
    scenes[-1]["narration"] = "Shop in store or online today."
    decide(graph, "f", context, type="edit",
           edited_action={"name": "approve_final", "args": {"scenes": scenes}})
    values = graph.get_state(config("f")).values
    assert pending(graph, "f")["checkpoint"] == "final"
    edited = values["storyboard"]
    assert "Shop in store or online today." in Path(values["render"].files["srt"]).read_text()
    for scene in edited.scenes[:-1]:
        key = scene_key(scene)
        assert values["narrations"][key].cached and values["visuals"][key].cached
    changed = scene_key(edited.scenes[-1])
    assert not values["narrations"][changed].cached and not values["visuals"][changed].cached


def test_final_reject_goes_back_to_planning(tmp_path: Path) -> None:
    graph, context = compiled(), choices(tmp_path, out_dir=str(tmp_path))
    graph.invoke({"request": BRIEF}, config("fr"), context=context)
    decide(graph, "fr", context, type="approve")
    decide(graph, "fr", context, type="reject", message="make it shorter")
    assert pending(graph, "fr")["checkpoint"] == "storyboard"
    values = graph.get_state(config("fr")).values
    assert values["storyboard"].revision == 1 and values["feedback"] == "make it shorter"


def test_a_final_reject_keeps_the_editors_line_unless_told_to_start_over(tmp_path: Path) -> None:
    graph, context = compiled(), choices(tmp_path, out_dir=str(tmp_path))
    graph.invoke({"request": BRIEF}, config("k"), context=context)
    scenes = [s.model_dump() for s in graph.get_state(config("k")).values["storyboard"].scenes]
    scenes[0]["narration"] = "Flowers for everyone, this week only."
    decide(graph, "k", context, type="edit", edited_action={"name": "review_storyboard", "args": {"scenes": scenes}})
    decide(graph, "k", context, type="reject", message="make it shorter")
    board = graph.get_state(config("k")).values["storyboard"]
    assert board.scenes[0].narration == "Flowers for everyone, this week only." and board.revision == 2
    assert board.duration_s <= 10 * 0.7 + 0.01  # shorter, with the editor's line
    decide(graph, "k", context, type="reject", message="start over")
    board = graph.get_state(config("k")).values["storyboard"]
    assert "Flowers for everyone" not in " ".join(s.narration for s in board.scenes)


def test_the_review_says_when_a_brief_is_too_thin_for_its_length(tmp_path: Path) -> None:
    graph, context = compiled(), choices(tmp_path, out_dir=str(tmp_path))
    graph.invoke({"request": {"text": "Q4 results: online sales doubled.", "duration_s": 60}}, config("n"),
                 context=context)
    description = pending(graph, "n")["action_requests"][0]["description"]
    assert "Note: the narration fills about" in description and "ask for about" in description


def test_blocked_brief_ends_without_rendering(tmp_path: Path) -> None:
    graph = compiled()
    state = graph.invoke({"request": {"text": "A video on how to make a bomb at home"}},
                         config("b"), context=choices(tmp_path, auto_approve=True, out_dir=str(tmp_path)))
    assert state["status"] == "blocked"
    assert state["policy"].findings[0].rule == "blocked_term"
    assert "render" not in state and not graph.get_state(config("b")).next


def test_policy_review_stops_even_when_auto_approving(tmp_path: Path) -> None:
    graph, context = compiled(), choices(tmp_path, auto_approve=True, out_dir=str(tmp_path))
    graph.invoke({"request": {"text": "A 10-second video: call us on +1 555 123 4567 today",
                              "duration_s": 10}}, config("p"), context=context)
    review = pending(graph, "p")
    assert review["action_requests"][0]["args"]["policy"]["outcome"] == "review"


def test_langgraph_json_points_at_the_compiled_graph() -> None:
    import importlib.util

    root = Path(__file__).parents[2]
    spec = json.loads((root / "langgraph.json").read_text())
    module_path, attribute = spec["graphs"]["production"].split(":")
    loaded = importlib.util.spec_from_file_location("production_graph", root / module_path)
    assert loaded and loaded.loader
    module = importlib.util.module_from_spec(loaded)
    loaded.loader.exec_module(module)
    graph = getattr(module, attribute)(RunnableConfig(configurable={}))  # a graph factory, as langgraph dev calls it
    assert graph.name == "production"
    assert {"intake", "review_storyboard", "narrate", "publish"} <= set(graph.get_graph().nodes)


def test_studio_gets_input_and_output_schemas_on_this_python() -> None:
    """typing.TypedDict state on Python 3.11 made these null in LangGraph Studio (no input form)."""
    from aios.graphs.production import graph

    assert set(graph.get_input_jsonschema()["properties"]) == {"request", "rerender", "messages"}
    output = graph.get_output_jsonschema()["properties"]
    assert {"storyboard", "deliverables", "status", "stock"} <= set(output)
    assert not {"scene", "storyboard_title", "last"} & set(output)  # the per-scene task payload is not output
    assert not {"scene", "storyboard_title", "last"} & set(graph.channels), "nor part of the state"


def test_a_bad_answer_is_asked_again_and_agent_chat_uis_edit_shape_is_taken(tmp_path: Path) -> None:
    """Resuming the graph directly (as LangGraph's server does): a reject without a message, or an edit without
    scenes, is answered by the same review again with the reason; the thread is not broken by it. An edit of the
    request's own arguments (what agent-chat-ui sends back) is read as an edit."""
    graph, context = compiled(), choices(tmp_path)
    graph.invoke({"request": BRIEF}, config("chat"), context=context)
    shown = pending(graph, "chat")
    decide(graph, "chat", context, type="reject")
    again = pending(graph, "chat")
    assert again["checkpoint"] == "storyboard" and "needs a message" in again["error"]
    assert again["action_requests"] == shown["action_requests"]
    decide(graph, "chat", context, type="edit", edited_action={"name": "review_storyboard", "args": {}})
    assert "edit" in pending(graph, "chat")["error"]
    args = json.loads(json.dumps(shown["action_requests"][0]["args"]))  # the arguments as the UI showed them
    args["storyboard"]["scenes"][0]["narration"] = "Spring is here, and everything is 40% off."
    decide(graph, "chat", context, type="edit", edited_action={"name": "review_storyboard", "args": args})
    state = graph.get_state(config("chat"))
    assert state.values["storyboard"].scenes[0].narration == "Spring is here, and everything is 40% off."
    assert pending(graph, "chat")["checkpoint"] == "final"  # the edit approved the storyboard; the cut waits
    assert [d["type"] for d in state.values["decisions"]] == ["edit"]
