"""Offline rules planner: a deterministic storyboard written from the brief's facts (never its directive), with a
hook and a call to action written for its intent, a source summarized to the word budget, and headlines that are
callouts, not the narration's first words."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from aios.agent.planners.base import PlanRequest, pace, scene_count, speaking_time, word_budget
from aios.agent.planners.fill import Draft, bare, fill
from aios.agent.planners.guidelines import copy_rules
from aios.agent.planners.headlines import callout, callouts, has_verb, headline, repeats, shorten
from aios.agent.planners.languages import agree, ctas, hooks, phrases
from aios.agent.planners.reading import Reading, audience_of, read, sentence
from aios.agent.planners.steps import as_steps
from aios.agent.planners.summary import Embed, summarize
from aios.agent.planners.templates import choose, intent_of
from aios.kernel.schemas import Brief, Scene, Storyboard
from aios.kernel.vocab import LIVELY_TONES
from aios.tools.assets import assign
from aios.tools.library.embeddings import get_embedder
from aios.tools.text import content_words, keywords, spoken_count, truncate_words, word_count
from aios.tools.tts.pace import Pace

if TYPE_CHECKING:
    from aios.kernel.settings import Settings

_AVOID = re.compile(r"(?:don'?t|do not|never|no|without|remove|drop|cut)\s+(?:mention(?:ing)?\s+|say(?:ing)?\s+)?"
                    r"(?:the\s+|any\s+)?([^.;!?]+)", re.IGNORECASE)
_SHORTER = re.compile(r"\b(shorter|too long|cut it down|trim|less time|fewer words|less text)\b", re.IGNORECASE)
_MONEY = re.compile(r"[$€£]\s?\d|\b\d[\d,.]*\s?(?:dollars|euros|pounds)\b", re.IGNORECASE)
_PRICE_WORDS = frozenset({"price", "prices", "pricing", "cost", "costs", "money"})
_GENERIC_SUBJECT = re.compile(r"^(?:this|the|that|our)?\s*(?:article|story|report|news|piece|post|text|update)$",
                              re.IGNORECASE)
# Who is invited, in the languages the planner writes ("a nuestros clientes"): not what they are invited to.
_GUESTS = re.compile(r"\b(?:clientes|clients|kunden|clienti|empleados|employés|mitarbeiter\w*|funcionários|"
                     r"dipendenti|equipo|équipe|team|socios|membres|mitglieder|membros|soci|seguidores|abonnés)\b",
                     re.IGNORECASE)
NEWS = "the latest news"  # the subject of an article whose brief names none, and no dateline either
NEWS_HOOKS = ["Here's the latest.", "Here's what's happening.", "News just in."]
_PLACE = re.compile(r"^([A-Z][A-Z .'-]{2,40})\s*[—–-]{1,2}\s+")


def brief_facts(brief: Brief, intent: str | None = None, reading: Reading | None = None) -> list[str]:
    """What the brief states beyond its directive, as sentences to narrate (a verbless one gets a lead-in)."""
    lead = phrases(brief.language).lead_in.get(intent or intent_of(brief.text))
    facts = []
    for fact in (reading or read(brief.text, brief.language)).facts:
        if lead and _is_list(fact, brief.language):
            fact = f"{lead} {fact[:1].lower() + fact[1:] if not fact[1:2].isupper() else fact}"
        facts.append(fact)
    return facts


def _is_list(fact: str, language: str = "en") -> bool:
    """A verbless list of things ("Keynotes from our CEO, workshops and a dinner") or offer ("20% off everything"):
    it needs a lead-in to be said (in other languages only an offer is told apart for sure)."""
    offer = bool(re.match(r"[$€£]?\d", fact)) and word_count(fact) > 2
    if language != "en":
        return offer
    return (("," in fact and word_count(fact) > 3) or offer) and not has_verb(fact)


def subject_of(brief: Brief, reading: Reading | None = None) -> str:
    """What the hook names: the brief's subject without its audience; for a generic one ('this article'), where the
    source's news comes from."""
    subject = re.sub(r"\s+(?:to|for)\s+(?:our|all|the|your)?\s*(?:\w+\s+){0,2}(?:staff|employees|team|customers|"
                     r"followers|members|clients|audience|viewers|subscribers)\b.*$", "", brief.subject, flags=re.I)
    subject = re.sub(r"^(?:an?\s+)?(?:(?:videos?|clips?|explainers?|ads?|spots?|promos?|reels?)\s+)?(?:of|on|about|for)"
                     r"\s+|^(?:an?\s+)?(?:invitations?|announcements?|introductions?|reminders?|teasers?|overviews?)"
                     r"\s+(?:to|of|for|on|about)\s+", "", subject.strip(), flags=re.I) or brief.subject
    if ":" in subject:  # "Q4 results: online sales doubled" is about the Q4 results
        head, tail = subject.split(":", 1)
        head = " ".join(w for w in head.split() if not re.fullmatch(r"videos?|clips?|ads?|spots?", w, re.I))
        subject = head.strip() or tail.strip()
    how_to = re.search(r"\bhow to [^:.;]+", brief.text, re.IGNORECASE) if brief.language == "en" else None
    if how_to and intent_of(brief.text) == "howto":
        subject = how_to.group(0).strip()
        subject = subject[:1].lower() + subject[1:]
    if brief.language != "en":  # the directive sentence, less its verb and format words, up to a colon or comma
        said = ((reading or read(brief.text, brief.language)).directive or [brief.text])[0]
        words = phrases(brief.language)
        head = re.split(r"[:,;]", said)[0].strip(" .!?")
        if intent_of(head) == "invite" or re.match(r"(?:lade|invita|invite|convide|convida)\b", head, re.I):
            parts = re.split(r"\s((?:para|à|au|aux|zur|zum|zu|alla|al|a))\s", head)  # invite someone TO it
            at = next((i for i in range(2, len(parts), 2) if not _GUESTS.search(parts[i])), len(parts) - 1)
            head = " ".join(parts[at:])
        if brief.language.startswith("de"):  # separable particles ("Lade ... ein", "Stelle ... vor"), nominative
            head = re.sub(r"\s+(?:ein|an|vor|auf|aus|mit)$", "", head)
        kept = [w for w in head.split()
                if w.lower().strip(".") not in words.framing | words.format_words and not re.match(r"\d", w)]
        subject = " ".join(kept[:10]) or brief.subject
        subject = re.sub(r"^unseren\s+(?=[A-ZÄÖÜ])", "unser ", subject, flags=re.I)  # "Kündige unseren Verkauf an"
    if (_GENERIC_SUBJECT.match(subject) or audience_of(f" for {subject}")) and brief.source_text:
        place = _PLACE.match(brief.source_text.strip())
        subject = place.group(1).strip().title() if place else NEWS
    return subject


