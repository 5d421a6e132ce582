"""The OpenAPI document as the server behaves: every error an operation can answer, as problem+json."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel, ConfigDict, Field

from aios.api.models import JobEvent
from aios.api.problems import MEDIA_TYPE

_MEANING = {
    400: "The body could not be parsed (not JSON).",
    401: "No valid API key (or session) was sent.",
    403: "A signed-in browser's change came without its X-CSRF-Token, or the signed URL is wrong or expired.",
    404: "No such job, scene or file for this tenant (or not made yet).",
    409: "The job is not in a state that allows this (nothing to review, still running, already finished), an "
         "Idempotency-Key was reused with another body, or (If-Match) the job has moved on from the version the "
         "change was made on: `current_version` says which is current.",
    413: "The body is larger than this server accepts.",
    415: "The body's Content-Type is not one this operation reads.",
    422: "The request is well formed but its values cannot be used; `detail` says which and why.",
    429: "Too many jobs are waiting; retry after `Retry-After` seconds.",
}
_BODY = (400, 413, 415, 422)


class Problem(BaseModel):
    """An RFC 9457 problem: what went wrong, for people (`title`, `detail`) and programs (`type`, `status`)."""

    model_config = ConfigDict(extra="allow")

    type: str = Field(description="A URI naming the kind of problem, e.g. https://aios.media/problems/not-found.")
    title: str = Field(description="The HTTP status's phrase.")
    status: int = Field(description="The HTTP status code.")
    detail: str | None = Field(default=None, description="What went wrong with this request, in one sentence.")
    errors: list[dict[str, Any]] | None = Field(default=None, description="Validation errors: loc, msg, type.")
    retry_after_s: float | None = Field(default=None, description="429: seconds to wait before retrying.")
    current_version: int | None = Field(default=None, description="409 on If-Match: the job's version now.")


def statuses(path: str, method: str, operation: dict[str, Any]) -> list[int]:
    """The error statuses an operation can answer, read from what it takes: a key, a body, a path, a signature."""
    found = {422} if operation.get("parameters") or "requestBody" in operation else set()  # a value unusable
    schemes = {name for requirement in operation.get("security", []) for name in requirement}
    if schemes:
        found.add(401)
    if "ApiKey" in schemes:  # a tenant's API: CSRF for browsers, backpressure
        found |= {403, 429}
    if any(p.get("name") == "sig" for p in operation.get("parameters", [])):  # a signed URL
        found.add(403)
    if "requestBody" in operation:
        found |= set(_BODY)
    if "{" in path:
        found.add(404)
    if method in ("post", "patch", "delete") and ("{job_id}" in path or path == "/v1/jobs"):  # state, idempotency
        found.add(409)
    return sorted(found)


def _problem_response(status: int) -> dict[str, Any]:
    return {"description": _MEANING[status],
            "content": {MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}}


def document(app: FastAPI) -> dict[str, Any]:
    """The app's OpenAPI document, built once: FastAPI's, with every error documented as problem+json."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    schemas = schema.setdefault("components", {}).setdefault("schemas", {})
    for model in (Problem, JobEvent):  # JobEvent: the data of each SSE message (x-sse-data)
        schemas[model.__name__] = model.model_json_schema(ref_template="#/components/schemas/{model}")
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            responses.pop("422", None)  # FastAPI's, in its own JSON shape: ours follow where a value can be wrong
            for response in responses.values():  # files: bytes, so generated clients read them as such
                for media_type, content in response.get("content", {}).items():
                    if not content.get("schema") and media_type not in ("application/json", "text/event-stream"):
                        content["schema"] = {"type": "string", "format": "binary"}
            # A route may name an error its inputs do not show (an export of a job with nothing rendered: 409).
            declared = {int(code) for code in responses if code.isdigit() and int(code) in _MEANING}
            for status in sorted(set(statuses(path, method, operation)) | declared):
                responses[str(status)] = _problem_response(status)
    app.openapi_schema = schema
    return schema


def install(app: FastAPI) -> None:
    """Serve `document(app)` as the app's /openapi.json."""
    app.openapi = lambda: document(app)  # type: ignore[method-assign]
