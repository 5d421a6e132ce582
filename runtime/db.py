"""The jobs database: SQLite under AIOS_HOME by default, PostgreSQL when AIOS_DATABASE_URL names one.

Stores write portable SQL with `?` placeholders; this module turns them into psycopg's `%s` for PostgreSQL
and runs each schema in the dialect's own words. SQLite serializes on one connection and a lock; PostgreSQL
takes connections from a pool, so API processes and workers share one database.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal, Protocol, cast

from aios.kernel.errors import ConfigurationError
from aios.kernel.settings import Settings

Dialect = Literal["sqlite", "postgres"]


class Cursor(Protocol):
    """What stores read from a statement: rows and the number of rows changed."""

    rowcount: int

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...


class Handle(Protocol):
    """A connection inside a read or a transaction."""

    def execute(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> Cursor: ...


class _Postgres:
    """A psycopg connection that takes `?` placeholders."""

    def __init__(self, connection: Any) -> None:
        self._connection = connection

    def execute(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> Cursor:
        cursor: Cursor = self._connection.execute(sql.replace("?", "%s"), params)
        return cursor


class Database:
    """One jobs database shared by the job service, event log, audit trail, keys, webhooks and Slack store."""

    def __init__(self, url: str | None, home: Path) -> None:
        self.url = url or ""
        self.dialect: Dialect = "postgres" if self.url.startswith(("postgresql://", "postgres://")) else "sqlite"
        self._lock = threading.RLock()
        self.path = home / "jobs.sqlite"  # SQLite only
        if self.dialect == "postgres":
            self._pool: Any = open_pool(self.url, autocommit=False)
            self._sqlite: sqlite3.Connection | None = None
        else:
            self._sqlite = sqlite3.connect(self.path, check_same_thread=False)

    @contextmanager
    def write(self) -> Iterator[Handle]:
        """A transaction: committed when the block ends, rolled back if it raises."""
        if self._sqlite is not None:
            with self._lock, self._sqlite:
                yield cast(Handle, self._sqlite)
            return
        with self._pool.connection() as connection, connection.transaction():
            yield _Postgres(connection)

    @contextmanager
    def read(self) -> Iterator[Handle]:
        """A connection for reading."""
        if self._sqlite is not None:
            with self._lock:
                yield cast(Handle, self._sqlite)
            return
        with self._pool.connection() as connection:
            yield _Postgres(connection)

    def close(self) -> None:
        """Close the connection or the pool."""
        if self._sqlite is not None:
            self._sqlite.close()
        else:
            self._pool.close()


def open_pool(url: str, **kwargs: Any) -> Any:
    """A psycopg connection pool, opened now: an unreachable server is one ConfigurationError within seconds."""
    import psycopg
    from psycopg_pool import ConnectionPool

    try:
        psycopg.connect(url, connect_timeout=5).close()
    except psycopg.Error as exc:
        where = url.split("@")[-1]  # never the password
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ConfigurationError(f"cannot connect to the database at {where} (AIOS_DATABASE_URL): {reason}") from exc
    pool = ConnectionPool(url, min_size=1, max_size=16, open=False, kwargs=kwargs)
    pool.open(wait=True, timeout=10)
    return pool


def open_database(settings: Settings) -> Database:
    """The jobs database the settings name: PostgreSQL at AIOS_DATABASE_URL, else SQLite under AIOS_HOME."""
    return Database(settings.database_url.get_secret_value() if settings.database_url else None, settings.data_dir)
