"""Filling the time: what the rules planner adds when the brief's facts leave the video quiet, and what it never
adds (filler, invented facts, more words than fit)."""

from __future__ import annotations

import pytest

from aios.agent.planners.base import PlanRequest
from aios.agent.planners.fill import Draft, bare, fill, thin
from aios.agent.planners.rules import RulesPlanner
from aios.agent.planners.steps import actions, as_steps
from aios.evals.scorers.copy import fillers
from aios.kernel.schemas import Brief, Scene, Storyboard
from aios.tools.text import word_count
from aios.tools.tts.pace import Pace

WORDS = Pace.of_rate(1.0)  # a second a word: budgets below read as words

SALE = Draft(scenes=[["Ready to save? Our spring sale is on."], ["Everything is 20% off until Sunday."],
                     ["Jackets start at $49."], ["Visit any store or shop online."]], facts={1, 2})


def added(before: Draft, after: Draft) -> list[str]:
    return [s for scene in after.scenes for s in scene if s not in {t for x in before.scenes for t in x}]


def test_additions_restate_the_briefs_figures_and_deadline_and_close_with_the_subject() -> None:
    filled = fill(SALE, 60, WORDS, subject="our spring sale", intent="promote", language="en", seed="a")
    lines = filled.lines()
    assert lines[0] == "Ready to save? Our spring sale is on."
    assert lines[1].startswith("Everything is 20% off until Sunday.") and "20% off" in lines[1][35:]
    assert "Sunday" in lines[1][35:], "the deadline is urged where it is said"
    assert lines[2].endswith("$49.") and lines[2].count("$49") == 1, "one figure is stressed per video, not each"
    assert lines[3].startswith("Visit any store or shop online.") and "spring sale" in lines[3].lower()
    assert SALE.seconds(WORDS, "en") < filled.seconds(WORDS, "en") <= 60


def test_a_figure_the_recap_repeats_is_not_stressed_again_and_a_date_is_said_once_more_at_most() -> None:
    draft = Draft(scenes=[["Hook."], ["Leave grows to 16 weeks."], ["Enrollment closes November 30."],
                          ["Remember: 16 weeks, November 30."], ["Ask HR."]], facts={1, 2})
    said = " ".join(fill(draft, 80, WORDS, subject="benefits", intent="explain", language="en", seed="f").lines())
    assert said.count("16 weeks") == 2 and said.count("November 30") == 3  # fact, recap; fact, urgency, recap
    assert "Mark your calendar" not in said, "the deadline is urged once, not also put on the calendar"


def test_nothing_added_is_filler() -> None:
    brief = "Our spring sale is on. Everything is 20% off until Sunday. Jackets start at $49."
    filled = fill(SALE, 80, WORDS, subject="our spring sale", intent="promote", language="en", seed="b")
    assert added(SALE, filled)
    assert fillers(filled.lines(), brief, call_to_action="Visit any store or shop online.") == []


@pytest.mark.parametrize("budget", [10, 24, 30, 36, 45, 200])
def test_fill_never_says_more_than_fits(budget: int) -> None:
    filled = fill(SALE, budget, WORDS, subject="our spring sale", intent="promote", language="en", seed="c")
    assert filled.seconds(WORDS, "en") <= max(budget, SALE.seconds(WORDS, "en"))
    assert all(any(s in line for line in filled.lines()) for scene in SALE.scenes for s in scene), "no fact is lost"


def test_each_sentence_added_costs_its_pause_too() -> None:
    paused = Pace(word_s=1.0, sentence_s=3.0)  # a slow breather: every added sentence costs 3 s more
    for budget in (30, 45, 60):
        filled = fill(SALE, budget, paused, subject="our spring sale", intent="promote", language="en", seed="c")
        assert filled.seconds(paused, "en") <= max(budget, SALE.seconds(paused, "en"))
    assert len(added(SALE, fill(SALE, 45, paused, subject="our spring sale", intent="promote", language="en",
                                seed="c"))) < len(added(SALE, fill(SALE, 45, WORDS, subject="our spring sale",
                                                                   intent="promote", language="en", seed="c")))


