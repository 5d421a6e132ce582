"""The library on the real engines (MiniLM, LanceDB): ingest, dedupe, near-duplicates, search, tenants, remove."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from aios.kernel.errors import InvalidInput
from aios.tools.library.embeddings import MiniLMEmbedder
from aios.tools.library.lance import LanceIndex
from aios.tools.library.library import Library
from tests.support.media_files import clip, music, pdf, photo

pytestmark = pytest.mark.slow  # renders or synthesizes real media

EMBEDDER = MiniLMEmbedder()


@pytest.fixture
def library(tmp_path: Path) -> Library:
    return Library(LanceIndex(tmp_path / "db", EMBEDDER.name, EMBEDDER.dim), EMBEDDER, tmp_path / "home")


@pytest.fixture
def media(tmp_path: Path) -> Path:
    folder = tmp_path / "brand"
    photo(folder / "pink-tulips-bouquet.jpg", (230, 120, 160), 1)
    photo(folder / "coffee-cup-latte.jpg", (120, 80, 50), 2)
    photo(folder / "mountain-hiking-trail.png", (60, 140, 70), 3)
    clip(folder / "store-opening-day.mp4")
    music(folder / "upbeat-pop-loop.wav")
    (folder / "voice.md").write_text("# Voice\nWe speak warmly to gardeners.\n\n"
                                     "# Offers\nAlways mention free delivery.\n")
    pdf(folder / "legal.pdf", ["Prices include VAT.", "Never promise next-day delivery."])
    return folder


def test_ingest_everything_once_and_again_as_a_no_op(library: Library, media: Path) -> None:
    report = library.add([media], "acme", tags=["Brand", " spring "])
    kinds = sorted(r.kind for r in report.added)
    assert kinds == ["clip", "guideline", "guideline", "image", "image", "image", "music"]
    assert not report.failed and not report.near_duplicates
    image = next(r for r in report.added if r.name == "pink-tulips-bouquet.jpg")
    assert Path(image.path).is_file() and image.path.startswith(str(library.home))
    assert image.thumbnail and max(Image.open(image.thumbnail).size) == 256
    assert image.tags == ["brand", "spring"] and "pink tulips bouquet" in image.text
    video = next(r for r in report.added if r.kind == "clip")
    assert video.duration_s and video.thumbnail and video.phash
    loop = next(r for r in report.added if r.kind == "music")
    assert loop.thumbnail and Path(loop.thumbnail).is_file() and loop.phash is None
    assert library.index.get("acme", image.id) == image and library.index.get("other", image.id) is None
    assert library.index.count("acme", "guideline") == 3  # voice.md has two passages, legal.pdf one
    again = library.add([media], "acme")
    assert not again.added and len(again.unchanged) == 7


def test_near_duplicate_images_are_caught_unless_kept(library: Library, media: Path, tmp_path: Path) -> None:
    library.add([media], "acme")
    copy = tmp_path / "tulips-smaller.jpg"
    Image.open(media / "pink-tulips-bouquet.jpg").resize((200, 150)).save(copy, quality=70)
    report = library.add([copy], "acme")
    original = library.index.by_sha("acme", _sha(media / "pink-tulips-bouquet.jpg"))[0]
    assert report.near_duplicates == [(str(copy), original.id)]
    assert not list((library.home / "files" / "acme").glob(f"{_sha(copy)[:16]}*"))  # nothing left behind
    assert library.add([copy], "acme", keep_near_duplicates=True).added[0].name == "tulips-smaller.jpg"


def _sha(path: Path) -> str:
    from aios.tools.cache import file_sha256

    return file_sha256(path)


def test_search_ranks_by_meaning_filters_by_kind_and_keeps_tenants_apart(library: Library, media: Path) -> None:
    library.add([media], "acme")
    top = library.search("a bunch of flowers", "acme", k=3)
    assert top[0].record.name == "pink-tulips-bouquet.jpg"
    assert top[0].similarity > top[1].similarity - 0.05 and -1 <= top[0].similarity <= 1
    guideline = library.search("shipping costs", "acme", kind="guideline", k=2)
    assert {h.record.kind for h in guideline} == {"guideline"}
    assert "delivery" in guideline[0].record.text
    assert library.search("mountain walk", "acme", kind="image", k=1)[0].record.name == "mountain-hiking-trail.png"
    assert library.search("flowers", "other-tenant") == []
    best = library.nearest(["espresso with milk foam"], "acme", "image", 1)[0][0]
    assert best.record.name == "coffee-cup-latte.jpg" and best.score == best.similarity


def test_bad_files_fail_alone_and_queries_are_checked(library: Library, tmp_path: Path) -> None:
    good = photo(tmp_path / "in" / "sunflower.png", (230, 200, 40), 4)
    bad = tmp_path / "in" / "broken.jpg"
    bad.write_text("nope")
    report = library.add([tmp_path / "in"], "acme")
    assert [r.name for r in report.added] == [good.name]
    assert report.failed[0][0] == str(bad) and "not a readable image" in report.failed[0][1]
    with pytest.raises(InvalidInput, match="not found"):
        library.add([tmp_path / "missing.png"], "acme")
    with pytest.raises(InvalidInput, match="empty"):
        library.search("  ", "acme")
    with pytest.raises(InvalidInput, match="k must be"):
        library.search("x", "acme", k=0)


def test_remove_deletes_records_passages_and_files(library: Library, media: Path) -> None:
    report = library.add([media], "acme")
    doc = next(r for r in report.added if r.name == "voice.md")
    image = next(r for r in report.added if r.kind == "image")
    assert len(library.remove("acme", doc.parent or doc.id)) == 2
    library.remove("acme", image.id)
    assert not Path(image.path).exists() and not Path(image.thumbnail or "").exists()
    assert library.index.count("acme") == 5
    with pytest.raises(InvalidInput, match="no asset"):
        library.remove("acme", image.id)


def test_an_open_index_sees_what_another_writer_added(tmp_path: Path) -> None:
    writer = Library(LanceIndex(tmp_path / "db", EMBEDDER.name, EMBEDDER.dim), EMBEDDER, tmp_path / "home")
    reader = LanceIndex(tmp_path / "db", EMBEDDER.name, EMBEDDER.dim)  # as the API process holds it open
    writer.add([photo(tmp_path / "a" / "one.png", (200, 30, 30), 1)], "acme")
    assert reader.count("acme") == 1
    writer.add([photo(tmp_path / "b" / "two.png", (30, 30, 200), 2)], "acme")
    assert reader.count("acme") == 2
