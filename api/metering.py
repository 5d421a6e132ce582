"""HTTP metrics for every request: a count by method, route template and status, and latency by route."""

from __future__ import annotations

import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class RequestMetrics:
    """ASGI middleware; the metrics live with the app's services (started by the lifespan, so read per request)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        began, status = time.perf_counter(), 500

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            route = getattr(scope.get("route"), "path", None) or "unmatched"  # the template: /v1/jobs/{job_id}
            services = getattr(scope["app"].state, "services", None)
            if services is not None:
                services.metrics.http(scope["method"], route, status, time.perf_counter() - began)
