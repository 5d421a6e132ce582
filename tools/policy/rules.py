"""Rule checks from the policy file: terms, competitors, regulated claims, personal data, brand, injection."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from aios.kernel.schemas import PolicyFinding
from aios.kernel.vocab import Outcome
from aios.tools.policy.config import PolicyConfig

EMAIL = re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b")
PHONE = re.compile(r"(?<![\w$€£])(?:\+?\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)|\d{2,4})[\s.-]\d{3,4}[\s.-]\d{3,4}\b")
CARD = re.compile(r"(?<!\d)(?:\d[ -]?){12,18}\d(?!\d)")
HIDDEN = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


@dataclass(frozen=True)
class Text:
    """A piece of text to check and where it came from (scene index, or None for the brief)."""

    text: str
    scene_index: int | None = None


def normalize(text: str) -> str:
    """NFKC, invisible characters removed and whitespace collapsed: look-alike spellings match too."""
    return " ".join(unicodedata.normalize("NFKC", text).translate(HIDDEN).split())


def excerpt(text: str, start: int, end: int) -> str:
    """The match with a little context either side."""
    return text[max(0, start - 20) : end + 20].strip()


@lru_cache(maxsize=512)
def term_pattern(term: str) -> re.Pattern[str]:
    """A whole-word, any-case pattern for a term or phrase (inner spaces match any whitespace)."""
    body = r"\s+".join(re.escape(w) for w in term.lower().split())
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


def luhn(digits: str) -> bool:
    """True for a number that passes the payment-card checksum."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def _terms(texts: Sequence[Text], terms: Iterable[str], rule: str, outcome: Outcome,
           reason: str) -> list[PolicyFinding]:
    found = []
    for term in dict.fromkeys(t.strip() for t in terms if t.strip()):
        pattern = term_pattern(term)
        for item in texts:
            for match in pattern.finditer(item.text):
                found.append(PolicyFinding(rule=rule, outcome=outcome, reason=reason.format(term=term),
                                           excerpt=excerpt(item.text, match.start(), match.end()),
                                           scene_index=item.scene_index))
    return found


def _claims(texts: Sequence[Text], config: PolicyConfig) -> list[PolicyFinding]:
    everything = " ".join(t.text for t in texts).lower()
    found = []
    for claim in config.regulated_claims:
        if normalize(claim.disclaimer).lower() in everything:
            continue
        reason = f"regulated claim {{term!r}} needs the disclaimer {claim.disclaimer!r}"
        found += _terms(texts, claim.terms, "regulated_claim", claim.outcome, reason)
    return found


def _personal_data(texts: Sequence[Text], config: PolicyConfig) -> list[PolicyFinding]:
    kinds = config.personal_data
    reasons = {"card": "contains a payment card number", "email": "contains an email address",
               "phone": "contains a phone number"}
    found = []
    for item in texts:
        long_numbers = list(CARD.finditer(item.text))  # 13-19 digits: a card when the checksum holds, never a phone
        cards = [m for m in long_numbers if luhn(re.sub(r"\D", "", m.group(0)))]
        taken = [m.span() for m in long_numbers]
        matches = {
            "card": cards,
            "email": list(EMAIL.finditer(item.text)),
            "phone": [m for m in PHONE.finditer(item.text) if sum(c.isdigit() for c in m.group(0)) >= 9
                      and not any(a <= m.start() < b for a, b in taken)],
        }
        for kind, outcome in kinds.items():
            found += [PolicyFinding(rule=f"personal_data.{kind}", outcome=outcome, reason=reasons[kind],
                                    excerpt=m.group(0).strip(), scene_index=item.scene_index) for m in matches[kind]]
    return found


def injection_findings(texts: Sequence[Text], config: PolicyConfig) -> list[PolicyFinding]:
    """One review finding per text that matches an injection pattern."""
    found, flagged = [], set()
    for source in config.injection_patterns:
        pattern = re.compile(source, re.IGNORECASE | re.DOTALL)
        for item in texts:
            match = pattern.search(item.text)
            if match and (item.text, item.scene_index) not in flagged:
                flagged.add((item.text, item.scene_index))
                found.append(PolicyFinding(
                    rule="injection", outcome="review", scene_index=item.scene_index,
                    reason="text tries to instruct the assistant; it is treated as data and needs a human review",
                    excerpt=excerpt(item.text, match.start(), match.end())))
    return found


def has_call_to_action(texts: Sequence[Text], config: PolicyConfig, own: str | None = None) -> bool:
    """True when any text carries a call-to-action word or the brief's own call to action."""
    words = [*config.brand.call_to_action_words, *([own] if own else [])]
    return any(term_pattern(w).search(t.text) for w in words if w.strip() for t in texts)


def check_rules(texts: Iterable[Text], config: PolicyConfig, *, needs_cta: bool = False,
                call_to_action: str | None = None) -> list[PolicyFinding]:
    """Every rule over every text; `needs_cta` applies the brand's call-to-action rule (storyboard, output)."""
    items = [Text(normalize(t.text), t.scene_index) for t in texts if t.text.strip()]
    findings = _terms(items, config.blocked_terms, "blocked_term", "block", "blocked term {term!r}")
    findings += _terms(items, config.competitors, "competitor", "review", "mentions the competitor {term!r}")
    findings += _terms(items, config.brand.banned_words, "brand.banned_word", "review",
                       "uses the brand-banned word {term!r}")
    findings += _claims(items, config)
    findings += _personal_data(items, config)
    findings += injection_findings(items, config)
    if needs_cta and config.brand.require_call_to_action and not has_call_to_action(items, config, call_to_action):
        findings.append(PolicyFinding(rule="brand.call_to_action", outcome="review", excerpt="",
                                      reason="the brand requires a call to action and none was found"))
    return findings


def worst(outcomes: Iterable[Outcome]) -> Outcome:
    """block beats review beats pass."""
    seen = set(outcomes)
    return "block" if "block" in seen else "review" if "review" in seen else "pass"
