"""`aios policy check` (one text or file against the policy) and `aios policy eval` (the labeled set)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, cast

import typer

from aios.cli.console import console, guard
from aios.kernel.errors import InvalidInput
from aios.kernel.settings import get_settings
from aios.tools.policy.engine import Stage, policy_engine
from aios.tools.policy.rules import Text

policy = typer.Typer(help="Check texts against the content policy.", no_args_is_help=True)
EXIT = {"pass": 0, "review": 4, "block": 3}
STAGES = ("brief", "storyboard", "output")


@policy.command("check")
def check(text: Annotated[str | None, typer.Argument(help="The text to check.")] = None,
          file: Annotated[Path | None, typer.Option("--file", help="Check this text file instead.")] = None,
          tenant: Annotated[str | None, typer.Option(help="Apply this tenant's overrides.")] = None,
          stage: Annotated[str, typer.Option(help="brief, storyboard or output (the last two add brand rules).")]
          = "brief",
          safe_content: Annotated[bool, typer.Option("--safe-content", help="Use the tighter thresholds.")] = False,
          as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False) -> None:
    """Print pass, review or block with the findings; exit 0 (pass), 4 (review) or 3 (block)."""

    with guard():
        if (text is None) == (file is None):
            raise InvalidInput("give either TEXT or --file (not both)")
        if stage not in STAGES:
            raise InvalidInput(f"stage must be one of {', '.join(STAGES)}, not {stage!r}")
        if file is not None:
            if not file.is_file():
                raise InvalidInput(f"file not found: {file}")
            text = file.read_text(encoding="utf-8", errors="replace")
        if not (text or "").strip():
            raise InvalidInput("the text is empty")
        engine = policy_engine(get_settings(), tenant)
        report = engine.check(cast(Stage, stage), [Text(text or "")], safe_content=safe_content)
    if as_json:
        print(json.dumps(report.model_dump(mode="json"), indent=2))
    else:
        console.print(f"{report.outcome}  (policy {report.version})", markup=False, highlight=False)
        for finding in report.findings:
            console.print(f"  {finding.outcome:<6} {finding.rule:<22} {finding.reason}  [{finding.engine}]"
                          f"  “{finding.excerpt}”", markup=False, highlight=False)
    raise typer.Exit(EXIT[report.outcome])


@policy.command("eval")
def evaluate(dataset: Annotated[Path | None, typer.Option(help="Labeled texts (JSON lines).")] = None,
             as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False) -> None:
    """Score the policy on the labeled set: precision and recall on violations, outcome accuracy."""
    from aios.evals.policy_set import evaluate as run
    from aios.evals.policy_set import load

    with guard():
        scores = run(load(dataset), lambda tenant: policy_engine(get_settings(), tenant))
    if as_json:
        print(json.dumps(scores.summary(), indent=2))
        return
    for miss in scores.misses:
        console.print(f"miss  {miss}", markup=False, highlight=False)
    console.print(scores.line(), markup=False, highlight=False)

