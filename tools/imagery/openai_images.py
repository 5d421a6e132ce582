"""OpenAI-compatible image generation (images.generate) as an image engine, priced per image."""

from __future__ import annotations

import base64
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
from PIL import Image, UnidentifiedImageError

from aios.kernel.errors import EngineError
from aios.tools import managed
from aios.tools.imagery.base import VisualRequest
from aios.tools.imagery.compose import aspect_closest, finish, prompt

if TYPE_CHECKING:
    from aios.kernel.settings import Settings


class OpenAIImageEngine:
    """Generates each scene's picture at the endpoint's size nearest the video's aspect, then fits it."""

    name = "openai"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.model = settings.managed_image_model
        self.version = f"images:{self.model}"
        self._client: Any = None

    def prompt(self, request: VisualRequest) -> str:
        """The scene's visual, keywords and the brand style; no lettering (the headline is drawn after)."""
        return prompt(request, self.settings.image_style, "no text or lettering in the image")

    def render(self, request: VisualRequest, out: Path) -> Path:
        """One images.generate call (retried by the client), decoded, fitted and captioned."""
        if self._client is None:
            self._client = managed.client(self.settings)
        size = aspect_closest(self.settings.managed_image_sizes, request.size)
        answer = managed.call(self.name, "image", lambda: self._client.images.generate(
            model=self.model, prompt=self.prompt(request), size=size, n=1))
        if not answer.data:
            raise EngineError(f"{self.name} image call returned no image")
        item = answer.data[0]
        try:
            if getattr(item, "b64_json", None):
                raw = base64.b64decode(item.b64_json)
            elif getattr(item, "url", None):
                raw = httpx.get(item.url, timeout=self.settings.managed_timeout_s).raise_for_status().content
            else:
                raise EngineError(f"{self.name} image call returned neither b64_json nor url")
            picture = Image.open(io.BytesIO(raw))
            picture.load()
        except (ValueError, UnidentifiedImageError, httpx.HTTPError) as exc:
            raise EngineError(f"{self.name} returned an unreadable image: {exc}") from exc
        managed.charge(self.settings, self.name, self.model, "image", 1, "image")
        return finish(picture, request, out)

    def record(self, request: VisualRequest) -> dict[str, Any]:
        """What the manifest keeps about one generated still."""
        return {"model": self.model, "size": aspect_closest(self.settings.managed_image_sizes, request.size),
                "prompt": self.prompt(request)}


READS = ("managed_base_url", "managed_api_key", "llm_base_url", "llm_api_key", "managed_timeout_s",
         "managed_max_retries", "managed_image_model", "managed_image_sizes", "image_style", "prices")


def build(settings: Settings) -> OpenAIImageEngine:
    """The catalog's factory: the OpenAI-compatible image endpoint."""
    return OpenAIImageEngine(settings)
