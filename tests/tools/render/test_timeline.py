"""Timeline: scenes follow real audio lengths in whole frames and never cut speech."""

from __future__ import annotations

import pytest

from aios.tools.render.timeline import GAP_S, SceneInput, place, total_frames


def scene(audio_s: float, planned_s: float) -> SceneInput:
    return SceneInput(image="i.png", audio="a.wav", audio_s=audio_s, planned_s=planned_s, narration="x")


def test_planned_length_holds_when_speech_is_shorter() -> None:
    placements = place([scene(2.0, 5.0), scene(1.0, 4.0)], fps=30)
    assert [p.length for p in placements] == [150, 120]
    assert placements[1].start == 150
    assert total_frames(placements) == 270


def test_scene_grows_to_fit_longer_speech_in_whole_frames() -> None:
    placements = place([scene(6.0, 4.0), scene(1.0, 3.0)], fps=24)
    first = placements[0]
    assert first.speech_start + first.speech_s + GAP_S <= first.length / 24 + 1e-9
    assert isinstance(first.length, int) and placements[1].start == first.length


def test_later_scenes_speak_after_the_transition_has_begun() -> None:
    placements = place([scene(1.0, 3.0), scene(1.0, 3.0)], fps=30, transition_s=0.5)
    assert placements[1].speech_start - placements[1].start / 30 >= 0.3 - 1e-9


def test_a_scene_that_needs_more_time_takes_it_from_scenes_with_time_to_spare() -> None:
    planned = [scene(1.0, 4.0), scene(3.5, 3.0), scene(1.0, 3.0)]  # the middle one needs 0.3 + 3.5 + 0.35 s
    placements = place(planned, fps=30)
    assert total_frames(placements) == pytest.approx(300, abs=2), "the video keeps its planned 10 s"
    middle = placements[1]
    assert middle.speech_start + middle.speech_s + GAP_S <= (middle.start + middle.length) / 30 + 1e-9
    assert placements[0].length < 120 and placements[2].length < 90
    for placed, given in zip(placements, planned, strict=True):  # nobody's speech is cut
        assert placed.speech_start + given.audio_s <= (placed.start + placed.length) / 30 + 1e-9


def test_when_no_scene_can_spare_time_the_video_grows() -> None:
    placements = place([scene(3.0, 3.0), scene(3.0, 3.0)], fps=30)
    assert total_frames(placements) > 180
