"""Content-addressed file cache: outputs keyed by a hash of every input that shaped them."""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

T = TypeVar("T")


class Mirror(Protocol):
    """Where cached files are mirrored for other machines (aios.tools.storage.Storage)."""

    def push(self, path: Path, key: str | None = None) -> str:
        """Upload a local file; returns its key."""
        ...

    def pull(self, path: Path, key: str | None = None) -> bool:
        """Make sure the local file exists, downloading it if another machine made it."""
        ...


def machine_cache(name: str) -> Path:
    """A folder for what depends only on this machine's packages and models (icon vectors, voice paces), shared by
    every AIOS_HOME on it: $XDG_CACHE_HOME/aios-media/NAME, or ~/.cache/aios-media/NAME."""
    root = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(root) / "aios-media" / name


def file_sha256(path: str | Path) -> str:
    """Hex sha256 of a file's bytes, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def content_key(**inputs: Any) -> str:
    """A sha256 over the JSON of the inputs (sorted keys), as hex."""
    blob = json.dumps(inputs, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(blob.encode()).hexdigest()


def settings_key(settings: Any, fields: tuple[str, ...]) -> str:
    """A hash of the named settings' values (secrets included, unwrapped): one engine per distinct configuration."""
    values = {}
    for name in fields:
        value = getattr(settings, name)
        values[name] = value.get_secret_value() if hasattr(value, "get_secret_value") else value
    return content_key(**values)


class BuiltOnce(Generic[T]):
    """Objects built once per key in this process, under a lock (engines, pools, stores: building twice would load
    a model twice or open a second pool)."""

    def __init__(self) -> None:
        self._built: dict[Hashable, T] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, build: Callable[[], T]) -> T:
        """The object built for `key`, building it first if this is the first call with that key."""
        with self._lock:
            if key not in self._built:
                self._built[key] = build()
            return self._built[key]


class ContentCache:
    """Files under root/<kind>/<key[:2]>/<key><suffix>, written atomically; mirrored to object storage if given.

    With a storage, what one machine makes is pushed, and another machine pulls it instead of making it again.
    """

    def __init__(self, root: Path, storage: Mirror | None = None) -> None:
        self.root, self.storage = root, storage

    def path(self, kind: str, key: str, suffix: str) -> Path:
        """Where the output for this key lives (whether or not it exists yet)."""
        return self.root / kind / key[:2] / f"{key}{suffix}"

    def get(self, kind: str, key: str, suffix: str) -> Path | None:
        """The cached file, or None when it has not been made."""
        path = self.path(kind, key, suffix)
        if not path.is_file() and self.storage is not None:
            self.storage.pull(path)
        return path if path.is_file() and path.stat().st_size > 0 else None

    def staging(self, kind: str, key: str, suffix: str) -> Path:
        """A temporary path to write into before commit(), unique per process and thread (both may race)."""
        final = self.path(kind, key, suffix)
        final.parent.mkdir(parents=True, exist_ok=True)
        return final.with_name(f".{final.stem}.{os.getpid()}-{threading.get_ident()}.tmp{suffix}")

    def commit(self, staged: Path, kind: str, key: str, suffix: str) -> Path:
        """Atomically move a finished staging file into place."""
        final = self.path(kind, key, suffix)
        os.replace(staged, final)
        if self.storage is not None:
            self.storage.push(final)
        return final

    def fetch(self, kind: str, key: str, suffix: str, make: Callable[[Path], object]) -> tuple[Path, bool]:
        """The cached file, made first by `make(staging path)` when missing; returns (path, was cached)."""
        found = self.get(kind, key, suffix)
        if found is not None:
            return found, True
        staged = self.staging(kind, key, suffix)
        make(staged)
        return self.commit(staged, kind, key, suffix), False
