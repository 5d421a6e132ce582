"""Copy scorers on the storyboards users saw (issue 22): the brief read aloud is caught, written copy is not."""

from __future__ import annotations

from aios.evals.scorers.copy import (
    directive_echo,
    directive_terms,
    fillers,
    headline_repeats_line,
    speech_fill,
)

HR = "Explain our new 2025 employee benefits to staff. Dental now covers orthodontics for children."


def test_the_directive_and_format_words_of_a_brief_are_found() -> None:
    assert directive_terms(HR) == {"explain"}
    assert directive_terms("A 30-second vertical video announcing our spring sale, upbeat. Everything is "
                           "20% off.") == {"30-second", "vertical", "video", "announcing"}
    assert directive_terms("It tracks your heart rate every second. It folds in 10 seconds.") == set(), \
        "facts are not directives"
    assert directive_terms("45 seconds about our bakery.") == {"45-seconds"}
    assert directive_terms("Tell your manager 8 weeks ahead.") == set(), "an instruction to the viewer is a fact"


def test_a_brief_read_aloud_echoes_its_directive() -> None:
    read_aloud = ["Here's what you need to know about our new 2025 employee benefits to staff.",
                  "Explain our new 2025 employee benefits to staff."]
    assert directive_echo(HR, read_aloud) == ["explain"]
    written = ["Your benefits just got better in 2025.", "Dental now covers braces for your children."]
    assert directive_echo(HR, written) == []


def test_sentences_that_carry_nothing_from_the_brief_are_fillers() -> None:
    lines = ["Here's what you need to know about our new benefits.",
             "Dental now covers orthodontics for children. Here are the key points in plain language.",
             "Take a moment to read the details, so nothing catches you by surprise.",
             "Questions? Reach out to your team."]
    assert fillers(lines, HR, call_to_action="Ask HR") == [
        "Here are the key points in plain language.",
        "Take a moment to read the details, so nothing catches you by surprise."]
    assert fillers(lines[:2], HR) == []


def test_a_headline_made_of_the_lines_first_words_repeats_it() -> None:
    assert headline_repeats_line("Announce our spring sale", "Announce our spring sale: 20% off everything.")
    assert not headline_repeats_line("20% off", "Everything in store is 20% off until Sunday.")
    assert not headline_repeats_line("", "Anything.")


def test_speech_fill_is_spoken_over_video_seconds() -> None:
    assert speech_fill(18.0, 60.0) == 0.3 and speech_fill(1.0, 0.0) is None
