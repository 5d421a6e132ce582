"""The graph's own decisions into the audit trail: policy outcomes, auto-approvals, plans, renders, publication."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from aios.kernel.decision import Change
from aios.kernel.schemas import PolicyReport, RenderResult, Storyboard
from aios.runtime.audit import AuditLog
from aios.runtime.versions import Versions

Entry = tuple[str, str, dict[str, Any]]  # (actor, action, detail)


def policy_detail(report: PolicyReport) -> dict[str, Any]:
    """What the trail keeps of a policy check."""
    return {"outcome": report.outcome, "policy_version": report.version, "engines": report.engines,
            "safe_content": report.safe_content, "input_sha256": report.input_sha256,
            "findings": [{"rule": f.rule, "outcome": f.outcome, "scene": f.scene_index, "engine": f.engine,
                          "reason": f.reason} for f in report.findings]}


def entries(node: str, update: dict[str, Any]) -> Iterator[Entry]:
    """The audit entries one node's state update carries."""
    report = update.get("policy")
    if isinstance(report, PolicyReport):
        yield "policy", f"policy.{report.stage}", {"node": node, **policy_detail(report)}
    for decision in update.get("decisions") or []:
        if decision.get("by") == "auto":
            yield "auto", f"review.{decision['type']}", {"checkpoint": decision["checkpoint"],
                                                          "policy_version": decision.get("policy_version")}
    provenance = update.get("provenance") or {}
    if "plan" in provenance:
        yield "planner", "storyboard.plan", provenance["plan"]
    if "render" in provenance:
        yield "renderer", "video.render", provenance["render"]
    if "publish" in provenance:
        yield "publisher", "job.publish", provenance["publish"]


class GraphAuditor:
    """A stream sink: records the audit entries in each 'updates' chunk of a job's run, and the versions its plans,
    edits and renders make."""

    def __init__(self, audit: AuditLog, thread_id: str, versions: Versions | None = None) -> None:
        self.audit, self.thread_id, self.versions = audit, thread_id, versions

    def version(self, node: str, update: dict[str, Any]) -> None:
        """Record the version a node's update makes: a plan, an edit (a command's, a chat's, a review's), a render."""
        if self.versions is None:
            return
        storyboard, rendered = update.get("storyboard"), update.get("render")
        if isinstance(storyboard, Storyboard):
            if node in ("plan_storyboard", "match_assets"):
                self.versions.planned(self.thread_id, storyboard, refined=node == "match_assets")
            else:
                decision: dict[str, Any] = next(iter(update.get("decisions") or []), {})
                change = Change.model_validate(decision["change"]) if decision.get("change") else None
                self.versions.edited(self.thread_id, storyboard, str(decision.get("by") or "editor"), change)
        if isinstance(rendered, RenderResult):
            record = (update.get("provenance") or {}).get("render") or {}
            self.versions.rendered(self.thread_id, rendered, str(record.get("output_sha256") or ""))

    def __call__(self, mode: str, chunk: Any) -> None:
        if mode != "updates" or not isinstance(chunk, dict):
            return
        for node, update in chunk.items():
            if isinstance(update, dict):
                for actor, action, detail in entries(node, update):
                    self.audit.record(self.thread_id, actor, action, detail)
                self.version(node, update)
