"""Policy as data: the packaged file, an operator's file, tenant overrides and versions."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from aios.kernel.errors import ConfigurationError
from aios.tools.policy.config import load_policy, overlay


def test_packaged_policy_loads_with_a_version_that_names_its_content() -> None:
    policy = load_policy()
    assert policy.version == "2026.11-1"
    assert policy.label.startswith("2026.11-1+") and len(policy.digest) == 8
    assert "make a bomb" in policy.blocked_terms


def test_tenant_overrides_extend_lists_merge_mappings_and_change_the_version() -> None:
    base, tenant = load_policy(), load_policy(None, "example")
    assert tenant.competitors == ["Rivalry Co", "MegaMart", "Brandex"]
    assert tenant.brand.banned_words == ["cheap", "knockoff"]
    assert tenant.brand.call_to_action_words == base.brand.call_to_action_words
    assert tenant.label != base.label
    assert load_policy(None, "nobody").label == base.label


def test_overlay_semantics() -> None:
    merged = overlay({"a": [1], "b": {"c": 1, "d": [1]}, "e": 1}, {"a": [1, 2], "b": {"d": [3]}, "e": 2})
    assert merged == {"a": [1, 2], "b": {"c": 1, "d": [1, 3]}, "e": 2}


def test_an_operators_file_is_used_and_its_edits_are_seen(tmp_path: Path) -> None:
    raw = yaml.safe_load((Path(__file__).parents[3] / "tools/policy/policy.yaml").read_text())
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump({**raw, "version": "ours-1", "competitors": ["Zed"]}))
    first = load_policy(path, None, (), path.stat().st_mtime)
    assert (first.version, first.competitors) == ("ours-1", ["Zed"])


def test_bad_files_raise_configuration_errors_that_say_where(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="cannot read"):
        load_policy(tmp_path / "missing.yaml")
    broken = tmp_path / "broken.yaml"
    broken.write_text("version: [unclosed")
    with pytest.raises(ConfigurationError, match="not valid YAML"):
        load_policy(broken)
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(yaml.safe_dump({"version": "x", "profanity": {"review": 2}}))
    with pytest.raises(ConfigurationError, match=r"invalid at profanity\.review"):
        load_policy(wrong)
