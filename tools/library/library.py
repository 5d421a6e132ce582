"""The library service: ingest files in bounded batches (hash dedupe, near-duplicate images), search, list, remove."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from aios.kernel.errors import InvalidInput
from aios.tools.cache import file_sha256
from aios.tools.library.embeddings import Embedder
from aios.tools.library.index import AssetIndex
from aios.tools.library.media import SUFFIXES, name_words, passages, perceptual_hash, probe, thumbnail
from aios.tools.library.records import AssetRecord, Hit, Kind

BATCH = 64
NEAR_DUPLICATE_BITS = 6


@dataclass
class IngestReport:
    """What an ingest did, file by file."""

    added: list[AssetRecord] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    near_duplicates: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)


def expand(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named, and supported files inside folders named (recursively, in name order), lazily."""
    for path in paths:
        if path.is_dir():
            yield from (p for p in sorted(path.rglob("*")) if p.is_file() and p.suffix.lower() in SUFFIXES)
        elif path.is_file():
            yield path
        else:
            raise InvalidInput(f"not found: {path}")


class Library:
    """Files under `home`, records and vectors in the index."""

    def __init__(self, index: AssetIndex, embedder: Embedder, home: Path,
                 on_stored: Callable[[Path], None] = lambda path: None) -> None:
        """`on_stored` is told of each file copied in (object storage shares it with other machines)."""
        self.index, self.embedder, self.home, self.on_stored = index, embedder, home, on_stored
        self._ids: list[str] = []
        self._bits = np.zeros(0, dtype=np.uint64)
        self._adding = threading.Lock()

    def _records(self, path: Path, tenant: str, sha: str, tags: list[str], description: str) -> list[AssetRecord]:
        found = probe(path)
        asset_id = sha[:16]
        stored = self.home / "files" / tenant / f"{asset_id}{path.suffix.lower()}"
        stored.parent.mkdir(parents=True, exist_ok=True)
        if not stored.exists():
            shutil.copyfile(path, stored)
            self.on_stored(stored)
        words = " ".join([*name_words(path), *tags, *found.words])
        base = AssetRecord(id=asset_id, tenant=tenant, kind=found.kind, name=path.name, path=str(stored), sha256=sha,
                           text=f"{words}. {description}".strip(". "), tags=tags, description=description,
                           width=found.width, height=found.height, duration_s=found.duration_s,
                           added_at=datetime.now(UTC).isoformat(timespec="microseconds"))
        if found.frame is not None:
            thumb = thumbnail(found.frame, self.home / "thumbs" / tenant / f"{asset_id}.jpg")
            phash = perceptual_hash(found.frame) if found.kind in ("image", "clip") else None
            base = base.model_copy(update={"phash": phash, "thumbnail": str(thumb)})
        if found.kind != "guideline":
            return [base]
        title = " ".join(name_words(path))
        return [base.model_copy(update={"id": f"{asset_id}-{n:03d}", "parent": asset_id,
                                        "text": f"{title}: {passage}"})
                for n, passage in enumerate(passages(found.text))]

    def add(self, paths: Iterable[Path], tenant: str, *, tags: Iterable[str] = (), description: str = "",
            keep_near_duplicates: bool = False, on_progress: Callable[[str], None] | None = None) -> IngestReport:
        """Ingest files (folders recurse) BATCH at a time, so memory stays flat however many there are."""
        with self._adding:
            return self._add(paths, tenant, list(tags), description, keep_near_duplicates, on_progress)

    def _add(self, paths: Iterable[Path], tenant: str, tags: list[str], description: str,
             keep_near_duplicates: bool, on_progress: Callable[[str], None] | None) -> IngestReport:
        report = IngestReport()
        tag_list = sorted({t.strip().lower() for t in tags if t.strip()})
        known = self.index.phashes(tenant)
        self._ids = [i for i, _ in known]
        self._bits = np.array([int(h, 16) for _, h in known], dtype=np.uint64)
        batch: list[Path] = []
        for path in expand(paths):
            batch.append(path)
            if len(batch) == BATCH:
                self._ingest(batch, tenant, tag_list, description, keep_near_duplicates, report, on_progress)
                batch = []
        self._ingest(batch, tenant, tag_list, description, keep_near_duplicates, report, on_progress)
        if report.added:
            self.index.optimize()
        return report

    def _ingest(self, batch: list[Path], tenant: str, tags: list[str], description: str, keep: bool,
                report: IngestReport, on_progress: Callable[[str], None] | None) -> None:
        shas = {path: file_sha256(path) for path in batch}
        stored = self.index.known_shas(tenant, sorted(set(shas.values())))
        pending: list[AssetRecord] = []
        for path in batch:
            sha = shas[path]
            try:
                if sha in stored:
                    report.unchanged.append(str(path))
                    continue
                records = self._records(path, tenant, sha, tags, description)
            except InvalidInput as exc:
                report.failed.append((str(path), str(exc)))
                continue
            finally:
                if on_progress:
                    on_progress(str(path))
            duplicate = self._near_duplicate(records[0], keep)
            if duplicate:  # new content (its hash is not stored), so its copy and thumbnail are nobody else's
                Path(records[0].path).unlink(missing_ok=True)
                Path(records[0].thumbnail or records[0].path).unlink(missing_ok=True)
                report.near_duplicates.append((str(path), duplicate))
                continue
            stored.add(sha)
            pending += records
        report.added += self._flush(pending)

    def _near_duplicate(self, record: AssetRecord, keep: bool) -> str | None:
        """The id of a stored image that looks the same (None: none, or kept anyway); remembers this one."""
        if record.phash is None:
            return None
        value = np.uint64(int(record.phash, 16))
        near: np.ndarray = np.flatnonzero(np.bitwise_count(self._bits ^ value) <= NEAR_DUPLICATE_BITS)
        if len(near) and not keep:
            return self._ids[int(near[0])]
        self._ids.append(record.id)
        self._bits = np.append(self._bits, value)
        return None

    def _flush(self, records: list[AssetRecord]) -> list[AssetRecord]:
        if records:
            self.index.upsert(records, self.embedder.embed([r.text for r in records]))
        return [r for r in records if r.parent is None or r.id.endswith("-000")]

    def search(self, query: str, tenant: str, kind: Kind | None = None, k: int = 5) -> list[Hit]:
        """Hybrid search for people: BM25 and vectors fused, ranked by the backend's fused score."""
        if not query.strip():
            raise InvalidInput("the search query is empty")
        if not 1 <= k <= 100:
            raise InvalidInput(f"k must be between 1 and 100, not {k}")
        return self.index.search(tenant, self.embedder.embed([query])[0], query, kind, k)

    def nearest(self, texts: list[str], tenant: str, kind: Kind, k: int = 3) -> list[list[Hit]]:
        """For each text, the k records most similar by vector (cosine), for matching scenes to assets."""
        vectors = self.embedder.embed(texts)
        return [self.index.nearest(tenant, vector, kind, k) for vector in vectors]

    def remove(self, tenant: str, asset_id: str) -> list[AssetRecord]:
        """Remove an asset (its passages, stored file and thumbnail too); InvalidInput if it is unknown."""
        gone = self.index.delete(tenant, asset_id)
        if not gone:
            raise InvalidInput(f"no asset {asset_id!r} in the library")
        for record in gone:
            if self.index.by_sha(tenant, record.sha256):
                continue
            Path(record.path).unlink(missing_ok=True)
            if record.thumbnail:
                Path(record.thumbnail).unlink(missing_ok=True)
        return gone
