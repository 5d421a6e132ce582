"""Review requests in the human-in-the-loop shape, and an edit decision's scenes indexed and paced."""

from __future__ import annotations

import pytest

from aios.agent import review
from aios.kernel.decision import Decision
from aios.kernel.errors import ReviewDecisionError


def test_request_has_action_requests_and_review_configs() -> None:
    payload = review.request("review_storyboard", "Review it", {"storyboard": {}})
    assert payload["action_requests"][0]["name"] == "review_storyboard"
    assert payload["review_configs"][0]["allowed_decisions"] == ["approve", "edit", "reject"]


def test_edited_scenes_are_indexed_and_paced() -> None:
    decision = Decision.from_resume({"decisions": [{"type": "edit", "edited_action": {
        "name": "review_storyboard",
        "args": {"scenes": [{"narration": "One two three four five six."},
                            {"narration": "Seven.", "duration_s": 4}]}}}]})
    scenes = review.edited_scenes(decision, words_per_second=3.0)
    assert [s.index for s in scenes] == [0, 1]
    assert scenes[0].duration_s == pytest.approx(2 + 0.65)
    assert scenes[1].duration_s == 4


def test_an_editor_can_pin_a_scene_transition() -> None:
    def edit(transition: str) -> Decision:
        return Decision.from_resume({"decisions": [{"type": "edit", "edited_action": {
            "args": {"scenes": [{"narration": "One.", "transition": transition}, {"narration": "Two."}]}}}]})

    scenes = review.edited_scenes(edit("cut"), 3.0)
    assert [s.transition for s in scenes] == ["cut", None]
    with pytest.raises(ReviewDecisionError, match="transition"):
        edit("wipe")


def test_a_line_rewritten_under_its_old_headline_gets_its_own() -> None:
    from aios.kernel.schemas import Scene, Storyboard

    current = Storyboard(title="Our spring sale", planner="rules", scenes=[
        Scene(index=0, narration="Everything is 20% off until Sunday.", on_screen_text="20% off", duration_s=4),
        Scene(index=1, narration="Visit us today.", on_screen_text="Visit today", duration_s=3)])
    decision = Decision.build(type="edit", scenes=[
        {"narration": "Members get free shipping on every order.", "on_screen_text": "20% off"},  # line rewritten
        {"narration": "Visit us today.", "on_screen_text": "Our stores"}])  # headline rewritten: the editor's
    scenes = review.edited_scenes(decision, 3.0, current)
    assert scenes[0].on_screen_text == "Free shipping on every order"
    assert scenes[1].on_screen_text == "Our stores"
