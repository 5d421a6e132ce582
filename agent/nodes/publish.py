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
from agent.nodes.qc import here
from agent.nodes.render import generative_engines, thread_id
from agent.provenance import prompt_hashes
from agent.settings import get_settings
from agent.state import ProductionState
from tools.cache import file_sha256
from tools.render import ffmpeg
from tools.storage import deliverable_key, storage_for
from tools.text import slugify


def engines(state: ProductionState) -> dict[str, Any]:
    """Which engines (with versions) produced this job's media."""
    narrations = state.get("narrations", {}).values()
    visuals = state.get("visuals", {}).values()
    rendered = state["render"]
    motion = generative_engines(state).get("motion")
    return {
        "planner": state["storyboard"].planner,
        "speech": sorted({f"{n.engine} voice={n.voice}" for n in narrations}),
        "imagery": sorted({v.engine for v in visuals}),
        **({"motion": motion} if motion else {}),
        "models": models(state),
        "renderer": f"{rendered.backend} on ffmpeg {ffmpeg.version(get_settings().ffmpeg_path)} "
                    f"({rendered.encoder}, aac; {rendered.segments_rendered} segments rendered, "
                    f"{rendered.segments_reused} reused)",
        "music": rendered.music or "none",
    }


def models(state: ProductionState) -> list[dict[str, Any]]:
    """Each local model used (name, path, licence as its directory declares it), once per role."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for role, results in (("speech", state.get("narrations", {}).values()),
                          ("imagery", state.get("visuals", {}).values())):
        for result in results:
            if "model" in result.model:
                fields = ("engine", "version", "model", "model_path", "license")
                keep: dict[str, Any] = {k: result.model[k] for k in fields if k in result.model}
                found[(role, str(result.model["model"]))] = {"role": role, **keep}
    return list(found.values())


def costs(state: ProductionState) -> dict[str, Any]:
    """What the job's managed calls cost: per call (scene and node), per engine, and in total (USD)."""
    calls = state.get("costs", [])
    by_engine: dict[str, float] = {}
    for call in calls:
        name = f"{call['engine']}:{call['model']}"
        by_engine[name] = round(by_engine.get(name, 0.0) + call["usd"], 6)
    return {"total_usd": round(sum(c["usd"] for c in calls), 6), "by_engine": by_engine, "calls": calls,
            "unpriced": sorted({f"{c['engine']}:{c['model']}" for c in calls if not c.get("priced", True)})}


def degraded(state: ProductionState) -> list[dict[str, Any]]:
    """Scenes whose speech or picture came from another engine than the one wanted, and why."""
    notes = [{"scene": n.scene_index, "role": "speech", "message": n.fallback}
             for n in state.get("narrations", {}).values() if n.fallback]
    notes += [{"scene": v.scene_index, "role": "image", "message": v.fallback}
              for v in state.get("visuals", {}).values() if v.fallback]
    return sorted(notes, key=lambda note: (note["scene"], note["role"]))


@timed
def publish(state: ProductionState, runtime: Runtime[Context]) -> dict[str, Any]:
    """Write <slug>.mp4, .srt, .vtt and manifest.json into the output directory."""
    context, settings = runtime.context or Context(), get_settings()
    job = thread_id()
    out = Path(context.out_dir or settings.data_dir / "out" / job).expanduser()
    out.mkdir(parents=True, exist_ok=True)
    slug = slugify(state["storyboard"].title)
    rendered = here(state["render"], settings)
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
        "degraded": degraded(state),
        "costs": costs(state),
        "assets": {"images": [{"scene": v.scene_index, "engine": v.engine, "cached": v.cached, "cost_usd": v.cost_usd,
                               "clip": bool(v.clip), **{k: v.model[k] for k in ("seed", "model", "license", "steps")
                                                        if k in v.model}}
                              for v in sorted(state.get("visuals", {}).values(), key=lambda v: v.scene_index)],
                   "speech": [{"scene": n.scene_index, "engine": n.engine, "voice": n.voice, "cached": n.cached,
                               "cost_usd": n.cost_usd}
                              for n in sorted(state.get("narrations", {}).values(), key=lambda n: n.scene_index)]},
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
    storage = storage_for(settings)
    if storage is not None:
        for path in deliverables.values():
            storage.push(Path(path), deliverable_key(job, path))
    record = {"out_dir": str(out), "profile": rendered.profile, "manifest_sha256": file_sha256(path),
              "artifacts": {kind: a["sha256"] for kind, a in artifacts.items()},
              "policy_version": state["policy"].version}
    return {"deliverables": deliverables, "status": "published", "provenance": {"publish": record}}
