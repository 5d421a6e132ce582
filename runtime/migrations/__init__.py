"""Schema migrations of the jobs database (Alembic, one history for SQLite and PostgreSQL), run at start and by
`aios db upgrade`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from aios.runtime.db import Database

LOCK = 4242  # the advisory lock processes starting together take turns on (PostgreSQL)


def engine_url(database: Database) -> str:
    """The SQLAlchemy URL of the jobs database."""
    if database.dialect == "sqlite":
        return f"sqlite:///{database.path}"
    return "postgresql+psycopg://" + database.url.split("://", 1)[1]


def _config(connection: sqlalchemy.Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent))
    config.attributes["connection"] = connection
    return config


@contextmanager
def _connected(database: Database) -> Iterator[sqlalchemy.Connection]:
    """A short-lived SQLAlchemy connection to the jobs database (migrations only; the app keeps its own)."""
    engine = sqlalchemy.create_engine(engine_url(database), poolclass=sqlalchemy.pool.NullPool)
    try:
        with engine.connect() as connection:
            yield connection
    finally:
        engine.dispose()


def upgrade(database: Database, revision: str = "head") -> None:
    """Bring the schema up to `revision`; a database made before migrations is adopted by the first one."""
    with _connected(database) as connection:
        if database.dialect == "postgres":
            connection.execute(sqlalchemy.text(f"SELECT pg_advisory_lock({LOCK})"))
            connection.commit()
        try:
            command.upgrade(_config(connection), revision)
        finally:
            if database.dialect == "postgres":
                connection.rollback()
                connection.execute(sqlalchemy.text(f"SELECT pg_advisory_unlock({LOCK})"))
                connection.commit()


def revisions(database: Database) -> tuple[str | None, str]:
    """(the database's revision, the newest this release knows)."""
    with _connected(database) as connection:
        found = MigrationContext.configure(connection).get_current_revision()
        head = ScriptDirectory.from_config(_config(connection)).get_current_head()
    return found, str(head)
