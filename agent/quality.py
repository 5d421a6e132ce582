"""Quality checks of a rendered file: streams, lengths, loudness, black and frozen frames, synthetic-media marks."""

from __future__ import annotations

from pathlib import Path

from aios.kernel.schemas import QCCheck, QCReport, RenderResult
from aios.kernel.settings import Settings
from aios.tools import ffmpeg
from aios.tools.provenance.c2pa import ENGINES_LABEL, read
from aios.tools.render.qc import analyze
from aios.tools.storage import RENDER_DEPTH, local

DURATION_TOLERANCE = 0.10
SYNC_TOLERANCE_S = 0.1
LOUDNESS_TARGET = -14.0
LOUDNESS_TOLERANCE = 1.0


def labeling(render: RenderResult, binary: str | None = None, anchors: Path | None = None) -> QCCheck:
    """The synthetic-media marks read back from the file: its MP4 tags and, when signed, its C2PA manifest."""
    problems, notes = [], []
    if ffmpeg.tags(render.video, binary).get("synthetic_media") == "true":
        notes.append("MP4 tag synthetic_media=true")
    else:
        problems.append("the synthetic_media tag is missing")
    if render.c2pa is None:
        notes.append("no C2PA manifest (no signing key configured)")
    else:
        found = read(Path(render.video), anchors)
        if found.manifest is None or found.state not in ("Valid", "Trusted"):
            problems.append(f"C2PA manifest {found.state or 'missing'}: {'; '.join(found.failures)}".rstrip(": "))
        elif found.assertion(ENGINES_LABEL) is None:
            problems.append("the C2PA manifest does not list the engines")
        else:
            notes.append(f"C2PA manifest {found.state}, signed by {render.c2pa.get('signer') or 'unknown'}")
    return QCCheck(name="labeling", passed=not problems, detail="; ".join(problems or notes))


def inspect(render: RenderResult, planned_s: float, binary: str | None = None,
            anchors: Path | None = None) -> QCReport:
    """Run the checks on a rendered file against what was asked for."""
    found = analyze(render.video, binary)
    drift = abs(found.video_s - planned_s) / planned_s if planned_s else 1.0
    lufs = found.loudness_lufs
    checks = [
        QCCheck(name="video_stream", passed=found.video_codec == "h264",
                detail=f"video codec {found.video_codec}, {found.width}x{found.height}"),
        QCCheck(name="audio_stream", passed=found.audio_codec == "aac", detail=f"audio codec {found.audio_codec}"),
        QCCheck(name="frame_size", passed=(found.width, found.height) == (render.width, render.height),
                detail=f"{found.width}x{found.height} (asked {render.width}x{render.height})"),
        QCCheck(name="duration", passed=drift <= DURATION_TOLERANCE,
                detail=f"{found.video_s:.2f} s vs planned {planned_s:.2f} s ({drift:.1%} off)"),
        QCCheck(name="av_length", passed=abs(found.audio_s - found.video_s) <= SYNC_TOLERANCE_S,
                detail=f"audio {found.audio_s:.3f} s, video {found.video_s:.3f} s"),
        QCCheck(name="loudness", passed=lufs is not None and abs(lufs - LOUDNESS_TARGET) <= LOUDNESS_TOLERANCE,
                detail=f"{lufs} LUFS integrated (target {LOUDNESS_TARGET} ± {LOUDNESS_TOLERANCE})"),
        QCCheck(name="black_frames", passed=not found.black,
                detail=", ".join(f"black {a:.2f}-{b:.2f} s" for a, b in found.black) or "none"),
        QCCheck(name="frozen_frames", passed=not found.frozen,
                detail=", ".join(f"frozen {a:.2f}-{b:.2f} s" for a, b in found.frozen) or "none"),
        labeling(render, binary, anchors),
    ]
    return QCReport(passed=all(c.passed for c in checks), checks=checks, duration_s=found.video_s,
                    loudness_lufs=lufs)


def here(rendered: RenderResult, settings: Settings) -> RenderResult:
    """The render's files on this machine (pulled from storage when another machine rendered them)."""
    return rendered.model_copy(update={"files": {kind: str(local(settings, path, RENDER_DEPTH))
                                                 for kind, path in rendered.files.items()}})
