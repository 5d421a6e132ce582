"""`aios eval`: run the eval dataset through the graph and write a scorecard, or compare two scorecards."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from importlib.metadata import version
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from aios.cli.console import console, guard
from aios.kernel.catalogs import PLANNER_CHOICES
from aios.kernel.errors import ConfigurationError, InvalidInput
from aios.kernel.settings import get_settings
from aios.kernel.vocab import one_of

if TYPE_CHECKING:
    from aios.evals.scorecard import Scorecard



def eval_command(
    dataset: Annotated[Path | None, typer.Option(help="JSONL of briefs; default: evals/datasets/briefs.jsonl.")] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="Run only the first N briefs.")] = None,
    out: Annotated[Path | None, typer.Option(help="Where scorecard.json/.md and the videos go.")] = None,
    planner: Annotated[str, typer.Option(help="auto (the LLM when configured), llm or rules.")] = "auto",
    check: Annotated[bool, typer.Option("--check", help="Exit 1 unless every target is met.")] = False,
    compare: Annotated[tuple[Path, Path] | None, typer.Option(
        help="Compare two scorecard.json files (A then B) and print what regressed in B.")] = None,
    stock: Annotated[str, typer.Option(
        help="none, or standin: stock pictures from the local stand-in providers (visual coverage).")] = "none",
) -> None:
    """Measure storyboard, speech, caption and policy quality on a dataset of briefs."""

    with guard():
        if compare is not None:
            _compare(*compare)
            return
        if planner not in PLANNER_CHOICES:
            raise InvalidInput(f"planner must be {one_of(PLANNER_CHOICES)}, not {planner!r}")
        if stock not in ("none", "standin"):
            raise InvalidInput(f"stock must be none or standin, not {stock!r}")
        if stock == "standin":
            from aios.evals.stock_standin import serve, settings_for

            with serve() as (url, _):
                for name, value in settings_for(url).items():
                    os.environ[f"AIOS_{name.upper()}"] = json.dumps(value) if isinstance(value, list) else str(value)
                card = _run(dataset, limit, out, planner)
        else:
            card = _run(dataset, limit, out, planner)
    if check and not all(met is not False for met in card.targets.values()):
        raise typer.Exit(1)


def _run(dataset: Path | None, limit: int | None, out: Path | None, planner: str) -> Scorecard:
    if find_spec("jiwer") is None or find_spec("faster_whisper") is None:
        raise ConfigurationError("aios eval scores speech with a recognizer: install it with "
                                 "pip install -e '.[eval]'")
    from aios.evals import dataset as datasets
    from aios.evals.run import run_case
    from aios.evals.scorecard import Scorecard
    from aios.runtime.jobs import JobService
    from aios.tools.asr import get_recognizer

    path = dataset or datasets.DEFAULT
    cases = datasets.load(path)[:limit]
    out = (out or get_settings().data_dir / "evals" / datetime.now(UTC).strftime("%Y%m%dT%H%M%S")).resolve()
    # The run gets a data directory of its own: its jobs stay out of `aios jobs`, and empty caches make
    # seconds per video a cold measurement that cannot hide a slower engine behind earlier runs.
    os.environ["AIOS_HOME"] = str(out / "home")
    get_settings.cache_clear()
    settings = get_settings()
    recognizer = get_recognizer()
    service = JobService(settings)
    results = []
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console) as bar:
        task = bar.add_task("eval", total=len(cases))
        for case in cases:
            bar.update(task, description=f"eval {case.id}")
            results.append(run_case(service, case, recognizer, out, planner))
            bar.advance(task)
    service.close()
    engines = {"planner": planner if planner != "auto" else f"auto ({settings.llm_model or 'rules'})",
               "speech": settings.tts_engine, "imagery": settings.image_engine, "renderer": settings.renderer,
               **({"stock": ", ".join(settings.stock_providers)} if settings.stock_providers else {}),
               "recognizer": f"faster-whisper {version('faster-whisper')} (Whisper tiny.en, int8)"}
    card = Scorecard.build(path.name, engines, results)
    as_json, as_md = card.write(out)
    _print(card)
    console.print(f"scorecard: {as_json} and {as_md}", highlight=False)
    return card


def _print(card: Scorecard) -> None:
    from aios.evals.scorecard import TARGETS

    table = Table("aggregate", "value", "target", "met")
    for name, value in card.aggregates.items():
        rule = TARGETS.get(name)
        met = card.targets.get(name)
        table.add_row(name, "–" if value is None else f"{value:g}", f"{rule[0]} {rule[1]:g}" if rule else "",
                      "" if rule is None else {True: "yes", False: "[red]no[/]", None: "–"}[met])
    console.print(table)


def _compare(before: Path, after: Path) -> None:
    from aios.evals.scorecard import compare, load

    for path in (before, after):
        if not path.is_file():
            raise InvalidInput(f"scorecard not found: {path}")
    found = compare(load(before), load(after))
    if not found:
        console.print(f"no regressions from {before} to {after}", highlight=False)
        return
    console.print(f"{len(found)} regressions from {before} to {after}:", highlight=False)
    for regression in found:
        console.print(f"  {regression.line()}", highlight=False, markup=False)
    raise typer.Exit(1)
