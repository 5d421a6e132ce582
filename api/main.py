"""The FastAPI app: built by create_app(), services started and stopped by its lifespan."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from aios.api import access_log, openapi, problems, services
from aios.api.headers import SecurityHeaders
from aios.api.metering import RequestMetrics
from aios.api.routes import artifacts, assets, docs, events, health, jobs, library, scenes, slack, versions, web
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
        access_log.install()
        app.state.services = services.start(config, slack=config.slack_over_http)
        try:
            yield
        finally:
            services.stop(app.state.services)

    app = FastAPI(title="AIOS Media API", version="1", description=DESCRIPTION, lifespan=lifespan,
                  docs_url=None, redoc_url=None,  # served by routes.docs, from local assets
                  generate_unique_id_function=lambda route: route.name)  # operationIds: create_job, get_job...
    problems.install(app)
    config = settings or get_settings()
    app.add_middleware(problems.BodyLimit, max_bytes=config.max_body_bytes, upload_bytes=config.max_upload_bytes)
    app.add_middleware(SecurityHeaders, media_origins="https:" if config.storage_url else "")
    app.add_middleware(RequestMetrics)
    if config.trusted_proxies:  # X-Forwarded-Proto and -For, from these addresses only
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=config.trusted_proxies)
    for router in (jobs.router, events.router, events.feed, scenes.router, versions.router, artifacts.router,
                   assets.router, library.router, health.router, web.router, docs.router):
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=str(web.WEB / "static")), name="static")
    app.mount(docs.ASSETS_URL, StaticFiles(directory=str(docs.ASSETS)), name="docs-assets")
    if config.slack_over_http:
        app.include_router(slack.router)
    openapi.install(app)
    return app
