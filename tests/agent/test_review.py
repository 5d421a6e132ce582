"""Review requests in the human-in-the-loop shape, and an edit decision's scenes indexed and paced."""

from __future__ import annotations

import pytest

from aios.agent import review
from aios.kernel.decision import Decision
from aios.kernel.errors import ReviewDecisionError
from aios.kernel.schemas import Scene, Storyboard
from aios.tools.tts.pace import Pace


def test_request_has_action_requests_and_review_configs() -> None:
    payload = review.request("review_storyboard", "Review it", {"storyboard": {}})
    assert payload["action_requests"][0]["name"] == "review_storyboard"
    assert payload["review_configs"][0]["allowed_decisions"] == ["approve", "edit", "reject"]


def test_edited_scenes_are_indexed_and_paced() -> None:
    decision = Decision.from_resume({"decisions": [{"type": "edit", "edited_action": {
        "name": "review_storyboard",
        "args": {"scenes": [{"narration": "One two three four five six."},
                            {"narration": "Seven.", "duration_s": 4}]}}}]})
    scenes = review.edited_scenes(decision, Pace.of_rate(3.0))
    assert [s.index for s in scenes] == [0, 1]
    assert scenes[0].duration_s == pytest.approx(2 + 0.65)
    assert scenes[1].duration_s == 4


def test_an_editor_can_pin_a_scene_transition() -> None:
    def edit(transition: str) -> Decision:
        return Decision.from_resume({"decisions": [{"type": "edit", "edited_action": {
            "args": {"scenes": [{"narration": "One.", "transition": transition}, {"narration": "Two."}]}}}]})

    scenes = review.edited_scenes(edit("cut"), Pace.of_rate(3.0))
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
    scenes = review.edited_scenes(decision, Pace.of_rate(3.0), current)
    assert scenes[0].on_screen_text == "Free shipping on every order"
    assert scenes[1].on_screen_text == "Our stores"


def test_a_rewritten_line_sent_back_with_its_old_length_gets_the_time_its_words_take() -> None:
    # agent-chat-ui sends the review request's scenes back whole: a rewritten line keeps the old line's duration_s.
    current = Storyboard(title="Sale", planner="rules", scenes=[
        Scene(index=0, narration="Our sale.", on_screen_text="Sale", duration_s=1.5),
        Scene(index=1, narration="Shop now.", on_screen_text="Shop", duration_s=1.5)])
    decision = Decision.build(type="edit", scenes=[
        {"narration": "Spring is here, and so is our sale on every jacket.", "duration_s": 1.5},  # echoed
        {"narration": "Shop now.", "duration_s": 1.5}])  # unchanged: its length stays
    scenes = review.edited_scenes(decision, Pace.of_rate(3.0), current)
    assert scenes[0].duration_s == pytest.approx(Pace.of_rate(3.0).seconds(scenes[0].narration) + 0.65, abs=1e-3)
    assert scenes[0].duration_s > 3 and scenes[1].duration_s == 1.5
    chosen = Decision.build(type="edit", scenes=[{"narration": "Spring is here, and so is our sale.",
                                                  "duration_s": 6}, {"narration": "Shop now."}])
    assert review.edited_scenes(chosen, Pace.of_rate(3.0), current)[0].duration_s == 6  # a length the editor chose


def _board(*lines: str) -> Storyboard:
    return Storyboard(title="Sale", planner="rules", scenes=[
        Scene(index=i, narration=line, on_screen_text=f"H{i}", visual="card", duration_s=5.0)
        for i, line in enumerate(lines)])


def test_an_editors_scenes_are_remembered_across_edits() -> None:
    before = _board("Hook.", "Fact one.", "Fact two.", "Shop now.")
    first = [*before.scenes[:1], before.scenes[1].model_copy(update={"narration": "My own line."}), *before.scenes[2:]]
    edits = review.remembered_edits([], before, first)
    assert [(e.index, e.narration) for e in edits] == [(1, "My own line.")]
    after = _board("Hook.", "My own line.", "Fact two.", "Shop now.")
    second = [*after.scenes[:3], after.scenes[3].model_copy(update={"on_screen_text": "Today only"})]
    assert [e.index for e in review.remembered_edits(edits, after, second)] == [1, 3]


def test_a_replan_keeps_the_editors_scenes_in_place_and_the_total_length() -> None:
    edits = [Scene(index=1, narration="My own line about the sale.", on_screen_text="Mine", visual="card",
                   duration_s=3.0),
             Scene(index=5, narration="Call us at the store today.", on_screen_text="Call", visual="card",
                   duration_s=3.0)]
    replanned = _board("A new hook.", "New fact.", "Shop now.")
    kept = review.keep_edits(replanned, edits, "make it shorter", Pace.of_rate(2.6))
    assert [s.narration for s in kept.scenes] == ["A new hook.", "My own line about the sale.",
                                                  "Call us at the store today."]
    assert [s.index for s in kept.scenes] == [0, 1, 2] and kept.duration_s == pytest.approx(replanned.duration_s)


@pytest.mark.parametrize("feedback", ["Start over, this is all wrong", "discard my edits", "ignore the changes",
                                      "from scratch please"])
def test_feedback_can_say_to_start_over(feedback: str) -> None:
    edits = [Scene(index=1, narration="Mine.", on_screen_text="Mine", visual="card", duration_s=3.0)]
    replanned = _board("Hook.", "Fact.", "Shop now.")
    assert review.keep_edits(replanned, edits, feedback, Pace.of_rate(2.6)) == replanned


def test_an_edit_that_says_what_the_feedback_leaves_out_is_not_kept() -> None:
    edits = [Scene(index=1, narration="Only $40 this week.", on_screen_text="$40", visual="card", duration_s=3.0)]
    replanned = _board("Hook.", "Fact.", "Shop now.")
    assert review.keep_edits(replanned, edits, "don't mention the price", Pace.of_rate(2.6)) == replanned
