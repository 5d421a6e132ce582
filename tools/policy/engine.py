"""The policy engine: rules, offline classifiers and an optional LLM judge behind one check()."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from aios.kernel.schemas import PolicyFinding, PolicyReport
from aios.tools.policy.classifiers import ImageClassifier, TextClassifier, nsfw_classifier, profanity_classifier
from aios.tools.policy.config import PolicyConfig, Thresholds, load_policy
from aios.tools.policy.judge import LlmJudge
from aios.tools.policy.rules import Text, check_rules, injection_findings, worst

if TYPE_CHECKING:
    from aios.kernel.settings import Settings

Stage = Literal["brief", "storyboard", "output"]


@dataclass(frozen=True)
class Image:
    """An image to check and the scene it belongs to (None: a brief's asset)."""

    path: str
    scene_index: int | None = None


def input_digest(stage: str, texts: Sequence[Text], images: Sequence[Image]) -> str:
    """sha256 over what a check looked at: the texts and the bytes of every image."""
    digest = hashlib.sha256(json.dumps([stage, [(t.text, t.scene_index) for t in texts]]).encode())
    for image in images:
        digest.update(Path(image.path).read_bytes())
    return digest.hexdigest()


@dataclass
class PolicyEngine:
    """One tenant's effective policy with the engines that apply it."""

    config: PolicyConfig
    text_classifier: TextClassifier | None = None
    image_classifier: ImageClassifier | None = None
    judge: LlmJudge | None = None

    def engines(self) -> list[str]:
        """Names (with versions) of everything that decides."""
        found = [f"rules {self.config.label}"]
        found += [e.name for e in (self.text_classifier, self.image_classifier, self.judge) if e is not None]
        return found

    def check(self, stage: Stage, texts: Sequence[Text], images: Sequence[Image] = (), *,
              safe_content: bool = False, call_to_action: str | None = None,
              retrieved: Sequence[Text] = ()) -> PolicyReport:
        """Pass, review or block, with findings that say which scene and which engine.

        `retrieved` texts (library passages shown to the planner) are only scanned for injection attempts.
        """
        texts = [t for t in texts if t.text.strip()]
        findings = check_rules(texts, self.config, needs_cta=stage != "brief", call_to_action=call_to_action)
        findings += [f.model_copy(update={"rule": "injection.retrieved",
                                          "reason": "a retrieved guideline tries to instruct the assistant"})
                     for f in injection_findings(retrieved, self.config)]
        findings += self._classify_texts(texts, safe_content)
        findings += self._classify_images(images, safe_content)
        if self.judge is not None:
            findings += self.judge.judge(texts)
        return PolicyReport(outcome=worst(f.outcome for f in findings), findings=findings, version=self.config.label,
                            stage=stage, engines=self.engines(), safe_content=safe_content,
                            input_sha256=input_digest(stage, [*texts, *retrieved], images))

    def _classify_texts(self, texts: Sequence[Text], safe: bool) -> list[PolicyFinding]:
        if self.text_classifier is None or not texts:
            return []
        scores = self.text_classifier.scores([t.text for t in texts])
        return scored(self.config.profanity_safe if safe else self.config.profanity, self.text_classifier.name,
                      "profanity", "profanity or insult",
                      [(t.text[:80], t.scene_index, score) for t, score in zip(texts, scores, strict=True)])

    def _classify_images(self, images: Sequence[Image], safe: bool) -> list[PolicyFinding]:
        if self.image_classifier is None or not images:
            return []
        scores = self.image_classifier.scores([i.path for i in images])
        return scored(self.config.nsfw_safe if safe else self.config.nsfw, self.image_classifier.name,
                      "nsfw_image", "image may be unsafe (NSFW)",
                      [(Path(i.path).name, i.scene_index, score) for i, score in zip(images, scores, strict=True)])


def scored(limits: Thresholds, engine: str, rule: str, reason: str,
           items: Sequence[tuple[str, int | None, float]]) -> list[PolicyFinding]:
    """Findings for the (excerpt, scene, score) items whose score reaches review or block."""
    return [PolicyFinding(rule=rule, outcome=limits.outcome(score), excerpt=excerpt, scene_index=scene,
                          reason=f"{reason} (score {score:.2f})", engine=engine)
            for excerpt, scene, score in items if limits.outcome(score) != "pass"]


def policy_engine(settings: Settings, tenant: str | None = None) -> PolicyEngine:
    """The engine the settings choose for a tenant: its policy, the offline classifiers, the judge if asked."""
    path = settings.policy_file
    mtime = path.expanduser().stat().st_mtime if path is not None and path.expanduser().exists() else 0.0
    config = load_policy(path, tenant, tuple(settings.blocked_terms), mtime)
    judge = None
    if config.llm_judge and settings.llm_model:
        from aios.tools.llm import chat_model

        judge = LlmJudge(chat_model(settings), settings.llm_model)
    if not settings.policy_classifiers:
        return PolicyEngine(config, judge=judge)
    return PolicyEngine(config, profanity_classifier(), nsfw_classifier(), judge)
