"""The checkpoint serializer's allow-list covers every model the graph state can hold."""

from __future__ import annotations

import typing

from pydantic import BaseModel

from aios.agent.state import ProductionState
from aios.runtime.checkpoint import STATE_TYPES, serializer


def models(annotation: object) -> set[type]:
    """The pydantic models inside a type annotation (lists, dicts, Annotated reducers, unions)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return {annotation, *(m for f in annotation.model_fields.values() for m in models(f.annotation))}
    return {m for arg in typing.get_args(annotation) for m in models(arg)}


def test_every_state_model_is_allowed() -> None:
    from langgraph.checkpoint.serde._msgpack import SAFE_MSGPACK_TYPES

    hints = typing.get_type_hints(ProductionState, include_extras=True)
    found = {m for hint in hints.values() for m in models(hint)}
    assert found, "the state names no models"
    safe = {m for m in found if (m.__module__, m.__name__) in SAFE_MSGPACK_TYPES}  # LangChain's messages
    assert {m.__name__ for m in safe} >= {"AIMessage", "HumanMessage"}
    missing = found - set(STATE_TYPES) - safe
    assert not missing, f"not allowed: {sorted(m.__name__ for m in missing)}"


def test_stock_and_library_picks_survive_a_round_trip() -> None:
    from aios.kernel.schemas import LibraryPick, StockPick

    value = {"stock": [StockPick(provider="pexels", id="1", scene_index=0, similarity=0.5, licence="pexels",
                                 url="http://x/1.jpg", path="/tmp/1.jpg")],
             "matches": [LibraryPick(id="a", name="n", kind="image", path="/p", similarity=0.4)]}
    codec = serializer()
    restored = codec.loads_typed(codec.dumps_typed(value))
    assert restored == value


def test_the_suite_runs_langgraph_in_strict_msgpack_mode() -> None:
    """Every graph test resumes from checkpoints deserialized as LangGraph's coming default will (tests/conftest)."""
    from langgraph.checkpoint.serde import _msgpack

    assert _msgpack.STRICT_MSGPACK_ENABLED
