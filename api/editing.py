"""Bodies and headers of the editing routes: versions, scene commands and takes, and the If-Match a change names."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import Header, HTTPException, Response
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from aios.api.problems import etag
from aios.kernel.schemas import Text
from aios.kernel.vocab import Regenerate, Transition
from aios.runtime.scene_commands import MIN_SCENE_S

_TAG = re.compile(r'\s*(?:W/)?"?v?(\d{1,9})"?\s*')


def expected_version(if_match: Annotated[str | None, Header(
        max_length=100, description='The version the change was made on (the job\'s ETag, "v3"): 409 naming the '
                                    "version now when the job has moved on. Leave it out (or *) to change "
                                    "whatever version is current.")] = None) -> int | None:
    """The version an If-Match header names; None without one (or with *); 422 for anything else."""
    if if_match is None or if_match.strip() == "*":
        return None
    match = _TAG.fullmatch(if_match)
    if match is None:
        raise HTTPException(422, 'If-Match names a version as the ETag gave it, e.g. "v3"')
    return int(match.group(1))


def tagged(response: Response, version: int) -> None:
    """Send the job's version as its ETag."""
    response.headers["ETag"] = etag(version)


class VersionPublic(BaseModel):
    """One version of a job's storyboard and cut."""

    number: int
    parent: int | None
    kind: str = Field(description="plan, edit, regenerate, take, picture, retime, transition, restore or render.")
    actor: str = Field(description="Who made it: planner, renderer, cli:NAME, api:KEY, web:KEY, slack:USER.")
    at: str
    summary: str = Field(description="What changed, in words.")
    applied: bool = Field(description="False while its run has not applied it yet.")
    scenes: int
    duration_s: float
    cut: dict[str, Any] | None = Field(default=None, description="For a render: profile, length and SHA-256.")
    storyboard: dict[str, Any] | None = Field(default=None, description="In GET .../versions/{n} only.")


class VersionList(BaseModel):
    """A job's versions, oldest first; `current` is the newest (the job's ETag)."""

    job_id: str
    current: int
    items: list[VersionPublic]


class VersionDiff(BaseModel):
    """Two versions compared scene by scene (fields changed, with old and new values) and by their cuts."""

    model_config = ConfigDict(populate_by_name=True)

    from_version: int = Field(alias="from")
    to_version: int = Field(alias="to")
    title: list[str] | None = None
    scenes: list[dict[str, Any]]
    cut: dict[str, Any] | None = None


class Regeneration(BaseModel):
    """Regenerate a scene's voice, picture or both, optionally saying what to change."""

    model_config = ConfigDict(extra="forbid")

    part: Regenerate = Field(default="all", description="voice, picture or all.")
    note: Text | None = Field(default=None, max_length=300, description="e.g. 'calmer voice', 'show it from the side'.")


class TakeChoice(BaseModel):
    """Use one of a scene's takes (numbered from 1, as GET .../takes lists them)."""

    model_config = ConfigDict(extra="forbid")

    take: int = Field(ge=1, le=99)


def _fields_left_out(schema: dict[str, Any]) -> None:
    """A change names what it changes, at least one thing; a field not changed is left out, never null."""
    schema["minProperties"] = 1
    for field in schema.get("properties", {}).values():
        options = [o for o in field.pop("anyOf", []) if o.get("type") != "null"]
        field.update(options[0] if len(options) == 1 else {"anyOf": options} if options else {})
        field.pop("default", None)


class SceneChange(BaseModel):
    """Swap a scene's picture, re-time it or change its transition (any of them, at least one)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=_fields_left_out)

    asset: str | None = Field(default=None, min_length=1, max_length=200,
                              description="upload:ID, library:ID or a stock picture offered (stock:PROVIDER:ID).")
    duration_s: float | None = Field(default=None, ge=MIN_SCENE_S, le=120, description="Its new length in seconds.")
    transition: Transition | None = Field(default=None, description="How it hands over to the next scene.")

    @field_validator("asset", "duration_s", "transition", mode="before")
    @classmethod
    def _not_null(cls, value: Any) -> Any:
        if value is None:
            raise ValueError("leave a field out to keep it; null is not a value")
        return value

    @model_validator(mode="after")
    def _something(self) -> SceneChange:
        if not self.model_fields_set:
            raise ValueError("name what to change: asset, duration_s or transition")
        return self


class TakePublic(BaseModel):
    """One take of a scene: its takes of voice and picture, notes, and where to hear and see it."""

    take: int
    used: bool
    voice_take: int
    picture_take: int
    voice_note: str
    picture_note: str
    duration_s: float
    thumbnail: str
    narration: str


class SceneTakes(BaseModel):
    """A scene's takes, oldest first."""

    job_id: str
    scene: int = Field(description="The scene's index (0-based, as in the storyboard).")
    items: list[TakePublic]
