"""The typed review decision: built once at a door, written to the graph in the HITL shape, read back the same."""

from __future__ import annotations

import json

import pytest

from aios.kernel.decision import Decision, DecisionItem, EditedScene
from aios.kernel.errors import ReviewDecisionError


@pytest.mark.parametrize(("answer", "message"), [
    ("approve", "must be"),
    ({"decisions": []}, "exactly one"),
    ({"decisions": [{"type": "respond"}]}, "unknown or malformed"),
    ({"decisions": [{"type": "reject"}]}, "needs a message"),
    ({"decisions": [{"type": "reject", "message": "   "}]}, "needs a message"),
    ({"decisions": [{"type": "edit"}]}, "needs edited_action"),
    ({"decisions": [{"type": "edit", "edited_action": {"args": {"scenes": [{"narration": ""}]}}}]}, "narration"),
    ({"decisions": [{"type": "approve", "colour": "red"}]}, "colour"),
])
def test_bad_answers_raise_one_clear_error(answer: object, message: str) -> None:
    with pytest.raises(ReviewDecisionError, match=message):
        Decision.from_resume(answer)


@pytest.mark.parametrize("checkpoint", ["storyboard", "final"])
def test_a_decision_survives_the_trip_through_the_graph(checkpoint: str) -> None:
    edit = Decision(type="edit", scenes=[EditedScene(narration="One.", transition="cut")], actor="api:k1")
    value = edit.resume_value(checkpoint)
    assert value["actor"] == "api:k1"
    assert value["decisions"][0]["edited_action"]["name"] == {"storyboard": "review_storyboard",
                                                              "final": "approve_final"}[checkpoint]
    assert Decision.from_resume(value) == edit
    reject = Decision(type="reject", message="Shorter, please.", actor="slack:U1")
    assert Decision.from_resume(reject.resume_value(checkpoint)) == reject


def test_an_hitl_item_becomes_the_decision_of_whoever_sent_it() -> None:
    item = DecisionItem.model_validate({"type": "approve", "message": "Looks good"})
    assert Decision.of(item, "api:k2") == Decision(type="approve", message="Looks good", actor="api:k2")
    assert Decision.from_resume({"decisions": [{"type": "approve"}]}).actor == "editor"


def test_unknown_engines_in_an_edit_are_refused_by_the_catalogs() -> None:
    with pytest.raises(ReviewDecisionError, match="unknown image engine 'dalle'"):
        Decision.build(type="edit", scenes=[{"narration": "One.", "image_engine": "dalle"}])


def test_an_edit_of_the_requests_own_arguments_reads_its_scenes() -> None:
    """agent-chat-ui edits the review request's args and sends them back whole."""
    from aios.kernel.decision import Decision

    args = {"storyboard": {"title": "T", "planner": "rules", "scenes": [
        {"index": 0, "narration": "New line.", "on_screen_text": "New", "duration_s": 3.0}]}, "policy": {}}
    decision = Decision.from_resume({"decisions": [{"type": "edit", "edited_action": {
        "name": "review_storyboard", "args": args}}]})
    assert decision.scenes is not None and [s.narration for s in decision.scenes] == ["New line."]


def test_an_edited_field_sent_as_the_json_text_of_its_box_is_read() -> None:
    """agent-chat-ui sends the field an editor changed as the text its box holds (the others stay objects)."""
    from aios.kernel.decision import Decision

    board = {"title": "T", "scenes": [{"index": 0, "narration": "New line.", "duration_s": 3.0}]}
    args = {"storyboard": json.dumps(board, indent=2), "policy": {"outcome": "pass"}}
    decision = Decision.from_resume({"decisions": [{"type": "edit", "edited_action": {
        "name": "review_storyboard", "args": args}}]})
    assert decision.scenes is not None and [s.narration for s in decision.scenes] == ["New line."]
    broken = {"storyboard": '{"title": "T", "scenes": [', "policy": {}}
    with pytest.raises(ReviewDecisionError, match=r"args\.storyboard is not valid JSON"):
        Decision.from_resume({"decisions": [{"type": "edit", "edited_action": {
            "name": "review_storyboard", "args": broken}}]})
