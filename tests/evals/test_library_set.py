"""Retrieval quality on the labeled library set (30 generated images with descriptions, 25 queries): recall@5."""

from __future__ import annotations

from pathlib import Path

import pytest

from aios.evals.library_set import load, recall_at
from aios.tools.library.embeddings import MiniLMEmbedder
from aios.tools.library.lance import LanceIndex
from aios.tools.library.library import Library
from tests.support.media_files import photo

pytestmark = pytest.mark.slow  # renders media or runs aios processes (seconds each)


def test_recall_at_5_on_the_labeled_set(tmp_path: Path) -> None:
    data = load()
    embedder = MiniLMEmbedder()
    library = Library(LanceIndex(tmp_path / "db", embedder.name, embedder.dim), embedder, tmp_path / "home")
    for seed, item in enumerate(data["items"]):
        image = photo(tmp_path / "in" / item["name"], (90, 90, 90), seed)
        report = library.add([image], "eval", tags=item["tags"], description=item["description"])
        assert len(report.added) == 1, report
    found = recall_at(library, "eval", data["queries"], k=5)
    top1 = recall_at(library, "eval", data["queries"], k=1)
    print(f"RESULT recall_at_5={found.recall} recall_at_1={top1.recall} queries={len(data['queries'])}", *found.misses,
          sep="\n")
    assert len(data["items"]) >= 30 and len(data["queries"]) >= 25
    assert found.recall >= 0.9, found.misses
