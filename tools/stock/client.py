"""HTTP for stock providers: a User-Agent, 429s honoured, answers cached on disk for a while (Pixabay asks 24 h)."""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx

from aios.kernel.errors import ConfigurationError
from aios.tools.cache import content_key
from aios.tools.stock.base import RateLimited, StockError, StockItem

if TYPE_CHECKING:
    from pydantic import SecretStr

    from aios.kernel.settings import Settings

USER_AGENT = "AIOS-Media/1 (https://github.com/aios-media; stock search for video scenes)"
MAX_BYTES = 40 * 1024 * 1024


class StockClient:
    """GETs JSON from one provider (cached by request for `ttl_s`) and downloads its files."""

    def __init__(self, provider: str, base_url: str, cache_dir: Path, *, ttl_s: float = 86400.0,
                 headers: Mapping[str, str] | None = None, timeout_s: float = 20.0, max_wait_s: float = 5.0,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.provider, self.base_url = provider, base_url.rstrip("/")
        self.cache_dir, self.ttl_s, self.max_wait_s = cache_dir / provider, ttl_s, max_wait_s
        self.http = httpx.Client(headers={"User-Agent": USER_AGENT, **(headers or {})}, timeout=timeout_s,
                                 follow_redirects=True, transport=transport)

    def get_json(self, path: str, params: Mapping[str, Any]) -> Any:
        """The provider's JSON answer to GET base_url+path?params, from the cache while it is fresh."""
        cached = self.cache_dir / f"{content_key(url=self.base_url + path, params=dict(params))}.json"
        if cached.is_file() and time.time() - cached.stat().st_mtime < self.ttl_s:
            return json.loads(cached.read_text(encoding="utf-8"))
        response = self._get(self.base_url + path, params)
        try:
            body = response.json()
        except ValueError as exc:
            raise StockError(f"{self.provider} answered {path} with something other than JSON") from exc
        cached.parent.mkdir(parents=True, exist_ok=True)
        staged = cached.with_suffix(".tmp")
        staged.write_text(json.dumps(body), encoding="utf-8")
        staged.replace(cached)
        return body

    def download(self, url: str, out: Path) -> None:
        """Write the file at `url` to `out` (an image, at most 40 MB)."""
        response = self._get(url, {})
        kind = response.headers.get("content-type", "")
        if not kind.startswith("image/"):
            raise StockError(f"{self.provider} sent {kind or 'no content type'} for a picture")
        if len(response.content) > MAX_BYTES:
            raise StockError(f"{self.provider} sent a picture over {MAX_BYTES // 2**20} MB")
        out.write_bytes(response.content)

    def _get(self, url: str, params: Mapping[str, Any]) -> httpx.Response:
        for attempt in range(3):
            try:
                response = self.http.get(url, params=dict(params))
            except httpx.HTTPError as exc:
                raise StockError(f"{self.provider} unreachable: {type(exc).__name__}") from exc
            if response.status_code != 429:
                break
            wait = retry_after(response.headers.get("retry-after"))
            if wait > self.max_wait_s or attempt == 2:
                raise RateLimited(f"{self.provider} rate limit reached (retry after {wait:.0f} s)")
            time.sleep(wait)
        if response.status_code >= 400:
            raise StockError(f"{self.provider} answered HTTP {response.status_code} for {httpx.URL(url).path}")
        return response

    def close(self) -> None:
        """Release the connection pool."""
        self.http.close()


class HttpProvider:
    """What every provider shares: files come from the item's URL through the provider's client."""

    def __init__(self, client: StockClient) -> None:
        self.client = client

    def download(self, item: StockItem, out: Path) -> None:
        """Write the item's file to `out` (kept here: providers such as Pixabay forbid hotlinking)."""
        self.client.download(item.url, out)


def client_for(settings: Settings, provider: str, base_url: str,
               headers: Mapping[str, str] | None = None) -> StockClient:
    """A provider's client with the settings' answer cache (under AIOS_HOME) and how long answers are kept."""
    return StockClient(provider, base_url, settings.data_dir / "cache" / "stock-search",
                       ttl_s=settings.stock_cache_hours * 3600, headers=headers)


def key_of(secret: SecretStr | None, provider: str, variable: str) -> str:
    """The provider's API key, or ConfigurationError naming the variable that sets it."""
    if secret is None:
        raise ConfigurationError(f"the {provider} stock provider needs {variable}")
    return secret.get_secret_value()


def retry_after(value: str | None) -> float:
    """Seconds a Retry-After header asks for (a number of seconds; 1 when absent or a date we do not parse)."""
    try:
        return max(0.0, float(value)) if value else 1.0
    except ValueError:
        return 60.0
