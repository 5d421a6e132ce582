"""Timeline: scenes follow real audio lengths and never cut speech."""

from __future__ import annotations

from tools.render.timeline import GAP_S, SceneInput, place, total_length


def scene(audio_s: float, planned_s: float) -> SceneInput:
    return SceneInput(image="i.png", audio="a.wav", audio_s=audio_s, planned_s=planned_s,
                      narration="x")


def test_planned_length_holds_when_speech_is_shorter() -> None:
    placements = place([scene(2.0, 5.0), scene(1.0, 4.0)])
    assert [p.length for p in placements] == [5.0, 4.0]
    assert placements[1].start == 5.0
    assert total_length(placements) == 9.0


def test_scene_grows_to_fit_longer_speech() -> None:
    placements = place([scene(6.0, 4.0), scene(1.0, 3.0)])
    first = placements[0]
    assert first.speech_start + first.speech_s + GAP_S <= first.length + 1e-9
    assert placements[1].start == first.length
