"""The render engine end to end on a short synthetic timeline: segments, motion, transitions, captions, sound."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from aios.kernel.schemas import WordTiming
from aios.tools.cache import ContentCache
from aios.tools.ffmpeg import ffmpeg_exe
from aios.tools.render.build import build_spec
from aios.tools.render.captions import LIT
from aios.tools.render.engine import RenderOutput, render
from aios.tools.render.profiles import safe_area
from aios.tools.render.qc import analyze
from aios.tools.render.spec import Motion, RenderSpec, segments
from aios.tools.render.timeline import SceneInput
from tests.support.render import TINY, frame, psnr, speech, still

pytestmark = pytest.mark.slow  # renders media or runs aios processes (seconds each)

SIZE = (180, 320)
COLORS = [(200, 30, 30), (20, 40, 200), (20, 170, 60), (128, 0, 128)]
LINES = ["Spring sale today", "Fresh styles", "Visit us soon", "Bye now"]
TRANSITIONS = ["fade", "slide", "cut", "cut"]


def scenes(work: Path, third: str = LINES[2]) -> list[SceneInput]:
    out = []
    for i, color in enumerate(COLORS):
        text = third if i == 2 else LINES[i]
        words = [(w, 0.05 + 0.3 * n, 0.3 + 0.3 * n) for n, w in enumerate(text.split())]
        audio = speech(work / f"speech{i}-{len(text)}.wav", [(b, e) for _, b, e in words], words[-1][2] + 0.05)
        out.append(SceneInput(image=still(work / f"still{i}.png", SIZE, color, grid=i == 0), audio=audio,
                              audio_s=words[-1][2] + 0.05, planned_s=2.0, narration=text,
                              words=tuple(WordTiming(*w) for w in words),
                              transition=TRANSITIONS[i], motion=0))  # type: ignore[arg-type]
    return out


FAST_ZOOM = Motion(1.0, 1.125, 0.5, 0.5, 2.5)  # 5%/s, so a short test can measure it


def make_spec(work: Path, third: str = LINES[2], music: str | None = None) -> RenderSpec:
    spec = build_spec(scenes(work, third), size=SIZE, profile=TINY, title="Test", music=music)
    return replace(spec, scenes=(replace(spec.scenes[0], motion=FAST_ZOOM), *spec.scenes[1:]))


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("engine")


@pytest.fixture(scope="module")
def rendered(work: Path) -> tuple[RenderSpec, RenderOutput]:
    from aios.tools.audio import write_wav
    from aios.tools.music import bed

    write_wav(work / "music.wav", bed(10, "upbeat"), 48_000)
    spec = make_spec(work, music=str(work / "music.wav"))
    return spec, render(spec, work / "out", "test", cache=ContentCache(work / "cache"))


def test_segments_join_into_exactly_the_specified_frames(rendered: tuple[RenderSpec, RenderOutput]) -> None:
    spec, output = rendered
    parts = segments(spec)
    assert len(parts) == 4 + 2, "four bodies and two transitions (the cuts need none)"
    assert sum(p.frames for p in parts) == spec.frames
    assert output.segments_rendered == len(parts) and output.segments_reused == 0
    found = analyze(output.video)
    assert found.video_s == pytest.approx(spec.duration_s, abs=1e-3)
    assert (found.video_codec, found.audio_codec, found.width, found.height) == ("h264", "aac", *SIZE)
    assert abs(found.audio_s - found.video_s) < 0.05
    assert not found.black and not found.frozen


def test_tags_and_faststart(rendered: tuple[RenderSpec, RenderOutput]) -> None:
    _, output = rendered
    info = subprocess.run([ffmpeg_exe(), "-hide_banner", "-i", str(output.video)], capture_output=True, text=True)
    assert "AI-generated: synthetic media" in info.stderr and "synthetic_media : true" in info.stderr
    head = output.video.read_bytes()[:4096]
    assert 0 <= head.find(b"moov") < head.find(b"mdat") or head.find(b"mdat") == -1, "+faststart: moov first"


def _zoomed(source: Image.Image, zoom: float, anchor: tuple[float, float]) -> np.ndarray:
    width, height = 2 * int(SIZE[0] * zoom / 2), 2 * int(SIZE[1] * zoom / 2)
    scaled = source.resize((width, height), Image.Resampling.BICUBIC)
    x, y = int((width - SIZE[0]) * anchor[0]), int((height - SIZE[1]) * anchor[1])
    return np.asarray(scaled.crop((x, y, x + SIZE[0], y + SIZE[1]))).astype(int)


def test_ken_burns_follows_the_motion_curve(rendered: tuple[RenderSpec, RenderOutput], work: Path) -> None:
    spec, output = rendered
    motion = spec.scenes[0].motion
    source = Image.open(work / "still0.png").convert("RGB")
    band = slice(60, 200)  # below the label, above the captions
    candidates = np.arange(1.0, 1.15, 0.003)
    for index in (0, 22):  # both inside the first scene's body (its fade starts at frame 24)
        got = frame(output.video, index, SIZE)[band]
        scores = [psnr(got, _zoomed(source, z, (motion.anchor_x, motion.anchor_y))[band]) for z in candidates]
        best = float(candidates[int(np.argmax(scores))])
        assert best == pytest.approx(motion.zoom(index / spec.fps), abs=0.008), (index, best)


def test_fade_dips_through_black_slide_and_cut(rendered: tuple[RenderSpec, RenderOutput]) -> None:
    spec, output = rendered
    b, c, d = spec.scenes[1], spec.scenes[2], spec.scenes[3]
    length = spec.scenes[0].transition_out.frames
    mid_fade = frame(output.video, b.start + length // 2, SIZE)[80:200].mean(axis=(0, 1))
    assert mid_fade.max() < 40, f"dark between the scenes, never both at once: {mid_fade}"
    going = frame(output.video, b.start + length // 4, SIZE)[80:200].mean(axis=(0, 1))
    coming = frame(output.video, b.start + 3 * length // 4, SIZE)[80:200].mean(axis=(0, 1))
    assert going[0] > 2 * going[2] and coming[2] > 2 * coming[0], f"red leaves, then blue comes: {going} {coming}"
    slide = frame(output.video, c.start + b.transition_out.frames // 2, SIZE)[80:200]
    left, right = slide[:, 5:60].mean(axis=(0, 1)), slide[:, 120:175].mean(axis=(0, 1))
    assert left[2] > 150 > left[1] and right[1] > 130 > right[2], f"blue leaves left, green enters: {left} {right}"
    before, after = frame(output.video, d.start - 1, SIZE), frame(output.video, d.start, SIZE)
    assert before[100, 90, 1] > 130 and after[100, 90, 1] < 40 and after[100, 90, 0] > 100, "a hard cut"


def test_captions_light_the_spoken_word_inside_the_safe_area(rendered: tuple[RenderSpec, RenderOutput]) -> None:
    spec, output = rendered
    cue = spec.cues[1]  # "Fresh styles"
    lit = np.array(LIT[:3])

    def yellow(index: int) -> np.ndarray:
        pixels = frame(output.video, index, SIZE)
        return np.argwhere(np.abs(pixels - lit).sum(axis=2) < 90)

    first_word = yellow(int((cue.words[0].start + 0.1) * spec.fps))
    second_word = yellow(int((cue.words[1].start + 0.1) * spec.fps))
    assert len(first_word) > 5 and len(second_word) > 5
    assert first_word[:, 1].mean() < second_word[:, 1].mean(), "the highlight moves right with the speech"
    _left, top, _right, bottom = safe_area(SIZE)
    assert first_word[:, 0].max() <= SIZE[1] - bottom and first_word[:, 0].min() >= top
    assert len(yellow(0)) == 0, "nothing is lit before the narration starts"


def test_label_is_drawn(rendered: tuple[RenderSpec, RenderOutput]) -> None:
    spec, output = rendered
    _left, top, right, _bottom = safe_area(SIZE)
    corner = frame(output.video, spec.scenes[1].start + 10, SIZE)[top: top + 14, SIZE[0] // 2: SIZE[0] - right]
    assert (corner.min(axis=2) > 180).sum() > 10, "white letters"
    assert (corner[..., 2] < 130).sum() > 20, "on a dark pill over the blue scene"


def test_sound_is_at_the_loudness_target(rendered: tuple[RenderSpec, RenderOutput]) -> None:
    _, output = rendered
    lufs = analyze(output.video).loudness_lufs
    assert lufs is not None and abs(lufs + 14.0) <= 1.0


def test_sidecars_follow_the_words(rendered: tuple[RenderSpec, RenderOutput]) -> None:
    spec, output = rendered
    first = spec.cues[0].words[0]
    assert output.files["srt"].read_text().startswith(f"1\n00:00:00,{int(round(first.start * 1000)):03d} --> ")
    vtt = output.files["vtt"].read_text()
    assert vtt.startswith("WEBVTT") and "<00:00:00.650>sale" in vtt


def test_editing_one_scene_rerenders_only_the_segments_showing_it(
        rendered: tuple[RenderSpec, RenderOutput], work: Path) -> None:
    spec, _ = rendered
    edited = make_spec(work, third="Visit our new store soon", music=spec.audio.music)
    output = render(edited, work / "edited", "test", cache=ContentCache(work / "cache"))
    touched = [p for p in segments(edited) if any(layer.scene == 2 for layer in p.layers)]
    assert output.segments_rendered == len(touched) == 2, "scene 2's body and the transition into it"
    assert output.segments_reused == len(segments(edited)) - 2
    assert analyze(output.video).video_s == pytest.approx(edited.duration_s, abs=1e-3)
    assert edited.frames > spec.frames, "the longer line lengthened the video; later segments still reused"


def test_moviepy_backend_renders_the_same_picture(rendered: tuple[RenderSpec, RenderOutput], work: Path) -> None:
    spec, output = rendered
    reference = render(spec, work / "moviepy", "test", backend="moviepy")
    assert analyze(reference.video).video_s == pytest.approx(spec.duration_s, abs=1e-3)
    middle = spec.scenes[0].transition_out.frames // 2
    for index in (3, 18, spec.scenes[1].start + middle, spec.scenes[1].start + 12, spec.scenes[2].start + 12,
                  spec.scenes[3].start + 3):
        theirs, ours = frame(reference.video, index, SIZE), frame(output.video, index, SIZE)
        # Text edges differ a little (Pillow vs swscale, 4:2:0 chroma at 180 px); the picture must match.
        assert psnr(theirs, ours) > 24, index
        assert psnr(theirs[60:200], ours[60:200]) > 32, index


@pytest.mark.parametrize("aspect", ["16:9", "9:16", "1:1", "4:5"])
def test_every_aspect_ratio_renders_at_its_size(aspect: str, work: Path) -> None:
    from aios.tools.render.profiles import frame_size

    size = frame_size(aspect, "preview")
    assert min(size) == 540 and size[0] % 2 == 0 and size[1] % 2 == 0
    small = (size[0] // 3 // 2 * 2, size[1] // 3 // 2 * 2)
    base = make_spec(work)
    one = replace(base, size=small, scenes=base.scenes[3:], cues=())
    one = replace(one, scenes=(replace(one.scenes[0], start=0, image=still(work / f"s{aspect[0]}.png", small,
                                                                          COLORS[3])),))
    output = render(replace(one, audio=replace(one.audio, narration=one.audio.narration[3:])),
                    work / f"aspect{aspect.replace(':', 'x')}", "a")
    found = analyze(output.video)
    assert (found.width, found.height) == small
