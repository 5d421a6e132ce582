"""The API docs (Swagger UI at /docs) from assets installed with the package: no CDN, and no inline script, so the
page works offline and under the strict Content-Security-Policy."""

from __future__ import annotations

from pathlib import Path

import fastapi_offline
from fastapi import APIRouter
from fastapi.responses import HTMLResponse

ASSETS = Path(fastapi_offline.__file__).resolve().parent / "static"  # Swagger UI's bundle, among others
ASSETS_URL = "/docs-assets"
router = APIRouter(include_in_schema=False)

SWAGGER = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>AIOS Media API · Swagger UI</title>
<link rel="stylesheet" href="{ASSETS_URL}/swagger-ui.css"><link rel="icon" href="{ASSETS_URL}/favicon.png"></head>
<body><div id="swagger-ui"></div>
<script src="{ASSETS_URL}/swagger-ui-bundle.js"></script><script src="/static/docs.js"></script></body></html>"""


@router.get("/docs", response_class=HTMLResponse)
def swagger_ui() -> HTMLResponse:
    """Try the API in the browser."""
    return HTMLResponse(SWAGGER)
