"""The output kinds a render makes and publish delivers: one table that render, QC, publish and the API loop over."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OutputKind:
    """One kind of file a job delivers."""

    name: str
    suffix: str
    content_type: str
    description: str


# What the renderer writes, in order: the video first, then its sidecars. Add a format here (and its writer in
# aios.tools.render.captions.SIDECARS): render, QC, publish, the artifact API and the events pick it up.
RENDERED: tuple[OutputKind, ...] = (
    OutputKind("video", ".mp4", "video/mp4", "the narrated, captioned, labelled video"),
    OutputKind("srt", ".srt", "text/plain", "captions (SubRip)"),
    OutputKind("vtt", ".vtt", "text/vtt", "captions with word timestamps (WebVTT)"),
)
MANIFEST = OutputKind("manifest", ".json", "application/json", "how the video was made: engines, decisions, checks")
DELIVERED: tuple[OutputKind, ...] = (*RENDERED, MANIFEST)
SIDECARS: tuple[OutputKind, ...] = RENDERED[1:]
# Delivered only when the video needs it: credits for the stock pictures it shows.
CREDITS = OutputKind("credits", ".credits.txt", "text/plain", "who made each stock picture, and its licence")
# The cut's OpenTimelineIO timeline (pictures, narration, music, captions, transitions): for editing programs.
TIMELINE = OutputKind("timeline", ".otio", "application/json", "the cut's timeline (OpenTimelineIO)")
OPTIONAL: tuple[OutputKind, ...] = (CREDITS, TIMELINE)
# Made when asked for: the cut's timeline for an editing program, zipped with its media (aios.tools.export).
EXPORT = OutputKind("export", ".zip", "application/zip", "the cut's timeline and media for an editing program")
ON_REQUEST: tuple[OutputKind, ...] = (EXPORT,)


def content_type(name: str) -> str:
    """The media type of a delivered file, by its suffix (octet-stream when unknown)."""
    return next((k.content_type for k in (*OPTIONAL, *DELIVERED, *ON_REQUEST) if name.endswith(k.suffix)),
                "application/octet-stream")
