"""`aios db upgrade` and `aios db current`: the jobs database's schema migrations (they also run at every start)."""

from __future__ import annotations

from typing import Annotated

import typer

from aios.cli.console import console, guard
from aios.kernel.settings import get_settings
from aios.runtime.db import open_database
from aios.runtime.migrations import revisions, upgrade

db = typer.Typer(help="The jobs database: schema migrations (SQLite under AIOS_HOME, or AIOS_DATABASE_URL).",
                 no_args_is_help=True)


@db.command("upgrade")
def upgrade_command(revision: Annotated[str, typer.Argument(help="Where to go; default: the newest.")] = "head",
                    ) -> None:
    """Migrate the schema (a database made before migrations is adopted as it is)."""
    with guard():
        database = open_database(get_settings())
        try:
            upgrade(database, revision)
            found, head = revisions(database)
        finally:
            database.close()
    console.print(f"database at revision {found} (newest {head})", highlight=False)


@db.command("current")
def current() -> None:
    """Print the database's revision and the newest this release knows."""
    with guard():
        database = open_database(get_settings())
        try:
            found, head = revisions(database)
        finally:
            database.close()
    console.print(f"database at revision {found or 'none (not migrated yet)'} (newest {head})", highlight=False)
