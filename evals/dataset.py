"""Eval datasets: one brief per JSON line, with what a good result must show."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from aios.kernel.errors import InvalidInput
from aios.kernel.schemas import BriefRequest
from aios.kernel.vocab import Outcome

Kind = Literal["promo", "news", "hr", "event", "unsafe", "review", "recruit", "notice", "results", "howto", "language"]
DEFAULT = Path(__file__).parent / "datasets" / "briefs.jsonl"
Row = TypeVar("Row", bound=BaseModel)


class Expectation(BaseModel):
    """What the result must show."""

    model_config = ConfigDict(extra="forbid")

    duration_s: float = Field(ge=5, le=300, description="The length the brief asks for.")
    must_mention: list[str] = Field(default_factory=list, description="Facts the narration or screen text says.")
    policy: Outcome = Field(description="pass, review (a human must look) or block.")


class EvalCase(BaseModel):
    """One brief of the dataset."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{0,62}$")
    kind: Kind
    request: BriefRequest
    expect: Expectation


def read_jsonl(path: Path, model: type[Row]) -> list[Row]:
    """Validated rows of a JSON-lines file (blank and // lines skipped); InvalidInput names the file and line."""
    if not path.is_file():
        raise InvalidInput(f"dataset not found: {path}")
    rows: list[Row] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            rows.append(model.model_validate(json.loads(line)))
        except (json.JSONDecodeError, ValidationError) as exc:
            raise InvalidInput(f"{path.name}:{number}: {_first(exc)}") from None
    return rows


def load(path: Path = DEFAULT) -> list[EvalCase]:
    """The dataset's cases; asset paths are resolved against the dataset's folder. InvalidInput names the line."""
    cases = [case.model_copy(update={"request": case.request.model_copy(update={
                 "assets": [str((path.parent / a).resolve()) for a in case.request.assets]})})
             for case in read_jsonl(path, EvalCase)]
    ids = [c.id for c in cases]
    if len(set(ids)) != len(ids):
        raise InvalidInput(f"{path.name}: case ids repeat: {sorted({i for i in ids if ids.count(i) > 1})}")
    if not cases:
        raise InvalidInput(f"{path.name} has no cases")
    return cases


def _first(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        error = exc.errors()[0]
        return f"{'.'.join(str(p) for p in error['loc'])}: {error['msg']}"
    return f"not JSON: {exc}"
