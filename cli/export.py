"""`aios export`: a job's cut for an editing program (OpenTimelineIO, FCP7 XML, FCPXML), zipped with its media."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from aios.cli.console import console, guard
from aios.kernel.errors import InvalidInput
from aios.kernel.settings import get_settings
from aios.kernel.vocab import one_of
from aios.runtime.exports import FORMATS, Exports
from aios.runtime.jobs import JobService
from aios.tools.export.bundle import FORMATS as OPENS_IN


def export(
    thread_id: Annotated[str, typer.Argument(help="The job's thread id.")],
    fmt: Annotated[str, typer.Option("--format", help=f"{one_of(FORMATS)}: " + "; ".join(
        f"{name}: {about[2]}" for name, about in OPENS_IN.items()))] = "otio",
    out: Annotated[Path, typer.Option(help="Where the zip goes.")] = Path("."),
) -> None:
    """Export the job's cut (the published one, else the one waiting for review) for Premiere, Resolve or Final Cut:
    its timeline with every picture, line and music bed it uses, zipped under relative paths, and a README."""
    with guard():
        if fmt not in FORMATS:
            raise InvalidInput(f"--format must be {one_of(FORMATS)}, not {fmt!r}")
        made = Exports(JobService(get_settings())).make(thread_id, None, fmt, out.expanduser())
    console.print(f"exported: {made}", soft_wrap=True, markup=False, highlight=False)
