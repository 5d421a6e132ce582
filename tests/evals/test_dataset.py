"""The shipped dataset covers what the suite promises; a broken line is named."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from aios.agent.briefs import build_brief
from aios.evals.dataset import load
from aios.kernel.context import Context
from aios.kernel.errors import InvalidInput
from aios.kernel.settings import Settings


def test_the_dataset_is_varied(settings: Settings) -> None:
    cases = load()
    assert len(cases) >= 110
    kinds = Counter(c.kind for c in cases)
    assert set(kinds) == {"promo", "news", "hr", "event", "unsafe", "review", "recruit", "notice", "results", "howto",
                          "language"}
    assert all(kinds[k] >= 12 for k in ("recruit", "notice", "results", "howto"))
    languages = Counter(c.request.language for c in cases if c.kind == "language")
    assert languages == {"es": 4, "fr": 4, "de": 4, "pt": 4, "it": 4}
    briefs = [build_brief(c.request.model_dump(exclude_none=True), Context(settings=settings)) for c in cases]
    assert {b.aspect for b in briefs} == {"16:9", "9:16", "1:1", "4:5"}
    assert min(c.expect.duration_s for c in cases) == 15 and max(c.expect.duration_s for c in cases) == 90
    assert all(b.duration_s == c.expect.duration_s for b, c in zip(briefs, cases, strict=True))
    with_assets = [c for c in cases if c.request.assets]
    assert len(with_assets) >= 3 and all(Path(a).is_file() for c in with_assets for a in c.request.assets)
    assert sum(c.request.source_text is not None for c in cases) >= 5
    outcomes = Counter(c.expect.policy for c in cases)
    assert outcomes["block"] >= 3 and outcomes["review"] >= 3


def test_a_bad_line_is_named(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "ok", "kind": "promo", "request": {"text": "a video"}, '
                    '"expect": {"duration_s": 20, "policy": "pass"}}\n{"id": "x", "kind": "promo"}\n', encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"bad.jsonl:2: request: Field required"):
        load(path)
    with pytest.raises(InvalidInput, match="dataset not found"):
        load(tmp_path / "missing.jsonl")
