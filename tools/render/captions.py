"""Captions: split narration into timed cues, write .srt/.vtt, draw burn-in cue images."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

from tools.imagery.layout import fit, line_height

MAX_WORDS = 7
MAX_CHARS = 42


@dataclass(frozen=True)
class Cue:
    """One caption shown from start to end (seconds)."""

    start: float
    end: float
    text: str


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


def _weight(text: str) -> float:
    pause = 0.6 if text[-1:] in ".!?" else 0.3 if text[-1:] in ",;:" else 0.0
    return len(re.sub(r"\W", "", text)) + 2.0 + pause * 10


def timed(narration: str, start: float, duration: float, hold: float = 0.2) -> list[Cue]:
    """Cues spread over the speech in proportion to their spoken weight (letters and pauses)."""
    parts = chunk(narration)
    if not parts:
        return []
    weights = [_weight(p) for p in parts]
    total = sum(weights)
    cues: list[Cue] = []
    cursor = start
    for text, weight in zip(parts, weights, strict=True):
        length = duration * weight / total
        cues.append(Cue(round(cursor, 3), round(cursor + length, 3), text))
        cursor += length
    last = cues[-1]
    cues[-1] = Cue(last.start, round(last.end + hold, 3), last.text)
    return cues


def _stamp(seconds: float, sep: str) -> str:
    millis = int(round(seconds * 1000))
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{sep}{millis:03d}"


def to_srt(cues: list[Cue]) -> str:
    """SubRip text for the cues."""
    blocks = [
        f"{n}\n{_stamp(c.start, ',')} --> {_stamp(c.end, ',')}\n{c.text}\n"
        for n, c in enumerate(cues, start=1)
    ]
    return "\n".join(blocks)


def to_vtt(cues: list[Cue]) -> str:
    """WebVTT text for the cues."""
    blocks = [f"{_stamp(c.start, '.')} --> {_stamp(c.end, '.')}\n{c.text}\n" for c in cues]
    return "WEBVTT\n\n" + "\n".join(blocks)


def write_sidecars(cues: list[Cue], srt: Path, vtt: Path) -> None:
    """Write both caption files."""
    srt.write_text(to_srt(cues), encoding="utf-8")
    vtt.write_text(to_vtt(cues), encoding="utf-8")


def draw_cue(text: str, frame: tuple[int, int], out: Path) -> Path:
    """A transparent PNG of one caption: bold white text on a rounded dark box."""
    width, height = frame
    short = min(width, height)
    probe = ImageDraw.Draw(Image.new("RGBA", (1, 1)))
    face, lines = fit(probe, text, width * 0.80, 2, max(16, short // 17), max(12, short // 30))
    advance = line_height(face)
    text_w = max(int(probe.textlength(line, font=face)) for line in lines)
    pad_x, pad_y = short // 36, short // 60
    box = (text_w + 2 * pad_x, advance * len(lines) + 2 * pad_y)
    image = Image.new("RGBA", box, (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, box[0] - 1, box[1] - 1), radius=short // 40, fill=(0, 0, 0, 170))
    for row, line in enumerate(lines):
        x = (box[0] - probe.textlength(line, font=face)) / 2
        draw.text((x, pad_y + row * advance), line, font=face, fill=(255, 255, 255, 255))
    image.save(out, format="PNG")
    return out


def caption_bottom_margin(frame: tuple[int, int]) -> int:
    """Distance from the frame's bottom edge to the caption box (inside the safe area)."""
    width, height = frame
    return int(height * (0.14 if height > width else 0.08))
