"""Issue 19, item 1: a tenant names media only by its own upload or library id; server paths are refused blind."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image

from aios.agent.library import get_library
from tests.support.media_files import photo
from tests.support.server import Server, read_events

pytestmark = pytest.mark.slow  # plans a storyboard over HTTP (seconds)

BRIEF = {"text": "a 10-second video about our flower shop"}


def _png(color: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), color).save(buffer, "PNG")
    return buffer.getvalue()


def _upload(client: httpx.Client, color: tuple[int, int, int]) -> str:
    response = client.post("/v1/assets", content=_png(color), headers={"Content-Type": "image/png"})
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def _edit(asset: str | None) -> dict[str, Any]:
    scene = {"narration": "Fresh flowers, every morning.", "asset": asset}
    return {"decisions": [{"type": "edit", "edited_action": {"args": {"scenes": [scene]}}}]}


def test_an_edit_names_only_this_tenants_media_and_never_learns_about_paths(server: Server, tmp_path: Path) -> None:
    acme, globex = server.client(), server.client(server.other_key)
    theirs = _upload(globex, (200, 30, 30))
    their_file = next((server.settings.data_dir / "uploads" / "globex").glob(f"{theirs}.*"))
    job = acme.post("/v1/jobs", json=BRIEF).json()["id"]
    storyboard_review = read_events(acme, job, {"review.requested"})[-1]

    def refused(asset: str) -> str:
        response = acme.post(f"/v1/jobs/{job}/review", json=_edit(asset))
        assert response.status_code == 422, (asset, response.text)
        assert response.headers["content-type"] == "application/problem+json"
        detail = str(response.json()["detail"])
        assert str(server.settings.data_dir) not in detail and "passwd" not in detail, detail
        return detail

    paths = [str(their_file),  # another tenant's private upload, by path
             str(server.settings.data_dir / "uploads" / "globex" / "missing.png"),  # a path that does not exist
             str(server.settings.data_dir / "jobs.sqlite"), "/etc/passwd", "../../uploads/globex/x.png"]
    answers = {refused(path) for path in paths}
    assert len(answers) == 1, f"the answers must not tell existing from missing files: {answers}"
    assert "upload:ID" in answers.pop()
    assert "unknown asset id" in refused(f"upload:{theirs}"), "another tenant's upload id is unknown here"
    assert "unknown library image" in refused("library:0123456789abcdef")
    assert acme.get(f"/v1/jobs/{job}").json()["status"] == "awaiting_review", "a refused edit changes nothing"

    mine = _upload(acme, (30, 200, 30))
    photo(tmp_path / "lib" / "tulips.jpg", (230, 120, 160), 1)
    record = get_library(server.settings).add([tmp_path / "lib"], "acme").added[0]
    scenes = [{"narration": "Our own picture.", "asset": f"upload:{mine}"},
              {"narration": "From our library.", "asset": f"library:{record.id}"}]
    edit = {"decisions": [{"type": "edit", "edited_action": {"args": {"scenes": scenes}}}]}
    assert acme.post(f"/v1/jobs/{job}/review", json=edit).status_code == 202
    read_events(acme, job, {"review.requested"}, headers={"Last-Event-ID": str(storyboard_review["id"])},
                timeout=120)  # the preview, rendered from the edit, waits for its final approval
    board = acme.get(f"/v1/jobs/{job}/storyboard").json()["storyboard"]
    assets = [s["asset"] for s in board["scenes"]]
    assert Path(assets[0]).parent.name == "acme" and Path(assets[0]).stem == mine
    assert assets[1] == record.path


def test_an_edit_may_keep_the_images_its_storyboard_already_has(server: Server) -> None:
    acme = server.client()
    mine = _upload(acme, (30, 30, 200))
    job = acme.post("/v1/jobs", json=BRIEF | {"assets": [mine]}).json()["id"]
    read_events(acme, job, {"review.requested"})
    board = acme.get(f"/v1/jobs/{job}/storyboard").json()["storyboard"]
    kept = [{"narration": s["narration"] + " Today.", "asset": s["asset"]} for s in board["scenes"]]
    assert any(s["asset"] for s in kept)
    edit = {"decisions": [{"type": "edit", "edited_action": {"args": {"scenes": kept}}}]}
    assert acme.post(f"/v1/jobs/{job}/review", json=edit).status_code == 202
