"""The OpenAPI document says what the server does: errors as problem+json per operation, how to authenticate,
readable operation ids, typed bodies; a 405 names every method of its path."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from aios.api.main import create_app
from aios.kernel.settings import Settings


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as found:
        yield found


@pytest.fixture
def document(client: TestClient) -> dict[str, Any]:
    found: dict[str, Any] = client.get("/openapi.json").json()
    return found


def test_every_error_is_a_documented_problem(document: dict[str, Any]) -> None:
    operations = {(method, path): op for path, ops in document["paths"].items() for method, op in ops.items()}
    for (method, path), operation in operations.items():
        for status, response in operation["responses"].items():
            if status.startswith(("4", "5")) and path != "/readyz":  # readiness: its report, 200 or 503
                assert list(response["content"]) == ["application/problem+json"], (method, path, status)
                assert response["content"]["application/problem+json"]["schema"] == {
                    "$ref": "#/components/schemas/Problem"}
    assert set(operations["post", "/v1/jobs"]["responses"]) >= {"202", "400", "401", "409", "413", "415", "422",
                                                               "429"}
    assert "404" in operations["get", "/v1/jobs/{job_id}"]["responses"]
    assert "403" in operations["get", "/v1/files/{job_id}/{name}"]["responses"]  # a signed URL
    assert "HTTPValidationError" not in document["components"]["schemas"]


def test_security_operation_ids_and_types(document: dict[str, Any]) -> None:
    schemes = document["components"]["securitySchemes"]
    assert schemes["ApiKey"] == {"type": "http", "scheme": "bearer", "description": schemes["ApiKey"]["description"]}
    assert schemes["ApiKeyHeader"]["name"] == "X-API-Key" and schemes["Session"]["in"] == "cookie"
    jobs = document["paths"]["/v1/jobs"]
    assert jobs["post"]["operationId"] == "create_job" and jobs["get"]["operationId"] == "list_jobs"
    assert {"ApiKey": []} in jobs["post"]["security"]
    assert document["paths"]["/healthz"]["get"].get("security") is None
    assert {} in document["paths"]["/metrics"]["get"]["security"]  # open unless a token is set
    review = document["paths"]["/v1/jobs/{job_id}/review"]["post"]
    assert review["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ReviewSubmit"}
    decision = document["components"]["schemas"]["ReviewSubmit"]["properties"]["decisions"]["items"]
    assert set(decision["discriminator"]["mapping"]) == {"approve", "edit", "reject"}
    assert "message" in document["components"]["schemas"]["Reject"]["required"]
    storyboard = document["paths"]["/v1/jobs/{job_id}/storyboard"]["get"]["responses"]["200"]
    assert storyboard["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/StoryboardView"}
    upload = document["paths"]["/v1/assets"]["post"]["requestBody"]["content"]
    assert set(upload) == {"image/png", "image/jpeg", "image/webp", "application/octet-stream"}
    thumbnail = document["paths"]["/v1/jobs/{job_id}/contact-sheet"]["get"]["responses"]["200"]["content"]
    assert thumbnail["image/png"]["schema"] == {"type": "string", "format": "binary"}
    assert "JobEvent" in document["components"]["schemas"]


def test_a_wrong_method_is_405_naming_every_method_of_the_path(client: TestClient) -> None:
    response = client.request("OPTIONS", "/v1/jobs/job-1")
    assert response.status_code == 405 and response.headers["allow"] == "DELETE, GET, HEAD"
    assert response.headers["content-type"] == "application/problem+json"
    assert client.request("PUT", "/v1/jobs").headers["allow"] == "GET, HEAD, POST"
