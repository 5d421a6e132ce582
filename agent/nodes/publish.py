"""publish: copy the deliverables out and write manifest.json with hashes and provenance."""

from __future__ import annotations

import json
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from langgraph.runtime import Runtime

from agent.context import Context
from agent.nodes import timed
from agent.nodes.render import thread_id
from agent.provenance import prompt_hashes
from agent.settings import get_settings
from agent.state import ProductionState
from tools.cache import file_sha256
from tools.render import ffmpeg
from tools.text import slugify


def engines(state: ProductionState) -> dict[str, Any]:
    """Which engines (with versions) produced this job's media."""
    narrations = state.get("narrations", {}).values()
    visuals = state.get("visuals", {}).values()
    rendered = state["render"]
    return {
        "planner": state["storyboard"].planner,
        "speech": sorted({f"{n.engine} voice={n.voice}" for n in narrations}),
        "imagery": sorted({v.engine for v in visuals}),
        "renderer": f"{rendered.backend} on ffmpeg {ffmpeg.version(get_settings().ffmpeg_path)} "
                    f"({rendered.encoder}, aac; {rendered.segments_rendered} segments rendered, "
                    f"{rendered.segments_reused} reused)",
        "music": rendered.music or "none",
    }


@timed
def publish(state: ProductionState, runtime: Runtime[Context]) -> dict[str, Any]:
    """Write <slug>.mp4, .srt, .vtt and manifest.json into the output directory."""
    context, settings = runtime.context or Context(), get_settings()
    job = thread_id()
    out = Path(context.out_dir or settings.data_dir / "out" / job).expanduser()
    out.mkdir(parents=True, exist_ok=True)
    slug = slugify(state["storyboard"].title)
    rendered = state["render"]
    artifacts: dict[str, Any] = {}
    for kind, source in (("video", rendered.video), ("srt", rendered.srt), ("vtt", rendered.vtt)):
        target = out / f"{slug}{Path(source).suffix}"
        shutil.copyfile(source, target)
        artifacts[kind] = {"path": str(target), "sha256": file_sha256(target),
                           "bytes": target.stat().st_size}
    manifest = {
        "thread_id": job,
        "published_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "profile": rendered.profile,
        "brief": state["brief"].model_dump(mode="json"),
        "storyboard": state["storyboard"].model_dump(mode="json"),
        "engines": engines(state),
        "prompts": prompt_hashes(state["storyboard"].planner),
        "policy": state["policy"].model_dump(mode="json"),
        "policy_checks": {stage: r.model_dump(mode="json") for stage, r in state.get("policy_checks", {}).items()},
        "labeling": {"visible_label": settings.label_text, "position": settings.label_position,
                     "mp4_tags": True, "c2pa": rendered.c2pa},
        "provenance": state.get("provenance", {}),
        "library": {"retrieved": [p.model_dump(mode="json") for p in state.get("library", [])],
                    "matched": [p.model_dump(mode="json") for p in state.get("matches", [])]},
        "qc": state["qc"].model_dump(mode="json"),
        "decisions": state.get("decisions", []),
        "timings_s": state.get("timings", {}),
        "artifacts": artifacts,
    }
    path = out / "manifest.json"
    staged = path.with_suffix(".json.tmp")
    staged.write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
    os.replace(staged, path)
    deliverables = {kind: a["path"] for kind, a in artifacts.items()} | {"manifest": str(path)}
    record = {"out_dir": str(out), "profile": rendered.profile, "manifest_sha256": file_sha256(path),
              "artifacts": {kind: a["sha256"] for kind, a in artifacts.items()},
              "policy_version": state["policy"].version}
    return {"deliverables": deliverables, "status": "published", "provenance": {"publish": record}}
