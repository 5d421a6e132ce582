"""Shared fixtures: an isolated data directory and settings per test."""

from __future__ import annotations

import os

# LangGraph's coming default: checkpoints deserialize only the types the graph's schemas name. Set before LangGraph
# is imported (it reads this once), so every graph test, and every aios process a test starts, runs strict.
os.environ.setdefault("LANGGRAPH_STRICT_MSGPACK", "true")
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from PIL import Image

from aios.api.main import create_app
from aios.kernel.settings import Settings, get_settings
from aios.runtime.jobs import JobService
from tests.support.openai_server import Script, serve
from tests.support.server import Server, run_uvicorn


@pytest.fixture(autouse=True)
def aios_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own AIOS_HOME and fresh settings; no LLM is configured."""
    home = tmp_path / "aios-home"
    monkeypatch.setenv("AIOS_HOME", str(home))
    for name in ("AIOS_LLM_MODEL", "AIOS_LLM_BASE_URL", "AIOS_LLM_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    get_settings.cache_clear()
    yield home
    get_settings.cache_clear()


@pytest.fixture
def settings(aios_home: Path) -> Settings:
    """The settings the code under test will see."""
    return get_settings()


@pytest.fixture
def photo(tmp_path: Path) -> Path:
    """A small real JPEG named like a product shot."""
    path = tmp_path / "spring-flowers-sale.jpg"
    image = Image.new("RGB", (320, 240), (40, 160, 90))
    for x in range(0, 320, 40):
        image.paste((220, 60, 120), (x, 0, x + 20, 240))
    image.save(path, quality=90)
    return path


@pytest.fixture(scope="session")
def icon_vectors(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The icons' name vectors from the packaged MiniLM, computed once a session (a folder to copy into a home's
    cache/icons, where the icon picker reads them)."""
    from aios.tools.cache import machine_cache
    from aios.tools.imagery.icons import IconPicker
    from aios.tools.library.embeddings import get_embedder

    folder = tmp_path_factory.mktemp("icons")
    embedder = get_embedder(Settings(home=folder))
    found = sorted(machine_cache("icons").glob("icons-*.npy"))  # computed by an earlier run on this machine
    if found:
        shutil.copy(found[-1], folder)
    IconPicker(embedder.embed, Settings(home=folder).embeddings, folder).vectors()
    return folder


@pytest.fixture(scope="session")
def tiny_sd(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Stable Diffusion pipeline of the real classes at toy size, random weights, saved with save_pretrained."""
    from aios.tools.imagery.architectures import TINY, build

    directory = tmp_path_factory.mktemp("models") / "tiny-sd"
    build(TINY, directory, name="tiny-sd")
    (directory / "README.md").write_text("---\nlicense: creativeml-openrail-m\ntags: [test]\n---\n# tiny\n")
    return directory


@pytest.fixture(scope="session")
def tiny_svd(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Stable Video Diffusion (image-to-video) pipeline at toy size, random weights, saved locally."""
    from aios.tools.imagery.architectures import TINY_SVD, build

    return build(TINY_SVD, tmp_path_factory.mktemp("models") / "tiny-svd", name="tiny-svd")


@pytest.fixture(scope="session")
def tiny_vits(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A two-speaker Coqui VITS model at toy size, random weights, saved as model.pth + config.json."""
    try:
        import TTS  # noqa: F401
    except ImportError as exc:  # CI installs the coqui extra and sets AIOS_REQUIRE_COQUI: there this fails
        if os.environ.get("AIOS_REQUIRE_COQUI"):
            raise
        pytest.skip(f"Coqui is not installed here ({exc}); README 'Generative engines' says how")
    from aios.tools.tts.architectures import build_vits

    return build_vits(tmp_path_factory.mktemp("models") / "tiny-vits", speakers=["ana", "ben"], name="tiny-vits")


@pytest.fixture
def openai_endpoint(monkeypatch: pytest.MonkeyPatch) -> Iterator[Script]:
    """A local server speaking the OpenAI API, configured as the managed endpoint (no retries: failures show)."""
    for url, script in serve():
        monkeypatch.setenv("AIOS_MANAGED_BASE_URL", url)
        monkeypatch.setenv("AIOS_MANAGED_MAX_RETRIES", "0")
        get_settings.cache_clear()
        yield script


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database on the machine's server (AIOS_TEST_POSTGRES picks the server)."""
    import uuid

    import psycopg

    server = os.environ.get("AIOS_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432")
    name = f"aios_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    try:
        yield f"{server}/{name}"
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=["sqlite", "postgres"])
def dialect(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the test on the embedded SQLite and on PostgreSQL (AIOS_DATABASE_URL)."""
    if request.param == "postgres":
        monkeypatch.setenv("AIOS_DATABASE_URL", request.getfixturevalue("postgres_url"))
        get_settings.cache_clear()
    return str(request.param)


@pytest.fixture
def broker() -> Iterator[str]:
    """A Celery queue of this test's own on the machine's Redis."""
    from tests.support.workers import queue_of_its_own

    yield from queue_of_its_own()


@pytest.fixture(scope="session")
def s3_server() -> Iterator[str]:
    """An S3-compatible server on 127.0.0.1 (moto), with a bucket `aios-test`; yields its endpoint URL."""
    import socket

    import boto3
    from moto.server import ThreadedMotoServer

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    boto3.client("s3", endpoint_url=endpoint, aws_access_key_id="test", aws_secret_access_key="test",
                 region_name="us-east-1").create_bucket(Bucket="aios-test")
    yield endpoint
    server.stop()


@pytest.fixture
def s3_storage(s3_server: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """AIOS_STORAGE_URL/OPTIONS for a fresh prefix in the test bucket (set in the environment and returned)."""
    import json
    import uuid

    env = {"AIOS_STORAGE_URL": f"s3://aios-test/{uuid.uuid4().hex[:8]}",
           "AIOS_STORAGE_OPTIONS": json.dumps({"endpoint_url": s3_server, "key": "test", "secret": "test",
                                               "client_kwargs": {"region_name": "us-east-1"}})}
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    return env


@pytest.fixture
def make_server(aios_home: Path) -> Iterator[Callable[..., Server]]:
    started: list[tuple[uvicorn.Server, threading.Thread]] = []

    def start(**overrides: Any) -> Server:
        defaults = {"webhook_backoff_s": 0.05, "sse_ping_s": 0.5, "api_workers": 1}
        settings = Settings(home=aios_home, **(defaults | overrides))
        service = JobService(settings)
        key, other = service.keys.create("acme")[1], service.keys.create("globex")[1]
        service.close()
        server, thread, port = run_uvicorn(create_app(settings))
        started.append((server, thread))

        def stop() -> None:
            server.should_exit = True
            thread.join(30)

        return Server(f"http://127.0.0.1:{port}", settings, key, other, stop)

    yield start
    for server, thread in started:
        server.should_exit = True
        thread.join(30)


@pytest.fixture
def server(make_server: Callable[..., Server]) -> Server:
    return make_server()
