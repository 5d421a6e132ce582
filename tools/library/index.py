"""The index protocol both backends implement, and the rank fusion used where a backend has no hybrid search."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np

from aios.tools.library.records import AssetRecord, Hit, Kind

RRF_K = 60


class AssetIndex(Protocol):
    """Records and their vectors, per tenant."""

    name: str

    def upsert(self, records: Sequence[AssetRecord], vectors: np.ndarray) -> None:
        """Add or replace records (by id) with their unit vectors."""
        ...

    def nearest(self, tenant: str, vector: np.ndarray, kind: Kind | None, k: int) -> list[Hit]:
        """Vector search: the k most similar records (score and similarity are both the cosine)."""
        ...

    def search(self, tenant: str, vector: np.ndarray, text: str, kind: Kind | None, k: int) -> list[Hit]:
        """Hybrid search (BM25 on the text plus vectors) where the backend has it, ranked by fused score."""
        ...

    def by_sha(self, tenant: str, sha256: str) -> list[AssetRecord]:
        """Records stored from the file with this content hash."""
        ...

    def get(self, tenant: str, asset_id: str) -> AssetRecord | None:
        """One record by id."""
        ...

    def known_shas(self, tenant: str, shas: Sequence[str]) -> set[str]:
        """Which of these content hashes are already stored (one query for a batch)."""
        ...

    def optimize(self) -> None:
        """Compact after an ingest (a no-op where the backend manages itself)."""
        ...

    def phashes(self, tenant: str) -> list[tuple[str, str]]:
        """(id, perceptual hash) of every image and clip."""
        ...

    def records(self, tenant: str, kind: Kind | None = None, limit: int = 1000) -> list[AssetRecord]:
        """Stored records, newest first."""
        ...

    def count(self, tenant: str, kind: Kind | None = None) -> int:
        """How many records the tenant has (of a kind)."""
        ...

    def delete(self, tenant: str, asset_id: str) -> list[AssetRecord]:
        """Remove a record and its passages; returns what was removed."""
        ...


def fuse(vector_hits: Sequence[Hit], text_ids: Sequence[str], k: int) -> list[Hit]:
    """Reciprocal rank fusion of a vector ranking and a BM25 ranking (text-only hits need their similarity)."""
    scores: dict[str, float] = {}
    for rank, hit in enumerate(vector_hits):
        scores[hit.record.id] = scores.get(hit.record.id, 0.0) + 1 / (RRF_K + rank + 1)
    for rank, found in enumerate(text_ids):
        scores[found] = scores.get(found, 0.0) + 1 / (RRF_K + rank + 1)
    by_id = {h.record.id: h for h in vector_hits}
    ranked = sorted((i for i in scores if i in by_id), key=lambda i: -scores[i])
    return [by_id[i].model_copy(update={"score": round(scores[i], 6)}) for i in ranked[:k]]
