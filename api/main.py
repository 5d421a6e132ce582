"""The FastAPI app: built by create_app(), services started and stopped by its lifespan."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from aios.api import problems, services
from aios.api.routes import artifacts, assets, events, health, jobs, library, scenes, slack, web
from aios.kernel.settings import Settings, get_settings

DESCRIPTION = """Create production jobs from a brief, follow them live over Server-Sent Events, review the
storyboard and the cut (LangChain human-in-the-loop shape), and download the deliverables. Every call
but downloads needs `Authorization: Bearer <key>` (`aios keys create --tenant NAME`), or the review page's
session cookie plus its X-CSRF-Token for changes (sign in at `/`). Errors are RFC 9457 problem+json."""


def create_app(settings: Settings | None = None) -> FastAPI:
    """A new app; nothing starts until its lifespan runs."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        config = settings or get_settings()
        app.state.services = services.start(config, slack=config.slack_over_http)
        try:
            yield
        finally:
            services.stop(app.state.services)

    app = FastAPI(title="AIOS Media API", version="1", description=DESCRIPTION, lifespan=lifespan)
    problems.install(app)
    config = settings or get_settings()
    app.add_middleware(problems.BodyLimit, max_bytes=config.max_body_bytes, upload_bytes=config.max_upload_bytes)
    for router in (jobs.router, events.router, events.feed, scenes.router, artifacts.router, assets.router,
                   library.router, health.router, web.router):
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=str(web.WEB / "static")), name="static")
    if config.slack_over_http:
        app.include_router(slack.router)
    return app
