"""The CLI's consoles and its guard: every failure becomes one line on stderr and an exit code, never a traceback."""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.console import Console

from aios.kernel.errors import AiosError

console = Console(soft_wrap=True)  # paths and commands print whole, never broken at the terminal's width
errors = Console(stderr=True, soft_wrap=True)  # one line per error, whatever the terminal width


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


def cli_actor() -> str:
    """How the audit trail names the person at this terminal."""
    return f"cli:{getpass.getuser()}"
