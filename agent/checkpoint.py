"""Checkpoint serialization: an explicit allowlist of the domain types stored in state."""

from __future__ import annotations

from langgraph.checkpoint.serde.jsonplus import JsonPlusSerializer

from agent import schemas
from tools.assets import AssetInfo

STATE_TYPES: tuple[type, ...] = (
    schemas.Brief, schemas.Scene, schemas.Storyboard, schemas.PolicyFinding,
    schemas.PolicyReport, schemas.Narration, schemas.Visual, schemas.RenderResult,
    schemas.QCCheck, schemas.QCReport, schemas.WordTiming, AssetInfo,
)


def serializer() -> JsonPlusSerializer:
    """A serializer that restores only the built-in safe types and our state types."""
    return JsonPlusSerializer(allowed_msgpack_modules=None).with_msgpack_allowlist(STATE_TYPES)
