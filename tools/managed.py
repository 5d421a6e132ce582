"""Managed (OpenAI-compatible) endpoints: one client with timeouts and retries, and the cost of every call."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from aios.kernel.errors import EngineError

if TYPE_CHECKING:
    from pydantic import SecretStr

    from aios.kernel.settings import Settings


@dataclass(frozen=True)
class Cost:
    """One billed call: what it bought, in the model's unit, and what it cost."""

    engine: str
    model: str
    kind: str  # image | speech | embedding
    units: float
    unit: str  # image | 1k_chars | 1m_tokens
    usd: float
    priced: bool = True

    def public(self) -> dict[str, Any]:
        """A JSON-ready copy."""
        return asdict(self)


@dataclass
class Ledger:
    """Totals of every call this process made, by engine and kind (read by /metrics)."""

    calls: dict[tuple[str, str, str], int] = field(default_factory=dict)
    usd: dict[tuple[str, str], float] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, engine: str, kind: str, outcome: str, usd: float = 0.0) -> None:
        """Count a call (outcome ok or error) and add its cost."""
        with self.lock:
            key = (engine, kind, outcome)
            self.calls[key] = self.calls.get(key, 0) + 1
            self.usd[(engine, kind)] = self.usd.get((engine, kind), 0.0) + usd


LEDGER = Ledger()
_meter: ContextVar[list[Cost] | None] = ContextVar("aios_cost_meter", default=None)


@contextlib.contextmanager
def metering() -> Iterator[list[Cost]]:
    """Collect the costs of the managed calls made inside the block (in this thread or task)."""
    costs: list[Cost] = []
    token = _meter.set(costs)
    try:
        yield costs
    finally:
        _meter.reset(token)


def charge(settings: Settings, engine: str, model: str, kind: str, units: float, unit: str) -> Cost:
    """Price one successful call from settings.prices, record it in the ledger and the current meter."""
    price = settings.prices.get(model)
    cost = Cost(engine, model, kind, round(units, 6), unit, round(units * (price or 0.0), 6), price is not None)
    LEDGER.record(engine, kind, "ok", cost.usd)
    meter = _meter.get()
    if meter is not None:
        meter.append(cost)
    return cost


def client(settings: Settings, base_url: str | None = None, key: SecretStr | None = None) -> Any:
    """An OpenAI client for the managed endpoint (or the one named): timeout per call, retries with backoff.

    The openai client retries connection errors, 408, 409, 429 and 5xx answers, honouring Retry-After.
    """
    from openai import OpenAI

    base_url = base_url or settings.managed_base_url or settings.llm_base_url
    key = key or settings.managed_api_key or settings.llm_api_key
    if not base_url and not key:
        raise EngineError("no managed endpoint configured: set AIOS_MANAGED_BASE_URL and/or AIOS_MANAGED_API_KEY")
    # Local OpenAI-compatible servers take any key; the client insists on one.
    return OpenAI(base_url=base_url, api_key=key.get_secret_value() if key else "unused",
                  timeout=settings.managed_timeout_s, max_retries=settings.managed_max_retries)


def call(engine: str, kind: str, request: Any) -> Any:
    """Run one endpoint call; its failure (after the client's retries) is an EngineError that names it."""
    from openai import OpenAIError

    try:
        return request()
    except OpenAIError as exc:
        LEDGER.record(engine, kind, "error")
        raise EngineError(f"{engine} {kind} call failed: {type(exc).__name__}: {exc}") from exc
