"""Generated media for library tests: textured photos, a clip, a music loop, Markdown and a real text PDF."""

from __future__ import annotations

import random
import subprocess
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from aios.tools.audio import write_wav
from aios.tools.ffmpeg import ffmpeg_exe


def photo(path: Path, base: tuple[int, int, int], seed: int, size: tuple[int, int] = (320, 240)) -> Path:
    """A 'photo': a base colour with random shapes (distinct seeds give distinct perceptual hashes)."""
    rng = random.Random(seed)
    image = Image.new("RGB", size, base)
    draw = ImageDraw.Draw(image)
    for _ in range(30):
        x, y = rng.randrange(size[0]), rng.randrange(size[1])
        draw.ellipse((x, y, x + rng.randrange(10, 90), y + rng.randrange(10, 90)),
                     fill=(rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path)
    return path


def clip(path: Path, seconds: float = 2.0) -> Path:
    """A short H.264 clip with sound."""
    subprocess.run([ffmpeg_exe(), "-v", "error", "-y", "-f", "lavfi", "-i", f"testsrc2=s=320x180:d={seconds}",
                    "-f", "lavfi", "-i", f"sine=f=440:d={seconds}", "-c:v", "libx264", "-c:a", "aac", "-shortest",
                    str(path)], check=True)
    return path


def music(path: Path, seconds: float = 3.0) -> Path:
    """A WAV 'music loop': two tones."""
    t = np.arange(int(seconds * 24000)) / 24000
    write_wav(path, (0.2 * np.sin(2 * np.pi * 220 * t) + 0.1 * np.sin(2 * np.pi * 330 * t)).astype(np.float32), 24000)
    return path


def pdf(path: Path, lines: list[str]) -> Path:
    """A minimal one-page PDF whose text pypdf can extract (Helvetica, one line per entry)."""
    text = " ".join(f"({line.replace('(', '[').replace(')', ']')}) Tj T*" for line in lines)
    stream = f"BT /F1 12 Tf 14 TL 72 720 Td {text} ET".encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path
