"""How-to copy: an instruction that chains several actions ("Release the latch, fold the frame and lock it") is
said as numbered steps, one per scene, the way a tutorial walks the viewer through them."""

from __future__ import annotations

import re

from aios.agent.planners.headlines import VERBS
from aios.tools.text import word_count

_JOINS = re.compile(r",\s*(?:and\s+|then\s+)?|\s+(?:and then|then|and)\s+", re.IGNORECASE)
_NOT_ACTIONS = frozenset({"the", "a", "an", "your", "our", "its", "their", "it", "they", "we", "you", "this", "that",
                          "these", "those", "each", "every", "all", "some", "no", "more", "most"})
ORDINALS = {2: ["First,", "Then,"], 3: ["First,", "Next,", "Finally,"], 4: ["First,", "Next,", "Then,", "Finally,"]}


def actions(instruction: str) -> list[str]:
    """The actions one instruction chains, each a clause that starts with its verb; the instruction alone when it is
    one action or not a chain of commands ("Glass goes in the green bin and paper in the blue bin")."""
    body = instruction.strip().rstrip(".!")
    parts = [p.strip() for p in _JOINS.split(body) if p and p.strip()]
    commands = all(word_count(p) >= 2 and not re.match(r"[\d$€£]", p) and p.split()[0].lower() not in _NOT_ACTIONS
                   and (p.split()[0].islower() or p is parts[0]) and p.split()[1].lower() not in VERBS for p in parts)
    return parts if 2 <= len(parts) <= 4 and commands else [instruction]


def as_steps(facts: list[str]) -> list[str]:
    """The facts with every chained instruction said as ordered steps ("First, release the latch.")."""
    found: list[str] = []
    for fact in facts:
        parts = actions(fact)
        if len(parts) == 1:
            found.append(fact)
            continue
        for ordinal, part in zip(ORDINALS[len(parts)], parts, strict=True):
            found.append(f"{ordinal} {part[:1].lower() + part[1:] if part[1:2].islower() else part}.")
    return found
