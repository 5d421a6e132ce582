"""Webhooks: selected job events POSTed to the job's URL, HMAC-signed, retried with backoff, recorded."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any

import httpx

from aios.kernel.settings import Settings
from aios.runtime.db import Database
from aios.runtime.events import Event
from aios.runtime.keys import server_secret
from aios.runtime.metrics import Metrics

DELIVERED = frozenset({"review.requested", "job.completed", "job.failed"})


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """The X-AIOS-Signature value: v1=hex(HMAC-SHA256(secret, "<timestamp>." + body))."""
    mac = hmac.new(secret.encode(), str(timestamp).encode() + b"." + body, hashlib.sha256)
    return f"v1={mac.hexdigest()}"


def verify(secret: str, timestamp: str, body: bytes, header: str, tolerance_s: int = 300) -> bool:
    """What a receiver does: recompute the signature and reject stale timestamps (replays)."""
    if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > tolerance_s:
        return False
    return hmac.compare_digest(signature(secret, int(timestamp), body).encode(), header.encode("utf-8", "replace"))


class Webhooks:
    """Delivers events on a small thread pool so a slow receiver never holds up a job."""

    def __init__(self, db: Database, secret: str, metrics: Metrics, *,
                 attempts: int = 5, backoff_s: float = 1.0, timeout_s: float = 10.0) -> None:
        self._db, self._secret, self.metrics = db, secret, metrics
        self.attempts, self.backoff_s, self.timeout_s = attempts, backoff_s, timeout_s
        self._pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="aios-webhook")

    @classmethod
    def configured(cls, settings: Settings, db: Database, metrics: Metrics) -> Webhooks:
        """Deliveries as the settings say (secret, attempts, backoff): the API and every worker sign alike."""
        return cls(db, server_secret(settings.data_dir, "webhook", settings.webhook_secret), metrics,
                   attempts=settings.webhook_attempts, backoff_s=settings.webhook_backoff_s)

    def notify(self, url: str | None, event: Event) -> None:
        """Queue the event for delivery if the job has a URL and the event is one we deliver."""
        if url and event.type in DELIVERED:
            self._pool.submit(self._deliver, url, event)

    def _deliver(self, url: str, event: Event) -> None:
        body = json.dumps(event.public(), separators=(",", ":")).encode()
        for attempt in range(1, self.attempts + 1):
            stamp = int(time.time())
            headers = {"Content-Type": "application/json", "User-Agent": "aios-media-webhooks",
                       "X-AIOS-Event": event.type, "X-AIOS-Delivery": str(event.id),
                       "X-AIOS-Timestamp": str(stamp), "X-AIOS-Signature": signature(self._secret, stamp, body)}
            code, error = None, None
            try:
                code = httpx.post(url, content=body, headers=headers, timeout=self.timeout_s).status_code
            except httpx.HTTPError as exc:
                error = f"{type(exc).__name__}: {exc}"
            ok = code is not None and 200 <= code < 300
            self._record(event, url, attempt, code, error or (None if ok else f"HTTP {code}"), ok)
            if ok:
                return
            self.metrics.webhook_failures.inc()
            if attempt < self.attempts:
                time.sleep(self.backoff_s * 2 ** (attempt - 1))

    def _record(self, event: Event, url: str, attempt: int, code: int | None, error: str | None, ok: bool) -> None:
        with self._db.write() as db:
            db.execute("INSERT INTO webhook_deliveries (thread_id, event_id, event_type, url, attempt, "
                       "status_code, error, delivered, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (event.thread_id, event.id, event.type, url, attempt, code, error, int(ok),
                        datetime.now(UTC).isoformat(timespec="milliseconds")))

    def deliveries(self, thread_id: str) -> list[dict[str, Any]]:
        """Every delivery attempt for a job, oldest first."""
        with self._db.read() as db:
            rows = db.execute("SELECT event_id, event_type, url, attempt, status_code, error, delivered, "
                              "created_at FROM webhook_deliveries WHERE thread_id = ? ORDER BY id",
                              (thread_id,)).fetchall()
        names = ("event_id", "event_type", "url", "attempt", "status_code", "error", "delivered", "at")
        return [dict(zip(names, (*row[:6], bool(row[6]), row[7]), strict=True)) for row in rows]

    def close(self) -> None:
        """Finish queued deliveries' current attempts and stop."""
        self._pool.shutdown(wait=False, cancel_futures=True)
