"""Each stock provider adapter against the local stand-in, over real HTTP, in its documented answer shape."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from aios.evals.stock_standin import Script, serve, settings_for
from aios.kernel.errors import ConfigurationError
from aios.kernel.settings import Settings
from aios.tools.stock import RateLimited, StockError, get_stock_providers
from aios.tools.stock.licences import allowed, normalize


@pytest.fixture
def standin() -> Iterator[tuple[str, Script]]:
    with serve() as running:
        yield running


def providers(url: str, home: Path, **overrides: object) -> dict[str, object]:
    settings = Settings(home=home, **(settings_for(url) | overrides))  # type: ignore[arg-type]
    return {p.name: p for p in get_stock_providers(settings)}


@pytest.mark.parametrize(("name", "query", "shows"), [
    ("pexels", "orthodontics children dental", "dent"), ("pixabay", "orthodontics children dental", "dent"),
    ("openverse", "parental leave", "parent"), ("wikimedia", "parental leave", "parent")])
def test_each_provider_finds_photos_with_credits_and_downloads_them(
        name: str, query: str, shows: str, standin: tuple[str, Script], tmp_path: Path) -> None:
    url, script = standin
    provider = providers(url, tmp_path)[name]
    items = provider.search(query, 4, "portrait")  # type: ignore[attr-defined]
    assert items, name
    first = items[0]
    assert first.provider == name and first.id and first.author and first.page_url
    assert shows in first.text.lower()
    assert first.licence in ("pexels", "pixabay") or normalize(first.licence) in ("by", "cc0", "by-sa", "pdm")
    if name != "wikimedia":  # Commons has no orientation filter; the others were asked for upright pictures
        assert all(i.height > i.width for i in items)
    out = tmp_path / "picture.jpg"
    provider.download(first, out)  # type: ignore[attr-defined]
    with Image.open(out) as image:
        assert image.size == (first.width, first.height)
    _path, params, headers = next(s for s in script.seen if not s[0].startswith("/files"))
    assert headers["user-agent"].startswith("AIOS-Media")
    if name == "pexels":
        assert headers["authorization"] == "standin" and params["orientation"] == "portrait"
    if name == "pixabay":
        assert params["key"] == "standin" and params["orientation"] == "vertical" and params["safesearch"] == "true"
    if name == "openverse":
        assert params["license_type"] == "commercial" and params["aspect_ratio"] == "tall"
    if name == "wikimedia":
        assert params["gsrnamespace"] == "6" and "filetype:bitmap" in params["gsrsearch"]


def test_answers_are_cached_so_a_repeated_search_costs_no_request(standin: tuple[str, Script], tmp_path: Path) -> None:
    url, script = standin
    pixabay = providers(url, tmp_path)["pixabay"]
    first = pixabay.search("coffee barista", 5, "landscape")  # type: ignore[attr-defined]
    asked = len(script.seen)
    assert pixabay.search("coffee barista", 5, "landscape") == first  # type: ignore[attr-defined]
    assert len(script.seen) == asked
    fresh = providers(url, tmp_path, stock_cache_hours=0)["pixabay"]
    fresh.search("coffee barista", 5, "landscape")  # type: ignore[attr-defined]
    assert len(script.seen) == asked + 1


def test_a_429_is_retried_after_the_wait_it_asks_and_a_long_wait_is_an_error(
        standin: tuple[str, Script], tmp_path: Path) -> None:
    url, script = standin
    pexels = providers(url, tmp_path)["pexels"]
    script.fail["/v1/search"] = [429]
    assert pexels.search("bicycle", 2, "landscape")  # type: ignore[attr-defined]
    script.fail["/v1/search"], script.retry_after = [429], "3600"
    with pytest.raises(RateLimited, match="rate limit"):
        pexels.search("a different query", 2, "landscape")  # type: ignore[attr-defined]
    script.fail["/v1/search"] = [500]
    with pytest.raises(StockError, match="HTTP 500"):
        pexels.search("yet another", 2, "landscape")  # type: ignore[attr-defined]


def test_keys_are_required_where_the_provider_needs_one(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="AIOS_PEXELS_API_KEY"):
        get_stock_providers(Settings(home=tmp_path, stock_providers=["pexels"]))
    with pytest.raises(ConfigurationError, match="AIOS_PIXABAY_API_KEY"):
        get_stock_providers(Settings(home=tmp_path, stock_providers=["pixabay"]))
    with pytest.raises(ValueError, match="unknown stock provider"):
        Settings(home=tmp_path, stock_providers=["unsplash-ish"])


def test_a_provider_that_is_down_is_a_stock_error(tmp_path: Path) -> None:
    openverse = providers("http://127.0.0.1:9", tmp_path)["openverse"]
    with pytest.raises(StockError, match="unreachable"):
        openverse.search("tram", 2, "landscape")  # type: ignore[attr-defined]


@pytest.mark.parametrize(("name", "expected"), [
    ("CC BY-SA 4.0", "by-sa"), ("cc-by-4.0", "by"), ("CC0 1.0", "cc0"), ("Public domain", "pdm"), ("by-nc", "by-nc"),
    ("pexels", "pexels")])
def test_licence_names_are_normalized(name: str, expected: str) -> None:
    assert normalize(name) == expected


def test_share_alike_is_not_allowed_by_default() -> None:
    defaults = Settings().stock_licences
    assert allowed("CC BY 4.0", defaults) and allowed("Public domain", defaults)
    assert not allowed("CC BY-SA 4.0", defaults) and not allowed("by-nc", defaults)
