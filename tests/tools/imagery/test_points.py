"""List and quote cards: inside the text zone, no text on text, legible, one icon per point; icons chosen by
meaning with the packaged embedder and drawn whole."""

from __future__ import annotations

import shutil
from itertools import combinations
from pathlib import Path

import numpy as np
import pytest

from aios.kernel.settings import Settings
from aios.tools.imagery import designs, points
from aios.tools.imagery.icons import IconPicker, icon, names
from aios.tools.imagery.palettes import PALETTES
from aios.tools.library.embeddings import get_embedder
from aios.tools.text import enumeration, quotation

SIZES = {"9:16": (540, 960), "1:1": (540, 540), "16:9": (960, 540), "4:5": (540, 676)}
ITEMS = ["Keynotes from our CEO", "Hands-on workshops", "An awards dinner"]


def overlaps(a: designs.Box, b: designs.Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def legible(layout: str, size: tuple[int, int], palette: str) -> None:
    colours = PALETTES[palette]
    backdrop = designs.background(size, colours, 1, seed=3)

    def drawn_on(canvas: object, glyphs: bool) -> designs.Drawn:
        if layout == "list":
            return points.draw_list(canvas, "What to expect", ITEMS, ["PRESENTATION", "TOOLS", "AWARD"],  # type: ignore[arg-type]
                                    colours, glyphs=glyphs)
        return points.draw_quote(canvas, "The bridge will reopen in spring, on time and on budget.",  # type: ignore[arg-type]
                                 "Mayor Ana Ruiz", colours, glyphs=glyphs)

    canvas, under = backdrop.copy(), backdrop.copy()
    drawn, _ = drawn_on(canvas, True), drawn_on(under, False)
    left, top, right, bottom = designs.zone(size)
    boxes = [box for box, _ in drawn.boxes]
    assert len(boxes) == (4 if layout == "list" else 2)
    assert all(left <= b[0] and top <= b[1] and b[2] <= right and b[3] <= bottom for b in boxes)
    assert not any(overlaps(a, b) for a, b in combinations(boxes, 2)), "no text on text"
    for box, ink in drawn.boxes:
        behind = np.asarray(under.crop(box).convert("RGB"), dtype=np.float32).reshape(-1, 3)
        assert min(designs.contrast(ink, tuple(px)) for px in behind[:: max(1, len(behind) // 3000)]) >= 4.5


@pytest.mark.parametrize("aspect", sorted(SIZES))
@pytest.mark.parametrize("layout", ["list", "quote"])
@pytest.mark.parametrize("palette", ["aurora", "sunrise", "mono"])
def test_list_and_quote_cards_keep_text_in_the_zone_apart_and_legible(aspect: str, layout: str, palette: str) -> None:
    legible(layout, SIZES[aspect], palette)


def test_icons_are_drawn_whole_in_the_colour_asked() -> None:
    picture = np.asarray(icon("AWARD", 96, (10, 200, 30)))
    inked = picture[..., 3] > 128
    assert inked.any() and not inked[0].any() and not inked[-1].any()  # nothing cut at the edges
    rows, columns = np.nonzero(inked)
    assert rows.max() - rows.min() > 60 and columns.max() - columns.min() > 40  # the whole 24-unit drawing
    assert np.abs(picture[inked][:, :3].mean(axis=0) - (10, 200, 30)).max() < 30
    assert np.asarray(icon("NO_SUCH_ICON", 48, (0, 0, 0)))[..., 3].any()  # unknown names draw the fallback


@pytest.mark.slow  # embeds every icon name once a session with the packaged MiniLM
def test_icons_are_chosen_by_meaning_with_the_packaged_embedder(tmp_path: Path, icon_vectors: Path) -> None:
    embedder = get_embedder(Settings(home=tmp_path))
    shutil.copytree(icon_vectors, tmp_path / "icons")
    picker = IconPicker(embedder.embed, "minilm", tmp_path / "icons")
    chosen = picker.pick(["an awards dinner", "dental care for children", "a password"])
    assert chosen[0] in ("AWARD", "TROPHY") and chosen[1] in ("DENTAL", "BRACES") and chosen[2] == "PASSWORD"
    twice = picker.pick(["coffee", "coffee"])
    assert twice[0] == "COFFEE" and twice[1] != twice[0]  # one list never shows the same icon twice
    assert len(list((tmp_path / "icons").glob("icons-*.npy"))) == 1
    again = IconPicker(lambda texts: embedder.embed(texts), "minilm", tmp_path / "icons")
    assert again.vectors().shape == (len(names()), embedder.dim)  # read back from the cache


def test_a_list_is_the_things_one_sentence_names_and_a_quote_names_its_speaker() -> None:
    assert enumeration("Expect keynotes from our CEO, hands-on workshops and an awards dinner.") == ITEMS
    assert enumeration("There will be live music, food stalls and a dog show.") == [
        "Live music", "Food stalls", "A dog show"]
    assert enumeration("Enjoy 20% off everything until Sunday.") == []
    assert enumeration("We stock over 8,000 titles, and our staff picks change every week because readers ask "
                       "for something new each time they visit.") == []
    assert quotation('Mayor Ana Ruiz said: "The bridge will reopen in spring, on time."') == (
        "The bridge will reopen in spring, on time.", "Mayor Ana Ruiz")
    assert quotation('Our "Summer" sale is on.') is None
