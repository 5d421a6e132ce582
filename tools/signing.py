"""Expiring signed download links: the server's secrets, the HMAC over tenant, job, artifact and expiry, and the link
for one file (a presigned bucket URL under object storage, else the server's /v1/files route)."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import time
from collections.abc import Mapping
from pathlib import Path

from pydantic import SecretStr

from aios.kernel.settings import Settings
from aios.tools.storage import RENDER_DEPTH, deliverable_key, storage_for

FILES_ROUTE = "/v1/files/{job}/{name}"


def server_secret(data_dir: Path, name: str, configured: SecretStr | None) -> str:
    """A configured secret, else one generated once and kept in AIOS_HOME/secrets/<name> (mode 0600)."""
    if configured is not None:
        return configured.get_secret_value()
    folder = data_dir / "secrets"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = folder / name
    if not path.exists():
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it first: use theirs
            pass
        else:
            with os.fdopen(descriptor, "w") as handle:
                handle.write(secrets.token_urlsafe(32))
    return path.read_text().strip()


def url_secret(settings: Settings) -> str:
    """The secret download links are signed with (AIOS_URL_SECRET, else this home's generated one)."""
    return server_secret(settings.data_dir, "url", settings.url_secret)


def sign(secret: str, tenant: str, job: str, name: str, expires: int) -> str:
    """The signature for one download link."""
    message = f"{tenant}\n{job}\n{name}\n{expires}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def query(secret: str, tenant: str, job: str, name: str, ttl_s: int) -> tuple[str, int]:
    """(query string, expiry unix time) for a link valid for ttl_s seconds."""
    expires = int(time.time()) + ttl_s
    return f"tenant={tenant}&expires={expires}&sig={sign(secret, tenant, job, name, expires)}", expires


def valid(secret: str, tenant: str, job: str, name: str, expires: int, signature: str) -> bool:
    """Whether a link is authentic and not expired."""
    if expires < time.time():
        return False
    expected = sign(secret, tenant, job, name, expires).encode()
    return hmac.compare_digest(expected, signature.encode("utf-8", "surrogateescape"))


def named(rendered: Mapping[str, str], delivered: Mapping[str, str]) -> dict[str, tuple[Path, str]]:
    """Artifact name -> (path, kind): the rendered cut's files as preview-<name> (kind preview), the published
    deliverables by their own names (kind deliverable)."""
    found = {f"preview-{name}": (Path(path), "preview") for name, path in rendered.items()}
    return found | {name: (Path(path), "deliverable") for name, path in delivered.items()}


def stored_key(job: str, path: Path, kind: str) -> str:
    """The object key of a preview (jobs/<job>/render/<profile>/<file>) or a published file."""
    return Path(*path.parts[-RENDER_DEPTH:]).as_posix() if kind == "preview" else deliverable_key(job, path)


def link(settings: Settings, secret: str, tenant: str, job: str, name: str, path: Path, kind: str) -> tuple[str, int]:
    """(URL, expiry) of one artifact: presigned by the bucket under object storage (it serves byte ranges too),
    else a path on this server's /v1/files route, relative to the server's address."""
    ttl = settings.url_ttl_s
    storage = storage_for(settings)
    if storage is not None:
        return storage.sign(stored_key(job, path, kind), ttl), int(time.time()) + ttl
    signed, expires = query(secret, tenant, job, name, ttl)
    return FILES_ROUTE.format(job=job, name=name) + "?" + signed, expires