class RulesPlanner:
    """Writes hook, fact and call-to-action scenes from the brief and any source text, paced by words."""

    name = "rules"

    def __init__(self, speaking: Pace | None = None, embed: Embed | None = None) -> None:
        self.speaking = speaking or Pace.of_rate(2.6)  # a request's own pace (its voice's) comes first
        self.embed = embed  # ranks a source's sentences by centrality; shared words rank them without it

    def plan(self, request: PlanRequest) -> Storyboard:
        """A deterministic storyboard: same request, same storyboard."""
        brief, feedback = request.brief, (request.feedback or "")
        if _SHORTER.search(feedback):  # a shorter video, not the same length with more silence
            brief = brief.model_copy(update={"duration_s": max(5.0, round(brief.duration_s * 0.7))})
        intent = intent_of(brief.text)
        seed = f"{brief.text}|{request.revision}"
        speaking = request.pace or self.speaking
        suggested, _, maximum = scene_count(brief.duration_s)
        seconds = speaking_time(brief.duration_s, suggested)
        budget = word_budget(brief.duration_s, suggested, speaking)
        reading = read(brief.text, brief.language)  # once: the subject, the facts and the call to action come from it
        subject = subject_of(brief, reading)
        options = NEWS_HOOKS if subject == NEWS and brief.language == "en" else hooks(brief.language, intent)
        hook = agree(choose(options, seed, "hook"), subject, brief.language).format(
            subject=subject, Subject=subject[:1].upper() + subject[1:])
        if brief.tone in LIVELY_TONES - {"urgent"} and hook.endswith("."):
            hook = hook[:-1] + "!"
        fresh = [c for c in ctas(brief.language, intent) if not set(content_words(c)) & set(content_words(hook))]
        cta = sentence(brief.call_to_action) if brief.call_to_action else reading.cta or choose(
            fresh or ctas(brief.language, intent), seed, "cta")  # not "Treat yourself today." after "treat yourself"
        guided = copy_rules(request.guidelines)
        avoid = avoided(feedback) + guided.banned
        room = budget - spoken_count(hook) - spoken_count(cta)
        stated = brief_facts(brief, intent, reading)
        if intent == "howto" and brief.language == "en":  # a chain of actions is said as steps
            stated = as_steps(stated)
        facts = self._body(brief, stated, room, avoid)
        body = facts + [line for line in guided.required if line.lower().rstrip(".") not in " ".join(facts).lower()]
        ahead = signpost(intent, body, room, brief.language)
        body = ahead + body
        if intent not in ("summarize", "notice", "howto"):  # news, notices and steps are not recapped
            body += recap(body, room, brief.language)
        if suggested < 2:
            lines = self._fit([hook], seconds, budget, speaking, brief.language, maximum)
            return self._storyboard(brief, subject, lines, request, speaking)
        draft = Draft(scenes=[[hook], *[[line] for line in body], [cta]],
                      facts={1 + len(ahead) + i for i in range(len(facts))})
        draft = fill(draft, seconds, speaking, subject="" if subject == NEWS else subject, intent=intent,
                     language=brief.language, seed=seed)
        kept = [[said for said in scene if not mentions(said, avoid)] for scene in draft.scenes]  # by sentence
        lines = [" ".join(scene) for scene in kept if scene] or [hook]
        lines = self._fit(lines, seconds, budget, speaking, brief.language, maximum)
        return self._storyboard(brief, subject, lines, request, speaking)

    def _body(self, brief: Brief, facts: list[str], room: int, avoid: list[str]) -> list[str]:
        """Every fact of the brief, then the source's best sentences that fit, in their order; no filler."""
        lines = [f for f in facts if not mentions(f, avoid)]
        room -= sum(spoken_count(f) for f in lines)
        return lines + summarize(brief.source_text or "", room, lambda text: mentions(text, avoid), self.embed,
                                 taken=lines)

    def _fit(self, lines: list[str], seconds: float, budget: int, speaking: Pace, language: str,
             maximum: int) -> list[str]:
        """Keep within the time (the lines before the call to action go first, one at a time, before any are
        merged) and the scene limit: short lines share a scene, and the line before the call to action folds into
        the one before it."""
        lines = list(lines)
        while sum(speaking.seconds(x, language) for x in lines) > seconds and len(lines) > 2:
            lines.pop(-2)
        merged: list[str] = []
        for line in lines:
            if merged and len(merged) > 1 and word_count(merged[-1]) + word_count(line) <= 9:
                merged[-1] = f"{merged[-1]} {line}"
            else:
                merged.append(line)
        while len(merged) > maximum:
            folded = merged.pop(-2)
            merged[-2] = f"{merged[-2]} {folded}"
        if spoken_count(merged[0], language) > budget:
            merged[0] = truncate_words(merged[0], budget).rstrip(".!?,") + "."
        return merged

    def _storyboard(self, brief: Brief, subject: str, lines: list[str], request: PlanRequest,
                    speaking: Pace) -> Storyboard:
        durations = pace(lines, brief.duration_s, speaking, brief.language)
        assets = assign(request.assets, lines)
        title = shorten(subject[:1].upper() + subject[1:])
        offer = next((c for c in map(callout, lines[1:]) if c), None)
        scenes: list[Scene] = []
        for index, (line, duration, asset) in enumerate(zip(lines, durations, assets, strict=True)):
            opening = next((c for c in (title, offer, headline(lines[1]) if len(lines) > 1 else None)
                            if c and not repeats(c, line)), title)
            taken = frozenset(s.on_screen_text.lower() for s in scenes)
            closing = index == len(lines) - 1 and not brief.language.startswith("en")  # the title over the CTA
            shown = opening if index == 0 else title if closing else headline(
                bare(line, brief.language), fallback=title, taken=taken, language=brief.language)
            terms = keywords(line, 3) or keywords(subject, 3)
            visual = (f"Supplied image {asset.rsplit('/', 1)[-1]} with the headline"
                      if asset else f"Typographic card in the brand palette featuring {', '.join(terms)}")
            scenes.append(Scene(index=index, narration=line, on_screen_text=shorten(shown, 7),
                                visual=visual, keywords=terms, duration_s=duration, asset=asset))
        return Storyboard(title=subject[:1].upper() + subject[1:], scenes=scenes, planner=self.name,
                          revision=request.revision)


