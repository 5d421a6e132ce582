"""Cropping a supplied or stock picture to the video's shape around its subject: the most salient region (spectral
residual saliency, Hou & Zhang 2007, weighted by how far each colour is from the picture's average) placed above
the caption band instead of wherever the centre crop leaves it."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageFilter

AIM = (0.5, 0.42)  # where in the frame the subject goes: centred, a little above the middle (captions sit below)


def saliency(image: Image.Image, width: int = 64) -> np.ndarray:
    """A small saliency map (rows x `width`), higher where the picture stands out."""
    height = max(1, round(image.height * width / image.width))
    grey = np.asarray(image.convert("L").resize((width, height), Image.Resampling.BILINEAR), dtype=np.float64)
    spectrum = np.fft.fft2(grey)
    log_amplitude = np.log(np.abs(spectrum) + 1e-9)
    padded = np.pad(log_amplitude, 1, mode="edge")
    average = sum(padded[dy:dy + height, dx:dx + width] for dy in range(3) for dx in range(3)) / 9
    residual = np.exp((log_amplitude - average) + 1j * np.angle(spectrum))
    found = np.abs(np.fft.ifft2(residual)) ** 2
    colour = np.asarray(image.convert("RGB").resize((width, height), Image.Resampling.BILINEAR), dtype=np.float64)
    distinct = np.linalg.norm(colour - colour.reshape(-1, 3).mean(axis=0), axis=2)  # unlike the picture's average
    found = (found / (found.max() or 1)) * (distinct / (distinct.max() or 1))
    smooth = Image.fromarray((found / (found.max() or 1) * 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(3))
    return np.asarray(smooth, dtype=np.float64)


def focus(image: Image.Image) -> tuple[float, float]:
    """The subject's centre as fractions of width and height: the weighted centre of the most salient tenth."""
    found = saliency(image)
    cut = np.quantile(found, 0.9)
    weights = np.where(found >= cut, found, 0.0)
    if weights.sum() <= 0:
        return 0.5, 0.5
    rows, columns = np.indices(found.shape)
    return (float((columns * weights).sum() / weights.sum() / max(1, found.shape[1] - 1)),
            float((rows * weights).sum() / weights.sum() / max(1, found.shape[0] - 1)))


def fit(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    """The picture cropped to `size`'s shape and scaled to it, its subject as near AIM as the edges allow."""
    width, height = image.size
    scale = max(size[0] / width, size[1] / height)
    crop_w, crop_h = size[0] / scale, size[1] / scale
    fx, fy = focus(image)
    left = min(max(0.0, fx * width - AIM[0] * crop_w), width - crop_w)
    top = min(max(0.0, fy * height - AIM[1] * crop_h), height - crop_h)
    box = (round(left), round(top), round(left + crop_w), round(top + crop_h))
    return image.convert("RGB").resize(size, Image.Resampling.LANCZOS, box=box)
