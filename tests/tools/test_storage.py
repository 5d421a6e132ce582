"""Object storage (S3-compatible, a local moto server): push, pull, presign, and the cache shared by machines."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from aios.kernel.errors import StorageError
from aios.kernel.settings import Settings
from aios.tools.cache import content_key
from aios.tools.storage import CACHE_DEPTH, Storage, cache_for, deliverable_key, local, storage_for


def test_files_round_trip_by_their_place_under_the_data_directory(s3_storage: dict[str, str], tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "a")
    storage = storage_for(settings)
    assert isinstance(storage, Storage)
    made = settings.data_dir / "jobs" / "job-1" / "render" / "final" / "v.mp4"
    made.parent.mkdir(parents=True)
    made.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"x" * 5000)
    assert storage.push(made) == "jobs/job-1/render/final/v.mp4"
    other = Storage(settings.storage_url or "", settings.storage_options, tmp_path / "b")
    elsewhere = other.relocate(made, 5)
    assert elsewhere == tmp_path / "b" / "jobs" / "job-1" / "render" / "final" / "v.mp4"
    assert other.pull(elsewhere) and elsewhere.read_bytes() == made.read_bytes()
    assert not other.pull(tmp_path / "b" / "jobs" / "missing.mp4")
    assert other.size("jobs/job-1/render/final/v.mp4") == made.stat().st_size
    outside = tmp_path / "published" / "spring.mp4"
    outside.parent.mkdir()
    outside.write_bytes(b"video")
    assert storage.push(outside, deliverable_key("job-1", outside)) == "deliverables/job-1/spring.mp4"
    url = storage.sign("jobs/job-1/render/final/v.mp4", 60)
    assert "Signature" in url
    fetched = httpx.get(url, headers={"Range": "bytes=0-11"})
    assert fetched.status_code == 206 and fetched.content == made.read_bytes()[:12]
    with pytest.raises(ValueError, match="is not in the subpath"):
        storage.key(outside)


def test_what_one_machine_cached_another_pulls_instead_of_making(s3_storage: dict[str, str], tmp_path: Path) -> None:
    first = cache_for(Settings(home=tmp_path / "a"))
    key = content_key(text="hello")
    path, cached = first.fetch("speech", key, ".wav", lambda out: out.write_bytes(b"RIFF-speech"))
    assert not cached
    second = cache_for(Settings(home=tmp_path / "b"))
    made: list[Path] = []
    found, cached = second.fetch("speech", key, ".wav", lambda out: made.append(out))
    assert cached and not made and found.read_bytes() == b"RIFF-speech" and found != path


def test_a_file_that_is_nowhere_is_a_storage_error(s3_storage: dict[str, str], tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "b")
    gone = tmp_path / "a" / "cache" / "speech" / "ab" / "abc.wav"
    with pytest.raises(StorageError, match="neither here nor in s3://aios-test/"):
        local(settings, gone, CACHE_DEPTH)
