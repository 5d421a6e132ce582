"""A voice's pace: measured from its own reference lines, it predicts how long new lines take to say."""

from __future__ import annotations

from pathlib import Path

import pytest

from aios.kernel.settings import Settings
from aios.tools.tts import get_speech_engine
from aios.tools.tts.pace import REFERENCE, Pace, measure

# Lines that are not among the reference lines, as a planner writes them.
FRESH = {
    "en": ["Dental now covers orthodontics for children.", "Parental leave grows to 16 weeks. Ask HR today.",
           "The Aurora weighs 9 kilograms and folds in 10 seconds.", "Thanks for watching. See you there!"],
    "de": ["Die Zahnversicherung zahlt jetzt auch Zahnspangen.", "Die Elternzeit wächst auf 16 Wochen.",
           "Das Rad wiegt 9 Kilo. Es faltet sich in 10 Sekunden.", "Danke fürs Zuschauen."],
}


def test_seconds_count_words_as_said_and_a_pause_a_sentence() -> None:
    pace = Pace(word_s=0.3, sentence_s=0.5)
    assert pace.seconds("One two three.") == pytest.approx(0.9 + 0.5)
    assert pace.seconds("One two. Three.") == pytest.approx(0.9 + 1.0)
    assert pace.seconds("It costs $1,900.") > pace.seconds("It costs much.")  # the number is five words said
    assert pace.seconds("  ") == 0


def test_a_rate_reads_back_and_sets_how_many_words_fit() -> None:
    assert Pace.of_rate(2.5).words_per_second == pytest.approx(2.5)
    pace = Pace(word_s=0.27, sentence_s=0.5)
    assert pace.words_in(10.0) == int(10.0 * pace.words_per_second)
    assert 3.0 < pace.words_per_second < 3.3


def test_every_language_the_planner_writes_has_reference_lines_of_varied_shape() -> None:
    assert set(REFERENCE) == {"en", "es", "fr", "de", "pt", "it"}
    for lines in REFERENCE.values():
        assert len(lines) == len(REFERENCE["en"])
        assert {line.count(".") + line.count("!") for line in lines} >= {1, 2, 3}


def _mean_error(pace: Pace, engine: object, language: str, folder: Path) -> float:
    errors = []
    for i, line in enumerate(FRESH[language]):
        said = engine.synthesize(line, folder / f"{i}.wav", language=language)  # type: ignore[attr-defined]
        errors.append(abs(pace.seconds(line, language) - said) / said)
    return sum(errors) / len(errors)


@pytest.mark.parametrize(("name", "language"), [("hibari", "en"), ("espeak", "en"), ("espeak", "de")])
def test_a_measured_pace_predicts_new_lines(name: str, language: str, tmp_path: Path) -> None:
    engine = get_speech_engine(name, language if name == "espeak" else None, Settings(home=tmp_path))
    pace = measure(engine, language)
    assert 0.1 < pace.word_s < 0.6 and pace.sentence_s >= 0
    assert _mean_error(pace, engine, language, tmp_path) < 0.2
    assert _mean_error(Pace.of_rate(1.5), engine, language, tmp_path) > 0.4  # a wrong pace is told apart


def test_a_language_without_reference_lines_is_a_key_error(tmp_path: Path) -> None:
    engine = get_speech_engine("espeak", "ja", Settings(home=tmp_path))
    with pytest.raises(KeyError):
        measure(engine, "ja")
