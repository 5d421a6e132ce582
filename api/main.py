"""The FastAPI app: built by create_app(), services started and stopped by its lifespan."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from agent.jobs import JobService
from agent.keys import server_secret
from agent.metrics import Metrics
from agent.runner import InProcessRunner
from agent.settings import Settings, get_settings
from agent.webhooks import Webhooks
from api import problems
from api.deps import Services
from api.routes import artifacts, assets, events, health, jobs

DESCRIPTION = """Create production jobs from a brief, follow them live over Server-Sent Events, review the
storyboard and the cut (LangChain human-in-the-loop shape), and download the deliverables. Every call
but downloads needs `Authorization: Bearer <key>` (`aios keys create --tenant NAME`). Errors are RFC 9457
problem+json."""


def create_app(settings: Settings | None = None) -> FastAPI:
    """A new app; nothing starts until its lifespan runs."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        config = settings or get_settings()
        service = JobService(config)
        metrics = Metrics()
        metrics.watch_jobs(*service.database)
        hooks = Webhooks(*service.database,
                         server_secret(config.data_dir, "webhook", config.webhook_secret), metrics,
                         attempts=config.webhook_attempts, backoff_s=config.webhook_backoff_s)
        runner = InProcessRunner(service, hooks, metrics, workers=config.api_workers)
        app.state.services = Services(config, service, runner, hooks, metrics,
                                      server_secret(config.data_dir, "url", config.url_secret))
        runner.recover()
        try:
            yield
        finally:
            runner.shutdown()
            hooks.close()
            service.close()

    app = FastAPI(title="AIOS Media API", version="1", description=DESCRIPTION, lifespan=lifespan)
    problems.install(app)
    config = settings or get_settings()
    app.add_middleware(problems.BodyLimit, max_bytes=config.max_body_bytes, upload_bytes=config.max_upload_bytes)
    for router in (jobs.router, events.router, artifacts.router, assets.router, health.router):
        app.include_router(router)
    return app
