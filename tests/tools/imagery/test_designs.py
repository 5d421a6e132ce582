"""Card layouts: text only inside the text zone (clear of the label and the captions), never on other text, legible
against what is behind it; a backdrop that changes per scene; an end card whose QR code reads back its address."""

from __future__ import annotations

from itertools import combinations, pairwise
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from aios.tools.imagery import designs
from aios.tools.imagery.palettes import PALETTES
from aios.tools.render.captions import caption_y, draw_cue
from aios.tools.render.overlays import draw_label

SIZES = {"9:16": (540, 960), "1:1": (540, 540), "16:9": (960, 540), "4:5": (540, 676)}
CASES = [("title", "Our spring sale"), ("callout", "20% off everything"), ("callout", "$79"),
         ("statement", "Free delivery on every order over the whole summer season"),
         ("end", "Order today"), ("end", "Order at aurora.example.com"),
         ("lower", "Test rides are free every Saturday in our Berlin store")]


def overlaps(a: designs.Box, b: designs.Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("aspect", sorted(SIZES))
def test_the_text_zone_clears_the_label_and_the_longest_caption(aspect: str, tmp_path: Path) -> None:
    size = SIZES[aspect]
    left, top, right, bottom = designs.zone(size)
    with Image.open(draw_label("AI-generated", size, tmp_path / "label.png")) as label:
        label_bottom = designs.safe_area(size)[1] + label.height
    cue = "A caption long enough to need two full lines at the largest caption size we draw"
    with Image.open(draw_cue(cue, size, tmp_path / "cue.png", size="large")) as box:
        caption_top = caption_y(size, box.height)
    assert top >= label_bottom and bottom <= caption_top and left < right


@pytest.mark.parametrize("aspect", sorted(SIZES))
@pytest.mark.parametrize(("layout", "headline"), CASES)
@pytest.mark.parametrize("palette", ["aurora", "sunrise", "mono"])
def test_text_stays_in_the_zone_apart_and_legible(aspect: str, layout: str, headline: str, palette: str) -> None:
    size, colours = SIZES[aspect], PALETTES[palette]
    backdrop = designs.background(size, colours, CASES.index((layout, headline)), seed=7)
    canvas = backdrop.copy()
    drawn = designs.draw(canvas, layout, headline, colours, designs.url_in(headline) or "aurora.example.com")
    left, top, right, bottom = designs.zone(size)
    boxes = [box for box, _ in drawn.boxes] + drawn.pictures
    assert boxes and all(left <= b[0] and top <= b[1] and b[2] <= right and b[3] <= bottom for b in boxes)
    assert not any(overlaps(a, b) for a, b in combinations(boxes, 2)), "no text on text"
    under = backdrop.copy()  # the same layout without its letters: what the text sits on
    designs.draw(under, layout, headline, colours, designs.url_in(headline) or "aurora.example.com", glyphs=False)
    for box, ink in drawn.boxes:
        behind = np.asarray(under.crop(box).convert("RGB"), dtype=np.float32).reshape(-1, 3)
        worst = min(designs.contrast(ink, tuple(px)) for px in behind[:: max(1, len(behind) // 4000)])
        assert worst >= 4.5, f"{layout} text reads at {worst:.2f}:1 at worst"


def test_consecutive_scenes_get_different_backdrops() -> None:
    size, colours = SIZES["9:16"], PALETTES["ocean"]
    frames = [np.asarray(designs.background(size, colours, i, seed=1), dtype=np.float32) for i in range(4)]
    assert all(np.mean(np.abs(a - b)) > 3 for a, b in pairwise(frames))


@pytest.mark.parametrize(("headline", "index", "last", "layout"), [
    ("Our spring sale", 0, False, "title"), ("20% off", 1, False, "callout"), ("$1,900", 2, False, "callout"),
    ("November 30", 3, False, "callout"), ("Orthodontics for children", 2, False, "statement"),
    ("Shop now", 4, True, "end")])
def test_each_scene_gets_the_layout_its_headline_and_place_call_for(headline: str, index: int, last: bool,
                                                                   layout: str) -> None:
    assert designs.choose(headline, index, last) == layout


@pytest.mark.parametrize(("narration", "layout"), [
    ("Expect keynotes from our CEO, hands-on workshops and an awards dinner.", "list"),
    ('Mayor Ana Ruiz said: "The bridge will reopen in spring, on time and on budget."', "quote"),
    ("Dental now covers orthodontics for children.", "statement"),
    ("Enjoy 20% off everything until Sunday.", "callout")])
def test_lists_and_quotes_in_the_narration_get_their_own_layouts(narration: str, layout: str) -> None:
    assert designs.choose("20% off" if layout == "callout" else "Highlights", 2, False, narration) == layout
    assert designs.choose("Highlights", 0, False, narration) == "title"  # the first scene stays a title


def test_the_end_cards_qr_code_is_a_real_code_of_the_address() -> None:
    import segno

    qr = designs._qr("aurora.example.com", 200)
    expected = segno.make("https://aurora.example.com", error="m")
    modules = np.array(expected.matrix, dtype=bool)
    count = modules.shape[0] + 4  # two quiet modules each side
    cell = 200 / count
    dark = np.asarray(qr.convert("L"), dtype=np.float32) < 128
    sampled = np.array([[dark[int((r + 2.5) * cell), int((c + 2.5) * cell)] for c in range(modules.shape[1])]
                        for r in range(modules.shape[0])])
    assert (sampled == modules).all()


def test_the_card_engine_draws_no_hashtag_chips(tmp_path: Path) -> None:
    from aios.tools.imagery.base import VisualRequest
    from aios.tools.imagery.cards import CardEngine

    request = VisualRequest(headline="Orthodontics for children", description="", keywords=("day", "attention"),
                            size=(540, 540), palette="aurora", extras={"layout": "statement", "index": "2"})
    path = CardEngine().render(request, tmp_path / "card.png")
    plain = designs.background((540, 540), PALETTES["aurora"], 2, 0)
    canvas = plain.copy()
    designs.draw(canvas, "statement", "Orthodontics for children", PALETTES["aurora"])
    with Image.open(path) as drawn:  # the card is exactly the layout over its backdrop: nothing else drawn
        assert np.abs(np.asarray(drawn, np.float32) - np.asarray(canvas, np.float32)).max() == 0
