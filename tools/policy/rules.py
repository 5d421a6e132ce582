"""First-pass rules policy: blocked terms block; emails and phone numbers go to human review."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from agent.schemas import Outcome, PolicyFinding, PolicyReport

VERSION = "rules-1"

DEFAULT_BLOCKED_TERMS = (
    "kill yourself", "heil hitler", "white power", "child porn", "buy cocaine", "buy heroin",
    "make a bomb", "terrorist attack", "ethnic cleansing", "suicide instructions",
)

EMAIL = re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b")
PHONE = re.compile(r"(?<![\w$€£])(?:\+?\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)|\d{2,4})[\s.-]\d{3,4}[\s.-]\d{3,4}\b")


@dataclass(frozen=True)
class Text:
    """A piece of text to check and where it came from (scene index or None for the brief)."""

    text: str
    scene_index: int | None = None


def _excerpt(text: str, start: int, end: int) -> str:
    return text[max(0, start - 20) : end + 20].strip()


def check(texts: Iterable[Text], blocked_terms: Iterable[str] = ()) -> PolicyReport:
    """Run every rule over every text; the worst finding decides the outcome."""
    terms = sorted({t.lower().strip() for t in (*DEFAULT_BLOCKED_TERMS, *blocked_terms) if t.strip()})
    patterns = [(t, re.compile(rf"(?<!\w){re.escape(t)}(?!\w)", re.IGNORECASE)) for t in terms]
    findings: list[PolicyFinding] = []
    for item in texts:
        for term, pattern in patterns:
            for match in pattern.finditer(item.text):
                findings.append(PolicyFinding(
                    rule="blocked_term", outcome="block", reason=f"blocked term {term!r}",
                    excerpt=_excerpt(item.text, match.start(), match.end()),
                    scene_index=item.scene_index))
        for match in EMAIL.finditer(item.text):
            findings.append(PolicyFinding(
                rule="personal_data.email", outcome="review",
                reason="contains an email address", excerpt=match.group(0),
                scene_index=item.scene_index))
        for match in PHONE.finditer(item.text):
            if sum(c.isdigit() for c in match.group(0)) >= 9:
                findings.append(PolicyFinding(
                    rule="personal_data.phone", outcome="review",
                    reason="contains a phone number", excerpt=match.group(0).strip(),
                    scene_index=item.scene_index))
    return PolicyReport(outcome=worst(f.outcome for f in findings), findings=findings,
                        version=VERSION)


def worst(outcomes: Iterable[Outcome]) -> Outcome:
    """block beats review beats pass."""
    seen = set(outcomes)
    return "block" if "block" in seen else "review" if "review" in seen else "pass"
