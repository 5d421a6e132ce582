"""Graph state: what the production graph checkpoints between nodes."""

from __future__ import annotations

import hashlib
from typing import Annotated, Any, NotRequired

from langchain_core.messages import AnyMessage
from langgraph.graph.message import add_messages
from typing_extensions import TypedDict  # not typing's: pydantic reads it on Python 3.11 (Studio's schemas)

from aios.kernel.schemas import (
    Brief,
    LibraryPick,
    Narration,
    PolicyReport,
    QCReport,
    RenderResult,
    Scene,
    StockPick,
    Storyboard,
    Visual,
)
from aios.tools.assets import AssetInfo


def merge(left: dict[str, Any] | None, right: dict[str, Any] | None) -> dict[str, Any]:
    """Reducer: later keys win; lets parallel scene tasks add their results."""
    return {**(left or {}), **(right or {})}


def timing(record: dict[str, float] | float) -> dict[str, float]:
    """A node's timing record; a bare number (a checkpoint from before records) is its seconds."""
    if isinstance(record, dict):
        return dict(record)
    seconds = float(record)
    return {"wall_s": seconds, "task_s": seconds, "cpu_s": 0.0, "tasks": 1.0, "start": 0.0, "end": 0.0}


def add_timings(left: dict[str, Any] | None, right: dict[str, Any] | None) -> dict[str, dict[str, float]]:
    """Reducer: one record per node. wall_s is the time the node took (tasks that ran side by side, as the scene
    tasks do, count once: the union of their spans), task_s their seconds added up (lock and queue waits included),
    cpu_s the CPU seconds of their own threads, tasks how many ran."""
    out = {name: timing(record) for name, record in (left or {}).items()}
    for name, record in (right or {}).items():
        new, old = timing(record), out.get(name)
        if old is None:
            out[name] = new
            continue
        if new["start"] < old["end"] and old["start"] < new["end"]:  # ran alongside: the span grows
            start, end = min(old["start"], new["start"]), max(old["end"], new["end"])
            wall = old["wall_s"] + (end - start) - (old["end"] - old["start"])
        else:  # ran after (a replan, a resumed job): its time adds
            start, end, wall = new["start"], new["end"], old["wall_s"] + new["wall_s"]
        out[name] = {"wall_s": round(wall, 4), "task_s": round(old["task_s"] + new["task_s"], 4),
                     "cpu_s": round(old["cpu_s"] + new["cpu_s"], 4), "tasks": old["tasks"] + new["tasks"],
                     "start": start, "end": end}
    return out


def append(left: list[Any] | None, right: list[Any] | None) -> list[Any]:
    """Reducer: an append-only log."""
    return [*(left or []), *(right or [])]


TAKE_FIELDS = {"voice_take": 1, "picture_take": 1, "voice_note": "", "picture_note": ""}
VOICE_FIELDS = ("voice_take", "voice_note")


def scene_key(scene: Scene) -> str:
    """A stable key for a scene's content: results are looked up by it, never by position. A scene on its first
    takes with no notes keeps the key it had before scenes had takes."""
    unset = {name for name, default in TAKE_FIELDS.items() if getattr(scene, name) == default}
    return hashlib.sha256(scene.model_dump_json(exclude=unset).encode()).hexdigest()[:16]


def picture_key(scene: Scene) -> str:
    """The key of what the scene's picture depends on: its content less its length and its voice's take and note (a
    new take of the voice, or another length, keeps the picture)."""
    return scene_key(scene.model_copy(update={"duration_s": 1.0, **{name: TAKE_FIELDS[name] for name in VOICE_FIELDS}}))


class InputState(TypedDict, total=False):
    """What a caller passes: a new job's request, or a re-render of an approved job (e.g. at final); or, in a chat,
    messages: the first human message is the brief, later ones during a review are the editor's answer."""

    request: dict[str, Any]
    rerender: str
    messages: Annotated[list[AnyMessage], add_messages]


class ProductionState(InputState, total=False):
    """Everything the production graph knows about one job."""

    brief: Brief
    assets: list[AssetInfo]
    library: list[LibraryPick]
    matches: list[LibraryPick]
    stock: list[StockPick]  # the stock pictures scenes show, and up to three others per scene (path None)
    storyboard: Storyboard
    policy: PolicyReport
    policy_checks: Annotated[dict[str, PolicyReport], merge]
    feedback: str | None
    edits: list[Scene]  # the scenes an editor has written: a replan keeps them
    takes: Annotated[dict[str, list[Scene]], merge]  # scene index -> each take a scene command made of it, in order
    verdict: str
    replans: int
    narrations: Annotated[dict[str, Narration], merge]
    visuals: Annotated[dict[str, Visual], merge]
    render: RenderResult
    qc: QCReport
    status: str
    deliverables: dict[str, str]  # paths on the machine that published
    links: Annotated[dict[str, str], merge]  # artifact name -> signed download URL (preview-mp4 while in review)
    timings: Annotated[dict[str, dict[str, float]], add_timings]
    decisions: Annotated[list[dict[str, Any]], append]
    provenance: Annotated[dict[str, Any], merge]
    costs: Annotated[list[dict[str, Any]], append]


class SceneTask(TypedDict):
    """The payload of one Send: a scene and what its engines need."""

    scene: Scene
    brief: Brief
    storyboard_title: str
    last: NotRequired[bool]  # the closing scene (an end card); tasks checkpointed before it was added lack it
