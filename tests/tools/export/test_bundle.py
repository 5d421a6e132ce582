"""A cut's timeline and its export bundles, read back with the same OpenTimelineIO adapters: tracks, clip order,
frame-exact durations, transitions, caption markers, and media that resolve inside the bundle."""

from __future__ import annotations

import zipfile
from dataclasses import replace
from pathlib import Path

import opentimelineio as otio
import pytest

from aios.kernel.errors import InvalidInput
from aios.kernel.schemas import WordTiming
from aios.tools.export import capcut, timeline
from aios.tools.export.bundle import FORMATS, export
from aios.tools.render.build import build_spec
from aios.tools.render.spec import RenderSpec
from aios.tools.render.timeline import SceneInput
from tests.support.render import TINY, speech, still

SIZE = (180, 320)
LINES = ["Spring sale today", "Fresh styles", "Visit us soon"]
TRANSITIONS = ["fade", "slide", "cut"]


def make_spec(work: Path, music: str | None = None) -> RenderSpec:
    scenes = []
    for i, text in enumerate(LINES):
        words = [(w, 0.05 + 0.3 * n, 0.3 + 0.3 * n) for n, w in enumerate(text.split())]
        audio = speech(work / f"speech{i}.wav", [(b, e) for _, b, e in words], words[-1][2] + 0.05)
        scenes.append(SceneInput(image=still(work / f"still{i}.png", SIZE, (40 * i, 90, 200)), audio=audio,
                                 audio_s=words[-1][2] + 0.05, planned_s=2.0, narration=text,
                                 words=tuple(WordTiming(*w) for w in words),
                                 transition=TRANSITIONS[i], motion=i))  # type: ignore[arg-type]
    # At a rate NLEs' timecode knows (FCP7 XML writes SMPTE timecode): the product's profiles run at 30 fps.
    return build_spec(scenes, size=SIZE, profile=replace(TINY, fps=30), title="Spring sale", music=music)


def test_the_timeline_is_frame_exact_with_the_render_spec(tmp_path: Path) -> None:
    spec = make_spec(tmp_path, music=speech(tmp_path / "bed.wav", [(0.0, 5.0)], 6.0))
    cut = timeline.build(spec)
    pictures, voice, bed = cut.tracks
    assert [t.name for t in cut.tracks] == ["Pictures", "Narration", "Music"]
    assert pictures.duration().to_frames() == spec.frames == bed.duration().to_frames()
    assert [c.name for c in pictures.find_clips()] == ["Scene 1", "Scene 2", "Scene 3"]
    assert [c.media_reference.target_url for c in pictures.find_clips()] == [s.image for s in spec.scenes]
    transitions = [t for t in pictures if isinstance(t, otio.schema.Transition)]
    overlaps = [a.start + a.frames - b.start for a, b in zip(spec.scenes, spec.scenes[1:], strict=False)]
    assert [t.metadata["aios"]["kind"] for t in transitions] == ["fade", "slide"][: len(transitions)]
    assert [(t.in_offset + t.out_offset).to_frames() for t in transitions] == [o for o in overlaps if o > 0]
    for clip, scene in zip(pictures.find_clips(), spec.scenes, strict=True):  # each clip's media covers its range
        used = clip.source_range
        assert used.start_time.to_frames() >= 0 and used.end_time_exclusive().to_frames() <= scene.frames
    starts = [round(line.start * spec.fps) for line in spec.audio.narration]
    assert [voice.range_of_child(c).start_time.to_frames() for c in voice.find_clips()] == starts
    markers = [(m.name, m.metadata["aios"]["start_frame"]) for c in pictures.find_clips() for m in c.markers]
    assert markers == [(c.text, round(c.start * spec.fps)) for c in spec.cues]
    assert bed.find_clips()[0].metadata["aios"]["duck_db"] == spec.audio.duck_db