_DATE = re.compile(r"\b(?:on\s+)?((?:January|February|March|April|May|June|July|August|September|October|November|"
                   r"December)\s+\d{1,2}(?:st|nd|rd|th)?)(?:\s+(?:in|at)\s+([A-Z][\w-]+(?:\s[A-Z][\w-]+)?))?")


def signpost(intent: str, body: list[str], room: int, language: str = "en") -> list[str]:
    """A line that tells the viewer what to remember, when there is time for it: the date (and place) of an event
    the body mentions."""
    used = sum(spoken_count(line) for line in body)
    found = _DATE.search(" ".join(body)) if intent == "invite" else None
    if found is None:
        return []
    line = phrases(language).calendar.format(found.group(1) + (f", in {found.group(2)}" if found.group(2) else ""))
    return [line] if used + spoken_count(line) <= room else []


def recap(body: list[str], room: int, language: str = "en") -> list[str]:
    """A closing reminder of the key figures, when the facts leave more than a fifth of the time unspoken."""
    figures = list(dict.fromkeys(c for line in body for c in callouts(line) if "." not in c.strip("$€£0123456789,")))
    used = sum(spoken_count(line) for line in body)
    enough = figures and (len(figures) >= 2 or len(body) > 1)
    line = phrases(language).recap.format(", ".join(figures[:3])) if enough else ""
    return [line] if line and used < room * 0.8 and used + spoken_count(line) <= room else []


