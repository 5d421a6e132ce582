"""Retrieval quality on a small labeled set: items with descriptions, queries with the items they should find."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

from aios.tools.library.library import Library


@dataclass(frozen=True)
class RecallReport:
    """recall@k over the queries, and the queries whose relevant items were missed."""

    k: int
    recall: float
    misses: list[str]


def load(path: Path | None = None) -> dict[str, Any]:
    """The packaged set (evals/datasets/library_set.json) or one at `path`."""
    source = path.read_text(encoding="utf-8") if path else \
        files("evals").joinpath("datasets/library_set.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(source)
    return data


def recall_at(library: Library, tenant: str, queries: list[dict[str, Any]], k: int = 5) -> RecallReport:
    """Share of queries with at least one relevant item (by file name) in the top k of a hybrid search."""
    misses = []
    for item in queries:
        found = [h.record.name for h in library.search(item["query"], tenant, k=k)]
        if not set(found) & set(item["relevant"]):
            misses.append(f"{item['query']!r}: got {found}")
    return RecallReport(k, round(1 - len(misses) / len(queries), 4), misses)
