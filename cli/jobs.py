"""`aios make`, `resume`, `show` and `jobs`: a job from the terminal, through the same job commands as every door."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from aios.cli.console import cli_actor, console, guard
from aios.cli.view import ProgressView, show_status
from aios.kernel.catalogs import IMAGERY, PLANNER_CHOICES, SPEECH
from aios.kernel.context import MUSIC_CHOICES, Context
from aios.kernel.decision import Decision
from aios.kernel.errors import InvalidInput, ReviewDecisionError
from aios.kernel.settings import get_settings
from aios.kernel.vocab import ASPECTS, CAPTION_SIZES, CAPTION_STYLES, PROFILES, TRANSITION_CHOICES, one_of
from aios.runtime.commands import JobCommands
from aios.runtime.jobs import JobService, JobStatus
from aios.runtime.runner import ForegroundRunner

EXIT = {"published": 0, "awaiting_review": 0, "blocked": 3, "failed": 1, "rejected": 1}


def _commands() -> tuple[JobCommands, ForegroundRunner]:
    service = JobService(get_settings())
    runner = ForegroundRunner(service)
    return JobCommands(service, runner), runner


def _drive(commands: JobCommands, runner: ForegroundRunner, thread_id: str) -> None:
    """Run what the commands queued, with live progress, then say where the job stands and exit with its code."""
    with guard(thread_id), ProgressView(console) as view:
        status = runner.drain(on_event=view)
    _report(commands.service, status or commands.service.status(thread_id))


def _report(service: JobService, status: JobStatus) -> None:
    edit_file = None
    if status.status == "awaiting_review" and status.pending:
        args = status.pending["action_requests"][0]["args"]
        path = service.settings.data_dir / "jobs" / status.thread_id / "storyboard.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(args["storyboard"], indent=2), encoding="utf-8")
        edit_file = str(path)
    show_status(console, status, edit_file, service.settings)
    raise typer.Exit(EXIT.get(status.status, 1))


def make(
    brief: Annotated[str, typer.Argument(help="What the video should be, in words.")],
    duration: Annotated[float | None, typer.Option(help="Target length in seconds.")] = None,
    aspect: Annotated[str | None, typer.Option(help=f"{one_of(ASPECTS)}.")] = None,
    asset: Annotated[list[Path] | None, typer.Option(help="An image to use (repeatable).")] = None,
    profile: Annotated[str, typer.Option(help=f"{one_of(PROFILES)}.")] = "preview",
    out: Annotated[Path | None, typer.Option(help="Where to write the deliverables.")] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Approve both reviews.")] = False,
    tone: Annotated[str | None, typer.Option(help="e.g. upbeat, calm, serious.")] = None,
    language: Annotated[str | None, typer.Option(help="Narration language code.")] = None,
    cta: Annotated[str | None, typer.Option(help="Call to action for the last scene.")] = None,
    source: Annotated[Path | None, typer.Option(help="A text file to summarize.")] = None,
    planner: Annotated[str, typer.Option(help=f"{one_of(PLANNER_CHOICES)}.")] = "auto",
    voice: Annotated[str | None, typer.Option(help="Voice for the speech engine (a speaker, or a clip to clone).")]
    = None,
    tts_engine: Annotated[str | None, typer.Option(help=f"Speech engine: {one_of(SPEECH.names)}.")] = None,
    image_engine: Annotated[str | None, typer.Option(help=f"Image engine: {one_of(IMAGERY.names)}.")] = None,
    music: Annotated[str, typer.Option(help="Music bed: auto (library match, else synthesized for the tone), "
                                             "library (a packaged track for the mood), none, or a file.")] = "auto",
    transitions: Annotated[str, typer.Option(help=f"{one_of(TRANSITION_CHOICES)}.")] = "auto",
    captions: Annotated[str, typer.Option(help=f"Burned-in captions: {one_of(CAPTION_STYLES)}.")] = "highlight",
    caption_size: Annotated[str, typer.Option(help=f"{one_of(CAPTION_SIZES)}.")] = "medium",
    safe_content: Annotated[bool, typer.Option("--safe-content", help="Tighter policy thresholds.")] = False,
    tenant: Annotated[str | None, typer.Option(help="Whose job it is (their policy, library and review page); "
                                                     "default AIOS_CLI_TENANT ('local').")] = None,
) -> None:
    """Plan, review and render a video from a brief."""
    with guard():
        if profile not in PROFILES:
            raise InvalidInput(f"profile must be one of {', '.join(PROFILES)}, not {profile!r}")
        if planner not in PLANNER_CHOICES:
            raise InvalidInput(f"planner must be {one_of(PLANNER_CHOICES)}, not {planner!r}")
        source_text = None
        if source is not None:
            if not source.is_file():
                raise InvalidInput(f"source file not found: {source}")
            source_text = source.read_text(encoding="utf-8", errors="replace")
        request = {"text": brief, "duration_s": duration, "aspect": aspect, "tone": tone,
                   "language": language, "call_to_action": cta, "source_text": source_text,
                   "assets": [str(p) for p in asset or []]}
        context = Context(planner=planner, profile=profile, voice=voice,
                          tts_engine=tts_engine, image_engine=image_engine,
                          auto_approve=yes, out_dir=str(out.resolve()) if out else None,
                          music=music if music in MUSIC_CHOICES else str(Path(music).expanduser().resolve()),
                          transitions=transitions, captions=captions, caption_size=caption_size,  # type: ignore[arg-type]
                          safe_content=safe_content)
        commands, runner = _commands()
        owner = tenant or get_settings().cli_tenant
        if not TENANT.fullmatch(owner):
            raise InvalidInput(f"tenant must be 1-64 letters, digits, '.', '_' or '-', not {owner!r}")
        thread_id, _ = commands.start(request, context, actor=cli_actor(), tenant=owner)
    console.print(f"job [bold]{thread_id}[/]")
    _drive(commands, runner, thread_id)


TENANT = re.compile(r"[A-Za-z0-9_.-]{1,64}")


def _decision(approve: bool, edit: Path | None, reject: str | None) -> Decision | None:
    """The decision the options state (None: just continue a stopped job)."""
    if sum([approve, edit is not None, reject is not None]) > 1:
        raise InvalidInput("choose one of --approve, --edit or --reject")
    if approve:
        return Decision(type="approve", actor=cli_actor())
    if reject is not None:
        if not reject.strip():
            raise ReviewDecisionError("a reject decision needs a message saying what to change")
        return Decision(type="reject", message=reject, actor=cli_actor())
    if edit is None:
        return None
    try:
        data = json.loads(edit.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InvalidInput(f"edit file not found: {edit}") from None
    except json.JSONDecodeError as exc:
        raise InvalidInput(f"edit file is not valid JSON: {edit}: {exc}") from None
    scenes = data.get("scenes") if isinstance(data, dict) else data
    return Decision.build(type="edit", scenes=scenes or None, actor=cli_actor())


def resume(
    thread_id: Annotated[str, typer.Argument(help="The job's thread id.")],
    approve: Annotated[bool, typer.Option("--approve", help="Approve the pending review.")] = False,
    edit: Annotated[Path | None, typer.Option(help="JSON file with replacement scenes.")] = None,
    reject: Annotated[str | None, typer.Option(help="Reject, saying what to change.")] = None,
) -> None:
    """Answer a pending review, or continue a job that was stopped."""
    with guard(thread_id):
        commands, runner = _commands()
        decision = _decision(approve, edit, reject)
        if decision is not None:
            commands.decide(thread_id, decision, local_paths=True)
        else:
            commands.run(thread_id)
    _drive(commands, runner, thread_id)


def show(
    thread_id: Annotated[str, typer.Argument(help="The job's thread id.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show a job's state and any pending review."""
    settings = get_settings()
    with guard(thread_id):
        status = JobService(settings).status(thread_id)
    if as_json:
        body = status.model_dump(mode="json", exclude={"values"})
        body["deliverables"] = status.values.get("deliverables")
        console.print_json(json.dumps(body))
        return
    show_status(console, status, settings=settings)


def list_jobs(limit: Annotated[int, typer.Option(help="How many.")] = 20) -> None:
    """List recent jobs: id, status, age, tenant and title."""
    with guard():
        rows = JobService(get_settings()).recent(limit)
    lines = [("job", "status", "age", "tenant", "title")]
    for status, created, owner in rows:
        storyboard = status.values.get("storyboard")
        title = storyboard.title if storyboard is not None else status.values["brief"].subject \
            if "brief" in status.values else ""
        lines.append((status.thread_id, status.status, age(created), owner, title))
    widths = [max(len(line[n]) for line in lines) for n in range(4)]
    for line in lines:  # whole rows, whatever the terminal's width (a table would cut ids and titles)
        console.print("  ".join([*(cell.ljust(w) for cell, w in zip(line, widths, strict=False)), line[4]]),
                      markup=False, highlight=False)


def age(created: str) -> str:
    """How long ago an ISO timestamp was, in the largest whole unit ('3 min', '2 h', '5 d')."""
    try:
        then = datetime.fromisoformat(created)
    except ValueError:
        return created
    seconds = max(0, int((datetime.now(then.tzinfo or UTC) - then).total_seconds()))
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size:
            return f"{seconds // size} {unit}"
    return f"{seconds} s"
