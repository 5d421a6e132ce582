"""`aios assets add|search|list|remove`: the brand asset library from the command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, cast

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from aios.cli.console import console, guard
from aios.kernel.errors import InvalidInput
from aios.kernel.settings import get_settings
from aios.tools.library.records import KINDS, Kind

assets = typer.Typer(help="The asset library: brand images, clips, music beds and guidelines.", no_args_is_help=True)
SHOWN = 50  # per-file lines printed for a large ingest; the totals line always counts everything
TenantOption = Annotated[str | None, typer.Option(help="Whose library; default AIOS_CLI_TENANT ('local'), whose "
                                                       "CLI jobs use it.")]


def _kind(kind: str | None) -> Kind | None:
    if kind is not None and kind not in KINDS:
        raise InvalidInput(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    return cast(Kind | None, kind)


@assets.command("add")
def add(paths: Annotated[list[Path], typer.Argument(help="Files or folders (folders are searched recursively).")],
        tags: Annotated[str, typer.Option(help="Comma-separated tags, searchable.")] = "",
        description: Annotated[str, typer.Option(help="A sentence saying what it shows, searchable.")] = "",
        keep_near_duplicates: Annotated[bool, typer.Option(help="Add images that look like ones already in.")]
        = False,
        tenant: TenantOption = None) -> None:
    """Ingest files: probe, thumbnail, extract text, embed and index (the same file twice is a no-op)."""
    from aios.agent.library import get_library
    from aios.tools.assets import limit_pixels
    from aios.tools.library.library import expand

    with guard():
        files = list(expand(paths))
        settings = get_settings()
        limit_pixels(settings.max_image_pixels)
        library = get_library(settings)
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
        with Progress(*columns, console=console, transient=True) as bar:
            task = bar.add_task("ingesting", total=len(files))
            report = library.add(files, tenant or get_settings().cli_tenant, tags=tags.split(","),
                                 description=description, keep_near_duplicates=keep_near_duplicates,
                                 on_progress=lambda _path: bar.advance(task))
    for record in report.added[:SHOWN]:
        console.print(f"added      {record.parent or record.id}  {record.kind:<9} {record.name}", highlight=False)
    if len(report.added) > SHOWN:
        console.print(f"added      … and {len(report.added) - SHOWN} more (aios assets list)", highlight=False)
    for path in report.unchanged[:SHOWN]:
        console.print(f"unchanged  {path} (already in the library)", highlight=False)
    for path, other in report.near_duplicates:
        console.print(f"skipped    {path}: looks like {other} (--keep-near-duplicates adds it)", highlight=False)
    for path, reason in report.failed:
        console.print(f"failed     {path}: {reason}", highlight=False)
    console.print(f"{len(report.added)} added, {len(report.unchanged)} unchanged, "
                  f"{len(report.near_duplicates)} near-duplicates, {len(report.failed)} failed", highlight=False)
    if report.failed and not report.added:
        raise typer.Exit(2)


@assets.command("search")
def search(query: Annotated[str, typer.Argument(help="What you are looking for, in words.")],
           kind: Annotated[str | None, typer.Option(help="image, clip, music or guideline.")] = None,
           k: Annotated[int, typer.Option("-k", help="How many results.")] = 5,
           as_json: Annotated[bool, typer.Option("--json", help="JSON lines.")] = False,
           tenant: TenantOption = None) -> None:
    """Ranked results (hybrid: BM25 and vectors fused) with their fused score and cosine similarity."""
    from aios.agent.library import get_library

    with guard():
        hits = get_library(get_settings()).search(query, tenant or get_settings().cli_tenant, _kind(kind), k)
    for rank, hit in enumerate(hits, 1):
        record = hit.record
        if as_json:
            print(json.dumps({"rank": rank, "score": hit.score, "similarity": hit.similarity,
                              **record.model_dump(mode="json")}))
        else:
            snippet = record.text[:70] + ("…" if len(record.text) > 70 else "")
            console.print(f"{rank:>2}. {hit.score:.4f}  sim {hit.similarity:.3f}  {record.kind:<9} {record.id:<20} "
                          f"{record.name}  {snippet}", highlight=False, markup=False)
    if not hits:
        console.print("no results", highlight=False)


@assets.command("list")
def list_assets(kind: Annotated[str | None, typer.Option(help="image, clip, music or guideline.")] = None,
                limit: Annotated[int, typer.Option(help="How many, newest first.")] = 50,
                tenant: TenantOption = None) -> None:
    """The library's assets, newest first (a guideline once, with its passage count)."""
    from aios.agent.library import get_library

    with guard():
        records = get_library(get_settings()).index.records(tenant or get_settings().cli_tenant, _kind(kind),
                                                            limit=100_000)
    documents: dict[str, int] = {}
    for record in records:
        if record.parent:
            documents[record.parent] = documents.get(record.parent, 0) + 1
    shown, seen = 0, set()
    for record in records:
        key = record.parent or record.id
        if key in seen or shown >= limit:
            continue
        seen.add(key)
        shown += 1
        extra = f"{documents[key]} passages" if record.parent else \
            " ".join(x for x in (f"{record.width}x{record.height}" if record.width else "",
                                 f"{record.duration_s:.1f} s" if record.duration_s else "") if x)
        console.print(f"{key:<18} {record.kind:<9} {record.name:<36} {extra}  {','.join(record.tags)}",
                      highlight=False, markup=False)


@assets.command("remove")
def remove(asset_id: Annotated[str, typer.Argument(help="The id shown by add, list or search.")],
           tenant: TenantOption = None) -> None:
    """Remove an asset (a guideline with all its passages) and its stored file."""
    from aios.agent.library import get_library

    with guard():
        gone = get_library(get_settings()).remove(tenant or get_settings().cli_tenant, asset_id.split("-")[0])
    console.print(f"removed {gone[0].name} ({len(gone)} record{'s' if len(gone) > 1 else ''})", highlight=False)

