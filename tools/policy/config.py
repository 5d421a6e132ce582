"""Policy as data: the packaged policy.yaml, an operator's file, and per-tenant overrides."""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from aios.kernel.errors import ConfigurationError
from aios.kernel.vocab import Outcome


class Thresholds(BaseModel):
    """Classifier scores at or above `review` go to review, at or above `block` block (None: never)."""

    model_config = ConfigDict(extra="forbid")

    review: float = Field(ge=0, le=1)
    block: float | None = Field(default=None, ge=0, le=1)

    def outcome(self, score: float) -> Outcome:
        """The outcome a score earns."""
        if self.block is not None and score >= self.block:
            return "block"
        return "review" if score >= self.review else "pass"


class Claim(BaseModel):
    """A regulated claim: its trigger terms and the disclaimer that must accompany it."""

    model_config = ConfigDict(extra="forbid")

    terms: list[str]
    disclaimer: str
    outcome: Outcome = "review"


class BrandRules(BaseModel):
    """Banned words and the call-to-action requirement."""

    model_config = ConfigDict(extra="forbid")

    banned_words: list[str] = Field(default_factory=list)
    require_call_to_action: bool = False
    call_to_action_words: list[str] = Field(default_factory=list)


class PolicyConfig(BaseModel):
    """One effective policy (after a tenant's overrides)."""

    model_config = ConfigDict(extra="forbid")

    version: str
    blocked_terms: list[str] = Field(default_factory=list)
    competitors: list[str] = Field(default_factory=list)
    regulated_claims: list[Claim] = Field(default_factory=list)
    personal_data: dict[str, Outcome] = Field(default_factory=dict)
    brand: BrandRules = Field(default_factory=BrandRules)
    injection_patterns: list[str] = Field(default_factory=list)
    profanity: Thresholds
    profanity_safe: Thresholds
    nsfw: Thresholds
    nsfw_safe: Thresholds
    llm_judge: bool = False
    tenants: dict[str, dict[str, Any]] = Field(default_factory=dict, exclude=True)

    @field_validator("personal_data")
    @classmethod
    def _known_kinds(cls, value: dict[str, Outcome]) -> dict[str, Outcome]:
        unknown = set(value) - {"email", "phone", "card"}
        if unknown:
            raise ValueError(f"unknown personal data kinds: {', '.join(sorted(unknown))}")
        return value

    @property
    def digest(self) -> str:
        """A short hash of the effective policy, so an edited file never shares a version string."""
        body = json.dumps(self.model_dump(mode="json"), sort_keys=True)
        return hashlib.sha256(body.encode()).hexdigest()[:8]

    @property
    def label(self) -> str:
        """The version recorded with every decision: the file's version plus the content hash."""
        return f"{self.version}+{self.digest}"


def overlay(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """A tenant's overrides on the base: lists extend, mappings merge, other values replace."""
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, list) and isinstance(out.get(key), list):
            out[key] = [*out[key], *(v for v in value if v not in out[key])]
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = overlay(out[key], value)
        else:
            out[key] = value
    return out


def _read(path: Path | None) -> tuple[dict[str, Any], str]:
    if path is None:
        return yaml.safe_load(files(__package__).joinpath("policy.yaml").read_text(encoding="utf-8")), "packaged"
    try:
        raw = yaml.safe_load(path.expanduser().read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigurationError(f"cannot read the policy file {path}: {exc.strerror}") from exc
    except yaml.YAMLError as exc:
        raise ConfigurationError(f"the policy file {path} is not valid YAML: {exc}") from exc
    if not isinstance(raw, dict):
        raise ConfigurationError(f"the policy file {path} must hold a mapping")
    return raw, str(path)


@lru_cache(maxsize=64)
def load_policy(path: Path | None = None, tenant: str | None = None,
                extra_blocked: tuple[str, ...] = (), mtime: float = 0.0) -> PolicyConfig:
    """The effective policy for a tenant: the file (packaged default when None) with its overrides.

    `mtime` only keys the cache: pass the file's modification time so an edited file is read again.
    """
    raw, where = _read(path)
    tenants = raw.get("tenants") or {}
    if tenant and tenant in tenants:
        raw = overlay(raw, tenants[tenant] or {})
    if extra_blocked:
        raw = overlay(raw, {"blocked_terms": list(extra_blocked)})
    try:
        return PolicyConfig.model_validate(raw)
    except ValidationError as exc:
        error = exc.errors()[0]
        at = ".".join(str(p) for p in error["loc"])
        raise ConfigurationError(f"policy {where} is invalid at {at}: {error['msg']}") from exc
