"""Reading files for the library: kinds, probes, clip frames, text from Markdown and PDF, passages, hashes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from aios.kernel.errors import InvalidInput
from aios.tools.library.media import color_words, kind_of, name_words, passages, perceptual_hash, probe
from tests.support.media_files import clip, music, pdf, photo

pytestmark = pytest.mark.slow  # renders or synthesizes real media


def test_kinds_by_suffix_and_a_clear_error_for_others(tmp_path: Path) -> None:
    assert [kind_of(Path(n)) for n in ("a.JPG", "b.mov", "c.flac", "d.md", "e.pdf")] == [
        "image", "clip", "music", "guideline", "guideline"]
    with pytest.raises(InvalidInput, match=r"cannot add notes\.docx"):
        kind_of(Path("notes.docx"))
    assert name_words(Path("Spring_Tulips-01 (2).jpg")) == ["spring", "tulips"]


def test_probe_reads_images_clips_music_and_documents(tmp_path: Path) -> None:
    image = probe(photo(tmp_path / "tulips.png", (230, 120, 160), 1))
    assert (image.kind, image.width, image.height) == ("image", 320, 240) and image.frame is not None
    video = probe(clip(tmp_path / "shop.mp4", 2.0))
    assert (video.kind, video.width, video.height) == ("clip", 320, 180)
    assert video.duration_s == pytest.approx(2.0, abs=0.1) and video.frame is not None
    sound = probe(music(tmp_path / "loop.wav", 3.0))
    assert sound.kind == "music" and sound.duration_s == pytest.approx(3.0, abs=0.05)
    assert sound.frame is not None and sound.frame.size == (512, 128)  # the waveform, for the thumbnail
    doc = probe(pdf(tmp_path / "guide.pdf", ["Always mention free delivery."]))
    assert doc.kind == "guideline" and "free delivery" in doc.text


def test_unreadable_files_are_invalid_input(tmp_path: Path) -> None:
    fake = tmp_path / "fake.jpg"
    fake.write_text("not an image")
    with pytest.raises(InvalidInput, match="not a readable image"):
        probe(fake)
    broken = tmp_path / "broken.mp4"
    broken.write_bytes(b"\x00" * 100)
    with pytest.raises(InvalidInput):
        probe(broken)
    empty = tmp_path / "empty.md"
    empty.write_text("   ")
    with pytest.raises(InvalidInput, match="no text"):
        probe(empty)


def test_passages_follow_paragraphs_and_headings() -> None:
    text = "# Voice\nWarm and plain.\n\nShort sentences.\n\n# Words\nNever say cheap.\n\n" + "x " * 800
    found = passages(text, limit=200)
    assert found[0] == "# Voice Warm and plain. Short sentences."
    assert found[1] == "# Words Never say cheap."
    assert all(len(p) <= 200 for p in found) and len(found) > 3


def test_perceptual_hash_survives_resizing_and_colours_are_named(tmp_path: Path) -> None:
    original = Image.open(photo(tmp_path / "a.png", (40, 90, 200), 7))
    resized = original.resize((160, 120))
    other = Image.open(photo(tmp_path / "b.png", (40, 90, 200), 8))
    distance = lambda a, b: bin(int(perceptual_hash(a), 16) ^ int(perceptual_hash(b), 16)).count("1")  # noqa: E731
    assert distance(original, resized) <= 6 < distance(original, other)
    assert color_words(Image.new("RGB", (50, 50), (40, 90, 200)))[0] == "blue"
