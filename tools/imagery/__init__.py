"""Image engines behind one protocol, chosen by name: drawn cards, local diffusers, or a managed endpoint."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from agent.errors import ConfigurationError
from tools.cache import BuiltOnce, settings_key
from tools.imagery.base import ImageEngine, VisualRequest
from tools.imagery.cards import CardEngine

if TYPE_CHECKING:
    from agent.settings import Settings
    from tools.imagery.motion import MotionEngine


def _diffusers(settings: Settings) -> ImageEngine:
    from tools.imagery.diffusion import DiffusersEngine

    if settings.image_model is None:
        raise ConfigurationError("the diffusers image engine needs AIOS_IMAGE_MODEL (a local pipeline directory)")
    return DiffusersEngine(settings.image_model.expanduser(), device=settings.image_device,
                           dtype=settings.image_dtype, steps=settings.image_steps, guidance=settings.image_guidance,
                           batch=settings.image_batch, attention_slicing=settings.image_attention_slicing,
                           style=settings.image_style)


def _openai(settings: Settings) -> ImageEngine:
    from tools.imagery.openai_images import OpenAIImageEngine

    return OpenAIImageEngine(settings)


# name -> (factory, the settings it reads: an engine is built once per distinct value of those)
ENGINES: dict[str, tuple[Callable[[Settings], ImageEngine], tuple[str, ...]]] = {
    "cards": (lambda settings: CardEngine(), ()),
    "diffusers": (_diffusers, ("image_model", "image_device", "image_dtype", "image_steps", "image_guidance",
                               "image_batch", "image_attention_slicing", "image_style")),
    "openai": (_openai, ("managed_base_url", "managed_api_key", "llm_base_url", "llm_api_key", "managed_timeout_s",
                         "managed_max_retries", "managed_image_model", "managed_image_sizes", "image_style",
                         "prices")),
}
_built: BuiltOnce[ImageEngine] = BuiltOnce()
_motion: BuiltOnce[MotionEngine] = BuiltOnce()


def get_image_engine(name: str, settings: Settings | None = None) -> ImageEngine:
    """The image engine registered under `name`, built once per process and configuration (models load once)."""
    from agent.settings import get_settings

    try:
        factory, reads = ENGINES[name]
    except KeyError:
        raise ConfigurationError(f"unknown image engine {name!r}; choose one of {sorted(ENGINES)}") from None
    chosen = settings or get_settings()
    return _built.get((name, settings_key(chosen, reads)), lambda: factory(chosen))


def get_motion_engine(settings: Settings) -> MotionEngine:
    """The image-to-video engine of AIOS_MOTION_MODEL, built once per process and configuration."""
    from tools.imagery.motion import MotionEngine

    model = settings.motion_model
    if model is None:
        raise ConfigurationError("no image-to-video model: set AIOS_MOTION_MODEL to a local pipeline directory")
    key = settings_key(settings, ("motion_model", "image_device", "image_dtype", "motion_frames", "motion_steps",
                                  "motion_size", "ffmpeg_path"))
    return _motion.get(key, lambda: MotionEngine(
        model.expanduser(), device=settings.image_device, dtype=settings.image_dtype, frames=settings.motion_frames,
        steps=settings.motion_steps, native=settings.motion_size, ffmpeg=settings.ffmpeg_path))


__all__ = ["ENGINES", "ImageEngine", "VisualRequest", "get_image_engine", "get_motion_engine"]
