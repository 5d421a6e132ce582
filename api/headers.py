"""Security headers on every response: a strict Content-Security-Policy (scripts only from this origin, never
inline; no framing), no MIME sniffing, no referrer (signed URLs must not leak), HSTS over https."""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

DOCS = "/docs"  # the API docs: Swagger UI sets inline styles


def policy(path: str, media_origins: str = "") -> str:
    """The Content-Security-Policy of a page at `path` (`media_origins`: where else videos and images may come from,
    e.g. object storage's presigned URLs)."""
    styles = "'self' 'unsafe-inline'" if path.startswith(DOCS) else "'self'"
    media = f"'self' blob: data: {media_origins}".strip()
    return ("default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            f"frame-ancestors 'none'; style-src {styles}; img-src {media}; media-src {media}; "
            "connect-src 'self'")


class SecurityHeaders:
    """ASGI middleware adding the headers to every HTTP response."""

    def __init__(self, app: ASGIApp, media_origins: str = "") -> None:
        self.app, self.media_origins = app, media_origins

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path, https = str(scope.get("path", "")), scope.get("scheme") == "https"

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("Content-Security-Policy", policy(path, self.media_origins))
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("X-Frame-Options", "DENY")
                headers.setdefault("Referrer-Policy", "no-referrer")
                if https:
                    headers.setdefault("Strict-Transport-Security", "max-age=31536000")
            await send(message)

        await self.app(scope, receive, with_headers)
