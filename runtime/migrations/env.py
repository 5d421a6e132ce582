"""Alembic's environment: migrations run on the connection the caller hands in (aios.runtime.migrations)."""

from __future__ import annotations

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, transactional_ddl=True)
with context.begin_transaction():
    context.run_migrations()
