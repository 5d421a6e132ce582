"""`aios worker`: a Celery worker that runs jobs queued by the API (AIOS_BROKER_URL, AIOS_DATABASE_URL)."""

from __future__ import annotations

from typing import Annotated

import typer

from aios.cli.console import guard
from aios.kernel.errors import ConfigurationError
from aios.kernel.settings import get_settings


def worker(concurrency: Annotated[int | None, typer.Option(help="Jobs at once; default AIOS_WORKER_CONCURRENCY.")]
           = None,
           metrics_port: Annotated[int | None, typer.Option(help="Port of /metrics; default AIOS_WORKER_METRICS_PORT "
                                                                 "(0: off).")] = None) -> None:
    """Run jobs from the queue until SIGTERM or SIGINT (running jobs stop at a step boundary and go back)."""

    with guard():
        settings = get_settings()
        if not settings.broker_url or not settings.database_url:
            raise ConfigurationError("aios worker needs AIOS_BROKER_URL (redis://...) and AIOS_DATABASE_URL "
                                     "(postgresql://...), the same as the API's")
        if metrics_port is not None:
            settings.worker_metrics_port = metrics_port
        from aios.runtime import worker as workers

        process = workers.current(settings)  # opens the database now: a bad URL is one line, not a worker crash loop
        workers.serve(process, concurrency or settings.worker_concurrency)
