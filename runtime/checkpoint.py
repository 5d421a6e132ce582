"""Checkpoints: the saver (SQLite or PostgreSQL) and its serializer, which restores only allowed types."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ormsgpack
from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.checkpoint.serde import jsonplus
from langgraph.checkpoint.serde.jsonplus import JsonPlusSerializer
from langgraph.checkpoint.sqlite import SqliteSaver

from aios.kernel import schemas
from aios.runtime.db import Database, open_pool
from aios.tools.assets import AssetInfo

STATE_TYPES: tuple[type, ...] = (
    schemas.Brief, schemas.Scene, schemas.Storyboard, schemas.PolicyFinding,
    schemas.PolicyReport, schemas.Narration, schemas.Visual, schemas.RenderResult,
    schemas.QCCheck, schemas.QCReport, schemas.WordTiming, schemas.LibraryPick, schemas.StockPick, AssetInfo,
)


# Where our state types lived before the one `aios` namespace: checkpoints written then name these modules.
LEGACY_MODULES = {"agent.schemas": "aios.kernel.schemas", "tools.assets": "aios.tools.assets"}
_TYPED = (jsonplus.EXT_CONSTRUCTOR_KW_ARGS, jsonplus.EXT_CONSTRUCTOR_POS_ARGS, jsonplus.EXT_CONSTRUCTOR_SINGLE_ARG,
          jsonplus.EXT_METHOD_SINGLE_ARG, jsonplus.EXT_PYDANTIC_V1, jsonplus.EXT_PYDANTIC_V2)


def _renaming(restore: Callable[[int, bytes], Any]) -> Callable[[int, bytes], Any]:
    """An ext hook that reads a legacy module name as today's, then restores as `restore` does (same allowlist)."""

    def hook(code: int, data: bytes) -> Any:
        if code in _TYPED and any(old.encode() in data[:64] for old in LEGACY_MODULES):
            parts = ormsgpack.unpackb(data, ext_hook=ormsgpack.Ext, option=ormsgpack.OPT_NON_STR_KEYS)
            if isinstance(parts, list) and parts and parts[0] in LEGACY_MODULES:
                data = ormsgpack.packb([LEGACY_MODULES[parts[0]], *parts[1:]], option=ormsgpack.OPT_NON_STR_KEYS)
        return restore(code, data)

    return hook


def serializer() -> JsonPlusSerializer:
    """A serializer that restores only the built-in safe types and our state types (under old names too)."""
    allowed = JsonPlusSerializer(allowed_msgpack_modules=None).with_msgpack_allowlist(STATE_TYPES)
    restore = jsonplus._create_msgpack_ext_hook(allowed._allowed_msgpack_modules)
    return JsonPlusSerializer(allowed_msgpack_modules=allowed._allowed_msgpack_modules,
                              __unpack_ext_hook__=_renaming(restore))


class Checkpoints:
    """The graph's checkpointer and what it holds open: SQLite beside the jobs, or the jobs' PostgreSQL."""

    def __init__(self, saver: BaseCheckpointSaver[Any], closing: Any) -> None:
        self.saver, self._closing = saver, closing

    def close(self) -> None:
        """Close the checkpoint connection or pool."""
        self._closing.close()


def checkpointer(database: Database, home: Path) -> Checkpoints:
    """SqliteSaver under AIOS_HOME, or PostgresSaver on the jobs database (tables set up once, idempotently)."""
    if database.dialect == "sqlite":
        connection = sqlite3.connect(home / "checkpoints.sqlite", check_same_thread=False)
        return Checkpoints(SqliteSaver(connection, serde=serializer()), connection)
    from langgraph.checkpoint.postgres import PostgresSaver
    from psycopg.rows import dict_row

    pool = open_pool(database.url, autocommit=True, prepare_threshold=0, row_factory=dict_row)
    saver = PostgresSaver(pool, serde=serializer())
    with pool.connection() as held:
        held.execute("SELECT pg_advisory_lock(4243)")  # processes starting together migrate in turn
        try:
            saver.setup()
        finally:
            held.execute("SELECT pg_advisory_unlock(4243)")
    return Checkpoints(saver, pool)
