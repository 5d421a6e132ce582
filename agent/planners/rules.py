"""Offline rules planner: a deterministic storyboard from the brief and any source text."""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import TYPE_CHECKING

from aios.agent.planners.base import PlanRequest, pace, scene_count, word_budget
from aios.agent.planners.templates import CTA, FILLERS, HOOKS, intent_of
from aios.kernel.schemas import Brief, Scene, Storyboard
from aios.kernel.vocab import LIVELY_TONES
from aios.tools.assets import assign
from aios.tools.text import STOPWORDS, content_words, keywords, sentences, truncate_words, word_count

if TYPE_CHECKING:
    from aios.kernel.settings import Settings

_DIRECTIVE = re.compile(
    r"^(?:please\s+)?(?:mention|highlight|include|say|note|stress|emphasi[sz]e|add|tell (?:viewers|"
    r"people|them|everyone)(?: that)?|make sure (?:to )?(?:mention|say)|remind (?:viewers|people|"
    r"them|everyone)(?: that| to)?)\s+(?:that\s+)?", re.IGNORECASE)
_VIDEO_WORDS = re.compile(r"\b(video|clip|reel|spot|ad|promo|teaser|trailer|explainer|second|minute|vertical|"
                          r"square|landscape)\b",
                          re.IGNORECASE)
_AVOID = re.compile(r"(?:don'?t|do not|never|no|without|remove|drop)\s+(?:mention(?:ing)?\s+)?"
                    r"(?:the\s+)?([\w$%-]+(?:\s+[\w$%-]+)?)", re.IGNORECASE)


_LABEL = re.compile(r"(?<!\d):|:(?!\d)")  # a colon, but not one inside a ratio or a time (4:5, 10:30)


def _label(sentence: str) -> tuple[str, str]:
    """('Video', 'facts') for 'Video: facts'; the whole sentence and '' when it has no such colon."""
    found = _LABEL.search(sentence)
    return (sentence[: found.start()], sentence[found.end() :]) if found else (sentence, "")


def _sentence(text: str) -> str:
    text = text.strip().rstrip(",;:")
    text = text[:1].upper() + text[1:]
    return text if text[-1:] in ".!?" else text + "."


def brief_facts(brief: Brief) -> list[str]:
    """Statements in the brief beyond its directive, rewritten as sentences to narrate."""
    facts: list[str] = []
    for raw in sentences(brief.text):
        head, tail = _label(raw)
        if _VIDEO_WORDS.search(head) and tail.strip():
            facts.extend(_sentence(part) for part in re.split(r";\s*", tail) if part.strip())
            continue
        if _VIDEO_WORDS.search(raw) and not _DIRECTIVE.match(raw):
            continue
        fact = _DIRECTIVE.sub("", raw)
        if word_count(fact) >= 2:
            facts.append(_sentence(fact))
    return facts


def rank_source(source: str) -> list[tuple[int, str, float]]:
    """Source sentences scored by the frequency of their content words (extractive summary)."""
    found = sentences(source)
    counts = Counter(w for s in found for w in content_words(s))
    scored = []
    for position, sentence in enumerate(found):
        terms = content_words(sentence)
        if len(terms) < 2:
            continue
        score = sum(counts[t] for t in terms) / math.sqrt(len(terms)) - position * 0.01
        scored.append((position, sentence, score))
    return scored


def headline(line: str, limit: int = 6) -> str:
    """A short on-screen headline from a line of narration."""
    clause = re.split(r"[,;:—–]|\s-\s", line)[0].strip(" .!?")
    words = clause.split()
    while words and words[0].lower() in {"and", "but", "so", "the", "a", "an", "it's", "its"}:
        words.pop(0)
    words = truncate_words(" ".join(words), limit).rstrip(".!?").split()
    while len(words) > 2 and words[-1].lower() in STOPWORDS:
        words.pop()
    text = " ".join(words)
    return text[:1].upper() + text[1:]


