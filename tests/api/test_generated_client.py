"""A client generated from the live OpenAPI document by openapi-python-client makes a video: upload, create, both
reviews (reject, edit, approve), artifacts and a download; its errors are typed problems."""

from __future__ import annotations

import importlib
import io
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
from PIL import Image

from tests.support.server import Server

pytestmark = pytest.mark.slow  # generates a package and renders a video

# openapi-python-client reads vendor media types as bytes when told to (its documented override). Image types are
# left as they are: the generator cannot take one body in several binary types (it writes `File | File`, which does
# not import), so it skips them and uploads as application/octet-stream, which the server reads by the bytes.
CONFIG = """content_type_overrides:
  audio/wav: application/octet-stream
  video/mp4: application/octet-stream
  text/vtt: text/plain
"""


@pytest.fixture
def generated(make_server: Callable[..., Server], tmp_path: Path) -> Iterator[tuple[Server, ModuleType]]:
    server = make_server()
    (tmp_path / "openapi.json").write_bytes(httpx.get(f"{server.url}/openapi.json").content)
    (tmp_path / "config.yml").write_text(CONFIG)
    command = shutil.which("openapi-python-client", path=str(Path(sys.executable).parent)) or "openapi-python-client"
    result = subprocess.run([command, "generate", "--path", "openapi.json", "--config", "config.yml", "--meta", "none",
                             "--output-path", "aios_api_client"], cwd=tmp_path, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    skipped = result.stdout.split("WARNING")[1:]  # only image media types (above); every operation was generated
    assert all("image/" in warning and "will not be generated" not in warning for warning in skipped), result.stdout
    sys.path.insert(0, str(tmp_path))
    try:
        yield server, importlib.import_module("aios_api_client")
    finally:
        sys.path.remove(str(tmp_path))
        for name in [m for m in sys.modules if m == "aios_api_client" or m.startswith("aios_api_client.")]:
            del sys.modules[name]


def _op(package: str, name: str) -> Any:
    return importlib.import_module(f"aios_api_client.api.{package}.{name}")


def _until(client: Any, job_id: str, status: str, checkpoint: str | None = None, revision: int = 0,
           timeout: float = 240) -> Any:
    """The job once it has `status` (at `checkpoint`, its storyboard at `revision` or later)."""
    get_job, get_storyboard = _op("jobs", "get_job"), _op("jobs", "get_storyboard")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = get_job.sync(job_id, client=client)
        assert job.status not in {"failed", "blocked"}, job.error
        if job.status == status and (checkpoint is None or job.checkpoint == checkpoint) and (
                not revision or get_storyboard.sync(job_id, client=client).storyboard.revision >= revision):
            return job
        time.sleep(0.3)
    raise AssertionError(f"job {job_id} did not reach {status} {checkpoint or ''}")


def test_a_generated_client_makes_a_video(generated: tuple[Server, ModuleType]) -> None:
    server, package = generated
    models = importlib.import_module("aios_api_client.models")
    types = importlib.import_module("aios_api_client.types")
    client = package.AuthenticatedClient(base_url=server.url, token=server.key, raise_on_unexpected_status=True)

    picture = io.BytesIO()
    Image.new("RGB", (640, 360), (200, 80, 40)).save(picture, "PNG")
    upload = _op("assets", "upload").sync(client=client, body=types.File(payload=io.BytesIO(picture.getvalue()),
                                                                          mime_type="application/octet-stream"))
    assert isinstance(upload, models.AssetPublic) and (upload.width, upload.height) == (640, 360)

    body = models.JobCreate(text="A 10-second vertical video announcing our spring sale. Everything is 20% off.",
                            assets=[upload.id])
    created = _op("jobs", "create_job").sync(client=client, body=body)
    assert isinstance(created, models.JobPublic)
    _until(client, created.id, "awaiting_review", "storyboard")

    storyboard = _op("jobs", "get_storyboard").sync(created.id, client=client)
    assert isinstance(storyboard, models.StoryboardView) and storyboard.storyboard.scenes
    review = _op("jobs", "review_job")
    reject = models.Reject(type_="reject", message="Say that the sale ends on Sunday.")
    review.sync(created.id, client=client, body=models.ReviewSubmit(decisions=[reject]))
    _until(client, created.id, "awaiting_review", "storyboard", revision=1)
    scenes = _op("jobs", "get_storyboard").sync(created.id, client=client).storyboard.scenes
    edited = [{"narration": s.narration, "on_screen_text": s.on_screen_text} for s in scenes]
    edited[0]["narration"] = "Spring is here, and so is our sale."
    edit = models.Edit.from_dict({"type": "edit", "edited_action": {"name": "review_storyboard",
                                                                     "args": {"scenes": edited}}})
    review.sync(created.id, client=client, body=models.ReviewSubmit(decisions=[edit]))
    _until(client, created.id, "awaiting_review", "final")  # the cut waits for its final approval
    assert _op("jobs", "get_storyboard").sync(created.id, client=client).storyboard.scenes[0].narration == \
        "Spring is here, and so is our sale."
    review.sync(created.id, client=client, body=models.ReviewSubmit(decisions=[models.Approve(type_="approve")]))
    _until(client, created.id, "published")

    artifacts = _op("artifacts", "list_artifacts").sync(created.id, client=client)
    video = next(a for a in artifacts if a.name == "video")
    assert video.content_type == "video/mp4" and video.bytes_ > 10_000  # `bytes` is a Python name
    fetched = httpx.get(f"{server.url}{video.url}", timeout=30)
    assert fetched.status_code == 200 and fetched.content[4:8] == b"ftyp"

    missing = _op("jobs", "get_job").sync_detailed("job-000000000000", client=client)
    assert missing.status_code == 404 and isinstance(missing.parsed, models.Problem)
    assert missing.parsed.status == 404 and "job-000000000000" in (missing.parsed.detail or "")
    blank = models.ReviewSubmit(decisions=[models.Reject(type_="reject", message=" ")])
    invalid = review.sync_detailed(created.id, client=client, body=blank)
    assert invalid.status_code == 422 and isinstance(invalid.parsed, models.Problem)
    assert "message" in (invalid.parsed.detail or "")
