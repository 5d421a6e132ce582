"""Reading files for the library: kind by suffix, ffmpeg probes and frames, thumbnails, text, perceptual hashes."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from aios.kernel.errors import InvalidInput, RenderError
from aios.tools import ffmpeg
from aios.tools.assets import checked_size
from aios.tools.library.records import Kind

SUFFIXES: dict[str, Kind] = {
    **dict.fromkeys((".png", ".jpg", ".jpeg", ".webp", ".bmp", ".gif", ".tif", ".tiff"), "image"),
    **dict.fromkeys((".mp4", ".mov", ".m4v", ".webm", ".mkv"), "clip"),
    **dict.fromkeys((".wav", ".mp3", ".m4a", ".aac", ".flac", ".ogg"), "music"),
    **dict.fromkeys((".txt", ".md", ".markdown", ".pdf"), "guideline"),
}
THUMB = 256
PASSAGE_CHARS = 700
COLORS = {"red": (200, 40, 40), "orange": (230, 130, 30), "yellow": (230, 210, 50), "green": (50, 160, 70),
          "blue": (40, 90, 200), "purple": (130, 60, 160), "pink": (230, 130, 170), "brown": (120, 80, 50),
          "black": (20, 20, 20), "white": (235, 235, 235), "grey": (128, 128, 128)}


@dataclass
class Probed:
    """What reading one file found."""

    kind: Kind
    width: int | None = None
    height: int | None = None
    duration_s: float | None = None
    frame: Image.Image | None = None
    text: str = ""
    words: list[str] = field(default_factory=list)


def kind_of(path: Path) -> Kind:
    """The library kind of a file by its suffix; InvalidInput for anything else."""
    found = SUFFIXES.get(path.suffix.lower())
    if found is None:
        raise InvalidInput(f"cannot add {path.name}: supported are images, clips (mp4, mov, webm), audio "
                           "(wav, mp3, m4a, flac, ogg) and guidelines (txt, md, pdf)")
    return found


def name_words(path: Path) -> list[str]:
    """Words of a file name ('spring_tulips-01.jpg' -> ['spring', 'tulips'])."""
    return [w for w in re.split(r"[^A-Za-z]+", path.stem.lower()) if len(w) > 1]


def color_words(image: Image.Image) -> list[str]:
    """The names of the two colours nearest to the image's dominant ones."""
    small = image.convert("RGB").resize((24, 24))
    counts: dict[str, int] = {}
    for pixel in list(small.getdata()):
        nearest = min(COLORS, key=lambda n: sum((a - b) ** 2 for a, b in zip(COLORS[n], pixel, strict=True)))
        counts[nearest] = counts.get(nearest, 0) + 1
    return [name for name, _ in sorted(counts.items(), key=lambda kv: -kv[1])[:2]]


def _image(path: Path) -> Probed:
    checked_size(path, path.name)  # the pixel limit and a full decode, before anything is stored
    try:
        with Image.open(path) as image:
            image.load()
            frame = image.convert("RGB")
    except (UnidentifiedImageError, OSError) as exc:
        raise InvalidInput(f"{path.name} is not a readable image ({exc})") from exc
    return Probed("image", frame.width, frame.height, frame=frame, words=color_words(frame))


def _png(args: list[str], binary: str | None = None) -> Image.Image | None:
    """The single PNG frame an ffmpeg command writes to stdout (None when it wrote none)."""
    out = subprocess.run([ffmpeg.ffmpeg_exe(binary), "-v", "error", *args, "-frames:v", "1", "-f", "image2pipe",
                          "-vcodec", "png", "-"], capture_output=True, check=False)
    if out.returncode != 0 or not out.stdout:
        return None
    with Image.open(BytesIO(out.stdout)) as image:
        return image.convert("RGB")


def clip_frame(path: Path, at: float, binary: str | None = None) -> Image.Image:
    """One decoded frame of a clip at `at` seconds."""
    frame = _png(["-ss", f"{at:.3f}", "-i", str(path)], binary)
    if frame is None:
        raise InvalidInput(f"{path.name}: no frame could be decoded")
    return frame


def waveform(path: Path, binary: str | None = None) -> Image.Image | None:
    """A picture of an audio file's waveform (ffmpeg's showwavespic), for its thumbnail."""
    return _png(["-i", str(path), "-filter_complex", "showwavespic=s=512x128:colors=0x3b82f6"], binary)


def _media(path: Path, kind: Kind) -> Probed:
    try:
        info = ffmpeg.probe(path)
    except RenderError as exc:
        raise InvalidInput(f"{path.name} is not readable media ({exc})") from exc
    duration = float(info.get("duration") or 0.0)
    if kind == "music":
        if not info.get("audio_found"):
            raise InvalidInput(f"{path.name} has no audio stream")
        return Probed("music", duration_s=duration, frame=waveform(path), words=["music", "audio"])
    if not info.get("video_found"):
        raise InvalidInput(f"{path.name} has no video stream")
    width, height = info.get("video_size") or (None, None)
    frame = clip_frame(path, min(1.0, duration / 2))
    return Probed("clip", width, height, duration, frame, words=["video", "clip", *color_words(frame)])


def extract_text(path: Path) -> str:
    """The text of a .txt, .md or .pdf guideline."""
    if path.suffix.lower() == ".pdf":
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError

        try:
            return "\n\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
        except (PdfReadError, OSError, ValueError) as exc:
            raise InvalidInput(f"{path.name} is not a readable PDF ({exc})") from exc
    return path.read_text(encoding="utf-8", errors="replace")


def probe(path: Path) -> Probed:
    """Read a file of any supported kind."""
    kind = kind_of(path)
    if kind == "image":
        return _image(path)
    if kind == "guideline":
        text = extract_text(path)
        if not text.strip():
            raise InvalidInput(f"{path.name} has no text to index")
        return Probed("guideline", text=text)
    return _media(path, kind)


def passages(text: str, limit: int = PASSAGE_CHARS) -> list[str]:
    """Paragraph-aligned passages of at most about `limit` characters (Markdown headings start new ones)."""
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n|\n(?=#)", text) if p.strip()]
    out: list[str] = []
    for paragraph in paragraphs:
        if out and len(out[-1]) + len(paragraph) < limit and not paragraph.startswith("#"):
            out[-1] += " " + paragraph
        else:
            out += [paragraph[i : i + limit] for i in range(0, len(paragraph), limit)]
    return out


def perceptual_hash(image: Image.Image) -> str:
    """pHash (64 bits, hex) of an image: near-duplicates differ in a few bits."""
    import imagehash

    return str(imagehash.phash(image))


def thumbnail(image: Image.Image, out: Path) -> Path:
    """A JPEG at most THUMB pixels on its long side."""
    copy = image.copy()
    copy.thumbnail((THUMB, THUMB))
    out.parent.mkdir(parents=True, exist_ok=True)
    copy.save(out, format="JPEG", quality=85)
    return out
