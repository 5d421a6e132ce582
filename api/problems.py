"""RFC 9457 problem+json responses for every error, and the request body size limit."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.routing import compile_path
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from aios.kernel.errors import (
    AiosError,
    Backpressure,
    ConfigurationError,
    IdempotencyConflict,
    InvalidInput,
    JobStateError,
    NotFound,
    TooLarge,
    VersionConflict,
)

log = logging.getLogger(__name__)
MEDIA_TYPE = "application/problem+json"
STATUS_OF: list[tuple[type[AiosError], int, str]] = [
    (NotFound, 404, "not-found"), (TooLarge, 413, "too-large"), (IdempotencyConflict, 409, "idempotency-conflict"),
    (JobStateError, 409, "job-state"), (InvalidInput, 422, "invalid-input"),
    (ConfigurationError, 422, "invalid-configuration"),
]


def problem(status: int, title: str, detail: str | None = None, kind: str | None = None,
            headers: dict[str, str] | None = None, **extra: Any) -> JSONResponse:
    """A problem+json response."""
    body = {"type": f"https://aios.media/problems/{kind or status}", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    return JSONResponse(body | extra, status_code=status, media_type=MEDIA_TYPE, headers=headers)


async def _http(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    headers = dict(exc.headers) if exc.headers else {}
    if exc.status_code == 405 and (methods := allowed(request)):  # Starlette names one route's methods only
        headers["Allow"] = ", ".join(methods)
    return problem(exc.status_code, _title(exc.status_code), str(exc.detail) if exc.detail else None,
                   headers=headers or None)


def allowed(request: Request) -> list[str]:
    """Every method the API documents at this request's path (GET routes answer HEAD too)."""
    methods: set[str] = set()
    for template, operations in request.app.openapi().get("paths", {}).items():
        if compile_path(template)[0].match(request.url.path):
            methods |= {method.upper() for method in operations}
    return sorted(methods | ({"HEAD"} if "GET" in methods else set()))


async def _validation(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [{"loc": [str(p) for p in e.get("loc", ())], "msg": e.get("msg", ""), "type": e.get("type", "")}
              for e in exc.errors()]
    return problem(422, "Request validation failed", "; ".join(f"{'.'.join(e['loc'])}: {e['msg']}" for e in errors),
                   "validation", errors=errors)


async def _backpressure(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, Backpressure)
    return problem(429, _title(429), str(exc), "backpressure", headers={"Retry-After": str(exc.retry_after_s)},
                   retry_after_s=exc.retry_after_s)


async def _version_conflict(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, VersionConflict)
    return problem(409, _title(409), str(exc), "version-conflict", headers={"ETag": etag(exc.current)},
                   current_version=exc.current)


def etag(version: int) -> str:
    """The ETag of a job at a version (what If-Match names back)."""
    return f'"v{version}"'


async def _aios(request: Request, exc: Exception) -> JSONResponse:
    for kind, status, name in STATUS_OF:
        if isinstance(exc, kind):
            return problem(status, _title(status), str(exc), name)
    log.error("job error on %s: %s", request.url.path, exc)
    return problem(500, "Internal error", str(exc), "internal")


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s", request.url.path)
    return problem(500, "Internal error", "the server failed; the error was logged", "internal")


def _title(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def install(app: FastAPI) -> None:
    """Register the handlers on an app."""
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(Backpressure, _backpressure)
    app.add_exception_handler(VersionConflict, _version_conflict)
    app.add_exception_handler(AiosError, _aios)
    app.add_exception_handler(Exception, _unexpected)


class BodyLimit:
    """ASGI middleware: 413 problem for bodies over the limit (declared or streamed); uploads get their own."""

    def __init__(self, app: ASGIApp, max_bytes: int, upload_bytes: int, upload_prefix: str = "/v1/assets") -> None:
        self.app, self.json_bytes, self.upload_bytes, self.upload_prefix = app, max_bytes, upload_bytes, upload_prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.upload_bytes if str(scope.get("path", "")).startswith(self.upload_prefix) else self.json_bytes
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await self._reject(scope, receive, send, limit)
            return
        if declared is not None:  # the server holds a body to its declared length: checked above
            await self.app(scope, receive, send)
            return
        # A streamed (chunked) body: read here up to the limit, so an oversized one is a 413 before the app reads a
        # byte (an app whose body read fails midway answers 400), then handed on as it arrived.
        received: list[Message] = []
        seen = 0
        while True:
            message = await receive()
            received.append(message)
            seen += len(message.get("body", b""))
            if seen > limit:
                await self._reject(scope, receive, send, limit)
                return
            if message["type"] != "http.request" or not message.get("more_body", False):
                break

        async def replay() -> Message:
            return received.pop(0) if received else await receive()

        await self.app(scope, replay, send)

    async def _reject(self, scope: Scope, receive: Receive, send: Send, limit: int) -> None:
        response = problem(413, "Content Too Large", f"request bodies are limited to {limit} bytes here",
                           "too-large")
        await response(scope, receive, send)
