"""The `aios` command line: wiring only; each command lives in the module named after its group."""

from __future__ import annotations

import typer

from aios.cli import editing, evaluate, export, gc, jobs, server, slack, worker
from aios.cli.assets import assets
from aios.cli.db import db
from aios.cli.policy import policy

app = typer.Typer(help="AIOS Media: brief in, narrated and captioned video out.",
                  pretty_exceptions_enable=False, no_args_is_help=True, add_completion=False)
app.command()(jobs.make)
app.command()(jobs.resume)
app.command()(jobs.show)
app.command("jobs")(jobs.list_jobs)
app.command()(server.serve)
app.command()(server.audit)
app.command()(slack.slack)
app.command()(worker.worker)
app.command("eval")(evaluate.eval_command)
app.command()(gc.gc)
app.command()(export.export)
app.command()(editing.versions)
app.command()(editing.scene)
app.add_typer(server.keys, name="keys")
app.add_typer(policy, name="policy")
app.add_typer(assets, name="assets")
app.add_typer(db, name="db")
