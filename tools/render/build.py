"""Build the render spec from the storyboard's synthesized scenes: timing, motion, transitions, cues, sound."""

from __future__ import annotations

from aios.kernel.schemas import WordTiming
from aios.tools.render.captions import cues
from aios.tools.render.profiles import RenderProfile
from aios.tools.render.spec import (
    AudioClip,
    AudioSpec,
    Cue,
    Motion,
    RenderSpec,
    SceneSpec,
    Transition,
    file_sha,
)
from aios.tools.render.timeline import TRANSITION_S, SceneInput, place

# Alternate zooming in and out, toward different points, so consecutive scenes do not move alike.
MOTIONS = ((1.0, 1.1, 0.5, 0.4), (1.1, 1.0, 0.35, 0.5), (1.0, 1.1, 0.65, 0.55), (1.1, 1.0, 0.5, 0.35))


def build_spec(scenes: list[SceneInput], *, size: tuple[int, int], profile: RenderProfile, title: str,
               music: str | None = None, label: str = "AI-generated", label_position: str = "top-right",
               transition_s: float = TRANSITION_S, metadata: dict[str, str] | None = None,
               caption_style: str = "highlight", caption_size: str = "medium") -> RenderSpec:
    """A frame-exact spec: scenes back to back, transitions overlapping, captions from word timings."""
    fps = profile.fps
    placements = place(scenes, fps, transition_s)
    specs: list[SceneSpec] = []
    all_cues: list[Cue] = []
    clips: list[AudioClip] = []
    for index, (scene, slot) in enumerate(zip(scenes, placements, strict=True)):
        last = index == len(scenes) - 1
        kind = "cut" if last else scene.transition
        frames = 0 if kind == "cut" else int(round(transition_s * fps))
        specs.append(SceneSpec(image=scene.image, image_sha=file_sha(scene.image), start=slot.start,
                               frames=slot.length + frames,
                               motion=Motion(*MOTIONS[scene.motion % len(MOTIONS)], (slot.length + frames) / fps),
                               transition_out=Transition(kind, frames), clip=scene.clip,
                               clip_sha=file_sha(scene.clip) if scene.clip else ""))
        clips.append(AudioClip(scene.audio, slot.speech_start))
        words = [WordTiming(w.text, round(slot.speech_start + w.start, 3), round(slot.speech_start + w.end, 3))
                 for w in scene.words] or _spread(scene.narration, slot.speech_start,
                                                                    scene.audio_s)
        slot_end = (slot.start + slot.length) / fps
        all_cues += cues(scene.narration, words, until=slot_end)
    audio = AudioSpec(narration=tuple(clips), music=music)
    return RenderSpec(size=size, profile=profile, scenes=tuple(specs), cues=tuple(all_cues), audio=audio,
                      title=title, label=label, label_position=label_position,
                      metadata=metadata or {"synthetic_media": "true"}, caption_style=caption_style,
                      caption_size=caption_size)


def _spread(narration: str, start: float, duration: float) -> list[WordTiming]:
    """Evenly spaced word timings by letters, for speech that came without alignment."""
    words = narration.split()
    weights = [len(w) + 2 for w in words]
    total = sum(weights)
    out, cursor = [], start
    for word, weight in zip(words, weights, strict=True):
        length = duration * weight / total
        out.append(WordTiming(word, round(cursor, 3), round(cursor + length, 3)))
        cursor += length
    return out
