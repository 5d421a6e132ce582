"""Embedders: the packaged MiniLM model offline, and an OpenAI-compatible endpoint (a local server here)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import ClassVar

import numpy as np
import pytest

from aios.kernel.errors import ConfigurationError
from aios.kernel.settings import Settings
from aios.tools.library.embeddings import MiniLMEmbedder, OpenAIEmbedder, get_embedder


def test_minilm_vectors_are_unit_length_and_close_for_similar_meaning() -> None:
    vectors = MiniLMEmbedder().embed(["a bouquet of pink tulips", "fresh flowers for mother's day",
                                      "quarterly tax filing deadline"])
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert float(vectors[0] @ vectors[1]) > float(vectors[0] @ vectors[2]) + 0.2
    assert MiniLMEmbedder().embed([]).shape == (0, 384)


class Embeddings(BaseHTTPRequestHandler):
    """Answers POST /v1/embeddings like the OpenAI API: one vector per input, by index."""

    seen: ClassVar[list[dict[str, object]]] = []

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        Embeddings.seen.append({"path": self.path, "auth": self.headers.get("Authorization"), **body})
        data = [{"object": "embedding", "index": i, "embedding": [float(len(str(t))), 1.0, 0.0, 0.0]}
                for i, t in enumerate(body["input"])]
        payload = json.dumps({"object": "list", "data": data, "model": body["model"],
                              "usage": {"prompt_tokens": 1, "total_tokens": 1}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def endpoint() -> Iterator[str]:
    server = HTTPServer(("127.0.0.1", 0), Embeddings)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Embeddings.seen = []
    yield f"http://127.0.0.1:{server.server_port}/v1"
    server.shutdown()


def test_openai_compatible_endpoint_is_called_and_vectors_normalized(endpoint: str) -> None:
    embedder = get_embedder(Settings(embeddings="openai:text-embedding-3-small", embedding_base_url=endpoint,
                                     embedding_api_key="sk-test", embedding_dim=4))
    assert isinstance(embedder, OpenAIEmbedder) and embedder.name == "openai:text-embedding-3-small"
    vectors = embedder.embed(["abc", "abcdef"])
    assert vectors.shape == (2, 4) and np.allclose(np.linalg.norm(vectors, axis=1), 1.0)
    assert vectors[1][0] > vectors[0][0]
    assert Embeddings.seen[0]["path"] == "/v1/embeddings" and Embeddings.seen[0]["auth"] == "Bearer sk-test"
    assert Embeddings.seen[0]["model"] == "text-embedding-3-small"


def test_wrong_vector_size_and_unknown_embedders_are_configuration_errors(endpoint: str) -> None:
    embedder = get_embedder(Settings(embeddings="openai:m", embedding_base_url=endpoint, embedding_dim=8))
    with pytest.raises(ConfigurationError, match="4-d vectors"):
        embedder.embed(["x"])
    with pytest.raises(ConfigurationError, match="unknown embeddings"):
        get_embedder(Settings(embeddings="word2vec"))
