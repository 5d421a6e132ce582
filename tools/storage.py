"""Object storage for artifacts and the cache (fsspec: S3-compatible or any other), mirrored under AIOS_HOME.

Every file the pipeline writes under AIOS_HOME (cache objects, renders) has a key: its path relative to
AIOS_HOME, the same on every machine. A machine pushes what it makes and pulls what another machine made, so
ffmpeg and the readers always get a local file. Published files are stored as `deliverables/<job>/<name>`.
"""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aios.kernel.errors import ConfigurationError, StorageError
from aios.tools.cache import BuiltOnce, ContentCache, settings_key

if TYPE_CHECKING:
    from aios.kernel.settings import Settings


class Storage:
    """A bucket (or any fsspec filesystem) under a root URL; objects keyed by their path under AIOS_HOME."""

    def __init__(self, url: str, options: dict[str, Any], home: Path) -> None:
        import fsspec

        try:
            self.fs, root = fsspec.core.url_to_fs(url, **options)
        except (ImportError, ValueError) as exc:
            raise ConfigurationError(f"cannot open storage {url!r} (AIOS_STORAGE_URL): {exc}") from exc
        self.url, self.root, self.home = url, root.rstrip("/"), home.expanduser().resolve()

    def key(self, path: Path) -> str:
        """The object key of a file under this machine's data directory: its path relative to it."""
        return path.expanduser().resolve().relative_to(self.home).as_posix()

    def relocate(self, path: Path, depth: int) -> Path:
        """Where a file another machine wrote (its last `depth` path parts under AIOS_HOME) lives here."""
        return self.home.joinpath(*Path(path).parts[-depth:])

    def remote(self, key: str) -> str:
        """The full path of a key in the filesystem."""
        return f"{self.root}/{key}"

    def push(self, path: Path, key: str | None = None) -> str:
        """Upload a local file (replacing any object with its key); returns the key."""
        key = key or self.key(path)
        self.fs.put_file(str(path), self.remote(key))
        return key

    def pull(self, path: Path, key: str | None = None) -> bool:
        """Make sure the local file exists, downloading it by its key if another machine made it."""
        if path.is_file():
            return True
        remote = self.remote(key or self.key(path))
        if not self.fs.exists(remote):
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        staged = path.with_name(f".{path.name}.part")
        self.fs.get_file(remote, str(staged))
        staged.replace(path)
        return True

    def size(self, key: str) -> int | None:
        """The stored object's size in bytes, or None if it is not stored."""
        try:
            return int(self.fs.info(self.remote(key))["size"])
        except FileNotFoundError:
            return None

    def remove(self, key: str) -> None:
        """Delete an object, or every object under a key prefix (nothing when none is stored)."""
        with contextlib.suppress(FileNotFoundError):
            self.fs.rm(self.remote(key), recursive=True)

    def sign(self, key: str, expires_s: int) -> str:
        """A presigned URL that fetches the object without credentials until it expires."""
        return str(self.fs.sign(self.remote(key), expiration=expires_s))


_opened: BuiltOnce[Storage] = BuiltOnce()


def storage_for(settings: Settings) -> Storage | None:
    """The configured object storage (opened once per process), or None: files stay under AIOS_HOME only."""
    url = settings.storage_url
    if not url:
        return None
    return _opened.get(settings_key(settings, ("storage_url", "storage_options", "home")),
                       lambda: Storage(url, settings.storage_options, settings.data_dir))


CACHE_DEPTH = 4  # cache/<kind>/<key[:2]>/<file>
RENDER_DEPTH = 5  # jobs/<job>/render/<profile>/<file>


def asset(settings: Settings, path: str | Path) -> str:
    """An uploaded, library or stock image named in a brief or scene, here (uploads/<tenant>/<file>,
    library/files/<tenant>/<file>, cache/stock/<key[:2]>/<file>); other paths (a CLI user's own files) are used
    as they are."""
    found = Path(path)
    if found.parent.parent.name == "uploads":
        return str(local(settings, found, 3))
    if found.parent.parent.name == "files" and found.parents[2].name == "library":
        return str(local(settings, found, 4))
    if found.parent.parent.name == "stock" and found.parents[2].name == "cache":  # a downloaded stock picture
        return str(local(settings, found, CACHE_DEPTH))
    return str(found)


def local(settings: Settings, path: str | Path, depth: int) -> Path:
    """A file named in the job's state, here: as it is if this machine has it, else pulled by its key (the last
    `depth` parts of its path under AIOS_HOME) from the storage another machine pushed it to."""
    found = Path(path)
    storage = storage_for(settings)
    if found.is_file() or storage is None:
        return found
    here = storage.relocate(found, depth)
    if not storage.pull(here):
        raise StorageError(f"{path} is neither here nor in {storage.url}")
    return here


def share(settings: Settings, paths: list[str | Path]) -> None:
    """Push files this machine made under AIOS_HOME, so other machines and presigned downloads find them."""
    storage = storage_for(settings)
    if storage is not None:
        for path in paths:
            storage.push(Path(path))


def deliverable_key(job: str, path: str | Path) -> str:
    """Where a published file is stored, whatever directory it was published to."""
    return f"deliverables/{job}/{Path(path).name}"


def cache_for(settings: Settings) -> ContentCache:
    """The content cache under AIOS_HOME, mirrored to AIOS_STORAGE_URL when one is configured."""
    return ContentCache(settings.data_dir / "cache", storage_for(settings))


def discard(settings: Settings, path: Path) -> None:
    """Delete a file or folder under AIOS_HOME here and its objects in storage (keys mirror paths under AIOS_HOME)."""
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
    storage = storage_for(settings)
    if storage is not None:
        storage.remove(storage.key(path))