def test_a_draft_that_fills_its_time_is_left_as_it_is() -> None:
    budget = SALE.seconds(WORDS, "en") + 1
    assert fill(SALE, budget, WORDS, subject="x", intent="promote", language="en", seed="d") == SALE


def test_later_facts_are_linked_each_connector_once_and_headlines_skip_them() -> None:
    draft = Draft(scenes=[["Hook."], ["Dental covers braces."], ["Leave grows to 16 weeks."], ["The match is 5%."],
                          ["Enrollment closes soon."], ["Ask HR."]], facts={1, 2, 3, 4})
    linked = fill(draft, 60, WORDS, subject="benefits", intent="explain", language="en", seed="e").lines()
    links = [line.split(":")[0] for line in linked[2:5]]
    assert len(set(links)) == 3 and links[-1] in ("And finally", "One more thing", "Last but not least")
    assert linked[1].startswith("Dental") and bare(linked[3], "en").startswith("The match is 5%.")


def test_a_plan_fills_more_of_a_sparse_brief_than_its_facts_alone() -> None:
    text = "Announce our spring sale, upbeat. Everything is 20% off until Sunday. Visit any store or shop online."
    brief = Brief(text=text, subject="our spring sale", duration_s=20, aspect="9:16", tone="upbeat")
    said = " ".join(s.narration for s in RulesPlanner().plan(PlanRequest(brief, [])).scenes)
    facts = "Everything is 20% off until Sunday. Visit any store or shop online."
    assert word_count(said) >= 2 * word_count(facts) and "Announce" not in said


@pytest.mark.parametrize(("instruction", "steps"), [
    ("Release the latch, fold the frame and lock it in 10 seconds.",
     ["Release the latch", "fold the frame", "lock it in 10 seconds"]),
    ("Open Settings, tap Security, then choose Reset password.",
     ["Open Settings", "tap Security", "choose Reset password"]),
    ("Give up to 5 back blows, then call 112.", ["Give up to 5 back blows", "call 112"]),
])
def test_chained_instructions_become_steps(instruction: str, steps: list[str]) -> None:
    assert actions(instruction) == steps


@pytest.mark.parametrize("sentence", ["Glass goes in the green bin and paper goes in the blue bin.",
                                      "Bring salt and pepper.", "Keynotes, workshops and an awards dinner.",
                                      "The latch opens and the frame folds."])
def test_statements_and_lists_are_not_steps(sentence: str) -> None:
    assert actions(sentence) == [sentence]


def test_steps_are_said_in_order() -> None:
    assert as_steps(["Hold the badge to the reader and enter your 4-digit PIN.", "It takes a second."]) == [
        "First, hold the badge to the reader.", "Then, enter your 4-digit PIN.", "It takes a second."]


def test_the_editor_is_told_when_the_brief_is_too_thin_for_its_length() -> None:
    def board(words: int, seconds: float) -> Storyboard:
        return Storyboard(title="T", planner="rules", scenes=[
            Scene(index=0, narration=" ".join(["word"] * words), on_screen_text="T", visual="card",
                  duration_s=seconds)])

    note = thin(board(26, 45.0), Pace.of_rate(2.6))  # 10 s of speech in 45 s
    assert note is not None and "about 22%" in note and "about 12 s" in note
    assert thin(board(90, 45.0), Pace.of_rate(2.6)) is None


def test_a_second_call_to_action_does_not_repeat_the_first_ones_words() -> None:
    draft = Draft(scenes=[["Big news."], ["Everything is 20% off."], ["Don't wait: shop today."]], facts={1})
    closing = fill(draft, 60, WORDS, subject="our sale", intent="promote", language="en", seed="g").scenes[-1]
    assert all("today" not in line.lower() and "shop" not in line.lower() for line in closing[1:])
