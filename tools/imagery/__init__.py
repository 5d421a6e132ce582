"""Image engines behind one protocol, chosen by name (the IMAGERY catalog): drawn cards, diffusers, or an endpoint."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aios.kernel.catalogs import IMAGERY
from aios.kernel.errors import ConfigurationError
from aios.tools.cache import BuiltOnce, settings_key
from aios.tools.imagery.base import ImageEngine, VisualRequest

if TYPE_CHECKING:
    from aios.kernel.settings import Settings
    from aios.tools.imagery.motion import MotionEngine


_built: BuiltOnce[ImageEngine] = BuiltOnce()
_motion: BuiltOnce[MotionEngine] = BuiltOnce()


def get_image_engine(name: str, settings: Settings) -> ImageEngine:
    """The image engine registered under `name`, built once per process and configuration (models load once)."""
    engine = IMAGERY.load(name, ConfigurationError)
    return _built.get((name, settings_key(settings, engine.READS)), lambda: engine.build(settings))


def get_motion_engine(settings: Settings) -> MotionEngine:
    """The image-to-video engine of AIOS_MOTION_MODEL, built once per process and configuration."""
    from aios.tools.imagery.motion import MotionEngine

    model = settings.motion_model
    if model is None:
        raise ConfigurationError("no image-to-video model: set AIOS_MOTION_MODEL to a local pipeline directory")
    key = settings_key(settings, ("motion_model", "image_device", "image_dtype", "motion_frames", "motion_steps",
                                  "motion_size", "ffmpeg_path"))
    return _motion.get(key, lambda: MotionEngine(
        model.expanduser(), device=settings.image_device, dtype=settings.image_dtype, frames=settings.motion_frames,
        steps=settings.motion_steps, native=settings.motion_size, ffmpeg=settings.ffmpeg_path))


__all__ = ["ImageEngine", "VisualRequest", "get_image_engine", "get_motion_engine"]
