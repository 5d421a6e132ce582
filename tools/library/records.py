"""What the library stores per asset (or guideline passage) and what a search returns."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Kind = Literal["image", "clip", "music", "guideline"]
KINDS: tuple[Kind, ...] = ("image", "clip", "music", "guideline")


class AssetRecord(BaseModel):
    """One searchable item: a media file, or one passage of a guideline document."""

    id: str
    tenant: str
    kind: Kind
    name: str = Field(description="The original file name.")
    path: str = Field(description="The stored copy under AIOS_HOME/library/files.")
    sha256: str
    text: str = Field(description="What is embedded and searched: names, tags, description, passage text.")
    tags: list[str] = Field(default_factory=list)
    description: str = ""
    parent: str | None = Field(default=None, description="For a passage: the id of its document.")
    phash: str | None = Field(default=None, description="Perceptual hash (hex) of an image or a clip's frame.")
    thumbnail: str | None = None
    width: int | None = None
    height: int | None = None
    duration_s: float | None = None
    added_at: str = ""


class Hit(BaseModel):
    """A search result: the record, its rank score from the backend, and its cosine similarity to the query."""

    record: AssetRecord
    score: float
    similarity: float
