"""quality_check: probe the rendered file: streams, codecs, duration and audible sound."""

from __future__ import annotations

from typing import Any

from agent.nodes import timed
from agent.schemas import QCCheck, QCReport
from agent.settings import get_settings
from agent.state import ProductionState
from tools.render import ffmpeg

SILENCE_DB = -50.0
DURATION_TOLERANCE = 0.10


def inspect(video: str, planned_s: float, binary: str | None = None) -> QCReport:
    """Run the checks on a file against the storyboard's planned duration."""
    info = ffmpeg.probe(video)
    vcodec, acodec = ffmpeg.video_codec(video, binary)
    duration = float(info.get("duration") or 0.0)
    mean_db, _peak = ffmpeg.volume(video, binary) if info.get("audio_found") else (None, None)
    drift = abs(duration - planned_s) / planned_s if planned_s else 1.0
    checks = [
        QCCheck(name="video_stream", passed=vcodec == "h264", detail=f"video codec {vcodec}"),
        QCCheck(name="audio_stream", passed=acodec == "aac", detail=f"audio codec {acodec}"),
        QCCheck(name="duration", passed=drift <= DURATION_TOLERANCE,
                detail=f"{duration:.2f} s vs planned {planned_s:.2f} s ({drift:.1%} off)"),
        QCCheck(name="audible", passed=mean_db is not None and mean_db > SILENCE_DB,
                detail=f"mean volume {mean_db} dBFS (silence below {SILENCE_DB})"),
    ]
    return QCReport(passed=all(c.passed for c in checks), checks=checks, duration_s=duration,
                    mean_volume_db=mean_db)


@timed
def quality_check(state: ProductionState) -> dict[str, Any]:
    """Probe the render; a failing check ends the job as failed with the reasons."""
    report = inspect(state["render"].video, state["storyboard"].duration_s,
                     get_settings().ffmpeg_path)
    return {"qc": report, "status": "awaiting_approval" if report.passed else "failed"}
