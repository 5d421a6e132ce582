"""The Edit and Reject modals: what they show, and how submitted values become scenes."""

from __future__ import annotations

import json
from typing import Any

import pytest

from aios.kernel.schemas import Scene, Storyboard
from aios.slack.modals import MAX_SCENES, FieldErrors, edit_modal, edited_scenes, feedback, reject_modal


def board(count: int = 3) -> Storyboard:
    return Storyboard(title="Oat latte", planner="rules", scenes=[
        Scene(index=i, narration=f"Line {i} about oats.", on_screen_text=f"Oats {i}", visual=f"cup {i}",
              keywords=["oat"], duration_s=3.5, transition="fade") for i in range(count)])


def state(modal: dict[str, Any], changes: dict[str, str | None] | None = None) -> dict[str, Any]:
    found = {}
    for block in modal["blocks"]:
        if block["type"] == "input":
            value = (changes or {}).get(block["block_id"], block["element"].get("initial_value"))
            found[block["block_id"]] = {"value": {"type": block["element"]["type"], "value": value}}
    return found


def test_the_edit_modal_round_trips_unchanged_scenes() -> None:
    current = board()
    modal = edit_modal(current, {"job": "job-1", "checkpoint": "storyboard"})
    assert modal["callback_id"] == "aios_edit" and json.loads(modal["private_metadata"])["job"] == "job-1"
    scenes = edited_scenes(state(modal), current)
    assert scenes == [s.model_dump(mode="json", exclude={"index"}) for s in current.scenes]


def test_edits_keep_what_the_form_does_not_show_and_repace_rewritten_lines() -> None:
    current = board()
    modal = edit_modal(current, {})
    scenes = edited_scenes(state(modal, {"s0_narration": "A much longer line about where our oats are grown.",
                                         "s1_duration": "6", "s1_text": "", "s2_narration": "   "}), current)
    assert len(scenes) == 2  # the blanked scene is removed
    assert scenes[0]["duration_s"] is None  # rewritten with the old duration: the pacing decides
    assert (scenes[0]["visual"], scenes[0]["keywords"], scenes[0]["transition"]) == ("cup 0", ["oat"], "fade")
    assert scenes[1]["duration_s"] == 6.0 and scenes[1]["on_screen_text"] == ""


def test_unusable_submissions_name_the_field() -> None:
    current = board(2)
    modal = edit_modal(current, {})
    with pytest.raises(FieldErrors) as empty:
        edited_scenes(state(modal, {"s0_narration": "", "s1_narration": None}), current)
    assert empty.value.errors == {"s0_narration": "Keep at least one scene: a video needs narration."}
    with pytest.raises(FieldErrors) as long:
        edited_scenes(state(modal, {"s1_duration": "0.1"}), current)
    assert long.value.errors == {"s1_duration": "Between 0.5 and 120 seconds."}
    with pytest.raises(FieldErrors) as words:
        edited_scenes(state(modal, {"s0_duration": "soon"}), current)
    assert words.value.errors == {"s0_duration": "Enter a number of seconds."}


def test_long_storyboards_fit_a_modal_and_keep_their_tail() -> None:
    current = board(30)
    modal = edit_modal(current, {})
    assert len(modal["blocks"]) <= 100
    assert sum(b["type"] == "header" for b in modal["blocks"]) == MAX_SCENES
    assert len(edited_scenes(state(modal), current)) == 30


def test_reject_needs_feedback() -> None:
    modal = reject_modal("final", {"job": "job-1"})
    assert modal["callback_id"] == "aios_reject"
    with pytest.raises(FieldErrors, match="Say what should change"):
        feedback(state(modal, {"feedback": " \n "}))
    assert feedback(state(modal, {"feedback": "  Shorter\nintro "})) == "Shorter intro"


def test_a_scene_offered_other_pictures_can_swap_in_the_modal() -> None:
    current = board(3)
    pictures = [{"scene": 1, "shown": {"ref": "stock:pexels:7", "title": "Oat field", "provider": "pexels"},
                 "alternatives": [{"ref": "stock:openverse:ov-3", "title": "Oat milk", "provider": "openverse"}]},
                {"scene": 2, "shown": None, "alternatives": []}]
    modal = edit_modal(current, {}, pictures)
    picker = next(b for b in modal["blocks"] if b.get("block_id") == "s1_picture")
    assert [o["value"] for o in picker["element"]["options"]] == ["keep", "stock:openverse:ov-3"]
    assert not any(b.get("block_id") == "s2_picture" for b in modal["blocks"])
    kept = state(modal)
    kept["s1_picture"] = {"value": {"type": "static_select", "selected_option": picker["element"]["initial_option"]}}
    assert edited_scenes(kept, current)[1]["asset"] is None
    swapped = dict(kept, s1_picture={"value": {"type": "static_select", "selected_option": {
        "value": "stock:openverse:ov-3"}}})
    assert edited_scenes(swapped, current)[1]["asset"] == "stock:openverse:ov-3"
    assert len(edit_modal(board(24), {}, [{"scene": i, "shown": None, "alternatives": [
        {"ref": "stock:pexels:1", "title": "t", "provider": "pexels"}]} for i in range(24)])["blocks"]) <= 100
