"""The Weaviate adapter's request mapping, against a client stand-in that records every call.

No Weaviate server can run here (embedded Weaviate downloads a binary), so the adapter has not run against a
live server; these tests pin what it sends: tenants, vectors, filters, hybrid parameters and the mapping back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pytest
from weaviate.auth import _APIKey
from weaviate.classes.query import HybridFusion
from weaviate.collections.classes.filters import _FilterAnd, _FilterValue

from aios.kernel.errors import ConfigurationError
from aios.tools.library.records import AssetRecord
from aios.tools.library.weaviate_index import (
    ALPHA,
    COLLECTION,
    WeaviateIndex,
    collection_config,
    connection_args,
    to_object,
    where,
)

RECORD = AssetRecord(id="abc123", tenant="acme", kind="image", name="tulips.jpg", path="/lib/abc123.jpg",
                     sha256="f" * 64, text="pink tulips", phash="8f0f", added_at="2026-11-26T00:00:00")


@dataclass
class Returned:
    properties: dict[str, Any]
    vector: dict[str, list[float]]
    metadata: Any = None


@dataclass
class Recorder:
    """Stands in for a collection (and its tenant views); every call lands in `calls`."""

    calls: list[tuple[str, Any]] = field(default_factory=list)
    objects: list[Returned] = field(default_factory=list)
    tenant: str | None = None

    def with_tenant(self, tenant: str) -> Recorder:
        view = Recorder(self.calls, self.objects, tenant)
        return view

    @property
    def data(self) -> Recorder:
        return self

    @property
    def query(self) -> Recorder:
        return self

    @property
    def aggregate(self) -> Recorder:
        return self

    def insert_many(self, objects: list[Any]) -> Any:
        self.calls.append(("insert_many", (self.tenant, objects)))
        return type("Result", (), {"has_errors": False, "errors": {}})()

    def _found(self, name: str, kwargs: dict[str, Any]) -> Any:
        self.calls.append((name, (self.tenant, kwargs)))
        return type("Found", (), {"objects": self.objects})()

    def hybrid(self, **kwargs: Any) -> Any:
        return self._found("hybrid", kwargs)

    def near_vector(self, **kwargs: Any) -> Any:
        return self._found("near_vector", kwargs)

    def fetch_objects(self, **kwargs: Any) -> Any:
        return self._found("fetch_objects", kwargs)

    def delete_many(self, **kwargs: Any) -> None:
        self.calls.append(("delete_many", (self.tenant, kwargs)))

    def over_all(self, **kwargs: Any) -> Any:
        self.calls.append(("over_all", (self.tenant, kwargs)))
        return type("Agg", (), {"total_count": 7})()


@dataclass
class Client:
    collection: Recorder
    created: list[dict[str, Any]] = field(default_factory=list)

    @property
    def collections(self) -> Client:
        return self

    def exists(self, name: str) -> bool:
        return bool(self.created)

    def create(self, **config: Any) -> None:
        self.created.append(config)

    def get(self, name: str) -> Recorder:
        assert name == COLLECTION
        return self.collection


def test_connection_arguments_come_from_the_url_and_key() -> None:
    args = connection_args("https://weaviate.example.com", "secret")
    assert (args["http_host"], args["http_port"], args["http_secure"]) == ("weaviate.example.com", 443, True)
    assert (args["grpc_host"], args["grpc_port"], args["grpc_secure"]) == ("weaviate.example.com", 50051, True)
    assert isinstance(args["auth_credentials"], _APIKey) and args["auth_credentials"].api_key == "secret"
    local = connection_args("http://127.0.0.1:8080", None)
    assert (local["http_port"], local["http_secure"], local["auth_credentials"]) == (8080, False, None)
    with pytest.raises(ConfigurationError, match="http"):
        connection_args("weaviate:8080", None)


def test_collection_is_multi_tenant_with_self_provided_vectors_and_bm25_on_text() -> None:
    config = collection_config()
    assert config["name"] == COLLECTION
    assert config["multi_tenancy_config"].enabled and config["multi_tenancy_config"].autoTenantCreation
    assert config["vector_config"].vectorizer.vectorizer.value == "none"
    searchable = {p.name for p in config["properties"] if p.indexSearchable}
    assert searchable == {"text"}


def test_objects_carry_filter_fields_the_record_and_a_stable_uuid() -> None:
    first, second = to_object(RECORD, np.ones(3, np.float32)), to_object(RECORD, np.zeros(3, np.float32))
    assert first.uuid == second.uuid
    assert to_object(RECORD.model_copy(update={"tenant": "other"}), np.ones(3)).uuid != first.uuid
    assert first.properties["asset_id"] == "abc123" and first.properties["kind"] == "image"
    assert AssetRecord.model_validate_json(first.properties["meta"]) == RECORD
    assert first.vector == [1.0, 1.0, 1.0]


def test_filters() -> None:
    assert where() is None
    single = where("image")
    assert isinstance(single, _FilterValue) and single.target == "kind" and single.value == "image"
    both = where("guideline", sha256="f" * 64)
    assert isinstance(both, _FilterAnd) and [f.target for f in both.filters] == ["kind", "sha256"]


def test_adapter_sends_tenant_scoped_requests_and_maps_results_back() -> None:
    stored = Returned(properties={"meta": RECORD.model_dump_json(), "asset_id": "abc123", "phash": "8f0f",
                                  "sha256": RECORD.sha256},
                      vector={"default": [0.6, 0.8, 0.0]},
                      metadata=type("M", (), {"score": 0.73, "distance": None})())
    collection = Recorder(objects=[stored])
    client = Client(collection)
    index = WeaviateIndex(client)
    assert client.created and client.created[0]["name"] == COLLECTION
    query = np.array([1.0, 0.0, 0.0], np.float32)

    index.upsert([RECORD, RECORD.model_copy(update={"id": "x", "tenant": "beta"})], np.eye(2, 3, dtype=np.float32))
    inserts = [c for c in collection.calls if c[0] == "insert_many"]
    assert [(tenant, len(objects)) for _, (tenant, objects) in inserts] == [("acme", 1), ("beta", 1)]

    hits = index.search("acme", query, "pink tulips", "image", 4)
    name, (tenant, sent) = collection.calls[-1]
    assert (name, tenant, sent["query"], sent["alpha"], sent["limit"]) == ("hybrid", "acme", "pink tulips", ALPHA, 4)
    assert sent["vector"] == [1.0, 0.0, 0.0] and sent["query_properties"] == ["text"]
    assert sent["fusion_type"] == HybridFusion.RELATIVE_SCORE and sent["include_vector"] is True
    assert sent["filters"].target == "kind"
    assert hits[0].record == RECORD and hits[0].score == 0.73 and hits[0].similarity == pytest.approx(0.6)

    near = index.nearest("acme", query, None, 2)
    name, (tenant, sent) = collection.calls[-1]
    assert (name, tenant, sent["filters"], sent["limit"]) == ("near_vector", "acme", None, 2)
    assert near[0].score == near[0].similarity == pytest.approx(0.6)

    assert index.known_shas("acme", [RECORD.sha256, "e" * 64]) == {RECORD.sha256}
    name, (tenant, sent) = collection.calls[-1]
    assert (name, tenant, sent["filters"].target, sent["return_properties"]) == (
        "fetch_objects", "acme", "sha256", ["sha256"])
    assert sent["filters"].value == [RECORD.sha256, "e" * 64]

    assert index.get("acme", "abc123") == RECORD
    name, (tenant, sent) = collection.calls[-1]
    assert (name, tenant, sent["filters"].target, sent["limit"]) == ("fetch_objects", "acme", "asset_id", 1)

    assert index.count("acme", "image") == 7
    assert collection.calls[-1][0] == "over_all" and collection.calls[-1][1][1]["total_count"] is True

    assert index.delete("acme", "abc123") == [RECORD]
    name, (tenant, sent) = collection.calls[-1]
    assert (name, tenant) == ("delete_many", "acme")
    assert [f.target for f in sent["where"].filters] == ["asset_id", "parent"]
