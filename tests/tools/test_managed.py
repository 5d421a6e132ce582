"""Managed engines against a local server that speaks the OpenAI API: images, speech, embeddings, retries, costs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from aios.kernel.errors import EngineError
from aios.kernel.settings import Settings
from aios.tools.audio import read_wav
from aios.tools.imagery import VisualRequest, get_image_engine
from aios.tools.library.embeddings import get_embedder
from aios.tools.managed import LEDGER, metering
from aios.tools.tts import get_speech_engine
from tests.support.openai_server import Script, serve

pytestmark = pytest.mark.slow  # renders or synthesizes real media


@pytest.fixture
def endpoint() -> Iterator[tuple[str, Script]]:
    yield from serve()


@pytest.fixture
def managed(endpoint: tuple[str, Script], monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("AIOS_MANAGED_BASE_URL", endpoint[0])
    monkeypatch.setenv("AIOS_MANAGED_API_KEY", "sk-test")
    monkeypatch.setenv("AIOS_MANAGED_TIMEOUT_S", "2")
    return Settings()


def request(size: tuple[int, int] = (540, 960)) -> VisualRequest:
    return VisualRequest(headline="Spring sale", description="a flower shop window", keywords=("flowers",),
                         size=size, palette="sunrise", seed=7)


def test_image_engine_asks_for_the_nearest_aspect_fits_and_prices_it(managed: Settings, endpoint: tuple[str, Script],
                                                                     tmp_path: Path) -> None:
    engine = get_image_engine("openai", managed)
    with metering() as costs:
        out = engine.render(request(), tmp_path / "still.png")
    path, body = endpoint[1].seen[-1]
    assert path == "/v1/images/generations"
    assert body["size"] == "1024x1536" and body["model"] == "gpt-image-1"
    assert "flower shop window" in body["prompt"] and "no text" in body["prompt"]
    assert Image.open(out).size == (540, 960)
    assert [(c.engine, c.kind, c.units, c.usd) for c in costs] == [("openai", "image", 1, 0.042)]


def test_speech_engine_writes_the_endpoint_audio_and_prices_characters(managed: Settings,
                                                                       endpoint: tuple[str, Script],
                                                                       tmp_path: Path) -> None:
    engine = get_speech_engine("openai", None, managed)
    text = "Fresh flowers, forty percent off."
    with metering() as costs:
        seconds = engine.synthesize(text, tmp_path / "speech.wav", speed=1.1)
    _, body = endpoint[1].seen[-1]
    assert body == {"model": "tts-1", "voice": "alloy", "input": text, "response_format": "wav", "speed": 1.1}
    samples, rate = read_wav(tmp_path / "speech.wav")
    assert rate == 24_000 and abs(samples.size / rate - seconds) < 1e-6 and seconds > 1.5
    assert costs[0].units == pytest.approx(len(text) / 1000) and costs[0].usd == pytest.approx(len(text) * 0.015 / 1000)


def test_retries_with_backoff_on_429_and_5xx_then_succeeds(managed: Settings, endpoint: tuple[str, Script],
                                                           tmp_path: Path) -> None:
    endpoint[1].fail["/audio/speech"] = [429, 503]
    get_speech_engine("openai", None, managed).synthesize("Hello there.", tmp_path / "s.wav")
    assert [p for p, _ in endpoint[1].seen].count("/v1/audio/speech") == 3


def test_a_call_that_keeps_failing_is_an_engine_error_and_counted(managed: Settings, endpoint: tuple[str, Script],
                                                                  tmp_path: Path) -> None:
    endpoint[1].fail["/images/generations"] = [500] * 10
    before = LEDGER.calls.get(("openai", "image", "error"), 0)
    with pytest.raises(EngineError, match="openai image call failed"):
        get_image_engine("openai", managed).render(request(), tmp_path / "x.png")
    assert [p for p, _ in endpoint[1].seen].count("/v1/images/generations") == managed.managed_max_retries + 1
    assert LEDGER.calls[("openai", "image", "error")] == before + 1


def test_a_stalled_endpoint_times_out(managed: Settings, endpoint: tuple[str, Script], tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AIOS_MANAGED_TIMEOUT_S", "0.3")
    monkeypatch.setenv("AIOS_MANAGED_MAX_RETRIES", "0")
    endpoint[1].stall_s = 1.0
    with pytest.raises(EngineError, match="Timeout"):
        get_speech_engine("openai", None, Settings()).synthesize("Hello.", tmp_path / "s.wav")


def test_embeddings_use_the_managed_client_and_price_tokens(managed: Settings, endpoint: tuple[str, Script],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AIOS_EMBEDDINGS", "openai:text-embedding-3-small")
    monkeypatch.setenv("AIOS_EMBEDDING_DIM", "8")
    with metering() as costs:
        vectors = get_embedder(Settings()).embed(["spring sale flowers", "winter coats"])
    assert vectors.shape == (2, 8)
    assert costs[0].units == pytest.approx(5 / 1e6) and costs[0].kind == "embedding"


def test_an_unpriced_model_costs_nothing_and_says_so(managed: Settings, monkeypatch: pytest.MonkeyPatch,
                                                     tmp_path: Path) -> None:
    monkeypatch.setenv("AIOS_MANAGED_SPEECH_MODEL", "my-local-tts")
    with metering() as costs:
        get_speech_engine("openai", None, Settings()).synthesize("Hi there.", tmp_path / "s.wav")
    assert costs[0].usd == 0 and not costs[0].priced
