"""The render spec: segments tile the timeline exactly, and segment keys change only where pixels change."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from aios.kernel.schemas import WordTiming
from aios.tools.render.spec import (
    AudioSpec,
    Cue,
    Motion,
    RenderSpec,
    SceneSpec,
    Transition,
    segments,
)
from tests.support.render import TINY


def spec(tmp_path: Path, kinds: tuple[str, ...] = ("fade", "slide", "cut")) -> RenderSpec:
    scenes, start = [], 0
    for i, kind in enumerate((*kinds, "cut")):
        frames = 6 if kind != "cut" and i < len(kinds) else 0
        scenes.append(SceneSpec(image=f"{i}.png", image_sha=f"sha{i}", start=start, frames=30 + frames,
                                motion=Motion(), transition_out=Transition(kind, frames)))  # type: ignore[arg-type]
        start += 30
    cue = Cue(1.0, 2.0, "Hello there", (WordTiming("Hello", 1.0, 1.4), WordTiming("there", 1.4, 2.0)))
    return RenderSpec(size=(180, 320), profile=TINY, scenes=tuple(scenes), cues=(cue,),
                      audio=AudioSpec(narration=()), title="t")


def test_segments_tile_the_timeline_without_gaps_or_overlaps(tmp_path: Path) -> None:
    made = spec(tmp_path)
    parts = segments(made)
    assert made.frames == 120
    cursor = 0
    for part in parts:
        assert part.start == cursor and part.frames > 0
        cursor += part.frames
    assert cursor == made.frames
    kinds = [p.transition.kind for p in parts if len(p.layers) == 2]
    assert kinds == ["fade", "slide"], "a cut needs no transition segment"


def test_a_transition_segment_shows_the_end_of_one_scene_and_the_start_of_the_next(tmp_path: Path) -> None:
    parts = segments(spec(tmp_path))
    fade = parts[1]
    assert (fade.start, fade.frames) == (30, 6)
    assert [(layer.scene, layer.offset) for layer in fade.layers] == [(0, 30), (1, 0)]
    assert parts[2].layers[0].offset == 6, "the next body starts where its fade-in ended"


def test_keys_change_only_for_segments_whose_pixels_change(tmp_path: Path) -> None:
    made = spec(tmp_path)
    before = [p.key(made, "libx264") for p in segments(made)]
    assert len(set(before)) == len(before)
    new_picture = replace(made, scenes=(*made.scenes[:2], replace(made.scenes[2], image_sha="edited"),
                                        made.scenes[3]))
    after = [p.key(new_picture, "libx264") for p in segments(new_picture)]
    changed = [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert changed == [3, 4], "the slide into scene 2 and scene 2's body"
    assert segments(made)[0].key(made, "h264_nvenc") != before[0], "the encoder is part of the key"
