"""Text scorers on constructed cases with known answers."""

from __future__ import annotations

import pytest

from aios.evals.scorers.text import coverage, mentions, normalize, word_errors


def test_normalization_makes_written_and_spoken_forms_equal() -> None:
    assert normalize("Everything is 20% off on March 3rd at 5 p.m.!") == \
        "everything is twenty percent off on march third at five pm".split()
    assert normalize("It's $1,900 & free") == "its one thousand nine hundred dollars and free".split()
    assert normalize("twenty-six") == normalize("26") == ["twenty", "six"]


def test_a_known_word_error_rate() -> None:
    reference = "the quick brown fox jumps over the lazy dog today"  # 10 words
    heard = "the quick brown box jumps over lazy dog today again"  # 1 substitution, 1 deletion, 1 insertion
    errors = word_errors(reference, heard)
    assert (errors.substitutions, errors.deletions, errors.insertions, errors.words) == (1, 1, 1, 10)
    assert errors.wer == 0.3
    assert word_errors("Tickets are 40 dollars.", "tickets are forty dollars").wer == 0.0
    assert word_errors("one two", "").wer == 1.0  # nothing heard: every word deleted
    with pytest.raises(ValueError, match="no words"):
        word_errors("...", "hello")


def test_coverage_counts_facts_said_in_order() -> None:
    assert mentions("20% off", "Everything is twenty percent off")
    assert not mentions("off 20%", "Everything is twenty percent off")
    assert coverage(["20% off", "Sunday", "free coffee"], "20 percent off until Sunday") == (0.6667, ["free coffee"])
    assert coverage([], "anything") == (1.0, [])


def test_times_read_alike_however_the_recognizer_spaces_them() -> None:
    said = normalize("We open at 9 am and close at 6 pm.")
    assert normalize("We open at 9 a .m. and close at 6 p .m.") == said == normalize("We open at 9am and close at 6pm.")
    assert normalize("I am here") == ["i", "am", "here"]
