"""Rules planner: deterministic, paced to the target, built from brief facts and source text."""

from __future__ import annotations

import pytest

from aios.agent.planners import PlanRequest
from aios.agent.planners.base import word_budget
from aios.agent.planners.rules import RulesPlanner, brief_facts
from aios.kernel.schemas import Brief
from aios.tools.assets import inspect_image
from aios.tools.text import word_count

SOURCE = ("Starting in January, every employee gets 25 vacation days. Unused days roll over for "
          "one year. Requests must be made two weeks ahead in the HR portal. Managers approve "
          "requests within three days. The old policy ends on December 31.")


def brief(**overrides: object) -> Brief:
    fields: dict[str, object] = {
        "text": "A 30-second vertical video announcing our spring sale, upbeat. "
                "Mention that everything is 40% off until Sunday.",
        "subject": "our spring sale", "duration_s": 30, "aspect": "9:16", "tone": "upbeat"}
    return Brief.model_validate({**fields, **overrides})


def test_same_request_same_storyboard() -> None:
    planner = RulesPlanner()
    assert planner.plan(PlanRequest(brief(), [])) == planner.plan(PlanRequest(brief(), []))


def test_hook_facts_and_call_to_action_in_order() -> None:
    storyboard = RulesPlanner().plan(PlanRequest(brief(call_to_action="Shop in store today"), []))
    lines = [s.narration for s in storyboard.scenes]
    assert lines[0] == "Our spring sale is on now!"
    assert "Everything is 40% off until Sunday." in lines
    assert lines[-1] == "Shop in store today."
    assert storyboard.planner == "rules"


def test_folding_lines_into_fewer_scenes_keeps_every_fact_once() -> None:
    text = ("A 15-second square video for our new cold brew, upbeat. The cold brew is steeped for 18 hours. "
            "It costs 4 dollars this week.")
    storyboard = RulesPlanner().plan(PlanRequest(brief(text=text, subject="our new cold brew", duration_s=15,
                                                       aspect="1:1"), []))
    said = " ".join(s.narration for s in storyboard.scenes)
    assert said.count("steeped for 18 hours") == 1 and said.count("It costs 4 dollars this week.") == 1


def test_ratios_and_times_are_not_labels() -> None:
    facts = brief_facts(brief(text="A 30-second 4:5 video for our bakery, calm. We open at 7:30 every day. "
                                   "Video notes: free coffee on Fridays"))
    assert facts == ["We open at 7:30 every day.", "Free coffee on Fridays."]


@pytest.mark.parametrize("duration", [10, 30, 60, 120])
def test_durations_add_up_and_words_fit_the_budget(duration: int) -> None:
    storyboard = RulesPlanner().plan(PlanRequest(brief(duration_s=duration, source_text=SOURCE), []))
    assert storyboard.duration_s == pytest.approx(duration, abs=0.01)
    words = sum(word_count(s.narration) for s in storyboard.scenes)
    assert words <= word_budget(duration, len(storyboard.scenes), 2.6) * 1.2
    assert all(s.duration_s > 0 for s in storyboard.scenes)


def test_source_text_is_summarized_in_order() -> None:
    storyboard = RulesPlanner().plan(PlanRequest(
        brief(text="A 45-second explainer on the new vacation policy", subject="the new vacation policy",
              duration_s=45, aspect="16:9", tone="neutral", source_text=SOURCE), []))
    text = " ".join(s.narration for s in storyboard.scenes)
    assert "25 vacation days" in text
    assert text.index("25 vacation days") < text.index("December 31")
    assert "explainer" not in text.lower()


def test_feedback_removes_what_the_reviewer_named_and_rewords() -> None:
    first = RulesPlanner().plan(PlanRequest(brief(), []))
    second = RulesPlanner().plan(PlanRequest(brief(), [], feedback="don't mention Sunday",
                                             revision=1))
    assert any("Sunday" in s.narration for s in first.scenes)
    assert not any("Sunday" in s.narration for s in second.scenes)
    assert second.revision == 1
    assert first.scenes[1].narration != second.scenes[1].narration


def test_supplied_asset_goes_to_the_matching_scene(photo: object) -> None:
    asset = inspect_image(str(photo))
    storyboard = RulesPlanner().plan(PlanRequest(brief(), [asset]))
    assert storyboard.scenes[0].asset == asset.path