def avoided(feedback: str) -> list[str]:
    """What the reviewer asked to leave out ('don't mention price' also leaves out every amount of money)."""
    found = [" ".join(part.split()[:3]).lower().strip(" .'\"") for m in _AVOID.finditer(feedback)
             for part in re.split(r"\s+(?:or|and|nor)\s+|,\s*", m.group(1)) if part.strip()]
    return [w for term in found for w in ([term, "$money"] if term.split()[-1] in _PRICE_WORDS else [term])]


def mentions(line: str, avoid: list[str]) -> bool:
    """Whether the line says any of what the reviewer asked to leave out."""
    lowered = line.lower()
    return any(bool(_MONEY.search(line)) if term == "$money" else
               bool(re.search(rf"(?<!\w){re.escape(term)}(?!\w)", lowered)) for term in avoid)


def build(settings: Settings) -> RulesPlanner:
    """The catalog's factory for 'rules': offline, paced at the request's voice (else AIOS_WORDS_PER_SECOND, else
    2.6 words a second), summarizing sources with the configured embedder (the packaged MiniLM by default), loaded
    only when a source is summarized."""
    def embed(texts: Sequence[str]) -> np.ndarray:
        return get_embedder(settings).embed(texts)

    rate = settings.words_per_second
    return RulesPlanner(Pace.of_rate(rate) if rate else None, embed=embed)
