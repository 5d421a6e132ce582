"""Captions: phrase chunks, cues from word timings, the moving highlight, SRT/VTT, and the safe area."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from aios.kernel.schemas import WordTiming
from aios.tools.render.captions import LIT, caption_y, chunk, cues, draw_cue, states, to_srt, to_vtt
from aios.tools.render.profiles import frame_size, safe_area

TEXT = "Spring is here, and so are our biggest savings of the season. Shop today!"


def words(text: str, start: float = 1.0, step: float = 0.4) -> list[WordTiming]:
    return [WordTiming(w, round(start + n * step, 3), round(start + n * step + 0.3, 3))
            for n, w in enumerate(text.split())]


def test_chunks_are_short_and_keep_every_word() -> None:
    parts = chunk(TEXT)
    assert " ".join(parts) == TEXT
    assert all(len(p.split()) <= 7 and len(p) <= 42 for p in parts)


def test_a_short_lead_phrase_joins_the_next() -> None:
    assert chunk("Tea, brewed fresh every morning.") == ["Tea, brewed fresh every morning."]


def test_cues_start_on_their_first_word_and_last_until_the_next() -> None:
    timed = words(TEXT)
    made = cues(TEXT, timed, until=20.0)
    assert [c.text for c in made] == chunk(TEXT)
    assert made[0].start == timed[0].start
    assert all(a.end == b.start for a, b in itertools.pairwise(made))
    assert made[-1].end == pytest.approx(timed[-1].end + 0.35)
    assert sum(len(c.words) for c in made) == len(timed)


def test_the_last_cue_never_outlives_its_scene() -> None:
    timed = words("Shop today!")
    assert cues("Shop today!", timed, until=1.8)[-1].end == 1.8


def test_word_timings_must_match_the_narration() -> None:
    with pytest.raises(ValueError, match="do not match"):
        cues("Two words", words("Three words here"), until=9)


def test_each_word_is_lit_while_it_is_spoken() -> None:
    cue = cues("Fresh styles daily", words("Fresh styles daily"), until=9)[0]
    spans = states(cue)
    assert [lit for _, _, lit in spans] == [0, 1, 2]
    assert spans[0][0] == cue.start and spans[-1][1] == cue.end
    assert all(a[1] == b[0] for a, b in itertools.pairwise(spans))


def test_srt_and_vtt_formats() -> None:
    made = cues("Hello there.", words("Hello there.", start=61.5), until=70)
    assert to_srt(made) == "1\n00:01:01,500 --> 00:01:02,550\nHello there.\n"
    assert to_vtt(made) == "WEBVTT\n\n00:01:01.500 --> 00:01:02.550\nHello <00:01:01.900>there.\n"


def test_the_lit_word_is_drawn_in_the_highlight_colour(tmp_path: Path) -> None:
    size = frame_size("9:16", "preview")
    plain = np.asarray(Image.open(draw_cue("Fresh styles", size, tmp_path / "a.png")).convert("RGB")).astype(int)
    lit = np.asarray(Image.open(draw_cue("Fresh styles", size, tmp_path / "b.png", lit=1)).convert("RGB")).astype(int)
    yellow = np.abs(lit - np.array(LIT[:3])).sum(axis=2) < 60
    assert not (np.abs(plain - np.array(LIT[:3])).sum(axis=2) < 60).any()
    columns = np.flatnonzero(yellow.any(axis=0))
    assert columns.min() > lit.shape[1] / 2, "the second word, on the right, is the lit one"


@pytest.mark.parametrize("aspect", ["16:9", "9:16", "1:1", "4:5"])
def test_captions_stay_inside_the_safe_area(aspect: str, tmp_path: Path) -> None:
    size = frame_size(aspect, "final")
    left, top, right, bottom = safe_area(size)
    long_line = "Our biggest spring savings of the whole season"
    with Image.open(draw_cue(long_line, size, tmp_path / "c.png")) as image:
        width, height = image.size
    y = caption_y(size, height)
    assert (size[0] - width) // 2 >= left and (size[0] + width) // 2 <= size[0] - right
    assert y >= top and y + height == size[1] - bottom


def test_caption_presets_draw_what_they_say(tmp_path: Path) -> None:
    size = frame_size("9:16", "preview")

    def pixels(name: str, lit: int, style: str, scale: str = "medium") -> np.ndarray:
        return np.asarray(Image.open(draw_cue("Fresh spring styles", size, tmp_path / f"{name}.png", lit, style,
                                              scale)).convert("RGBA")).astype(int)

    boxed, outline = pixels("boxed", -1, "boxed"), pixels("outline", 1, "outline")
    assert boxed[2, boxed.shape[1] // 2, 3] > 0 and outline[0, 0, 3] == 0  # a box, and none around outlined words
    white = (outline[..., :3].min(axis=2) > 230) & (outline[..., 3] > 200)
    dark = (outline[..., :3].max(axis=2) < 40) & (outline[..., 3] > 200)
    assert white.any() and dark.sum() > white.sum() * 0.2  # white words with a dark stroke
    assert not (np.abs(boxed[..., :3] - np.array(LIT[:3])).sum(axis=2) < 60).any()  # boxed: no highlight
    first, last = pixels("pop0", 0, "pop"), pixels("pop2", 2, "pop")
    assert first.shape == last.shape  # the box is full size from the first word: nothing jumps

    def inked(a: np.ndarray) -> int:
        return int((a[..., :3].max(axis=2) > 200).sum())

    assert 0 < inked(first) < inked(last) * 0.6  # one word, then all three
    assert pixels("large", -1, "highlight", "large").shape[0] > pixels("small", -1, "highlight", "small").shape[0]