class RulesPlanner:
    """Splits the brief and source text into hook, body and call-to-action scenes, paced by words."""

    name = "rules"

    def __init__(self, words_per_second: float = 2.6) -> None:
        self.words_per_second = words_per_second

    def plan(self, request: PlanRequest) -> Storyboard:
        """A deterministic storyboard: same request, same storyboard."""
        brief, feedback = request.brief, (request.feedback or "")
        intent = intent_of(brief.text)
        suggested, _, maximum = scene_count(brief.duration_s)
        factor = 0.75 if re.search(r"\b(shorter|less text|fewer words|too long)\b", feedback, re.I) else 1.0
        budget = int(word_budget(brief.duration_s, suggested, self.words_per_second) * factor)
        avoid = [m.group(1).lower() for m in _AVOID.finditer(feedback)]
        variant = request.revision
        bang = "!" if brief.tone in LIVELY_TONES - {"urgent"} else "."
        hooks = HOOKS[intent]
        hook = hooks[variant % len(hooks)].format(subject=brief.subject,
                                                  Subject=brief.subject[:1].upper() + brief.subject[1:])
        hook = hook[:-1] + bang if hook.endswith(".") else hook
        cta = _sentence(brief.call_to_action) if brief.call_to_action else CTA[intent]
        body = self._body(brief, budget - word_count(hook) - word_count(cta), avoid, intent, variant)
        lines = [hook, *body, cta] if suggested > 1 else [hook]
        lines = self._fit(lines, budget, maximum)
        return self._storyboard(brief, lines, request)

    def _body(self, brief: Brief, room: int, avoid: list[str], intent: str, variant: int) -> list[str]:
        candidates: list[tuple[int, str, float]] = [
            (-100 + i, fact, 100.0) for i, fact in enumerate(brief_facts(brief))]
        if brief.source_text:
            candidates += rank_source(brief.source_text)
        candidates = [c for c in candidates if not any(a in c[1].lower() for a in avoid)]
        chosen: list[tuple[int, str]] = []
        used = 0
        for position, sentence, _ in sorted(candidates, key=lambda c: -c[2]):
            cost = word_count(sentence)
            if used + cost <= room:
                chosen.append((position, sentence))
                used += cost
        lines = [s for _, s in sorted(chosen)]
        shift = variant % len(FILLERS[intent])
        fillers = FILLERS[intent][shift:] + FILLERS[intent][:shift]
        for filler in fillers:
            if used >= room * 0.6 or used + word_count(filler) > room:
                break
            lines.append(filler)
            used += word_count(filler)
        return lines

    def _fit(self, lines: list[str], budget: int, maximum: int) -> list[str]:
        """Merge short lines into shared scenes and keep within the scene and word limits."""
        merged: list[str] = []
        for line in lines:
            if merged and len(merged) > 1 and word_count(merged[-1]) + word_count(line) <= 9:
                merged[-1] = f"{merged[-1]} {line}"
            else:
                merged.append(line)
        while len(merged) > maximum:  # fold the line before the call to action into the one before it
            folded = merged.pop(-2)
            merged[-2] = f"{merged[-2]} {folded}"
        while sum(word_count(x) for x in merged) > budget and len(merged) > 1:
            merged.pop(-2 if len(merged) > 2 else -1)
        if word_count(merged[0]) > budget:
            merged[0] = truncate_words(merged[0], budget).rstrip(".!?,") + "."
        return merged

    def _storyboard(self, brief: Brief, lines: list[str], request: PlanRequest) -> Storyboard:
        durations = pace(lines, brief.duration_s, self.words_per_second)
        assets = assign(request.assets, lines)
        scenes = []
        for index, (line, duration, asset) in enumerate(zip(lines, durations, assets, strict=True)):
            title = brief.subject[:1].upper() + brief.subject[1:] if index == 0 else headline(line)
            terms = keywords(line, 3) or keywords(brief.subject, 3)
            visual = (f"Supplied image {asset.rsplit('/', 1)[-1]} with the headline"
                      if asset else f"Typographic card in the brand palette featuring {', '.join(terms)}")
            scenes.append(Scene(index=index, narration=line, on_screen_text=truncate_words(title, 7),
                                visual=visual, keywords=terms, duration_s=duration, asset=asset))
        return Storyboard(title=brief.subject[:1].upper() + brief.subject[1:], scenes=scenes,
                          planner=self.name, revision=request.revision)


def build(settings: Settings) -> RulesPlanner:
    """The catalog's factory for 'rules': offline, paced by AIOS_WORDS_PER_SECOND."""
    return RulesPlanner(words_per_second=settings.words_per_second)
