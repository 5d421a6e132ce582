"""publish: copy the deliverables out and write manifest.json with hashes and provenance."""

from __future__ import annotations

import json
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from langchain_core.messages import AIMessage
from langgraph.runtime import Runtime

from aios.agent.links import links
from aios.agent.manifest import costs, degraded, engines
from aios.agent.provenance import prompt_hashes
from aios.agent.quality import here
from aios.agent.rendering import thread_id
from aios.agent.state import ProductionState, timing
from aios.agent.steps import run_context, timed
from aios.agent.stock_picks import credits, shown
from aios.kernel.context import Context
from aios.kernel.outputs import CREDITS, RENDERED, TIMELINE
from aios.tools.cache import file_sha256
from aios.tools.storage import deliverable_key, storage_for
from aios.tools.text import slugify


@timed
def publish(state: ProductionState, runtime: Runtime[Context]) -> dict[str, Any]:
    """Write the rendered outputs (<slug>.mp4, .srt, .vtt) and manifest.json into the output directory."""
    context = run_context(runtime)
    settings = context.config
    job = thread_id()
    out = Path(context.out_dir or settings.data_dir / "out" / job).expanduser()
    out.mkdir(parents=True, exist_ok=True)
    slug = slugify(state["storyboard"].title)
    rendered = here(state["render"], settings)
    artifacts: dict[str, Any] = {}
    used = shown(state["storyboard"], state.get("stock", []))
    if used:
        target = out / f"{slug}{CREDITS.suffix}"
        target.write_text(credits(state["storyboard"].title, used), encoding="utf-8")
        artifacts[CREDITS.name] = {"path": str(target), "sha256": file_sha256(target), "bytes": target.stat().st_size}
    if rendered.timeline and Path(rendered.timeline).is_file():  # a cut rendered before timelines has none
        target = out / f"{slug}{TIMELINE.suffix}"
        shutil.copyfile(rendered.timeline, target)
        artifacts[TIMELINE.name] = {"path": str(target), "sha256": file_sha256(target),
                                    "bytes": target.stat().st_size}
    for kind in RENDERED:
        source = rendered.files[kind.name]
        target = out / f"{slug}{kind.suffix}"
        shutil.copyfile(source, target)
        artifacts[kind.name] = {"path": str(target), "sha256": file_sha256(target),
                           "bytes": target.stat().st_size}
    manifest = {
        "thread_id": job,
        "published_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "profile": rendered.profile,
        "brief": state["brief"].model_dump(mode="json"),
        "storyboard": state["storyboard"].model_dump(mode="json"),
        "engines": engines(state, settings),
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
        "stock": [p.model_dump(mode="json", exclude={"path"}) for p in used],
        "qc": state["qc"].model_dump(mode="json"),
        "decisions": state.get("decisions", []),
        **timing_fields(state.get("timings", {})),
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
    said = AIMessage("Published: " + ", ".join(Path(p).name for p in deliverables.values()) + ".")
    return {"deliverables": deliverables, "status": "published", "provenance": {"publish": record},
            "links": links(context, delivered=deliverables), "messages": [said]}


def timing_fields(timings: dict[str, Any]) -> dict[str, dict[str, float]]:
    """The manifest's timings: seconds each node took (scene tasks side by side count once), the seconds its tasks
    took added up (waits included), and their CPU seconds."""
    records = {name: timing(record) for name, record in timings.items()}
    return {"timings_s": {name: r["wall_s"] for name, r in records.items()},
            "task_seconds": {name: r["task_s"] for name, r in records.items()},
            "cpu_s": {name: r["cpu_s"] for name, r in records.items()}}
