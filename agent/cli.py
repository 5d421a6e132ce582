"""The `aios` command line: make a video, resume a paused job, show a job."""

from __future__ import annotations

import getpass
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from agent.audit import decision_entry
from agent.cli_view import ProgressView, show_status
from agent.context import Context
from agent.errors import AiosError, InvalidInput
from agent.jobs import JobService, JobStatus
from agent.settings import get_settings
from tools.render.profiles import PROFILES

app = typer.Typer(help="AIOS Media: brief in, narrated and captioned video out.",
                  pretty_exceptions_enable=False, no_args_is_help=True, add_completion=False)
console = Console()
errors = Console(stderr=True)
EXIT = {"published": 0, "awaiting_review": 0, "blocked": 3, "failed": 1, "rejected": 1}


@contextmanager
def guard(thread_id: str | None = None) -> Iterator[None]:
    """Turn failures into one clear line on stderr and an exit code, never a traceback."""
    try:
        yield
    except AiosError as exc:
        errors.print(f"error: {exc}", markup=False, highlight=False)
        raise typer.Exit(exc.exit_code) from None
    except typer.Exit:  # a command's own exit code (a regression found, say) is not a failure
        raise
    except KeyboardInterrupt:
        hint = f"; continue with: aios resume {thread_id}" if thread_id else ""
        errors.print(f"interrupted{hint}", markup=False)
        raise typer.Exit(130) from None
    except Exception as exc:  # an unexpected failure still gets one line, and the job stays resumable
        hint = f" (continue with: aios resume {thread_id})" if thread_id else ""
        errors.print(f"error: {type(exc).__name__}: {exc}{hint}", markup=False, highlight=False)
        raise typer.Exit(1) from None


def _drive(service: JobService, thread_id: str, decision: dict[str, Any] | None = None) -> None:
    with guard(thread_id), ProgressView(console) as view:
        status = service.run(thread_id, decision, on_event=view)
    _report(service, status)


def _report(service: JobService, status: JobStatus) -> None:
    edit_file = None
    if status.status == "awaiting_review" and status.pending:
        args = status.pending["action_requests"][0]["args"]
        path = service.settings.data_dir / "jobs" / status.thread_id / "storyboard.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(args["storyboard"], indent=2), encoding="utf-8")
        edit_file = str(path)
    show_status(console, status, edit_file)
    raise typer.Exit(EXIT.get(status.status, 1))


@app.command()
def make(
    brief: Annotated[str, typer.Argument(help="What the video should be, in words.")],
    duration: Annotated[float | None, typer.Option(help="Target length in seconds.")] = None,
    aspect: Annotated[str | None, typer.Option(help="16:9, 9:16, 1:1 or 4:5.")] = None,
    asset: Annotated[list[Path] | None, typer.Option(help="An image to use (repeatable).")] = None,
    profile: Annotated[str, typer.Option(help="preview or final.")] = "preview",
    out: Annotated[Path | None, typer.Option(help="Where to write the deliverables.")] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Approve both reviews.")] = False,
    tone: Annotated[str | None, typer.Option(help="e.g. upbeat, calm, serious.")] = None,
    language: Annotated[str | None, typer.Option(help="Narration language code.")] = None,
    cta: Annotated[str | None, typer.Option(help="Call to action for the last scene.")] = None,
    source: Annotated[Path | None, typer.Option(help="A text file to summarize.")] = None,
    planner: Annotated[str, typer.Option(help="auto, llm or rules.")] = "auto",
    voice: Annotated[str | None, typer.Option(help="Voice for the speech engine (a speaker, or a clip to clone).")]
    = None,
    tts_engine: Annotated[str | None, typer.Option(help="Speech engine: hibari, espeak, coqui or openai.")] = None,
    image_engine: Annotated[str | None, typer.Option(help="Image engine: cards, diffusers or openai.")] = None,
    music: Annotated[str, typer.Option(help="Music bed: auto (drawn from the tone), none, or a file.")] = "auto",
    transitions: Annotated[str, typer.Option(help="auto, cut, fade or slide.")] = "auto",
    safe_content: Annotated[bool, typer.Option("--safe-content", help="Tighter policy thresholds.")] = False,
) -> None:
    """Plan, review and render a video from a brief."""
    with guard():
        if profile not in PROFILES:
            raise InvalidInput(f"profile must be one of {', '.join(PROFILES)}, not {profile!r}")
        if planner not in ("auto", "llm", "rules"):
            raise InvalidInput(f"planner must be auto, llm or rules, not {planner!r}")
        source_text = None
        if source is not None:
            if not source.is_file():
                raise InvalidInput(f"source file not found: {source}")
            source_text = source.read_text(encoding="utf-8", errors="replace")
        request = {"text": brief, "duration_s": duration, "aspect": aspect, "tone": tone,
                   "language": language, "call_to_action": cta, "source_text": source_text,
                   "assets": [str(p) for p in asset or []]}
        context = Context(planner=planner, profile=profile, voice=voice,  # type: ignore[arg-type]
                          tts_engine=tts_engine, image_engine=image_engine,
                          auto_approve=yes, out_dir=str(out.resolve()) if out else None,
                          music=music if music in ("auto", "none") else str(Path(music).expanduser().resolve()),
                          transitions=transitions, safe_content=safe_content)  # type: ignore[arg-type]
        service = JobService(get_settings())
        thread_id, _ = service.create(request, context)
        service.audit.record(thread_id, cli_actor(), "job.create", {"tenant": "local"})
    console.print(f"job [bold]{thread_id}[/]")
    _drive(service, thread_id)


