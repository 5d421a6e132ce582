"""Stock pictures at the storyboard review over HTTP: what each scene shows and could show, the contact sheet, a
swap by reference (one not offered is a 422), and the credits delivered beside the video."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from PIL import Image

from aios.evals.stock_standin import serve, settings_for
from tests.support.server import Server, read_events

pytestmark = pytest.mark.slow  # renders media

BRIEF = ("A 20-second vertical video explaining our new employee benefits. Dental now covers orthodontics for "
         "children. Parental leave grows to 16 weeks.")


def test_review_shows_pictures_and_a_contact_sheet_and_takes_a_swap(make_server: Callable[..., Server]) -> None:
    with serve() as (url, _):
        server = make_server(**settings_for(url))
        client = server.client()
        job = client.post("/v1/jobs", json={"text": BRIEF}).json()["id"]
        first = read_events(client, job, {"review.requested"})
        board = client.get(f"/v1/jobs/{job}/storyboard").json()
        pictures = {p["scene"]: p for p in board["pictures"]}
        assert pictures and all(p["shown"] or p["alternatives"] for p in pictures.values())
        shown = [p["shown"] for p in pictures.values() if p["shown"]]
        assert shown and all(s["ref"].startswith("stock:") and s["author"] and s["licence"] for s in shown)
        assert "path" not in str(board["pictures"])  # no server paths in what reviewers see

        sheet = client.get(board["contact_sheet"])
        assert sheet.status_code == 200 and sheet.headers["content-type"] == "image/png"
        with Image.open(io.BytesIO(sheet.content)) as image:
            assert image.width >= 320 * 2 and image.height > 300
        assert server.client(server.other_key).get(board["contact_sheet"]).status_code == 404  # another tenant

        index, offer = next((i, p) for i, p in pictures.items() if p["alternatives"])
        other = offer["alternatives"][0]["ref"]
        scenes = [{k: v for k, v in s.items() if k != "index"} for s in board["storyboard"]["scenes"]]
        bad = [dict(s) for s in scenes]
        bad[index]["asset"] = "stock:pexels:424242"
        refused = client.post(f"/v1/jobs/{job}/review", json={"decisions": [{"type": "edit", "edited_action": {
            "name": "review_storyboard", "args": {"scenes": bad}}}]})
        assert refused.status_code == 422 and refused.headers["content-type"] == "application/problem+json"
        assert "not a stock picture this job was offered" in refused.json()["detail"]
        scenes[index]["asset"] = other
        taken = client.post(f"/v1/jobs/{job}/review", json={"decisions": [{"type": "edit", "edited_action": {
            "name": "review_storyboard", "args": {"scenes": scenes}}}]})
        assert taken.status_code == 202, taken.text
        read_events(client, job, {"review.requested"}, headers={"Last-Event-ID": str(first[-1]["id"])}, timeout=240)
        after = client.get(f"/v1/jobs/{job}/storyboard").json()
        assert after["storyboard"]["scenes"][index]["asset"].endswith((".jpg", ".png", ".webp"))
        now = {p["scene"]: p for p in after["pictures"]}
        assert now[index]["shown"]["ref"] == other
        assert client.post(f"/v1/jobs/{job}/review", json={"decisions": [{"type": "approve"}]}).status_code == 202
        read_events(client, job, {"job.completed"}, timeout=240)
        files = {a["name"]: a for a in client.get(f"/v1/jobs/{job}/artifacts").json()}
        assert files["credits"]["content_type"] == "text/plain"
        credits = server.client(key="none").get(files["credits"]["url"]).text
        assert f"Scene {index + 1}:" in credits and offer["alternatives"][0]["author"] in credits
