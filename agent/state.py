"""Graph state: what the production graph checkpoints between nodes."""

from __future__ import annotations

import hashlib
from typing import Annotated, Any, NotRequired

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


def add_seconds(left: dict[str, float] | None, right: dict[str, float] | None) -> dict[str, float]:
    """Reducer: adds per-node seconds, so scene tasks sum into one figure per node."""
    out = dict(left or {})
    for name, seconds in (right or {}).items():
        out[name] = round(out.get(name, 0.0) + seconds, 4)
    return out


def append(left: list[Any] | None, right: list[Any] | None) -> list[Any]:
    """Reducer: an append-only log."""
    return [*(left or []), *(right or [])]


def scene_key(scene: Scene) -> str:
    """A stable key for a scene's content: results are looked up by it, never by position."""
    return hashlib.sha256(scene.model_dump_json().encode()).hexdigest()[:16]


class InputState(TypedDict, total=False):
    """What a caller passes: a new job's request, or a re-render of an approved job (e.g. at final)."""

    request: dict[str, Any]
    rerender: str


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
    verdict: str
    replans: int
    narrations: Annotated[dict[str, Narration], merge]
    visuals: Annotated[dict[str, Visual], merge]
    render: RenderResult
    qc: QCReport
    status: str
    deliverables: dict[str, str]
    timings: Annotated[dict[str, float], add_seconds]
    decisions: Annotated[list[dict[str, Any]], append]
    provenance: Annotated[dict[str, Any], merge]
    costs: Annotated[list[dict[str, Any]], append]


class SceneTask(TypedDict):
    """The payload of one Send: a scene and what its engines need."""

    scene: Scene
    brief: Brief
    storyboard_title: str
    last: NotRequired[bool]  # the closing scene (an end card); tasks checkpointed before it was added lack it
