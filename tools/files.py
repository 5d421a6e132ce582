"""Files only this user can read: what AIOS writes (databases, uploads, renders) is 0600 in 0700 folders."""

from __future__ import annotations

import os
from pathlib import Path

PRIVATE_UMASK = 0o077


def private_process() -> None:
    """Make every file and folder this process creates from now on private to its user (umask 077)."""
    os.umask(PRIVATE_UMASK)


def private_dir(path: Path) -> Path:
    """Create a folder (and its parents) readable by this user only; an existing one is made so."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.chmod(0o700)
    return path


def write_private(path: Path, data: bytes) -> None:
    """Write a file created 0600 (never readable by others, not even for a moment)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(data)
