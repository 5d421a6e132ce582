"""Captions: phrase cues from word timings, .srt/.vtt sidecars, and burn-in images with the spoken word lit."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw

from aios.kernel.outputs import SIDECARS
from aios.kernel.schemas import WordTiming
from aios.tools.imagery.layout import CAPTION_SCALE, fit, line_height
from aios.tools.render.profiles import safe_area
from aios.tools.render.spec import Cue

MAX_WORDS = 7
MAX_CHARS = 42
HOLD_S = 0.35
TEXT = (255, 255, 255, 255)
LIT = (255, 214, 10, 255)
BOX = (0, 0, 0, 170)


def chunk(narration: str) -> list[str]:
    """Split narration into caption-sized phrases, preferring punctuation breaks."""
    pieces = [p for p in re.split(r"(?<=[,;:.!?])\s+", " ".join(narration.split())) if p]
    phrases: list[str] = []
    for piece in pieces:
        if phrases and len(phrases[-1].split()) <= 2 and _fits(f"{phrases[-1]} {piece}"):
            phrases[-1] = f"{phrases[-1]} {piece}"
        else:
            phrases.append(piece)
    chunks: list[str] = []
    for phrase in phrases:
        words = phrase.split()
        while words:
            take = len(words)
            while take > 1 and (take > MAX_WORDS or len(" ".join(words[:take])) > MAX_CHARS):
                take -= 1
            if 0 < len(words) - take < 3 and take > 3:
                take = (len(words) + 1) // 2
            chunks.append(" ".join(words[:take]))
            words = words[take:]
    return chunks


def _fits(text: str) -> bool:
    return len(text.split()) <= MAX_WORDS and len(text) <= MAX_CHARS


def cues(narration: str, words: list[WordTiming], until: float) -> list[Cue]:
    """Phrase cues whose words carry timings; each cue shows from its first word until the next cue.

    `words` are the narration's words in order with timeline times; `until` is the latest a cue may
    stay up (the end of the scene's narration slot).
    """
    phrases = chunk(narration)
    if len(words) != sum(len(p.split()) for p in phrases):
        raise ValueError("word timings do not match the narration's words")
    out: list[Cue] = []
    cursor = 0
    for phrase in phrases:
        count = len(phrase.split())
        group = tuple(words[cursor : cursor + count])
        cursor += count
        out.append(Cue(group[0].start, group[-1].end, phrase, group))
    shown: list[Cue] = []
    for n, cue in enumerate(out):
        end = out[n + 1].start if n + 1 < len(out) else min(until, cue.end + HOLD_S)
        shown.append(Cue(round(cue.start, 3), round(max(end, cue.end), 3), cue.text, cue.words))
    return shown


def states(cue: Cue) -> list[tuple[float, float, int]]:
    """(start, end, lit word index) for each word of a cue: the highlight moves as each word is spoken."""
    spans = []
    for n, word in enumerate(cue.words):
        begin = cue.start if n == 0 else word.start
        end = cue.words[n + 1].start if n + 1 < len(cue.words) else cue.end
        if end > begin:
            spans.append((round(begin, 3), round(end, 3), n))
    return spans or [(cue.start, cue.end, -1)]


def _stamp(seconds: float, sep: str) -> str:
    millis = int(round(seconds * 1000))
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{sep}{millis:03d}"


def to_srt(items: list[Cue]) -> str:
    """SubRip text for the cues."""
    blocks = [f"{n}\n{_stamp(c.start, ',')} --> {_stamp(c.end, ',')}\n{c.text}\n"
              for n, c in enumerate(items, start=1)]
    return "\n".join(blocks)


def to_vtt(items: list[Cue]) -> str:
    """WebVTT with word timestamps (<00:00:01.200>) so players can follow the spoken word."""
    blocks = []
    for c in items:
        text = " ".join(w.text if n == 0 else f"<{_stamp(w.start, '.')}>{w.text}"
                        for n, w in enumerate(c.words)) if c.words else c.text
        blocks.append(f"{_stamp(c.start, '.')} --> {_stamp(c.end, '.')}\n{text}\n")
    return "WEBVTT\n\n" + "\n".join(blocks)


# A writer for each sidecar output kind (aios.kernel.outputs.SIDECARS), by its name.
WRITERS: dict[str, Callable[[list[Cue]], str]] = {"srt": to_srt, "vtt": to_vtt}


def write_sidecars(items: list[Cue], workdir: Path, stem: str) -> dict[str, Path]:
    """Write every caption sidecar as workdir/stem.<suffix>; their paths by output kind."""
    written = {}
    for kind in SIDECARS:
        written[kind.name] = workdir / f"{stem}{kind.suffix}"
        written[kind.name].write_text(WRITERS[kind.name](items), encoding="utf-8")
    return written


def draw_cue(text: str, frame: tuple[int, int], out: Path, lit: int = -1, style: str = "highlight",
             size: str = "medium") -> Path:
    """A transparent PNG of one caption state in a preset style: bold white words on a rounded dark box with word
    `lit` in yellow (highlight); words up to `lit` only, the box already full size so nothing jumps (pop); the
    box without a highlight (boxed); outlined words without a box (outline)."""
    width, height = frame
    short = min(width, height)
    scale = CAPTION_SCALE.get(size, 1.0)
    left, _top, right, _bottom = safe_area(frame)
    probe = ImageDraw.Draw(Image.new("RGBA", (1, 1)))
    face, lines = fit(probe, text, (width - left - right) * 0.92, 2, max(16, int(short / 17 * scale)),
                      max(12, int(short / 30 * scale)))
    advance = line_height(face)
    space = probe.textlength(" ", font=face)
    text_w = max(int(probe.textlength(line, font=face)) for line in lines)
    pad_x, pad_y = short // 36, short // 60
    box = (text_w + 2 * pad_x, advance * len(lines) + 2 * pad_y)
    image = Image.new("RGBA", box, (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    outline = style == "outline"
    if not outline:
        draw.rounded_rectangle((0, 0, box[0] - 1, box[1] - 1), radius=short // 40, fill=BOX)
    stroke = max(2, int(getattr(face, "size", 12)) // 12) if outline else 0
    index = 0
    for row, line in enumerate(lines):
        x = (box[0] - probe.textlength(line, font=face)) / 2
        for word in line.split():
            if style != "pop" or index <= lit:
                draw.text((x, pad_y + row * advance), word, font=face, fill=LIT if index == lit else TEXT,
                          stroke_width=stroke, stroke_fill=(0, 0, 0, 255))
            x += probe.textlength(word, font=face) + space
            index += 1
    image.save(out, format="PNG")
    return out


def caption_y(frame: tuple[int, int], box_height: int) -> int:
    """Top edge of a caption box so its bottom sits on the safe area's bottom line."""
    return frame[1] - safe_area(frame)[3] - box_height
