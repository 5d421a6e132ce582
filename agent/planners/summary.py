"""Summaries of a source article: sentences scored by how central they are to the article (MiniLM embeddings when
an embedder is at hand, shared content words otherwise), by carrying figures and by position; long ones compressed
to their main clause; quotes said with who said them, first."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np

from aios.agent.planners.headlines import callouts
from aios.agent.planners.reading import clean_source
from aios.tools.text import content_words, sentences, spoken_count

Embed = Callable[[Sequence[str]], np.ndarray]

_QUOTE = re.compile(r"^[\"“](?P<quote>[^\"”]+?)[,.!?]?[\"”],?\s+(?:(?P<verb>said|says|added|adds|told \w+)\s+"
                    r"(?P<who>[^.]+?)|(?P<who2>[^.]+?)\s+(?P<verb2>said|says|added|adds))\.?$")
_BYLINE = re.compile(r"^(?:By|From)\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}[.,]?$")  # a byline set as a sentence
_PRONOUN = re.compile(r"^(?:he|she|they|it|we|i)$", re.IGNORECASE)
_ASIDES = (re.compile(r"\s*\([^)]*\)"),  # parentheticals
           re.compile(r",\s+(?:who|which|whose)\s+[^,]+,"),  # "the mayor, who took office in 2020, said"
           re.compile(r"^(?:However|Meanwhile|In addition|Additionally|Also|Still|Separately),\s+", re.IGNORECASE))


def attributed(text: str) -> str | None:
    """A quote said with its speaker first ('Ana Ruiz said: "..."'); None when only a pronoun says who spoke
    (a viewer cannot tell who 'she' is); the sentence itself when it is no bare quote."""
    found = _QUOTE.match(text.strip())
    if not found:
        return text
    who = (found["who"] or found["who2"] or "").strip()
    if _PRONOUN.match(who):
        return None
    verb = found["verb"] or found["verb2"]
    verb = {"says": "said", "adds": "added"}.get(verb, verb)
    return f"{who[:1].upper() + who[1:]} {verb}: “{found['quote'].strip()}.”"


def compress(text: str) -> str:
    """The sentence without its asides (parentheticals, 'who/which' clauses, opening connectives)."""
    short = text
    for pattern in _ASIDES:
        short = pattern.sub("", short)
    short = short.strip()
    return short[:1].upper() + short[1:] if short else text


def rank(source: str, embed: Embed | None = None) -> list[tuple[int, str, float]]:
    """(position, sentence, score) for the source's sentences (dateline and byline removed) that a summary can say:
    central to the article, carrying figures, and early (the lead most)."""
    found = [(i, said) for i, text in enumerate(sentences(clean_source(source)))
             if not _BYLINE.match(text) and (said := attributed(text)) is not None and len(content_words(said)) >= 2]
    if not found:
        return []
    central = _centrality([text for _, text in found], embed)
    scored = []
    for (position, text), centre in zip(found, central, strict=True):
        figures = len(callouts(text)) + bool(re.search(r"\d", text))
        lead = 2.5 if position == 0 else 0.0  # the news is in the lead sentence
        scored.append((position, text, centre + 1.5 * min(figures, 2) + lead - position * 0.05))
    return scored


def _centrality(texts: list[str], embed: Embed | None) -> list[float]:
    """How much each sentence shares with the whole article, on a 0-4 scale."""
    if embed is not None and len(texts) > 1:
        vectors = embed(texts)
        centroid = vectors.mean(axis=0)
        centroid = centroid / (np.linalg.norm(centroid) or 1.0)
        return [float(4.0 * max(0.0, v @ centroid)) for v in vectors]
    terms = [content_words(t) for t in texts]
    counts = Counter(w for words in terms for w in words)
    raw = [sum(counts[w] for w in words) / math.sqrt(len(words)) for words in terms]
    top = max(raw) or 1.0
    return [4.0 * r / top for r in raw]


def summarize(source: str, room: int, avoid: Callable[[str], bool], embed: Embed | None = None,
              taken: Sequence[str] = ()) -> list[str]:
    """The best sentences that fit `room` words, in the article's order; one too long is compressed first."""
    chosen: list[tuple[int, str]] = []
    used = 0
    for position, text, _ in sorted(rank(source, embed), key=lambda c: -c[2]):
        for option in dict.fromkeys((text, compress(text))):
            if used + spoken_count(option) <= room and not avoid(option) and option not in taken:
                chosen.append((position, option))
                used += spoken_count(option)
                break
    return [text for _, text in sorted(chosen)]
