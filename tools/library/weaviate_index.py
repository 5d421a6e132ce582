"""Weaviate through weaviate-client v4: one multi-tenant collection, self-provided vectors, native hybrid search."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

import numpy as np

from aios.kernel.errors import ConfigurationError
from aios.tools.library.records import AssetRecord, Hit, Kind

if TYPE_CHECKING:
    from aios.kernel.settings import Settings
    from aios.tools.library.embeddings import Embedder

COLLECTION = "AiosAsset"
FIELDS = ("asset_id", "kind", "sha256", "text", "phash", "parent", "added_at", "meta")
ALPHA = 0.6  # hybrid: 1.0 is pure vector, 0.0 pure BM25


def connection_args(url: str, api_key: str | None, grpc_port: int = 50051) -> dict[str, Any]:
    """weaviate.connect_to_custom keyword arguments for a WEAVIATE_URL (gRPC on the same host)."""
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise ConfigurationError(f"WEAVIATE_URL must be an http(s) URL, not {url!r}")
    from weaviate.auth import Auth

    secure = parsed.scheme == "https"
    return {"http_host": parsed.hostname, "http_port": parsed.port or (443 if secure else 80),
            "http_secure": secure, "grpc_host": parsed.hostname, "grpc_port": grpc_port, "grpc_secure": secure,
            "auth_credentials": Auth.api_key(api_key) if api_key else None}


def collection_config() -> dict[str, Any]:
    """client.collections.create arguments: text properties, no vectorizer, multi-tenancy with auto tenants."""
    from weaviate.classes.config import Configure, DataType, Property, Tokenization

    return {"name": COLLECTION,
            "properties": [Property(name=f, data_type=DataType.TEXT, skip_vectorization=True,
                                    tokenization=Tokenization.WORD if f == "text" else Tokenization.FIELD,
                                    index_searchable=f == "text") for f in FIELDS],
            "vector_config": Configure.Vectors.self_provided(),
            "multi_tenancy_config": Configure.multi_tenancy(enabled=True, auto_tenant_creation=True)}


def to_object(record: AssetRecord, vector: np.ndarray) -> Any:
    """One DataObject: filter fields as properties, the whole record as JSON, a stable uuid per tenant and id."""
    from weaviate.classes.data import DataObject
    from weaviate.util import generate_uuid5

    properties = {"asset_id": record.id, "kind": record.kind, "sha256": record.sha256, "text": record.text,
                  "phash": record.phash or "", "parent": record.parent or "", "added_at": record.added_at,
                  "meta": record.model_dump_json()}
    uuid = generate_uuid5(f"{record.tenant}/{record.id}")
    return DataObject(properties=properties, vector=vector.tolist(), uuid=uuid)


def where(kind: Kind | None = None, **equal: str) -> Any:
    """A Filter for a kind and exact property values (None when there is nothing to filter)."""
    from weaviate.classes.query import Filter

    wanted = {**({"kind": kind} if kind else {}), **equal}
    parts = [Filter.by_property(name).equal(value) for name, value in wanted.items()]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else Filter.all_of(parts)


def to_hit(obj: Any, vector: np.ndarray) -> Hit:
    """A Hit from a returned object (its vector is asked for, so the cosine is exact)."""
    record = AssetRecord.model_validate_json(obj.properties["meta"])
    stored = obj.vector.get("default") if isinstance(obj.vector, dict) else obj.vector
    similarity = float(np.dot(np.asarray(stored, dtype=np.float32), vector)) if stored is not None else 0.0
    score = obj.metadata.score if obj.metadata is not None and obj.metadata.score is not None else similarity
    return Hit(record=record, score=round(float(score), 6), similarity=round(similarity, 6))


class WeaviateIndex:
    """The AssetIndex over a Weaviate server; each tenant is a Weaviate tenant (data kept apart by the server)."""

    def __init__(self, client: Any) -> None:
        self._client = client
        self._lock = threading.Lock()
        self.name = "weaviate"
        if not client.collections.exists(COLLECTION):
            client.collections.create(**collection_config())
        self._collection = client.collections.get(COLLECTION)

    @classmethod
    def connect(cls, url: str, api_key: str | None) -> WeaviateIndex:
        """Connect to WEAVIATE_URL (ConfigurationError when it cannot be reached)."""
        import weaviate
        from weaviate.exceptions import WeaviateBaseError

        try:
            return cls(weaviate.connect_to_custom(**connection_args(url, api_key)))
        except WeaviateBaseError as exc:
            raise ConfigurationError(f"cannot reach Weaviate at {url}: {exc}") from exc

    def _tenant(self, tenant: str) -> Any:
        return self._collection.with_tenant(tenant)

    def upsert(self, records: Sequence[AssetRecord], vectors: np.ndarray) -> None:
        """Batch insert (a uuid that exists is replaced)."""
        by_tenant: dict[str, list[Any]] = {}
        for record, vector in zip(records, vectors, strict=True):
            by_tenant.setdefault(record.tenant, []).append(to_object(record, vector))
        for tenant, objects in by_tenant.items():
            result = self._tenant(tenant).data.insert_many(objects)
            if getattr(result, "has_errors", False):
                raise ConfigurationError(f"Weaviate refused {len(result.errors)} objects: {result.errors}")

    def nearest(self, tenant: str, vector: np.ndarray, kind: Kind | None, k: int) -> list[Hit]:
        """near_vector with the kind filter."""
        from weaviate.classes.query import MetadataQuery

        found = self._tenant(tenant).query.near_vector(
            near_vector=vector.tolist(), limit=k, filters=where(kind), include_vector=True,
            return_metadata=MetadataQuery(distance=True))
        hits = [to_hit(o, vector) for o in found.objects]
        return [h.model_copy(update={"score": h.similarity}) for h in hits]

    def search(self, tenant: str, vector: np.ndarray, text: str, kind: Kind | None, k: int) -> list[Hit]:
        """Weaviate's own hybrid: BM25 on `text` fused with the vector ranking (relative score fusion)."""
        from weaviate.classes.query import HybridFusion, MetadataQuery

        found = self._tenant(tenant).query.hybrid(query=text, vector=vector.tolist(), alpha=ALPHA, limit=k,
                                                  fusion_type=HybridFusion.RELATIVE_SCORE, filters=where(kind),
                                                  query_properties=["text"], include_vector=True,
                                                  return_metadata=MetadataQuery(score=True))
        return [to_hit(o, vector) for o in found.objects]

    def _fetch(self, tenant: str, filters: Any, limit: int) -> list[AssetRecord]:
        found = self._tenant(tenant).query.fetch_objects(filters=filters, limit=limit)
        return [AssetRecord.model_validate_json(o.properties["meta"]) for o in found.objects]

    def by_sha(self, tenant: str, sha256: str) -> list[AssetRecord]:
        """Objects whose sha256 property matches."""
        return self._fetch(tenant, where(sha256=sha256), 10_000)

    def get(self, tenant: str, asset_id: str) -> AssetRecord | None:
        """The object with this asset_id."""
        found = self._fetch(tenant, where(asset_id=asset_id), 1)
        return found[0] if found else None

    def known_shas(self, tenant: str, shas: Sequence[str]) -> set[str]:
        """A contains_any filter over the batch's hashes."""
        from weaviate.classes.query import Filter

        if not shas:
            return set()
        found = self._tenant(tenant).query.fetch_objects(
            filters=Filter.by_property("sha256").contains_any(list(shas)), limit=len(shas) * 1000,
            return_properties=["sha256"])
        return {o.properties["sha256"] for o in found.objects}

    def optimize(self) -> None:
        """Weaviate compacts on its own."""

    def phashes(self, tenant: str) -> list[tuple[str, str]]:
        """Every image and clip hash (iterated, so it does not load whole objects at once)."""
        return [(o.properties["asset_id"], o.properties["phash"]) for o in
                self._tenant(tenant).iterator(return_properties=["asset_id", "phash"]) if o.properties.get("phash")]

    def records(self, tenant: str, kind: Kind | None = None, limit: int = 1000) -> list[AssetRecord]:
        """Records, newest first."""
        found = self._fetch(tenant, where(kind), 10_000)
        return sorted(found, key=lambda r: (r.added_at, r.id), reverse=True)[:limit]

    def count(self, tenant: str, kind: Kind | None = None) -> int:
        """An aggregate over the tenant's objects."""
        return int(self._tenant(tenant).aggregate.over_all(filters=where(kind), total_count=True).total_count or 0)

    def delete(self, tenant: str, asset_id: str) -> list[AssetRecord]:
        """Delete the object and its passages."""
        from weaviate.classes.query import Filter

        match = Filter.any_of([Filter.by_property("asset_id").equal(asset_id),
                               Filter.by_property("parent").equal(asset_id)])
        gone = self._fetch(tenant, match, 10_000)
        if gone:
            self._tenant(tenant).data.delete_many(where=match)
        return gone


def build(settings: Settings, embedder: Embedder) -> WeaviateIndex:
    """The catalog's factory for 'weaviate': the server at WEAVIATE_URL (ConfigurationError when unset)."""
    if not settings.weaviate_url:
        raise ConfigurationError("AIOS_INDEX=weaviate needs WEAVIATE_URL")
    key = settings.weaviate_api_key.get_secret_value() if settings.weaviate_api_key else None
    return WeaviateIndex.connect(settings.weaviate_url, key)
