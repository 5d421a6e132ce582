"""The audit trail: append-only, ordered per job, and decisions stored with who made them."""

from __future__ import annotations

import pytest

from aios.kernel.decision import Decision, EditedScene
from aios.kernel.schemas import PolicyFinding, PolicyReport
from aios.kernel.settings import get_settings
from aios.runtime.audit import decision_entry
from aios.runtime.auditor import entries
from aios.runtime.job_records import JobStatus
from aios.runtime.jobs import JobService


def test_entries_are_append_only_and_per_job(dialect: str) -> None:
    service = JobService(get_settings())
    assert service.database.dialect == dialect
    first = service.audit.record("job-a", "slack:U1", "review.approve", {"checkpoint": "storyboard"})
    service.audit.record("job-b", "api:k1", "job.create")
    service.audit.record("job-a", "cli:ann", "job.cancel")
    assert [(e.actor, e.action) for e in service.audit.entries("job-a")] == [
        ("slack:U1", "review.approve"), ("cli:ann", "job.cancel")]
    assert first.public()["detail"] == {"checkpoint": "storyboard"}
    assert (service.audit.first_actor("job-a", "job.cancel"), service.audit.first_actor("job-b", "job.cancel")) == (
        "cli:ann", None)
    statements = ["UPDATE audit SET actor = 'someone-else'", "DELETE FROM audit"]
    for statement in statements + (["TRUNCATE audit"] if dialect == "postgres" else []):
        with pytest.raises(Exception, match="append-only"), service.database.write() as db:
            db.execute(statement)
    assert len(service.audit.entries("job-a")) == 2
    service.close()


def pending(checkpoint: str, outcome: str = "pass") -> JobStatus:
    report = PolicyReport(outcome=outcome, version="v1+abcd1234")  # type: ignore[arg-type]
    return JobStatus(thread_id="job-a", status="awaiting_review", checkpoint=checkpoint, values={"policy": report})


def test_decision_entries_say_what_was_decided_on_which_policy() -> None:
    shown = {"policy_version": "v1+abcd1234", "policy_outcome": "pass"}
    assert decision_entry(Decision(type="approve"), pending("final")) == (
        "review.approve", {"checkpoint": "final", **shown})
    assert decision_entry(Decision(type="reject", message="shorter"), pending("storyboard")) == (
        "review.reject", {"checkpoint": "storyboard", "message": "shorter", **shown})
    edit = Decision(type="edit", scenes=[EditedScene(narration=f"Scene {n}.") for n in range(3)])
    assert decision_entry(edit, pending("storyboard", "review")) == (
        "review.edit", {"checkpoint": "storyboard", "scenes": 3, "policy_version": "v1+abcd1234",
                        "policy_outcome": "review"})


def test_graph_updates_become_entries_for_policy_auto_approvals_plans_renders_and_publication() -> None:
    report = PolicyReport(outcome="review", version="v2", stage="output", engines=["rules v2"], input_sha256="ab",
                          findings=[PolicyFinding(rule="profanity", outcome="review", reason="rude", excerpt="x",
                                                  scene_index=1, engine="alt-profanity-check 1.9.1")])
    found = list(entries("check_output", {"policy": report}))
    assert found == [("policy", "policy.output", {
        "node": "check_output", "outcome": "review", "policy_version": "v2", "engines": ["rules v2"],
        "safe_content": False, "input_sha256": "ab",
        "findings": [{"rule": "profanity", "outcome": "review", "scene": 1, "engine": "alt-profanity-check 1.9.1",
                      "reason": "rude"}]})]
    auto = {"decisions": [{"checkpoint": "final", "type": "approve", "by": "auto", "policy_version": "v2"}]}
    assert list(entries("approve_final", auto)) == [
        ("auto", "review.approve", {"checkpoint": "final", "policy_version": "v2"})]
    human = {"decisions": [{"checkpoint": "final", "type": "approve", "by": "cli:ann"}]}
    assert list(entries("approve_final", human)) == []  # the command that resumed the job audited it already
    plan = {"provenance": {"plan": {"planner": "rules"}}}
    assert list(entries("plan_storyboard", plan)) == [("planner", "storyboard.plan", {"planner": "rules"})]
    assert list(entries("narrate", {"narrations": {}})) == []
