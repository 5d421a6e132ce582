"""Spoken forms: what the narrator says for times, ranges, phone numbers and addresses written in the copy."""

from __future__ import annotations

import pytest

from aios.tools.tts.spoken import say, speakable


@pytest.mark.parametrize(("written", "said"), [
    ("8am-8pm,", "8 a.m. to 8 p.m.,"),
    ("9am-5:30pm", "9 a.m. to 5:30 p.m."),
    ("10-11am", "10 to 11 a.m."),
    ("10:30am", "10:30 a.m."),
    ("Mon-Fri.", "Monday to Friday."),
    ("Monday–Friday", "Monday to Friday"),
    ("555-0142", "5 5 5, 0 1 4 2"),
    ("+1-555-010-0142.", "1, 5 5 5, 0 1 0, 0 1 4 2."),
    ("benefits@example.com.", "benefits at example dot com."),
    ("aurora.example.com.", "aurora dot example dot com."),
    ("https://www.aurora.example.com/spring", "aurora dot example dot com slash spring"),
    ("24/7", "24 7"),
    ("(e.g.", "(for example"),
    ("&", "and"),
])
def test_written_forms_are_said_in_full(written: str, said: str) -> None:
    assert say(written) == said


@pytest.mark.parametrize("written", ["401(k)", "2024-2025", "2024-25", "$4.50", "well-known", "10-12", "St.", "5%",
                                     "May", "3.5", "v2.0"])
def test_forms_the_engines_read_well_are_left_alone(written: str) -> None:
    assert say(written) == written


def test_each_written_word_knows_how_many_spoken_words_it_became() -> None:
    spoken = speakable("Open 8am-8pm at aurora.example.com today.")
    assert spoken.text == "Open 8 a.m. to 8 p.m. at aurora dot example dot com today."
    assert spoken.spans == (1, 5, 1, 5, 1)
    assert sum(spoken.spans) == len(spoken.text.split())


def test_other_languages_are_left_to_their_engine() -> None:
    assert speakable("Abierto 8am-8pm en tienda.example.com", "es").text == "Abierto 8am-8pm en tienda.example.com"
