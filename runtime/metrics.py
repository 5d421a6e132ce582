"""Prometheus metrics for the API and runners, in a registry of their own."""

from __future__ import annotations

from collections.abc import Iterator

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    GCCollector,
    Histogram,
    PlatformCollector,
    ProcessCollector,
)
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import Collector

from aios.runtime.db import Database

# The latest lifecycle event of each job says where it stands without reading every checkpoint.
STATE_OF_EVENT = {"job.created": "created", "node.started": "running", "node.completed": "running",
                  "scene.progress": "running", "review.requested": "awaiting_review",
                  "job.completed": "published", "job.failed": "failed", "job.cancelled": "cancelled"}


class JobsByStatus(Collector):
    """jobs{status=...}: counted at scrape time from each job's latest event."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def collect(self) -> Iterator[GaugeMetricFamily]:
        with self._db.read() as db:
            rows = db.execute(
                "SELECT e.type, COUNT(*) FROM events e JOIN (SELECT thread_id, MAX(id) AS last FROM events "
                "WHERE type != 'artifact.ready' GROUP BY thread_id) m ON e.id = m.last GROUP BY e.type").fetchall()
        family = GaugeMetricFamily("aios_jobs", "Jobs by status (from their latest event)", labels=["status"])
        counts: dict[str, int] = {}
        for kind, count in rows:
            state = STATE_OF_EVENT.get(kind, "running")
            counts[state] = counts.get(state, 0) + count
        for state, count in sorted(counts.items()):
            family.add_metric([state], count)
        yield family


class EngineCosts(Collector):
    """Managed-engine calls (by outcome) and their cost in USD, read from the process's ledger at scrape time."""

    def collect(self) -> Iterator[CounterMetricFamily]:
        from aios.tools.managed import LEDGER

        with LEDGER.lock:
            calls, usd = dict(LEDGER.calls), dict(LEDGER.usd)
        family = CounterMetricFamily("aios_engine_calls", "Managed engine calls", labels=["engine", "kind", "outcome"])
        for (engine, kind, outcome), count in sorted(calls.items()):
            family.add_metric([engine, kind, outcome], count)
        yield family
        spent = CounterMetricFamily("aios_engine_cost_usd", "Cost of managed engine calls (USD)",
                                    labels=["engine", "kind"])
        for (engine, kind), total in sorted(usd.items()):
            spent.add_metric([engine, kind], total)
        yield spent


class Metrics:
    """The metric objects the runner, webhooks and API update."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.node_seconds = Histogram("aios_node_seconds", "Graph node latency", ["node"], registry=self.registry,
                                      buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300))
        self.queue_depth = Gauge("aios_queue_depth", "Job runs waiting or executing", registry=self.registry)
        self.webhook_failures = Counter("aios_webhook_failures", "Failed webhook delivery attempts",
                                        registry=self.registry)
        self.webhook_deliveries = Counter("aios_webhook_deliveries", "Webhook delivery attempts by outcome",
                                          ["outcome"], registry=self.registry)
        self.http_requests = Counter("aios_http_requests", "HTTP requests by method, route template and status",
                                     ["method", "route", "status"], registry=self.registry)
        self.http_seconds = Histogram("aios_http_request_seconds", "HTTP request latency by route template",
                                      ["method", "route"], registry=self.registry,
                                      buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30))
        self.jobs_created = Counter("aios_jobs_created", "Jobs created", registry=self.registry)
        self.jobs_finished = Counter("aios_jobs_finished", "Jobs that ended, by outcome (completed, failed, "
                                     "cancelled)", ["outcome"], registry=self.registry)
        self.engine_fallbacks = Counter("aios_engine_fallbacks", "Scenes an engine fell back on, by role",
                                        ["role"], registry=self.registry)
        self.policy_checks = Counter("aios_policy_checks", "Policy checks by stage and outcome",
                                     ["stage", "outcome"], registry=self.registry)
        self.registry.register(EngineCosts())
        ProcessCollector(registry=self.registry)  # CPU, memory, open files of this process
        PlatformCollector(registry=self.registry)
        GCCollector(registry=self.registry)

    def http(self, method: str, route: str, status: int, seconds: float) -> None:
        """Count one HTTP request and its latency, by route template (never the raw path: ids would explode it)."""
        self.http_requests.labels(method=method, route=route, status=str(status)).inc()
        self.http_seconds.labels(method=method, route=route).observe(seconds)

    def event(self, kind: str, data: dict[str, object]) -> None:
        """Count what a stored job event says: an ending, or an engine's fallback."""
        if kind in ("job.completed", "job.failed", "job.cancelled"):
            self.jobs_finished.labels(outcome=kind.split(".", 1)[1]).inc()
        elif kind == "engine.degraded":
            self.engine_fallbacks.labels(role=str(data.get("role") or "unknown")).inc()

    def watch_jobs(self, db: Database) -> None:
        """Add the jobs-by-status gauge over a jobs database."""
        self.registry.register(JobsByStatus(db))
