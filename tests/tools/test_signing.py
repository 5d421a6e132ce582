"""Signed links: the server's secret, signatures that bind tenant, job, file and expiry, and each artifact's link."""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
from pydantic import SecretStr

from aios.kernel.settings import Settings
from aios.tools import signing
from aios.tools.storage import storage_for


def test_a_home_keeps_one_generated_secret_and_a_configured_one_wins(tmp_path: Path) -> None:
    first = signing.server_secret(tmp_path, "url", None)
    assert signing.server_secret(tmp_path, "url", None) == first and len(first) >= 40
    assert (tmp_path / "secrets" / "url").stat().st_mode & 0o777 == 0o600
    assert signing.server_secret(tmp_path, "url", SecretStr("set")) == "set"


def test_a_signature_binds_every_part_and_expires() -> None:
    later = int(time.time()) + 60
    sig = signing.sign("s", "acme", "job", "video", later)
    assert signing.valid("s", "acme", "job", "video", later, sig)
    for changed in (("t", "acme", "job", "video"), ("s", "beta", "job", "video"), ("s", "acme", "other", "video"),
                    ("s", "acme", "job", "srt")):
        assert not signing.valid(*changed, later, sig)
    assert not signing.valid("s", "acme", "job", "video", later + 1, sig)
    earlier = int(time.time()) - 1
    assert not signing.valid("s", "acme", "job", "video", earlier, signing.sign("s", "acme", "job", "video", earlier))


def test_artifacts_are_named_previews_first_then_deliverables() -> None:
    named = signing.named({"video": "/r/cut.mp4"}, {"video": "/out/spring.mp4", "manifest": "/out/manifest.json"})
    assert named == {"preview-video": (Path("/r/cut.mp4"), "preview"),
                     "video": (Path("/out/spring.mp4"), "deliverable"),
                     "manifest": (Path("/out/manifest.json"), "deliverable")}


def test_a_link_is_a_signed_path_on_this_server(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path, url_ttl_s=120)
    link, expires = signing.link(settings, "s", "acme", "job-1", "video", Path("/out/spring.mp4"), "deliverable")
    parts, query = urlsplit(link), parse_qs(urlsplit(link).query)
    assert parts.path == "/v1/files/job-1/video" and query["tenant"] == ["acme"]
    assert int(query["expires"][0]) == expires and 115 <= expires - time.time() <= 120
    assert signing.valid("s", "acme", "job-1", "video", expires, query["sig"][0])


def test_under_object_storage_a_link_is_presigned_by_the_bucket(s3_storage: dict[str, str], tmp_path: Path) -> None:
    settings = Settings(home=tmp_path)
    made = settings.data_dir / "jobs" / "job-1" / "render" / "preview" / "cut.mp4"
    made.parent.mkdir(parents=True)
    made.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"x" * 100)
    storage = storage_for(settings)
    assert storage is not None
    storage.push(made)
    link, _ = signing.link(settings, "s", "acme", "job-1", "preview-video", made, "preview")
    assert "Signature" in link and httpx.get(link).content == made.read_bytes()
