"""/metrics as Prometheus and a Grafana user read it: request rate and latency by route template and status,
process metrics, job and policy counters; parsed with prometheus_client's own parser; the shipped dashboard only
queries metrics that exist."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from aios.kernel.settings import Settings
from tests.support.server import Server, read_events

pytestmark = pytest.mark.slow  # runs a job through the server

DASHBOARD = Path(__file__).resolve().parents[2] / "deploy" / "grafana" / "aios-media.json"


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


def test_requests_jobs_and_policy_are_counted_by_what_a_dashboard_groups_by(server: Server) -> None:
    client = server.client()
    job = client.post("/v1/jobs", json={"text": "a 6-second video about our tea shop", "auto_approve": True}).json()
    read_events(client, job["id"], {"job.completed"})
    assert client.get("/v1/jobs/job-000000000000").status_code == 404
    found = samples(client.get("/metrics").text)

    def value(name: str, **labels: str) -> float:
        return found.get((name, tuple(sorted(labels.items()))), 0.0)

    assert value("aios_http_requests_total", method="POST", route="/v1/jobs", status="202") == 1
    assert value("aios_http_requests_total", method="GET", route="/v1/jobs/{job_id}", status="404") == 1
    assert not any("job-000000000000" in str(key) for key in found), "routes are templates, not raw paths"
    assert value("aios_http_request_seconds_count", method="GET", route="/v1/jobs/{job_id}") >= 1
    assert value("aios_jobs_created_total") == 1 and value("aios_jobs_finished_total", outcome="completed") == 1
    assert value("aios_policy_checks_total", stage="brief", outcome="pass") == 1
    assert value("aios_policy_checks_total", stage="output", outcome="pass") == 1
    assert value("process_cpu_seconds_total") > 0 and value("process_resident_memory_bytes") > 0


def test_the_grafana_dashboard_queries_only_metrics_the_server_exports(settings: Settings) -> None:
    from aios.runtime.jobs import JobService
    from aios.runtime.metrics import Metrics

    board = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    exprs = [t["expr"] for p in board["panels"] for t in p.get("targets", [])]
    assert len(exprs) >= 8 and board["title"] == "AIOS Media"
    metrics, service = Metrics(), JobService(settings)
    metrics.watch_jobs(service.database)  # as a serving process does
    exported = set()
    for family in metrics.registry.collect():  # every family, sampled yet or not
        exported |= {family.name + suffix for suffix in ("", "_total", "_bucket", "_count", "_sum", "_created")}
    used = {m for e in exprs for m in re.findall(r"\b((?:aios|process)_\w+)", e)}
    service.close()
    assert used and used <= exported, used - exported
