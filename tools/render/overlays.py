"""Still overlays shared by every backend: one image per caption state, and the synthetic-media label."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

from aios.tools.imagery.fonts import font
from aios.tools.render.captions import caption_y, draw_cue, states
from aios.tools.render.profiles import safe_area
from aios.tools.render.spec import RenderSpec


@dataclass(frozen=True)
class Overlay:
    """A PNG shown at (x, y) from start to end (seconds on the video's timeline)."""

    path: Path
    start: float
    end: float
    x: int
    y: int


def draw_label(text: str, frame: tuple[int, int], out: Path) -> Path:
    """The synthetic-media label: a small translucent pill."""
    short = min(frame)
    face = font(max(10, short // 40))
    probe = ImageDraw.Draw(Image.new("RGBA", (1, 1)))
    pad = short // 80
    width = int(probe.textlength(text, font=face)) + 2 * pad
    height = int(getattr(face, "size", 12) * 1.2) + pad
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, width - 1, height - 1), radius=height // 2, fill=(0, 0, 0, 140))
    draw.text((pad, pad // 2), text, font=face, fill=(255, 255, 255, 230))
    image.save(out, format="PNG")
    return out


def label(spec: RenderSpec, workdir: Path) -> Overlay:
    """The label in its corner of the safe area (top-right unless the spec says otherwise), for the whole video."""
    path = draw_label(spec.label, spec.size, workdir / "label.png")
    with Image.open(path) as image:
        width, height = image.size
    left, top, right, bottom = safe_area(spec.size)
    vertical, horizontal = spec.label_position.split("-")
    x = left if horizontal == "left" else spec.size[0] - right - width
    y = top if vertical == "top" else spec.size[1] - bottom - height
    return Overlay(path, 0.0, spec.duration_s, x, y)


def captions(spec: RenderSpec, workdir: Path) -> list[Overlay]:
    """One image per caption state in the spec's style (per lit word, or per cue when boxed; none for none),
    centred above the safe area's bottom edge."""
    out: list[Overlay] = []
    if spec.caption_style == "none":
        return out
    folder = workdir / "captions"
    folder.mkdir(parents=True, exist_ok=True)
    for n, cue in enumerate(spec.cues):
        shown = [(cue.start, cue.end, -1)] if spec.caption_style == "boxed" else states(cue)
        for start, end, lit in shown:
            path = draw_cue(cue.text, spec.size, folder / f"cue{n:03d}-{lit + 1:02d}.png", lit,
                            spec.caption_style, spec.caption_size)
            with Image.open(path) as image:
                width, height = image.size
            out.append(Overlay(path, start, end, (spec.size[0] - width) // 2, caption_y(spec.size, height)))
    return out
