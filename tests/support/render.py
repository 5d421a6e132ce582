"""Small synthetic timelines for render tests: solid or patterned stills, tone-burst speech, frame grabs."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from aios.tools.audio import write_wav
from aios.tools.ffmpeg import ffmpeg_exe
from aios.tools.render.profiles import RenderProfile

TINY = RenderProfile("tiny", 180, 12, "ultrafast", 16, "64k")
RATE = 24_000


def still(path: Path, size: tuple[int, int], color: tuple[int, int, int], grid: bool = False) -> str:
    """A solid still, optionally a checkerboard of the colour and a darker shade so motion is measurable."""
    image = Image.new("RGB", size, color)
    if grid:
        draw = ImageDraw.Draw(image)
        dark = tuple(c // 2 for c in color)
        for x in range(0, size[0], 30):
            for y in range(0, size[1], 30):
                if (x + y) // 30 % 2:
                    draw.rectangle((x, y, x + 29, y + 29), fill=dark)
    image.save(path)
    return str(path)


def speech(path: Path, words: list[tuple[float, float]], total: float, level: float = 0.3) -> str:
    """A 'speech' clip: a voiced burst (220 Hz with harmonics) for each (start, end) word, silence between."""
    samples = np.zeros(int(total * RATE), dtype=np.float32)
    for begin, end in words:
        t = np.arange(int((end - begin) * RATE)) / RATE
        burst = np.sin(2 * np.pi * 220 * t) + 0.5 * np.sin(2 * np.pi * 440 * t)
        samples[int(begin * RATE): int(begin * RATE) + t.size] = (level * burst / 1.5).astype(np.float32)
    write_wav(path, samples, RATE)
    return str(path)


def frame(video: Path, index: int, size: tuple[int, int]) -> np.ndarray:
    """Frame number `index` of a video as an RGB int array."""
    raw = subprocess.run([ffmpeg_exe(), "-v", "error", "-i", str(video), "-vf", f"select=eq(n\\,{index})",
                          "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
                         capture_output=True, check=True).stdout
    return np.frombuffer(raw, np.uint8).reshape(size[1], size[0], 3).astype(int)


def psnr(a: np.ndarray, b: np.ndarray) -> float:
    """Peak signal-to-noise ratio in dB between two frames."""
    mse = float(np.mean((a - b) ** 2))
    return 99.0 if mse == 0 else 10 * np.log10(255**2 / mse)
