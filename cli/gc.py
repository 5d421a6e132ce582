"""`aios gc [--dry-run]`: delete what the retention policy says has expired (the server and workers sweep hourly)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from aios.cli.console import console, guard
from aios.kernel.settings import get_settings
from aios.runtime.jobs import JobService
from aios.runtime.retention import Retention


def gc(dry_run: Annotated[bool, typer.Option("--dry-run", help="Only list what would be deleted.")] = False) -> None:
    """Delete expired working files, deliverables, uploads, cache entries and jobs (AIOS_RETENTION_DAYS)."""
    with guard():
        service = JobService(get_settings())
        try:
            swept = Retention(service).sweep(dry_run=dry_run)
        finally:
            service.close()
    if swept.doomed:
        table = Table("kind", "what", "tenant", "age (days)", "bytes", box=None)
        for item in swept.doomed:
            table.add_row(item.kind, item.what, item.tenant or "", f"{item.age_days:g}", f"{item.bytes:,}")
        console.print(table)
    verb = "would free" if dry_run else "freed"
    console.print(f"{len(swept.doomed)} items, {verb} {swept.bytes / 1e6:.1f} MB", highlight=False)
