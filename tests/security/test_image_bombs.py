"""Issue 19, item 3: images too large to decode safely, or not decodable at all, are refused before anything is
stored: at upload (413/422 problem+json) and at library ingest; one pixel limit holds for the whole process."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from aios.runtime.jobs import JobService
from tests.support.cli import aios
from tests.support.server import Server


def bomb(width: int, height: int) -> bytes:
    """A tiny PNG whose header declares width x height (the image bomb the attacker sent: 519 KB, 13000x13000)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    rows = zlib.compress(b"\0" * (width + 1) * 64)  # some rows; the rest is missing
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")


def truncated_jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (90, 140, 200)).effect_spread(30).save(buffer, "JPEG", quality=90)
    data = buffer.getvalue()
    return data[: len(data) // 2]


def stored(server: Server) -> list[Path]:
    folder = server.settings.data_dir / "uploads"
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


@pytest.mark.parametrize(("size", "why"), [((13000, 13000), "Pillow's own bomb limit"),
                                           ((7000, 7000), "between our limit and Pillow's")])
def test_an_upload_declaring_too_many_pixels_is_413_and_nothing_is_stored(server: Server, size: tuple[int, int],
                                                                           why: str) -> None:
    response = server.client().post("/v1/assets", content=bomb(*size), headers={"Content-Type": "image/png"})
    assert response.status_code == 413, (why, response.text)
    assert response.headers["content-type"] == "application/problem+json"
    assert "40,000,000-pixel limit" in response.json()["detail"]
    assert stored(server) == []


def test_a_truncated_jpeg_is_422_at_upload_and_nothing_is_stored(server: Server) -> None:
    response = server.client().post("/v1/assets", content=truncated_jpeg(), headers={"Content-Type": "image/jpeg"})
    assert response.status_code == 422, response.text
    assert "not a readable image" in response.json()["detail"]
    assert stored(server) == []
    fine = io.BytesIO()
    Image.new("RGB", (64, 64), (1, 2, 3)).save(fine, "JPEG")
    assert server.client().post("/v1/assets", content=fine.getvalue(),
                                headers={"Content-Type": "image/jpeg"}).status_code == 201


def test_the_process_has_one_pixel_limit_from_its_settings(server: Server) -> None:
    service = JobService(server.settings.model_copy(update={"max_image_pixels": 1_000_000}))
    try:
        assert Image.MAX_IMAGE_PIXELS == 1_000_000
        response = server.client().post("/v1/assets", content=bomb(1200, 1000), headers={"Content-Type": "image/png"})
        assert response.status_code == 413
    finally:
        service.close()
        JobService(server.settings).close()
    assert server.settings.max_image_pixels == Image.MAX_IMAGE_PIXELS


@pytest.mark.slow  # runs aios in a subprocess
def test_library_ingest_refuses_bombs_and_broken_files_and_keeps_nothing(tmp_path: Path, aios_home: Path) -> None:
    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / "huge.png").write_bytes(bomb(13000, 13000))
    (folder / "broken.jpg").write_bytes(truncated_jpeg())
    result = aios("assets", "add", str(folder), home=aios_home)
    assert "huge.png" in result.stdout + result.stderr and "broken.jpg" in result.stdout + result.stderr
    assert "40,000,000-pixel limit" in result.stdout + result.stderr
    listed = aios("assets", "list", home=aios_home)
    assert "huge" not in listed.stdout and "broken" not in listed.stdout
    library = aios_home / "library"
    kept = [p for p in library.rglob("*") if p.is_file() and p.suffix in (".png", ".jpg")] if library.exists() else []
    assert kept == []
