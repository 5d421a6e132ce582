"""Orchestration benchmark: 200 jobs through PostgreSQL checkpoints, Celery workers and the event log, no media work.

The graph has the production graph's shape (a chain of steps, a review checkpoint passed by auto-approval, a
fan-out of 6 scenes x 2 tasks, a render step and publishing) but its nodes do nothing, so what is measured is
the orchestration: queueing, leases, checkpoint writes, event rows. Two `aios`-style worker processes (2 slots
each) run the jobs. The baseline, in the same run, is the same graph executed in-process with LangGraph's
in-memory checkpointer and no events. Overhead per node = (a job's last event - its first node.started) / the
nodes it ran. Ends with:

    RESULT jobs_per_s=<n> overhead_p95_ms_per_node=<n> overhead_mean_ms_per_node=<n> baseline_ms_per_node=<n> ...

    python benchmarks/orchestration.py [--jobs 200] [--workers 2] [--concurrency 2]
    (needs PostgreSQL and Redis on 127.0.0.1, or AIOS_TEST_POSTGRES / AIOS_TEST_REDIS)
"""

from __future__ import annotations

import argparse
import operator
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime
from itertools import pairwise
from pathlib import Path
from typing import Annotated, Any, TypedDict

from langgraph.checkpoint.memory import InMemorySaver
from langgraph.graph import END, START, StateGraph
from langgraph.types import Send

STEPS = ("intake", "check_brief", "retrieve", "plan_storyboard", "match_assets", "check_policy", "review_storyboard")
AFTER = ("render", "quality_check", "check_output", "approve_final", "publish")
SCENES = 6
NODES = len(STEPS) + 2 * SCENES + len(AFTER)
CLOSING = {"job.completed", "job.failed", "job.cancelled"}


class State(TypedDict, total=False):
    """What the no-op graph carries: the request, a log of the steps and the final status."""

    request: dict[str, Any]
    done: Annotated[list[str], operator.add]
    status: str


def _step(name: str) -> Any:
    def node(state: State) -> dict[str, Any]:
        return {"done": [name]}

    node.__name__ = name
    return node


def _publish(state: State) -> dict[str, Any]:
    return {"done": ["publish"], "status": "published"}


def noop_graph() -> StateGraph[Any, Any, Any, Any]:
    """The production graph's shape with nodes that do nothing."""
    graph: StateGraph[Any, Any, Any, Any] = StateGraph(State)
    chain = [*STEPS]
    for name in chain:
        graph.add_node(name, _step(name))
    graph.add_node("narrate", _step("narrate"))
    graph.add_node("visualize", _step("visualize"))
    for name in AFTER[:-1]:
        graph.add_node(name, _step(name))
    graph.add_node("publish", _publish)
    graph.add_edge(START, chain[0])
    for first, second in pairwise(chain):
        graph.add_edge(first, second)
    graph.add_conditional_edges(chain[-1], lambda s: [Send(k, {}) for _ in range(SCENES) for k in ("narrate",
                                                                                                  "visualize")],
                                ["narrate", "visualize"])
    graph.add_edge("narrate", "render")
    graph.add_edge("visualize", "render")
    for first, second in pairwise(AFTER):
        graph.add_edge(first, second)
    graph.add_edge("publish", END)
    return graph


def baseline_ms_per_node(jobs: int) -> float:
    """The same graph in-process: LangGraph with its in-memory checkpointer, no queue, no events."""
    graph = noop_graph().compile(checkpointer=InMemorySaver())
    start = time.perf_counter()
    for n in range(jobs):
        graph.invoke({"request": {"n": n}}, {"configurable": {"thread_id": f"b{n}"}})
    return (time.perf_counter() - start) * 1000 / (jobs * NODES)


def _when(stamp: str) -> float:
    return datetime.fromisoformat(stamp).timestamp()


def closed(service: Any, job: str) -> bool:
    """Whether the job's closing event has gone out."""
    events = service.events.after(job)
    return bool(events) and events[-1].type in CLOSING


def worker_main() -> None:
    """A worker process running the no-op graph (started by main with --worker)."""
    from aios.kernel.settings import get_settings
    from aios.runtime import worker as workers

    settings = get_settings()
    workers.serve(workers.current(settings, noop_graph()), settings.worker_concurrency)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jobs", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker_main()
        return
    import psycopg
    from pydantic import SecretStr

    from aios.kernel.context import Context
    from aios.kernel.settings import Settings
    from aios.runtime.commands import JobCommands
    from aios.runtime.jobs import JobService
    from aios.runtime.metrics import Metrics
    from aios.runtime.queue_runner import CeleryRunner
    from aios.runtime.webhooks import Webhooks

    server = os.environ.get("AIOS_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432")
    broker = os.environ.get("AIOS_TEST_REDIS", "redis://127.0.0.1:6379/0")
    name, queue = f"aios_bench_{uuid.uuid4().hex[:8]}", f"aios-bench-{uuid.uuid4().hex[:8]}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    url = f"{server}/{name}"
    processes: list[subprocess.Popen[bytes]] = []
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "AIOS_HOME": home, "AIOS_DATABASE_URL": url, "AIOS_BROKER_URL": broker,
               "AIOS_QUEUE": queue, "AIOS_WORKER_CONCURRENCY": str(args.concurrency), "AIOS_WORKER_METRICS_PORT": "0"}
        settings = Settings(home=Path(home), database_url=SecretStr(url), broker_url=broker, queue=queue,
                            max_queued_per_tenant=args.jobs)
        service = JobService(settings, noop_graph())
        metrics = Metrics()
        commands = JobCommands(service, CeleryRunner(service, Webhooks(service.database, "s", metrics), metrics))
        try:
            for _ in range(args.workers):
                processes.append(subprocess.Popen([sys.executable, __file__, "--worker"], env=env,
                                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
            time.sleep(3)  # let the workers connect
            started = time.perf_counter()
            jobs = [commands.start({"text": f"benchmark job {n}"}, Context(auto_approve=True), actor="bench",
                                   tenant="bench")[0] for n in range(args.jobs)]
            # A worker releases a job before its closing event goes out: done is when every job has closed.
            while commands.runner.queued() or not all(closed(service, job) for job in jobs):
                time.sleep(0.05)
            wall = time.perf_counter() - started
            per_node = []
            for job in jobs:
                events = service.events.after(job)
                assert events[-1].type == "job.completed", (job, events[-1].type)
                first = next(e for e in events if e.type == "node.started")
                per_node.append((_when(events[-1].created_at) - _when(first.created_at)) * 1000 / NODES)
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                process.wait(30)
            service.close()
            with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
                admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    baseline = baseline_ms_per_node(args.jobs)
    per_node.sort()
    p95 = per_node[int(0.95 * (len(per_node) - 1))]
    print(f"{args.jobs} jobs x {NODES} nodes on {args.workers} workers x {args.concurrency} slots in {wall:.1f} s; "
          f"per node: mean {statistics.mean(per_node):.2f} ms, p95 {p95:.2f} ms; in-process baseline "
          f"{baseline:.2f} ms", flush=True)
    print(f"RESULT jobs_per_s={args.jobs / wall:.2f} overhead_p95_ms_per_node={p95:.2f} "
          f"overhead_mean_ms_per_node={statistics.mean(per_node):.2f} baseline_ms_per_node={baseline:.3f} "
          f"jobs={args.jobs} nodes_per_job={NODES} workers={args.workers} concurrency={args.concurrency}")


if __name__ == "__main__":
    main()
