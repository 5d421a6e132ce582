"""Storyboard thumbnails: one small image per scene in the video's shape, cached, the scene's own image used."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageOps, ImageStat

from aios.agent.previews import scene_thumbnails
from aios.kernel.schemas import Scene, Storyboard
from aios.kernel.settings import Settings

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
pytestmark = pytest.mark.slow  # renders or synthesizes real media


def test_thumbnails_match_the_aspect_and_use_supplied_images(settings: Settings, photo: Path) -> None:
    board = Storyboard(title="Spring sale", planner="rules", scenes=[
        Scene(index=0, narration="Flowers are in.", on_screen_text="Spring is here", duration_s=3),
        Scene(index=1, narration="Our bouquet.", duration_s=3, asset=str(photo))])
    tall = scene_thumbnails(settings, board, "9:16", "upbeat")
    wide = scene_thumbnails(settings, board, "16:9", "upbeat", width=320)
    assert [Image.open(p).size for p in tall] == [(360, 640), (360, 640)]
    assert [Image.open(p).size for p in wide] == [(320, 180), (320, 180)]
    reference = ImageOps.fit(Image.open(photo).convert("RGB"), (320, 180))
    drawn, supplied = (ImageStat.Stat(ImageChops.difference(Image.open(p).convert("RGB"), reference)).mean
                       for p in wide)
    assert max(supplied) < 40 < max(drawn)  # the scene with an image shows it; the other is a drawn card
    before = tall[0].stat().st_mtime_ns
    assert scene_thumbnails(settings, board, "9:16", "upbeat") == tall  # cached by content
    assert tall[0].stat().st_mtime_ns == before


def test_the_contact_sheet_shows_every_scene_in_order_and_changes_with_the_storyboard(settings: Settings) -> None:
    from aios.agent.previews import storyboard_sheet

    board = Storyboard(title="Spring sale", planner="rules", scenes=[
        Scene(index=i, narration=f"Line {i} of the spring sale.", on_screen_text=f"Scene {i}", duration_s=3)
        for i in range(5)])
    sheet = storyboard_sheet(settings, board, "9:16", "upbeat")
    frames = scene_thumbnails(settings, board, "9:16", "upbeat")
    with Image.open(sheet) as image:
        columns = 4  # five upright frames: four across, then one
        assert image.width == 16 + columns * (320 + 16) and image.height > 2 * 569
        tile = image.convert("RGB").crop((16 + 336, 56 + 40, 16 + 336 + 320, 56 + 569))
        second = Image.open(frames[1]).convert("RGB").resize((320, 569)).crop((0, 40, 320, 569))
        assert max(ImageStat.Stat(ImageChops.difference(tile, second)).mean) < 12  # scene 2 sits second
        blank = image.convert("RGB").crop((16 + 2 * 336, 56 + 569 + 80, 16 + 2 * 336 + 300, 56 + 2 * 569))
        assert ImageStat.Stat(blank).stddev == [0.0, 0.0, 0.0]  # nothing after the last scene
    assert storyboard_sheet(settings, board, "9:16", "upbeat") == sheet
    edited = board.model_copy(update={"scenes": [board.scenes[0].model_copy(update={"narration": "New line."}),
                                                 *board.scenes[1:]]})
    assert storyboard_sheet(settings, edited, "9:16", "upbeat") != sheet


def test_lists_and_quotes_get_their_cards_on_the_contact_sheet(settings: Settings) -> None:
    import shutil

    from aios.agent.previews import storyboard_sheet
    from aios.agent.visuals import scene_request

    board = Storyboard(title="Northwind Customer Summit", planner="rules", scenes=[
        Scene(index=0, narration="Save the date for the annual Northwind Customer Summit on June 14.",
              on_screen_text="Northwind Customer Summit", duration_s=4),
        Scene(index=1, narration="Expect keynotes from our CEO, hands-on workshops and an awards dinner.",
              on_screen_text="Awards dinner", duration_s=5),
        Scene(index=2, narration='Mayor Ana Ruiz said: "The summit will be our biggest yet, with twice the room."',
              on_screen_text="Twice the room", duration_s=5),
        Scene(index=3, narration="Register at northwind.example.com.", on_screen_text="northwind.example.com",
              duration_s=3)])
    requests = [scene_request(s, board.title, (360, 640), "sunrise", settings, last=s.index == 3)
                for s in board.scenes]
    assert [r.extras["layout"] for r in requests] == ["title", "list", "quote", "end"]
    assert requests[1].extras["items"].split("\n") == [
        "Keynotes from our CEO", "Hands-on workshops", "An awards dinner"]
    icons = requests[1].extras["icons"].split("\n")
    assert len(set(icons)) == 3 and icons[2] in ("AWARD", "TROPHY")
    assert requests[2].extras["by"] == "Mayor Ana Ruiz"
    sheet = storyboard_sheet(settings, board, "9:16", "upbeat")
    SHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(sheet, SHOTS / "contact-sheet-layouts.png")  # shown in the README
