"""Liveness, readiness and Prometheus metrics."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Response
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.concurrency import run_in_threadpool

from aios.api.deps import ServicesDep
from aios.tools import ffmpeg

router = APIRouter(tags=["health"])
_TOKEN = HTTPBearer(scheme_name="MetricsToken", auto_error=False,
                    description="AIOS_METRICS_TOKEN, when the operator set one (else /metrics is open).")


@router.get("/healthz")
def healthz() -> dict[str, str]:
    """The process answers."""
    return {"status": "ok"}


@router.get("/readyz", responses={503: {"description": "Not ready: `checks` says what failed (the same body as 200).",
                                       "content": {"application/json": {}}}})
async def readyz(svc: ServicesDep) -> JSONResponse:
    """The job database answers and ffmpeg runs; 503 otherwise."""
    checks: dict[str, str] = {}
    try:
        await run_in_threadpool(svc.jobs.events.after, "-", 0, 1)
        checks["database"] = "ok"
    except Exception as exc:  # readiness reports any failure instead of raising
        checks["database"] = f"error: {exc}"
    version = await run_in_threadpool(ffmpeg.version, svc.settings.ffmpeg_path)
    checks["ffmpeg"] = "ok" if version != "unknown" else "error: ffmpeg did not run"
    ready = all(value == "ok" for value in checks.values())
    return JSONResponse({"status": "ready" if ready else "not ready", "checks": checks},
                        status_code=200 if ready else 503)


@router.get("/metrics", response_class=Response,  # open unless the operator set a token: either requirement
            openapi_extra={"security": [{"MetricsToken": []}, {}]})
def metrics(svc: ServicesDep,
            bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_TOKEN)] = None) -> Response:
    """Prometheus text format: jobs by status, node latency, queue depth, webhook failures (with AIOS_METRICS_TOKEN
    set, only for `Authorization: Bearer <token>`)."""
    token = svc.settings.metrics_token
    sent = bearer.credentials if bearer else ""
    if token is not None and not hmac.compare_digest(sent.encode(), token.get_secret_value().encode()):
        raise HTTPException(401, "metrics need Authorization: Bearer <AIOS_METRICS_TOKEN>",
                            headers={"WWW-Authenticate": "Bearer"})
    return Response(generate_latest(svc.metrics.registry), media_type=CONTENT_TYPE_LATEST)
