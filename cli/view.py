"""Terminal views for the CLI: live progress per node and per scene, storyboards and results."""

from __future__ import annotations

from types import TracebackType
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn
from rich.table import Table

from aios.kernel.settings import Settings
from aios.kernel.stages import STEPS
from aios.runtime.jobs import JobStatus


class ProgressView:
    """Turns graph stream events into Rich progress bars."""

    def __init__(self, console: Console) -> None:
        self.progress = Progress(SpinnerColumn(), TextColumn("{task.description:<22}"),
                                 BarColumn(), MofNCompleteColumn(), console=console,
                                 transient=False)
        self.steps = self.progress.add_task("pipeline", total=len(STEPS))
        self.speech = self.progress.add_task("speech (scenes)", total=None, visible=False)
        self.visuals = self.progress.add_task("visuals (scenes)", total=None, visible=False)
        self.render = self.progress.add_task("render (%)", total=100, visible=False)

    def __enter__(self) -> ProgressView:
        self.progress.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.progress.stop()

    def __call__(self, mode: str, chunk: Any) -> None:
        """Handle one (mode, chunk) pair from the job service."""
        if mode == "custom" and isinstance(chunk, dict) and "degraded" in chunk:
            note = chunk["degraded"]
            where = f"scene {note['scene'] + 1} " if note.get("scene") is not None else ""
            self.progress.console.print(f"[yellow]{where}{note['role']}: {escape(note['message'])}[/]",
                                        markup=True, highlight=False)
            return
        if mode == "custom" and isinstance(chunk, dict) and "render" in chunk:
            self.progress.update(self.render, visible=True, completed=int(chunk["render"] * 100))
            return
        if mode != "updates" or not isinstance(chunk, dict):
            return
        for node, update in chunk.items():
            update = update or {}
            if node in STEPS:
                self.progress.update(self.steps, description=node.replace("_", " "),
                                     completed=STEPS.index(node) + 1)
            if node == "plan_storyboard" and "storyboard" in update:
                count = len(update["storyboard"].scenes)
                for task in (self.speech, self.visuals):
                    self.progress.reset(task, total=count, visible=True)
            if node == "narrate":
                self.progress.advance(self.speech)
            if node == "visualize":
                self.progress.advance(self.visuals)


def storyboard_table(storyboard: dict[str, Any], policy: dict[str, Any] | None) -> Table:
    """A table of the scenes, with policy findings marked on their scenes."""
    flagged: dict[int | None, list[str]] = {}
    for finding in (policy or {}).get("findings", []):
        flagged.setdefault(finding.get("scene_index"), []).append(finding["reason"])
    table = Table(title=f"{storyboard['title']}  ({storyboard['planner']}, "
                        f"revision {storyboard.get('revision', 0)})", show_lines=True)
    for column in ("#", "seconds", "on screen", "narration", "policy"):
        table.add_column(column, overflow="fold")
    for scene in storyboard["scenes"]:
        table.add_row(str(scene["index"] + 1), f"{scene['duration_s']:.1f}",
                      scene["on_screen_text"], scene["narration"],
                      "; ".join(flagged.get(scene["index"], [])) or "-")
    return table


def show_pictures(console: Console, pictures: list[dict[str, Any]]) -> None:
    """Whose stock picture each scene shows, and the references of the others it could show."""
    for offer in pictures:
        shown, others = offer.get("shown"), offer.get("alternatives") or []
        line = (f"scene {offer['scene'] + 1} picture: {shown['title'][:60]!r} by {shown['author'] or 'unknown'} "
                f"({shown['provider']}, {shown['licence']})") if shown else f"scene {offer['scene'] + 1}: drawn card"
        console.print(escape(line), soft_wrap=True)
        if others:
            console.print("  others: " + ", ".join(a["ref"] for a in others), soft_wrap=True)
    if any(o.get("alternatives") for o in pictures):
        console.print("to swap a picture, set that scene's \"asset\" to one of those references in the edit file",
                      soft_wrap=True)


def show_status(console: Console, status: JobStatus, edit_file: str | None = None,
                settings: Settings | None = None) -> None:
    """Print where a job stands and what the user can do next (with settings: the storyboard's contact sheet)."""
    values = status.values
    console.print(f"[bold]job[/] {status.thread_id}  [bold]status[/] {status.status}")
    if status.error:
        console.print(f"[red]last error:[/] {status.error}")
    if status.status == "awaiting_review" and status.pending:
        args = status.pending["action_requests"][0]["args"]
        console.print(status.pending["action_requests"][0]["description"])
        if status.checkpoint == "storyboard":
            console.print(storyboard_table(args["storyboard"], args.get("policy")))
            show_pictures(console, args.get("pictures") or [])
            if settings is not None and "storyboard" in values and "brief" in values:
                from aios.agent.previews import storyboard_sheet  # drawing: only when a review is shown

                brief = values["brief"]
                sheet = storyboard_sheet(settings, values["storyboard"], brief.aspect, brief.tone)
                console.print(f"contact sheet: {sheet}", soft_wrap=True)
        else:
            console.print(f"preview: {args['video']}")
        hint = f"aios resume {status.thread_id}"
        console.print(f"next: [bold]{hint} --approve[/] | [bold]{hint} --edit "
                      f"{edit_file or 'FILE.json'}[/] | [bold]{hint} --reject \"what to change\"[/]")
    elif status.status == "published":
        for kind, path in values.get("deliverables", {}).items():
            console.print(f"{kind:>9}: {path}")
        storyboard = values.get("storyboard")
        if storyboard:
            console.print(f"planner: {storyboard.planner}")
    elif status.status == "blocked":
        for finding in values["policy"].findings:
            console.print(f"[red]blocked[/] ({finding.rule}): {finding.reason}: {finding.excerpt!r}")
    elif status.status == "failed" and "qc" in values:
        for check in values["qc"].checks:
            console.print(f"{'ok' if check.passed else 'FAIL':>4} {check.name}: {check.detail}")
    elif status.status == "interrupted":
        console.print(f"stopped before {', '.join(status.next_nodes)}; "
                      f"continue with: aios resume {status.thread_id}")
