"""Copy that fills the video's time from the brief's own content, as a copywriter would when the facts leave time
unspoken: the key figure restated after its fact, the deadline turned into urgency, a second call to action and a
sign-off that names the subject, and connectives between facts. Every added sentence carries a figure, a date, the
subject or a call to action: nothing is invented and nothing is filler."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from aios.agent.planners.headlines import MONTHS, callouts
from aios.agent.planners.languages import ctas, phrases
from aios.agent.planners.templates import choose
from aios.kernel.schemas import Storyboard
from aios.tools.text import content_words
from aios.tools.tts.pace import Pace

_WEEKDAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|tonight|tomorrow|midnight)"
_MONTH_DAY = rf"{MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?"
DEADLINE = re.compile(rf"\b(?:until|till|before|by|through|ends?|closes?|expires?|due)\s+(?:on\s+)?"
                      rf"(?:this\s+|next\s+)?({_WEEKDAYS}|{_MONTH_DAY})\b")
_DATE = re.compile(rf"{_MONTH_DAY}|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTHS}")
THIN = 0.6  # below this share of the video spoken, the editor is told
_REPORTED = ("summarize", "notice")  # news and service notices: no sales patter ("That's right", "Plus:")
# Intents whose subject reads well in a sign-off ("That's our new cold brew."): not a notice, results or hiring.
_NAMED = frozenset({"announce", "promote", "explain", "invite", "summarize", "howto", "generic"})
_ADDRESS = re.compile(r"[a-z]\.[a-z]", re.IGNORECASE)


@dataclass
class Draft:
    """A storyboard's narration as sentences per scene: the hook first, the call to action last, facts between."""

    scenes: list[list[str]]
    facts: set[int] = field(default_factory=set)  # which scenes hold a fact of the brief (a figure may be stressed)

    def seconds(self, speaking: Pace, language: str) -> float:
        """How long the voice takes to say every scene."""
        return sum(speaking.seconds(line, language) for line in self.lines())

    def lines(self) -> list[str]:
        """One narration line per scene."""
        return [" ".join(scene) for scene in self.scenes]


def _asks(text: str) -> set[str]:
    """The words a call to action turns on ('treat', 'shop', 'today'): a second one shares none with the copy."""
    return set(content_words(text)) | ({"today", "now"} & {w.lower().strip(".!?:,") for w in text.split()})


def additions(draft: Draft, *, subject: str, intent: str, language: str, seed: str) -> list[tuple[int, str]]:
    """What may be added, most telling first, as (scene, sentence): a scene of -1 is the call to action's."""
    words = phrases(language)
    found: list[tuple[int, str]] = []
    said = " ".join(draft.lines())
    facts = sorted(draft.facts) if intent not in _REPORTED else []  # news and notices are told, not sold
    for scene in facts:  # one figure said again, the first not already repeated (a recap repeats its figures)
        figures = [c for c in callouts(" ".join(draft.scenes[scene]))
                   if not _ADDRESS.search(c) and not _DATE.fullmatch(c) and said.count(c) < 2]
        if figures and words.stress:
            found.append((scene, choose(words.stress, seed, f"stress{scene}").format(figures[0])))
            break
    deadline = next(((i, match) for i in facts if (match := DEADLINE.search(" ".join(draft.scenes[i])))), None)
    dated = next(((i, c) for i in facts for c in callouts(" ".join(draft.scenes[i]))
                  if _DATE.fullmatch(c) and said.count(c) < 2), None)
    if deadline and words.urgency:  # the deadline once, as a reason to act now
        found.append((deadline[0], choose(words.urgency, seed, "urgency").format(deadline[1].group(1))))
    elif dated:  # else a date once, to remember
        found.append((dated[0], words.calendar.format(dated[1])))
    others = [c for c in ctas(language, intent) if not _asks(c) & _asks(said)]
    if others and len(draft.scenes) > 1:
        found.append((-1, choose(others, seed, "cta2")))
    sign_offs = words.sign_off.get(intent, words.sign_off.get("generic", []) if intent in _NAMED else [])
    if sign_offs and subject and len(draft.scenes) > 1:
        line = choose(sign_offs, seed, "sign-off").format(subject=subject, Subject=subject[:1].upper() + subject[1:])
        found.append((-1, line))
    return found


def connect(draft: Draft, language: str, seed: str) -> Draft:
    """Facts after the first, introduced as a list is spoken ("Plus: ...", "And finally: ...")."""
    words = phrases(language)
    order = sorted(draft.facts)
    if len(order) < 2 or not words.connectors:
        return draft
    scenes = [list(s) for s in draft.scenes]
    start = words.connectors.index(choose(words.connectors, seed, "link"))
    for place, scene in enumerate(order[1:], start=1):  # each connector once before any repeats
        last = place == len(order) - 1 and words.last_connectors
        link = choose(words.last_connectors, seed, "last") if last else \
            words.connectors[(start + place - 1) % len(words.connectors)]
        scenes[scene][0] = f"{link} {scenes[scene][0]}"
    return Draft(scenes=scenes, facts=draft.facts)


def bare(line: str, language: str) -> str:
    """The line without the connector fill put before it (headlines are drawn from the fact itself)."""
    words = phrases(language)
    for link in (*words.connectors, *words.last_connectors):
        if line.startswith(f"{link} "):
            return line[len(link) + 1:]
    return line


def fill(draft: Draft, seconds: float, speaking: Pace, *, subject: str, intent: str, language: str,
         seed: str) -> Draft:
    """The draft with as many additions as the voice can say in `seconds` (the time the plan aims to fill), each
    in its place; the draft unchanged when its facts already fill that."""
    if draft.seconds(speaking, language) >= seconds:
        return draft
    linked = connect(draft, language, seed) if intent not in ("howto", *_REPORTED) else draft  # steps: ordinals
    if linked.seconds(speaking, language) <= seconds:
        draft = linked
    scenes = [list(s) for s in draft.scenes]
    total = draft.seconds(speaking, language)
    for scene, line in additions(draft, subject=subject, intent=intent, language=language, seed=seed):
        cost = speaking.seconds(line, language)
        if total + cost > seconds:
            continue
        scenes[scene].append(line)
        total += cost
    return Draft(scenes=scenes, facts=draft.facts)


def thin(storyboard: Storyboard, speaking: Pace, language: str = "en") -> str | None:
    """A note for the editor when the narration leaves most of the video quiet (the brief has too little to say for
    its length): how full it is and what would help. None when the narration fills the time."""
    spoken = sum(speaking.seconds(s.narration, language) for s in storyboard.scenes)
    share = spoken / storyboard.duration_s if storyboard.duration_s else 1.0
    if share >= THIN:
        return None
    fits = max(5, math.ceil(spoken / 0.85))
    return (f"the narration fills about {share:.0%} of the {storyboard.duration_s:g} s: the brief has little more to "
            f"say. Add details or a source to fill it, or ask for about {fits} s")
