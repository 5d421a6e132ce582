"""quality_check: analyze the rendered file (streams, lengths, loudness, black and frozen frames)."""

from __future__ import annotations

from typing import Any

from agent.nodes import timed
from agent.schemas import QCCheck, QCReport, RenderResult
from agent.settings import get_settings
from agent.state import ProductionState
from tools.render.qc import analyze

DURATION_TOLERANCE = 0.10
SYNC_TOLERANCE_S = 0.1
LOUDNESS_TARGET = -14.0
LOUDNESS_TOLERANCE = 1.0


def inspect(render: RenderResult, planned_s: float, binary: str | None = None) -> QCReport:
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
    ]
    return QCReport(passed=all(c.passed for c in checks), checks=checks, duration_s=found.video_s,
                    loudness_lufs=lufs)


@timed
def quality_check(state: ProductionState) -> dict[str, Any]:
    """Analyze the render; a failing check ends the job as failed with the reasons."""
    report = inspect(state["render"], state["storyboard"].duration_s, get_settings().ffmpeg_path)
    return {"qc": report, "status": "awaiting_approval" if report.passed else "failed"}
