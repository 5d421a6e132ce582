"""Checkpoints: the saver (SQLite or PostgreSQL) and its serializer, which restores only allowed types."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.checkpoint.serde.jsonplus import JsonPlusSerializer
from langgraph.checkpoint.sqlite import SqliteSaver

from agent import schemas
from agent.db import Database, open_pool
from tools.assets import AssetInfo

STATE_TYPES: tuple[type, ...] = (
    schemas.Brief, schemas.Scene, schemas.Storyboard, schemas.PolicyFinding,
    schemas.PolicyReport, schemas.Narration, schemas.Visual, schemas.RenderResult,
    schemas.QCCheck, schemas.QCReport, schemas.WordTiming, AssetInfo,
)


def serializer() -> JsonPlusSerializer:
    """A serializer that restores only the built-in safe types and our state types."""
    return JsonPlusSerializer(allowed_msgpack_modules=None).with_msgpack_allowlist(STATE_TYPES)


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
