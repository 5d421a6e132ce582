"""`aios policy check`, `aios policy eval` and `aios keys c2pa-init` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.cli import aios

pytestmark = pytest.mark.slow  # renders media or runs aios processes (seconds each)


def test_check_prints_outcome_and_findings_with_exit_codes(aios_home: Path) -> None:
    clean = aios("policy", "check", "Join us for the spring fair on Saturday.", home=aios_home)
    assert (clean.returncode, clean.stdout.split()[0]) == (0, "pass")
    review = aios("policy", "check", "Call Jane on +1 (555) 123-4567, it is guaranteed.", home=aios_home)
    assert review.returncode == 4
    assert "personal_data.phone" in review.stdout and "regulated_claim" in review.stdout
    blocked = aios("policy", "check", "Learn how to make a bomb", "--json", home=aios_home)
    assert blocked.returncode == 3
    report = json.loads(blocked.stdout)
    assert report["outcome"] == "block" and report["findings"][0]["rule"] == "blocked_term"
    assert report["version"].startswith("2026.11-1+")


def test_check_reads_files_and_applies_tenant_and_safe_content(aios_home: Path, tmp_path: Path) -> None:
    script = tmp_path / "script.txt"
    script.write_text("We beat MegaMart on price.\nThe drop-dead gorgeous new colors are finally here.")
    assert aios("policy", "check", "--file", str(script), home=aios_home).returncode == 0
    tenant = aios("policy", "check", "--file", str(script), "--tenant", "example", home=aios_home)
    assert tenant.returncode == 4 and "competitor" in tenant.stdout
    safe = aios("policy", "check", "--file", str(script), "--safe-content", "--json", home=aios_home)
    assert json.loads(safe.stdout)["findings"][0]["rule"] == "profanity"


@pytest.mark.parametrize(("args", "message"), [
    (["policy", "check"], "error: give either TEXT or --file"),
    (["policy", "check", "x", "--file", "y"], "error: give either TEXT or --file"),
    (["policy", "check", "--file", "/no/such.txt"], "error: file not found"),
    (["policy", "check", "  "], "error: the text is empty"),
    (["policy", "check", "hi", "--stage", "final"], "error: stage must be one of"),
    (["policy", "eval", "--dataset", "/no/such.jsonl"], "error: dataset not found: /no/such.jsonl"),
])
def test_bad_policy_input_is_one_line(aios_home: Path, args: list[str], message: str) -> None:
    result = aios(*args, home=aios_home)
    assert result.returncode == 2 and result.stderr.strip() == result.stderr.strip().splitlines()[0]
    assert result.stderr.startswith(message)


def test_a_broken_policy_file_is_a_clear_configuration_error(aios_home: Path, tmp_path: Path) -> None:
    broken = tmp_path / "p.yaml"
    broken.write_text("version: [")
    result = aios("policy", "check", "hello", home=aios_home, env={"AIOS_POLICY_FILE": str(broken)})
    assert result.returncode == 2 and "not valid YAML" in result.stderr and "Traceback" not in result.stderr


def test_a_malformed_labeled_set_names_the_line(aios_home: Path, tmp_path: Path) -> None:
    bad = tmp_path / "set.jsonl"
    good = '{"id": "a", "text": "hi", "violating": false, "expected": "pass", "category": "clean"}'
    bad.write_text(f'{good}\n{{"id": 1}}\n')
    result = aios("policy", "eval", "--dataset", str(bad), home=aios_home)
    assert result.returncode == 2 and result.stderr.startswith("error: set.jsonl:2: id: ")
    assert len(result.stderr.strip().splitlines()) == 1


def test_eval_reports_precision_and_recall_on_the_labeled_set(aios_home: Path) -> None:
    result = aios("policy", "eval", home=aios_home)
    assert result.returncode == 0, result.stderr
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("RESULT texts=70 violating=35 ")
    fields = dict(part.split("=") for part in last.split()[1:])
    assert float(fields["recall"]) >= 0.95


def test_c2pa_init_writes_credentials_once(aios_home: Path, tmp_path: Path) -> None:
    first = aios("keys", "c2pa-init", "--dir", str(tmp_path / "keys"), home=aios_home)
    assert first.returncode == 0, first.stderr
    assert f"AIOS_C2PA_CERT={tmp_path / 'keys' / 'chain.pem'}" in first.stdout
    again = aios("keys", "c2pa-init", "--dir", str(tmp_path / "keys"), home=aios_home)
    assert again.returncode == 2 and "already exist" in again.stderr
    assert aios("keys", "c2pa-init", "--dir", str(tmp_path / "keys"), "--force", home=aios_home).returncode == 0
