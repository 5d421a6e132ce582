"""The embedded index: LanceDB on disk under AIOS_HOME, vector search with a BM25 full-text index fused in."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from aios.tools.library.index import fuse
from aios.tools.library.records import AssetRecord, Hit, Kind

if TYPE_CHECKING:
    from aios.kernel.settings import Settings
    from aios.tools.library.embeddings import Embedder

COLUMNS = ("id", "tenant", "kind", "sha256", "text", "phash", "parent", "added_at")


def quoted(value: str) -> str:
    """A string literal for a LanceDB filter."""
    return "'" + value.replace("'", "''") + "'"


class LanceIndex:
    """One LanceDB table per embedder (its vectors' size), rows filtered by tenant."""

    def __init__(self, folder: Path, embedder: str, dim: int) -> None:
        import lancedb

        folder.mkdir(parents=True, exist_ok=True)
        # Other processes write too (`aios assets add` while the API serves): always read the newest version.
        self._db = lancedb.connect(str(folder), read_consistency_interval=timedelta(0))
        self._table_name = "assets_" + "".join(c if c.isalnum() else "_" for c in embedder)
        self.dim, self.name = dim, f"lancedb {lancedb.__version__}"
        self._lock = threading.Lock()
        self._table: Any = None
        self._fts_rows = -1

    def _open(self, create: bool) -> Any:
        if self._table is None:
            import pyarrow as pa

            if self._table_name in self._db.list_tables().tables:
                self._table = self._db.open_table(self._table_name)
            elif create:
                schema = pa.schema([*(pa.field(c, pa.string()) for c in COLUMNS), pa.field("meta", pa.string()),
                                    pa.field("vector", pa.list_(pa.float32(), self.dim))])
                self._table = self._db.create_table(self._table_name, schema=schema)
        return self._table

    def upsert(self, records: Sequence[AssetRecord], vectors: np.ndarray) -> None:
        """merge_insert on id: new ids are added, existing ones replaced."""
        if not records:
            return
        rows = [{**{c: getattr(r, c) for c in COLUMNS}, "meta": r.model_dump_json(), "vector": v.tolist()}
                for r, v in zip(records, vectors, strict=True)]
        with self._lock:
            table = self._open(create=True)
            table.merge_insert("id").when_matched_update_all().when_not_matched_insert_all().execute(rows)

    def _where(self, tenant: str, kind: Kind | None, extra: str = "") -> str:
        clause = f"tenant = {quoted(tenant)}"
        if kind:
            clause += f" AND kind = {quoted(kind)}"
        return clause + (f" AND {extra}" if extra else "")

    def _hits(self, rows: list[dict[str, Any]], vector: np.ndarray) -> list[Hit]:
        hits = []
        for row in rows:
            similarity = float(np.dot(np.asarray(row["vector"], dtype=np.float32), vector))
            hits.append(Hit(record=AssetRecord.model_validate_json(row["meta"]), score=round(similarity, 6),
                            similarity=round(similarity, 6)))
        return hits

    def nearest(self, tenant: str, vector: np.ndarray, kind: Kind | None, k: int) -> list[Hit]:
        """Cosine search with the tenant (and kind) filter applied before the search."""
        table = self._open(create=False)
        if table is None:
            return []
        rows = (table.search(vector, vector_column_name="vector").metric("cosine")
                .where(self._where(tenant, kind), prefilter=True).limit(k).to_list())
        return self._hits(rows, vector)

    def _ensure_fts(self, table: Any) -> None:
        rows = table.count_rows()
        if rows != self._fts_rows:
            from lancedb.index import FTS

            table.create_index("text", config=FTS(), replace=True)
            self._fts_rows = rows

    def search(self, tenant: str, vector: np.ndarray, text: str, kind: Kind | None, k: int) -> list[Hit]:
        """Vector and BM25 rankings fused by reciprocal rank."""
        table = self._open(create=False)
        if table is None:
            return []
        pool = max(k * 4, 20)
        by_vector = self.nearest(tenant, vector, kind, pool)
        with self._lock:
            self._ensure_fts(table)
        words = " ".join(w for w in text.split() if w.isalnum())
        by_text = [r["id"] for r in table.search(words, query_type="fts").where(
            self._where(tenant, kind), prefilter=True).select(["id", "_score"]).limit(pool).to_list()] if words else []
        extra = [i for i in by_text if i not in {h.record.id for h in by_vector}]
        if extra:
            ids = ", ".join(quoted(i) for i in extra)
            by_vector += self._hits(table.search().where(self._where(tenant, kind, f"id IN ({ids})"))
                                    .limit(len(extra)).to_list(), vector)
        return fuse(by_vector, by_text, k)

    def _rows(self, where: str, limit: int) -> list[AssetRecord]:
        table = self._open(create=False)
        if table is None:
            return []
        rows = table.search().where(where).select(["meta"]).limit(limit).to_list()
        return [AssetRecord.model_validate_json(r["meta"]) for r in rows]

    def by_sha(self, tenant: str, sha256: str) -> list[AssetRecord]:
        """Records from one file."""
        return self._rows(self._where(tenant, None, f"sha256 = {quoted(sha256)}"), 10_000)

    def get(self, tenant: str, asset_id: str) -> AssetRecord | None:
        """One row by id."""
        found = self._rows(self._where(tenant, None, f"id = {quoted(asset_id)}"), 1)
        return found[0] if found else None

    def known_shas(self, tenant: str, shas: Sequence[str]) -> set[str]:
        """One IN query for a batch of hashes."""
        table = self._open(create=False)
        if table is None or not shas:
            return set()
        rows = table.search().where(self._where(tenant, None, f"sha256 IN ({', '.join(quoted(s) for s in shas)})")) \
            .select(["sha256"]).limit(len(shas) * 1000).to_list()
        return {r["sha256"] for r in rows}

    def optimize(self) -> None:
        """Compact the fragments small batches leave (searches slow down with thousands of them)."""
        table = self._open(create=False)
        if table is not None:
            with self._lock:
                table.optimize()

    def phashes(self, tenant: str) -> list[tuple[str, str]]:
        """Every stored perceptual hash of the tenant."""
        table = self._open(create=False)
        if table is None:
            return []
        rows = table.search().where(self._where(tenant, None, "phash IS NOT NULL")).select(["id", "phash"]) \
            .limit(10_000_000).to_list()
        return [(r["id"], r["phash"]) for r in rows]

    def records(self, tenant: str, kind: Kind | None = None, limit: int = 1000) -> list[AssetRecord]:
        """Records, newest first (passages after their document)."""
        found = self._rows(self._where(tenant, kind), 10_000_000)
        return sorted(found, key=lambda r: (r.added_at, r.id), reverse=True)[:limit]

    def count(self, tenant: str, kind: Kind | None = None) -> int:
        """Rows of the tenant (of a kind)."""
        table = self._open(create=False)
        return 0 if table is None else int(table.count_rows(self._where(tenant, kind)))

    def delete(self, tenant: str, asset_id: str) -> list[AssetRecord]:
        """Remove the record and any passages whose parent it is."""
        where = self._where(tenant, None, f"(id = {quoted(asset_id)} OR parent = {quoted(asset_id)})")
        gone = self._rows(where, 10_000_000)
        if gone:
            with self._lock:
                self._open(create=False).delete(where)
        return gone



def build(settings: Settings, embedder: Embedder) -> LanceIndex:
    """The catalog's factory for 'lancedb': the embedded index under AIOS_HOME/library."""
    return LanceIndex(settings.data_dir / "library" / "lancedb", embedder.name, embedder.dim)
