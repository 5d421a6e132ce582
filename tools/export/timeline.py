"""An OpenTimelineIO timeline of a render spec: the cut as an editing program sees it (each scene's picture or clip,
the narration, the music bed, the captions, the transitions), frame for frame where the renderer put them."""

from __future__ import annotations

import contextlib
import wave
from dataclasses import asdict
from pathlib import Path
from typing import Any

import opentimelineio as otio

from aios.tools.audio import wav_duration
from aios.tools.ffmpeg import probe
from aios.tools.render.spec import RenderSpec

RT = otio.opentime.RationalTime
RANGE = otio.opentime.TimeRange
TRANSITION_TYPES = {"fade": otio.schema.TransitionTypes.SMPTE_Dissolve, "slide": otio.schema.TransitionTypes.Custom}
TRACKS = ("Pictures", "Narration", "Music")  # in this order; Music only when the cut has a bed


def build(spec: RenderSpec, video: Path | None = None) -> otio.schema.Timeline:
    """The timeline of `spec` (the rendered `video` named in its metadata): durations are whole frames at the
    spec's rate, and the pictures track is exactly as long as the video."""
    fps = spec.fps
    timeline = otio.schema.Timeline(name=spec.title, global_start_time=RT(0, fps))
    timeline.metadata["aios"] = {"size": list(spec.size), "fps": fps, "profile": spec.profile.name,
                                 "label": spec.label, "label_position": spec.label_position,
                                 "caption_style": spec.caption_style, "video": str(video) if video else None}
    timeline.tracks.append(pictures(spec))
    timeline.tracks.append(narration(spec))
    if spec.audio.music:
        timeline.tracks.append(music(spec))
    captions(spec, timeline.tracks[0])
    return timeline


def captions(spec: RenderSpec, track: otio.schema.Track) -> None:
    """One marker per caption, named by its text, on the picture clip showing when it starts (editing programs keep
    markers on clips: Final Cut Pro keeps no others), in that clip's own time."""
    fps = spec.fps
    clips = [(track.range_of_child(clip), clip) for clip in track.find_clips()]
    for number, cue in enumerate(spec.cues, 1):
        start = min(round(cue.start * fps), spec.frames - 1)
        placed, clip = next((r, c) for r, c in clips if r.start_time.to_frames() <= start < r.end_time_exclusive()
                            .to_frames())
        at = clip.trimmed_range().start_time.to_frames() + start - placed.start_time.to_frames()
        length = max(1, min(round(cue.end * fps), spec.frames) - start)
        clip.markers.append(otio.schema.Marker(
            name=cue.text, color=otio.schema.MarkerColor.YELLOW, marked_range=RANGE(RT(at, fps), RT(length, fps)),
            metadata={"aios": {"caption": number, "start_frame": start,
                               "words": [[w.text, w.start, w.end] for w in cue.words]}}))


def pictures(spec: RenderSpec) -> otio.schema.Track:
    """Each scene's picture (or its animated clip) with its motion as metadata; a transition where two scenes overlap.

    The renderer overlaps a scene's last frames with the next one's first: here each cut sits in the middle of that
    overlap, and the transition reaches half of it into each side (the clips' media covers it)."""
    fps = spec.fps
    track = otio.schema.Track(name=TRACKS[0], kind=otio.schema.TrackKind.Video)
    # Frames each scene shares with the next (its transition), and where each scene's clip starts on the track.
    overlaps = [a.start + a.frames - b.start for a, b in zip(spec.scenes, spec.scenes[1:], strict=False)]
    cuts = [0, *(b.start + overlap // 2 for b, overlap in zip(spec.scenes[1:], overlaps, strict=True))]
    for index, scene in enumerate(spec.scenes):
        end = cuts[index + 1] if index + 1 < len(spec.scenes) else scene.start + scene.frames
        head = cuts[index] - scene.start  # the scene's own frames under the transition before its cut
        media = scene.clip or scene.image
        clip = otio.schema.Clip(
            name=f"Scene {index + 1}",
            media_reference=otio.schema.ExternalReference(
                target_url=media, available_range=RANGE(RT(0, fps), RT(scene.frames, fps))),
            source_range=RANGE(RT(head, fps), RT(end - cuts[index], fps)),
            metadata={"aios": {"scene": index, "motion": None if scene.clip else asdict(scene.motion),
                               "animated": bool(scene.clip), "picture": scene.image}})
        if index and overlaps[index - 1] > 0:
            kind = spec.scenes[index - 1].transition_out.kind
            track.append(otio.schema.Transition(
                name=kind, transition_type=TRANSITION_TYPES.get(kind, otio.schema.TransitionTypes.Custom),
                in_offset=RT(head, fps), out_offset=RT(overlaps[index - 1] - head, fps),
                metadata={"aios": {"kind": kind, "frames": overlaps[index - 1]}}))
        track.append(clip)
    return track


def narration(spec: RenderSpec) -> otio.schema.Track:
    """Each scene's spoken line where the mix plays it, with gaps between."""
    fps = spec.fps
    track = otio.schema.Track(name=TRACKS[1], kind=otio.schema.TrackKind.Audio)
    at = 0
    for number, line in enumerate(spec.audio.narration, 1):
        start = max(at, round(line.start * fps))
        frames = max(1, round(seconds(Path(line.path)) * fps))
        if start > at:
            track.append(otio.schema.Gap(source_range=RANGE(RT(0, fps), RT(start - at, fps))))
        track.append(otio.schema.Clip(
            name=f"Line {number}", media_reference=otio.schema.ExternalReference(
                target_url=line.path, available_range=RANGE(RT(0, fps), RT(frames, fps))),
            source_range=RANGE(RT(0, fps), RT(frames, fps))))
        at = start + frames
    return track


def music(spec: RenderSpec) -> otio.schema.Track:
    """The bed under the whole video; its level and how far it ducks under the voice as metadata."""
    fps, audio = spec.fps, spec.audio
    track = otio.schema.Track(name=TRACKS[2], kind=otio.schema.TrackKind.Audio)
    ducking: dict[str, Any] = {"music_db": audio.music_db, "duck_db": audio.duck_db,
                               "loudness_lufs": audio.loudness_lufs, "true_peak_db": audio.true_peak_db}
    track.append(otio.schema.Clip(
        name="Music", media_reference=otio.schema.ExternalReference(  # the mix loops or trims it to the video
            target_url=str(audio.music), available_range=RANGE(RT(0, fps), RT(spec.frames, fps))),
        source_range=RANGE(RT(0, fps), RT(spec.frames, fps)), metadata={"aios": ducking}))
    return track


def seconds(path: Path) -> float:
    """An audio file's length: a WAV's by its header, another's as ffmpeg reads it."""
    with contextlib.suppress(wave.Error, EOFError):
        return wav_duration(path)
    return float(probe(path)["duration"])
