"""`aios versions` and `aios scene`: a job's versions (list, compare, restore) and one scene's takes and commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, cast

import typer

from aios.cli.console import cli_actor, console, guard
from aios.cli.jobs import _commands, _drive
from aios.kernel.errors import InvalidInput
from aios.kernel.vocab import REGENERATE, TRANSITIONS, Regenerate, Transition, one_of
from aios.runtime.scene_commands import SceneCommands
from aios.runtime.versions import diff

IfMatch = Annotated[int | None, typer.Option("--if-match", help="Only if the job is still at this version.")]


def versions(
    thread_id: Annotated[str, typer.Argument(help="The job's thread id.")],
    compare: Annotated[int | None, typer.Option("--diff", help="Show what version N changed, scene by scene.")]
    = None,
    against: Annotated[int | None, typer.Option(help="With --diff: compare with this version (default: its "
                                                     "parent).")] = None,
    restore: Annotated[int | None, typer.Option(help="Make version N current again and render it.")] = None,
    if_match: IfMatch = None,
) -> None:
    """List a job's versions (each plan, edit, scene command and render), compare two, or restore one."""
    with guard(thread_id):
        commands, runner = _commands()
        store = commands.service.versions
        commands.service.record(thread_id)
        if restore is not None:
            made = SceneCommands(commands).restore(thread_id, restore, actor=cli_actor(), expected=if_match)
            console.print(f"version {made.number}: {made.summary}", markup=False, highlight=False)
        elif compare is not None:
            newer = store.get(thread_id, compare)
            older = store.get(thread_id, against if against is not None else newer.parent or compare)
            _print_diff(diff(older, newer))
            return
        else:
            for version in store.all(thread_id):
                cut = f"  cut {version.render['sha256'][:12]}" if version.render else ""
                parent = f" <- {version.parent}" if version.parent else ""
                console.print(f"{version.number:>3}{parent:<7} {version.kind:<10} {version.actor:<16} "
                              f"{version.at[:19]}  {version.summary}{cut}", markup=False, highlight=False)
            return
    _drive(commands, runner, thread_id)


def _print_diff(found: dict[str, object]) -> None:
    console.print(f"version {found['from']} -> {found['to']}", markup=False, highlight=False)
    for row in found["scenes"]:  # type: ignore[attr-defined]
        if row["change"] == "same":
            continue
        console.print(f"  scene {row['scene']}: {row['change']}", markup=False, highlight=False)
        for name, (old, new) in row.get("fields", {}).items():
            console.print(f"    {name}: {old!r} -> {new!r}", markup=False, highlight=False, soft_wrap=True)
    cut = found.get("cut")
    if isinstance(cut, dict):
        console.print(f"  cut: {'the same file' if cut['same'] else 'a different file'}", markup=False)


def scene(
    thread_id: Annotated[str, typer.Argument(help="The job's thread id.")],
    number: Annotated[int, typer.Argument(help="The scene, numbered from 1 as the review shows it.")],
    regenerate: Annotated[str | None, typer.Option(help=f"Make a new take of {one_of(REGENERATE)}.")] = None,
    note: Annotated[str | None, typer.Option(help="With --regenerate: what to change ('calmer voice').")] = None,
    take: Annotated[int | None, typer.Option(help="Use take K of the scene again.")] = None,
    picture: Annotated[str | None, typer.Option(help="Show this image instead (a file, upload:ID or library:ID).")]
    = None,
    seconds: Annotated[float | None, typer.Option(help="Re-time the scene to this many seconds.")] = None,
    transition: Annotated[str | None, typer.Option(help=f"Hand over to the next scene: {one_of(TRANSITIONS)}.")]
    = None,
    if_match: IfMatch = None,
) -> None:
    """Change one scene while its job waits for review, then render again (only what the change touches): a new
    take of its voice or picture, one of its takes, another picture, another length or transition. Without an
    option: list its takes."""
    with guard(thread_id):
        commands, runner = _commands()
        edits, index, actor = SceneCommands(commands), number - 1, cli_actor()
        if index < 0:
            raise InvalidInput("scenes are numbered from 1")
        asked = [regenerate is not None, take is not None, any(v is not None for v in (picture, seconds, transition))]
        if sum(asked) > 1:
            raise InvalidInput("choose one of --regenerate, --take, or --picture/--seconds/--transition")
        if note is not None and regenerate is None:
            raise InvalidInput("--note goes with --regenerate")
        if regenerate is not None:
            if regenerate not in REGENERATE:
                raise InvalidInput(f"--regenerate must be {one_of(REGENERATE)}, not {regenerate!r}")
            made = edits.regenerate(thread_id, index, cast(Regenerate, regenerate), note, actor=actor,
                                    expected=if_match)
        elif take is not None:
            made = edits.pick(thread_id, index, take, actor=actor, expected=if_match)
        elif asked[2]:
            if transition is not None and transition not in TRANSITIONS:
                raise InvalidInput(f"--transition must be {one_of(TRANSITIONS)}, not {transition!r}")
            path = picture if picture is None or ":" in picture else _local(picture)
            made = edits.change(thread_id, index, asset=path, duration_s=seconds,
                                transition=cast(Transition | None, transition), actor=actor, expected=if_match,
                                local_paths=True)
        else:
            takes, used = edits.takes(thread_id, index)
            for n, shot in enumerate(takes, start=1):
                notes = "; ".join(filter(None, (shot.voice_note, shot.picture_note)))
                console.print(f"{'*' if n == used else ' '} take {n}: voice {shot.voice_take}, picture "
                              f"{shot.picture_take}, {shot.duration_s:g} s{f' ({notes})' if notes else ''}",
                              markup=False, highlight=False)
            return
        console.print(f"version {made.number}: {made.summary}", markup=False, highlight=False)
    _drive(commands, runner, thread_id)


def _local(picture: str) -> str:
    path = Path(picture).expanduser()
    if not path.is_file():
        raise InvalidInput(f"picture not found: {picture}")
    return str(path.resolve())
