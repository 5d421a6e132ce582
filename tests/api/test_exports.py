"""GET /v1/jobs/{id}/export: the cut as a bundle for an editing program, by a signed URL, read back with the
same OpenTimelineIO adapter; problems for a job with nothing rendered, a format we do not write, another tenant."""

from __future__ import annotations

import io
import zipfile

import opentimelineio as otio
import pytest

from aios.api.routes.artifacts import ExportFormat
from aios.tools.export.bundle import FORMATS
from tests.support.server import Server, read_events

pytestmark = pytest.mark.slow  # renders media or runs aios processes (seconds each)

BRIEF = {"text": "a 6-second square video about our tea shop"}


def test_the_formats_offered_are_the_ones_written() -> None:
    assert set(ExportFormat.__args__) == set(FORMATS)  # type: ignore[attr-defined]


def test_a_published_cut_exports_for_final_cut_by_a_signed_link(server: Server) -> None:
    client = server.client()
    job = client.post("/v1/jobs", json={**BRIEF, "auto_approve": True}).json()
    read_events(client, job["id"], {"job.completed", "job.failed"})
    made = client.get(f"/v1/jobs/{job['id']}/export", params={"format": "fcpxml"})
    assert made.status_code == 200, made.text
    body = made.json()
    assert body["name"] == "export-fcpxml" and body["kind"] == "export" and body["content_type"] == "application/zip"
    fetched = server.client(key="none").get(body["url"])  # no key: the signature is the permission
    assert fetched.status_code == 200 and len(fetched.content) == body["bytes"]
    with zipfile.ZipFile(io.BytesIO(fetched.content)) as archive:
        names = archive.namelist()
        timeline_file = next(n for n in names if n.endswith(".fcpxml"))
        text = archive.read(timeline_file).decode()
    cut = otio.adapters.read_from_string(text, adapter_name="fcpx_xml")
    if isinstance(cut, otio.schema.SerializableCollection):
        cut = next(iter(cut))
    pictures = next(t for t in cut.tracks if t.kind == otio.schema.TrackKind.Video)
    scenes = client.get(f"/v1/jobs/{job['id']}/storyboard").json()["storyboard"]["scenes"]
    assert [c.name for c in pictures.find_clips()] == [f"Scene {n + 1}" for n in range(len(scenes))]
    prefix = timeline_file.rsplit("/", 1)[0]
    for clip in pictures.find_clips():
        assert f"{prefix}/{clip.media_reference.target_url}" in names
    listed = {a["name"] for a in client.get(f"/v1/jobs/{job['id']}/artifacts").json()}
    assert {"export-fcpxml", "timeline", "video"} <= listed


def test_export_problems(server: Server) -> None:
    client = server.client()
    job = client.post("/v1/jobs", json=BRIEF).json()
    read_events(client, job["id"], {"review.requested"})
    early = client.get(f"/v1/jobs/{job['id']}/export", params={"format": "otio"})
    assert early.status_code == 409 and early.headers["content-type"] == "application/problem+json"
    assert "no rendered cut to export yet" in early.json()["detail"]
    assert client.get(f"/v1/jobs/{job['id']}/export", params={"format": "edl"}).status_code == 422
    other = server.client(server.other_key).get(f"/v1/jobs/{job['id']}/export", params={"format": "otio"})
    assert other.status_code == 404
