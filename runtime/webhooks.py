"""Webhooks: selected job events go into an outbox table and are POSTed from it, HMAC-signed, retried with backoff.

The outbox makes deliveries durable (a restart picks up where the last attempt left off) and shared: every process
that runs jobs (the API in the embedded deployment, each `aios worker` with Celery) delivers from it, with a limit
on how many of one tenant's deliveries are in flight at once, so a tenant's slow receivers never hold up another's.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import httpx

from aios.kernel.settings import Settings
from aios.runtime.db import Database, Handle
from aios.runtime.events import Event
from aios.runtime.job_records import now
from aios.runtime.metrics import Metrics
from aios.runtime.webhook_targets import UnsafeTarget, check, redact
from aios.tools.signing import server_secret

log = logging.getLogger(__name__)
DELIVERED = frozenset({"review.requested", "job.completed", "job.failed"})
CLAIM_LOCK = 4244  # the PostgreSQL advisory lock dispatchers take turns on while claiming
REFUSED = "refused: the receiver's address is not allowed"


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """The X-AIOS-Signature value: v1=hex(HMAC-SHA256(secret, "<timestamp>." + body))."""
    mac = hmac.new(secret.encode(), str(timestamp).encode() + b"." + body, hashlib.sha256)
    return f"v1={mac.hexdigest()}"


def verify(secret: str, timestamp: str, body: bytes, header: str, tolerance_s: int = 300) -> bool:
    """What a receiver does: recompute the signature and reject stale timestamps (replays)."""
    if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > tolerance_s:
        return False
    return hmac.compare_digest(signature(secret, int(timestamp), body).encode(), header.encode("utf-8", "replace"))


@dataclass(frozen=True)
class Delivery:
    """One outbox row being delivered."""

    id: int
    thread_id: str
    tenant: str
    event_id: int
    event_type: str
    url: str
    body: bytes
    attempts: int


@dataclass(frozen=True)
class Policy:
    """How deliveries are made: attempts, backoff, timeouts, concurrency, and the networks a receiver may be on."""

    attempts: int = 5
    backoff_s: float = 1.0
    timeout_s: float = 10.0
    concurrency: int = 8
    per_tenant: int = 2
    poll_s: float = 0.5
    allowed_networks: tuple[str, ...] = ()


class Webhooks:
    """The outbox: `notify` stores a delivery; `start` runs a dispatcher in this process that delivers due ones."""

    def __init__(self, db: Database, secret: str, metrics: Metrics, policy: Policy | None = None) -> None:
        self._db, self._secret, self.metrics = db, secret, metrics
        self.policy = policy or Policy()
        self._pool: ThreadPoolExecutor | None = None
        self._thread: threading.Thread | None = None
        self._stop, self._wake = threading.Event(), threading.Event()
        self._busy = 0
        self._lock = threading.Lock()

    @classmethod
    def configured(cls, settings: Settings, db: Database, metrics: Metrics) -> Webhooks:
        """Deliveries as the settings say: the API and every worker sign and limit alike."""
        return cls(db, server_secret(settings.data_dir, "webhook", settings.webhook_secret), metrics, Policy(
            attempts=settings.webhook_attempts, backoff_s=settings.webhook_backoff_s,
            timeout_s=settings.webhook_timeout_s, concurrency=settings.webhook_concurrency,
            per_tenant=settings.webhook_tenant_concurrency, allowed_networks=tuple(settings.webhook_allowed_networks)))

    def notify(self, url: str | None, event: Event, tenant: str = "local") -> None:
        """Store the event for delivery if the job has a URL and the event is one we deliver."""
        if not url or event.type not in DELIVERED:
            return
        body = json.dumps(event.public(), separators=(",", ":"))
        with self._db.write() as db:
            db.execute("INSERT INTO webhook_outbox (thread_id, tenant, event_id, event_type, url, body, next_at, "
                       "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       (event.thread_id, tenant, event.id, event.type, url, body, time.time(), now()))
        self._wake.set()

    def start(self) -> None:
        """Deliver from the outbox in this process (the runner's process: the API's, or a worker's)."""
        if self._thread is None:
            self._pool = ThreadPoolExecutor(max_workers=self.policy.concurrency, thread_name_prefix="aios-webhook")
            self._thread = threading.Thread(target=self._loop, name="aios-webhook-outbox", daemon=True)
            self._thread.start()

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.dispatch()
            except Exception:  # the database may be restarting: the outbox keeps everything, try again next round
                log.exception("webhook dispatch failed")
            self._wake.wait(self.policy.poll_s)
            self._wake.clear()

    def dispatch(self) -> int:
        """Claim the due deliveries this process has room for and start them; how many were started."""
        assert self._pool is not None, "start() the dispatcher first"
        with self._lock:
            room = self.policy.concurrency - self._busy
        claimed = self._claim(room) if room > 0 else []
        for delivery in claimed:
            with self._lock:
                self._busy += 1
            self._pool.submit(self._attempt, delivery)
        return len(claimed)

    def _claim(self, room: int) -> list[Delivery]:
        """Due deliveries (and ones whose process died mid-attempt), at most `per_tenant` of a tenant in flight."""
        moment = time.time()
        with self._db.write() as db:
            if self._db.dialect == "postgres":
                db.execute("SELECT pg_advisory_xact_lock(?)", (CLAIM_LOCK,))
            busy = dict(db.execute("SELECT tenant, COUNT(*) FROM webhook_outbox WHERE state = 'delivering' AND "
                                   "lease_until > ? GROUP BY tenant", (moment,)).fetchall())
            rows = db.execute("SELECT id, thread_id, tenant, event_id, event_type, url, body, attempts FROM "
                              "webhook_outbox WHERE (state = 'pending' AND next_at <= ?) OR (state = 'delivering' "
                              "AND lease_until <= ?) ORDER BY next_at, id LIMIT 500", (moment, moment)).fetchall()
            chosen: list[Delivery] = []
            for row in rows:
                tenant = row[2]
                if len(chosen) == room or busy.get(tenant, 0) >= self.policy.per_tenant:
                    continue
                busy[tenant] = busy.get(tenant, 0) + 1
                chosen.append(Delivery(row[0], row[1], tenant, row[3], row[4], row[5], row[6].encode(), row[7]))
            lease = moment + self.policy.timeout_s * 2 + 5
            for delivery in chosen:
                db.execute("UPDATE webhook_outbox SET state = 'delivering', lease_until = ? WHERE id = ?",
                           (lease, delivery.id))
        return chosen

    def _attempt(self, delivery: Delivery) -> None:
        try:
            code, error = self._post(delivery)
            ok = code is not None and 200 <= code < 300
            with self._db.write() as db:
                self._finish(db, delivery, code, error or (None if ok else f"HTTP {code}"), ok)
            self.metrics.webhook_deliveries.labels(outcome="delivered" if ok else "failed").inc()
            if not ok:
                self.metrics.webhook_failures.inc()
        except Exception:  # not recorded: the row is retried once its lease lapses
            log.exception("webhook delivery %s failed to record", delivery.id)
        finally:
            with self._lock:
                self._busy -= 1
            self._wake.set()

    def _post(self, delivery: Delivery) -> tuple[int | None, str | None]:
        """POST once to the address checked now (DNS may have changed since submit); (status, public error)."""
        try:
            target = check(delivery.url, self.policy.allowed_networks)
        except UnsafeTarget:
            return None, REFUSED
        stamp = int(time.time())
        headers = {"Host": target.host_header(), "Content-Type": "application/json",
                   "User-Agent": "aios-media-webhooks", "X-AIOS-Event": delivery.event_type,
                   "X-AIOS-Delivery": str(delivery.event_id), "X-AIOS-Timestamp": str(stamp),
                   "X-AIOS-Signature": signature(self._secret, stamp, delivery.body)}
        try:
            with httpx.Client(timeout=self.policy.timeout_s, follow_redirects=False, trust_env=False) as client:
                response = client.post(target.pinned_url(), content=delivery.body, headers=headers,
                                       extensions={"sni_hostname": target.host})
            return response.status_code, None
        except httpx.TimeoutException:
            return None, "timed out"
        except httpx.HTTPError:
            return None, "could not connect"

    def _finish(self, db: Handle, delivery: Delivery, code: int | None, error: str | None, ok: bool) -> None:
        attempt = delivery.attempts + 1
        db.execute("INSERT INTO webhook_deliveries (thread_id, event_id, event_type, url, attempt, status_code, "
                   "error, delivered, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (delivery.thread_id, delivery.event_id, delivery.event_type, redact(delivery.url), attempt, code,
                    error, int(ok), now()))
        if ok or attempt >= self.policy.attempts or error == REFUSED:  # done: its attempts are the record
            db.execute("DELETE FROM webhook_outbox WHERE id = ?", (delivery.id,))
        else:
            db.execute("UPDATE webhook_outbox SET state = 'pending', attempts = ?, next_at = ?, lease_until = NULL "
                       "WHERE id = ?", (attempt, time.time() + self.policy.backoff_s * 2 ** (attempt - 1), delivery.id))

    def deliveries(self, thread_id: str) -> list[dict[str, Any]]:
        """Every delivery attempt for a job, oldest first (URLs redacted, errors without internal detail)."""
        with self._db.read() as db:
            rows = db.execute("SELECT event_id, event_type, url, attempt, status_code, error, delivered, "
                              "created_at FROM webhook_deliveries WHERE thread_id = ? ORDER BY id",
                              (thread_id,)).fetchall()
        names = ("event_id", "event_type", "url", "attempt", "status_code", "error", "delivered", "at")
        return [dict(zip(names, (*row[:2], redact(row[2]), *row[3:6], bool(row[6]), row[7]), strict=True))
                for row in rows]

    def close(self) -> None:
        """Stop dispatching; attempts in flight finish or, if the process ends first, are retried by whoever's next."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(5)
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