@pytest.mark.parametrize("fmt", sorted(set(FORMATS) - {"capcut"}))
def test_every_bundle_reads_back_with_its_adapter_and_its_media_resolve(tmp_path: Path, fmt: str) -> None:
    spec = make_spec(tmp_path, music=speech(tmp_path / "bed.wav", [(0.0, 5.0)], 6.0))
    video = tmp_path / "spring-sale.mp4"
    video.write_bytes(b"\x00\x00\x00\x18ftypmp42")
    bundle = export(timeline.build(spec, video), fmt, tmp_path / "out", "spring-sale", video=video)
    assert bundle.name == f"spring-sale-{fmt}.zip"
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(unpacked)
    folder = unpacked / "spring-sale"
    adapter, suffix, _ = FORMATS[fmt]
    back = otio.adapters.read_from_file(str(folder / f"spring-sale{suffix}"), adapter_name=adapter)
    if isinstance(back, otio.schema.SerializableCollection):
        back = next(iter(back))
    video_tracks = [t for t in back.tracks if t.kind == otio.schema.TrackKind.Video]
    audio_tracks = [t for t in back.tracks if t.kind == otio.schema.TrackKind.Audio]
    assert len(video_tracks) == 1 and len(audio_tracks) == 2  # narration, music
    clips = video_tracks[0].find_clips()
    assert len(clips) == len(spec.scenes)
    assert video_tracks[0].duration().to_frames() == spec.frames
    original = timeline.build(spec).tracks[0].find_clips()
    assert [c.duration().to_frames() for c in clips] == [c.duration().to_frames() for c in original]
    for clip in [*clips, *audio_tracks[0].find_clips(), *audio_tracks[1].find_clips()]:
        url = clip.media_reference.target_url
        path = Path(url.removeprefix("file://localhost").removeprefix("file://"))
        resolved = path if path.is_absolute() else folder / path
        assert resolved.is_file() and folder in resolved.resolve().parents, url
    markers = [m.name for c in clips for m in c.markers]
    assert markers == [c.text for c in spec.cues]  # the captions, as markers on the picture clips
    if fmt != "fcpxml":  # the FCPXML adapter writes cuts where the cut has transitions (its README says so)
        kinds = [t.transition_type for t in video_tracks[0] if isinstance(t, otio.schema.Transition)]
        assert len(kinds) == 2 and kinds[0] == otio.schema.TransitionTypes.SMPTE_Dissolve  # FCP7: slides dissolve
    assert (folder / "media" / video.name).is_file()
    assert "Pictures" in (folder / "README.txt").read_text()


def test_the_capcut_draft_reads_back_with_pyjianyingdraft_frame_exact_with_its_media_inside(tmp_path: Path) -> None:
    spec = make_spec(tmp_path, music=speech(tmp_path / "bed.wav", [(0.0, 5.0)], 6.0))
    video = tmp_path / "spring-sale.mp4"
    video.write_bytes(b"\x00\x00\x00\x18ftypmp42")
    cut = timeline.build(spec, video)
    bundle = export(cut, "capcut", tmp_path / "out", "spring-sale", video=video)
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(tmp_path / "unpacked")
    folder = tmp_path / "unpacked" / "spring-sale"
    back = capcut.read(folder)  # pyJianYingDraft's own loader
    assert back["size"] == list(SIZE) and back["fps"] == spec.fps
    assert [(t["name"], t["type"]) for t in back["tracks"]] == [
        ("Pictures", "video"), ("Narration", "audio"), ("Music", "audio"), ("Captions", "text")]
    pictures, voice, bed, captions = (t["segments"] for t in back["tracks"])

    def frames(us: int) -> int:
        return round(us * spec.fps / 1_000_000)

    original = cut.tracks[0].find_clips()
    assert [frames(start) for start, _, _ in pictures] == [
        cut.tracks[0].range_of_child(c).start_time.to_frames() for c in original]
    assert [frames(length) for _, length, _ in pictures] == [c.duration().to_frames() for c in original]
    assert frames(pictures[-1][0] + pictures[-1][1]) == spec.frames == frames(back["duration"])
    assert [frames(start) for start, _, _ in voice] == [round(line.start * spec.fps) for line in spec.audio.narration]
    for _, _, path in [*pictures, *voice, *bed]:  # relative to the draft folder, and there
        assert not Path(path).is_absolute() and (folder / path).is_file(), path
    assert [text for _, _, text in captions] == [c.text for c in spec.cues]
    assert [frames(start) for start, _, _ in captions] == [round(c.start * spec.fps) for c in spec.cues]
    assert back["transitions"] == ["闪黑", "左移"]  # fade: a dip through black; slide: a push left
    assert (folder / "draft_meta_info.json").is_file() and (folder / "media" / video.name).is_file()


def test_an_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="export format must be"):
        export(timeline.build(make_spec(tmp_path)), "edl", tmp_path, "x")
