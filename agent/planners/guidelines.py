"""What brand guidelines ask of the copy, read offline: words never to use, and what every video must say."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from aios.agent.planners.reading import sentence
from aios.tools.text import sentences

_QUOTED = r"[\"“'‘]([^\"”'’]{1,40})[\"”'’]"
_BANNED = (re.compile(rf"\b(?:never|don't|do not|avoid|no)\s+(?:say|use|write|using|saying|the word|the words|"
                      rf"words like)?\s*(?:the word\s+)?{_QUOTED}", re.IGNORECASE),
           re.compile(r"\b(?:banned|forbidden|prohibited) (?:words?|terms?)\s*(?:are|is|:)\s*([^.]+)", re.IGNORECASE))
_REQUIRED = re.compile(r"\b(?:always|must|every video must)\s+(?:mention|say|include|state|add|note)\s+(?:that\s+)?"
                       r"([^.;]{4,160})", re.IGNORECASE)


@dataclass(frozen=True)
class CopyRules:
    """Words the copy must not use, and statements it must make."""

    banned: list[str] = field(default_factory=list)
    required: list[str] = field(default_factory=list)


def copy_rules(passages: list[str]) -> CopyRules:
    """The banned words and required statements the retrieved guideline passages state."""
    banned: list[str] = []
    required: list[str] = []
    for text in (s for passage in passages for s in sentences(passage)):
        for pattern in _BANNED:
            for found in pattern.finditer(text):
                banned += [w.strip(" \"“”'‘’").lower() for w in re.split(r",|\bor\b|\band\b", found.group(1))
                           if w.strip(" \"“”'‘’")]
        required += [sentence(m.group(1)) for m in _REQUIRED.finditer(text)]
    return CopyRules(banned=list(dict.fromkeys(banned)), required=list(dict.fromkeys(required)))
