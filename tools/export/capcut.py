"""A JianYing / CapCut draft of a cut (the 5.x draft format, plain JSON), written with pyJianYingDraft from the cut's
OpenTimelineIO timeline: pictures, narration, music and captions on their own tracks, transitions on the pictures."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import opentimelineio as otio
import pyJianYingDraft as draft
from pyJianYingDraft import assets as draft_assets

SECOND_US = 1_000_000
# Our transitions as JianYing names them: a fade dips through black (闪黑), a slide pushes left (左移).
TRANSITIONS = {"fade": draft.TransitionType.闪黑, "slide": draft.TransitionType.左移}
CONTENT = "draft_content.json"


def microseconds(frames: int, fps: float) -> int:
    """A frame position as JianYing's microseconds (positions, not lengths, are rounded: lengths add up exactly)."""
    return int(round(frames * SECOND_US / fps))


def span(item: otio.core.Item, fps: float) -> draft.Timerange:
    """Where an item of a track sits, in microseconds from the start of the timeline."""
    placed = item.range_in_parent()
    start = placed.start_time.to_frames()
    begin, end = microseconds(start, fps), microseconds(start + placed.duration.to_frames(), fps)
    return draft.Timerange(begin, end - begin)


def write(cut: otio.schema.Timeline, root: Path, name: str) -> Path:
    """Write the draft into the folder root/name (draft_content.json, draft_meta_info.json) for a timeline whose
    media references point at files inside it (relative to it); returns the folder. Material paths are written
    relative to the draft folder, as the bundle holds them."""
    meta = cut.metadata.get("aios", {})
    fps = float(meta.get("fps", 25))
    width, height = meta.get("size", (1920, 1080))
    folder = root / name
    # What DraftFolder.create_draft does, without emptying the folder (the media are in it already).
    shutil.copy(draft_assets.get_asset_path("DRAFT_META_TEMPLATE"), folder / "draft_meta_info.json")
    script = draft.ScriptFile(int(width), int(height), int(round(fps)), True)
    script.save_path = str(folder / CONTENT)
    pictures, *sounds = cut.tracks
    script.append_track(draft.TrackSpec(draft.TrackType.video, "Pictures"))
    items = list(pictures)
    for index, item in enumerate(items):
        if not isinstance(item, otio.schema.Clip):
            continue
        material = draft.VideoMaterial(str(folder / item.media_reference.target_url))
        placed, trimmed = span(item, fps), item.trimmed_range()
        source = None if material.material_type == "photo" else draft.Timerange(  # an animated clip, from its head
            microseconds(trimmed.start_time.to_frames(), fps), placed.duration)
        segment = draft.VideoSegment(material, placed, source_timerange=source)
        after = items[index + 1] if index + 1 < len(items) else None
        if isinstance(after, otio.schema.Transition):
            kind = after.metadata.get("aios", {}).get("kind", "fade")
            length = after.in_offset.to_frames() + after.out_offset.to_frames()
            segment.add_transition(TRANSITIONS.get(kind, draft.TransitionType.叠化),
                                   duration=microseconds(length, fps))
        script.add_segment(segment, "Pictures")
    for track in sounds:
        script.append_track(draft.TrackSpec(draft.TrackType.audio, track.name))
        for clip in track.find_clips():
            volume = clip.metadata.get("aios", {}).get("music_db")
            material = draft.AudioMaterial(str(folder / clip.media_reference.target_url))
            placed = span(clip, fps)  # whole frames: up to a frame past the sound's own end
            script.add_segment(draft.AudioSegment(
                material, draft.Timerange(placed.start, min(placed.duration, material.duration)),
                volume=10 ** (float(volume) / 20) if volume is not None else 1.0), track.name)
    script.append_track(draft.TrackSpec(draft.TrackType.text, "Captions"))
    for clip in pictures.find_clips():
        offset = clip.range_in_parent().start_time - clip.source_range.start_time
        for marker in clip.markers:
            at = marker.marked_range.start_time + offset
            frames = max(1, marker.marked_range.duration.to_frames())
            start = microseconds(at.to_frames(), fps)
            script.add_segment(draft.TextSegment(marker.name, draft.Timerange(
                start, microseconds(at.to_frames() + frames, fps) - start)), "Captions")
    script.save()
    relative(folder)
    return folder


def relative(folder: Path) -> None:
    """Rewrite the draft's material paths from where they were read to paths inside the draft folder."""
    path = folder / CONTENT
    content = json.loads(path.read_text(encoding="utf-8"))
    prefix = str(folder.resolve()) + "/"
    for materials in (content["materials"].get("videos", []), content["materials"].get("audios", [])):
        for material in materials:
            if str(material.get("path", "")).startswith(prefix):
                material["path"] = material["path"][len(prefix):]
    path.write_text(json.dumps(content, ensure_ascii=False, indent=4), encoding="utf-8")


def read(folder: Path) -> dict[str, Any]:
    """A draft folder read back with pyJianYingDraft's own loader: its tracks (name, kind, segments as
    [start_us, duration_us, material path or text]) and its size and rate."""
    script = draft.ScriptFile._load_template(str(folder / CONTENT))  # the loader DraftFolder.load_template uses
    content = script.content
    paths = {m["id"]: m.get("path") for kind in ("videos", "audios") for m in content["materials"].get(kind, [])}
    texts = {m["id"]: json.loads(m["content"])["text"] for m in content["materials"].get("texts", [])}
    tracks = [{"name": t.get("name"), "type": t["type"],
               "segments": [[s["target_timerange"]["start"], s["target_timerange"]["duration"],
                             paths.get(s["material_id"]) or texts.get(s["material_id"])] for s in t["segments"]]}
              for t in content["tracks"]]
    return {"fps": content["fps"], "size": [content["canvas_config"]["width"], content["canvas_config"]["height"]],
            "duration": content["duration"], "tracks": tracks,
            "transitions": [m["name"] for m in content["materials"].get("transitions", [])]}
