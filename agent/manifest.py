"""What the manifest says of a job: the engines and models that made it, what it cost, where it degraded."""

from __future__ import annotations

from typing import Any

from aios.agent.rendering import generative_engines
from aios.agent.state import ProductionState
from aios.kernel.settings import Settings
from aios.tools import ffmpeg
from aios.tools.music_library import describe


def engines(state: ProductionState, settings: Settings) -> dict[str, Any]:
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
        "renderer": f"{rendered.backend} on ffmpeg {ffmpeg.version(settings.ffmpeg_path)} "
                    f"({rendered.encoder}, aac; {rendered.segments_rendered} segments rendered, "
                    f"{rendered.segments_reused} reused)",
        "music": describe(rendered.music),
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
