"""Provenance records: hashes of what went into and came out of each decision, kept in state and audited."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from pydantic import BaseModel

from aios import prompts

PLANNER_PROMPTS = ("storyboard_system", "storyboard_user")


def digest(value: Any) -> str:
    """sha256 of a value's canonical JSON (pydantic models by their JSON dump)."""
    if isinstance(value, BaseModel):
        value = value.model_dump(mode="json")
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()


def prompt_hashes(planner: str) -> dict[str, str]:
    """The prompt templates a planner used, by short hash (the rules planner uses none)."""
    return {name: prompts.digest(name) for name in PLANNER_PROMPTS} if planner.startswith("llm") else {}


def plan_record(planner: str, inputs: Any, storyboard: BaseModel) -> dict[str, Any]:
    """What the plan audit entry and the manifest say about one planning step."""
    return {"planner": planner, "prompts": prompt_hashes(planner), "input_sha256": digest(inputs),
            "output_sha256": digest(storyboard)}
