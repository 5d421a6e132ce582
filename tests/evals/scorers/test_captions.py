"""Caption sync on constructed cues and recognized words with known offsets."""

from __future__ import annotations

from pathlib import Path

from aios.evals.scorers.captions import Cue, cue_offsets, read_srt
from aios.kernel.schemas import WordTiming


def heard(*items: tuple[str, float]) -> list[WordTiming]:
    return [WordTiming(text, start, start + 0.2) for text, start in items]


def test_known_offsets_late_early_and_exact() -> None:
    cues = [Cue(0.5, "Our spring sale"), Cue(2.0, "is on now."), Cue(3.5, "Twenty percent off!")]
    words = heard(("Our", 0.4), ("spring", 0.7), ("sale", 1.1), ("is", 2.2), ("on", 2.4), ("now.", 2.6),
                  ("20%", 3.5), ("off!", 3.9))
    assert cue_offsets(cues, words) == [0.1, -0.2, 0.0]  # late, early, exact ("20%" is heard as twenty)


def test_repeated_words_align_in_place_and_unheard_cues_are_left_out() -> None:
    cues = [Cue(0.0, "Shop now."), Cue(1.0, "Really, shop now."), Cue(2.0, "Mumbled words"), Cue(3.0, "Shop now.")]
    words = heard(("shop", 0.05), ("now", 0.3), ("really", 1.1), ("shop", 1.5), ("now", 1.7),
                  ("shop", 3.2), ("now", 3.4))
    assert cue_offsets(cues, words) == [-0.05, -0.1, -0.2]


def test_a_cue_starting_inside_a_recognized_token_has_no_start_of_its_own() -> None:
    cues = [Cue(1.0, "Tickets cost 199"), Cue(2.6, "dollars until July.")]
    words = heard(("tickets", 1.1), ("cost", 1.4), ("$199", 1.7), ("until", 2.7), ("July", 3.0))
    assert cue_offsets(cues, words) == [-0.1]  # "dollars" is heard only as part of "$199"


def test_srt_cues_are_read_in_order(tmp_path: Path) -> None:
    path = tmp_path / "a.srt"
    path.write_text("1\n00:00:00,350 --> 00:00:02,050\nOur spring sale\n\n2\n00:00:03,433 --> 00:00:06,133\n"
                    "is on.\n", encoding="utf-8")
    assert read_srt(path) == [Cue(0.35, "Our spring sale"), Cue(3.433, "is on.")]