def cli_actor() -> str:
    """How the audit trail names the person at this terminal."""
    return f"cli:{getpass.getuser()}"


def _decision(approve: bool, edit: Path | None, reject: str | None, checkpoint: str | None
              ) -> dict[str, Any] | None:
    chosen = sum([approve, edit is not None, reject is not None])
    if chosen > 1:
        raise InvalidInput("choose one of --approve, --edit or --reject")
    if approve:
        return {"decisions": [{"type": "approve"}]}
    if reject is not None:
        return {"decisions": [{"type": "reject", "message": reject}]}
    if edit is not None:
        try:
            data = json.loads(edit.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise InvalidInput(f"edit file not found: {edit}") from None
        except json.JSONDecodeError as exc:
            raise InvalidInput(f"edit file is not valid JSON: {edit}: {exc}") from None
        scenes = data.get("scenes") if isinstance(data, dict) else data
        action = "approve_final" if checkpoint == "final" else "review_storyboard"
        return {"decisions": [{"type": "edit",
                               "edited_action": {"name": action, "args": {"scenes": scenes}}}]}
    return None


@app.command()
def resume(
    thread_id: Annotated[str, typer.Argument(help="The job's thread id.")],
    approve: Annotated[bool, typer.Option("--approve", help="Approve the pending review.")] = False,
    edit: Annotated[Path | None, typer.Option(help="JSON file with replacement scenes.")] = None,
    reject: Annotated[str | None, typer.Option(help="Reject, saying what to change.")] = None,
) -> None:
    """Answer a pending review, or continue a job that was stopped."""
    with guard(thread_id):
        service = JobService(get_settings())
        current = service.status(thread_id)
        decision = _decision(approve, edit, reject, current.checkpoint)
        if decision is not None:
            service.validate_decision(decision)
            if current.status == "awaiting_review":
                decision["actor"] = cli_actor()
                service.audit.record(thread_id, cli_actor(), *decision_entry(decision, current))
    _drive(service, thread_id, decision)


@app.command()
def show(
    thread_id: Annotated[str, typer.Argument(help="The job's thread id.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show a job's state and any pending review."""
    with guard(thread_id):
        status = JobService(get_settings()).status(thread_id)
    if as_json:
        body = status.model_dump(mode="json", exclude={"values"})
        body["deliverables"] = status.values.get("deliverables")
        console.print_json(json.dumps(body))
        return
    show_status(console, status)


@app.command("jobs")
def list_jobs(limit: Annotated[int, typer.Option(help="How many.")] = 20) -> None:
    """List recent jobs."""
    with guard():
        rows = JobService(get_settings()).list(limit)
    for thread_id, status, created in rows:
        console.print(f"{thread_id}  {status:<18} {created}")


def _register_server_commands() -> None:
    from agent import cli_server

    cli_server.register(app)


_register_server_commands()
