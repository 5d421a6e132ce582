"""Copy scorers: does a storyboard read like written copy, or like the brief read aloud?

directive_echo: the narration or headlines repeat the requester's directive or format words ("explain",
"announce", "30-second", "vertical video"); filler: a narration sentence that carries no fact, hook or call to
action; headline_repeats_line: a headline that is only the first words of its own line; speech_fill: spoken
seconds over video seconds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from aios.tools.text import STOPWORDS, sentences

DIRECTIVE_VERBS = frozenset({
    "explain", "announce", "announcing", "invite", "inviting", "promote", "promoting", "make", "create", "produce",
    "summarize", "summarise", "summarizing", "recap", "mention", "tell", "remind", "introduce", "introducing",
    "showcase", "showcasing", "highlight", "highlighting", "describe", "share", "write"})
FORMAT_WORDS = frozenset({
    "video", "videos", "clip", "reel", "reels", "spot", "ad", "promo", "teaser", "trailer", "explainer",
    "vertical", "horizontal", "square", "landscape", "portrait", "tiktok", "shorts", "storyboard", "voiceover"})
_DURATION = re.compile(r"\b\d+(?:\.\d+)?[\s-]*(?:seconds?|secs?|minutes?|mins?)\b", re.IGNORECASE)
_WORD = re.compile(r"[\w$%][\w$%'.-]*[\w%]|\w")


def _words(text: str) -> list[str]:
    return [w.lower().strip(".'") for w in _WORD.findall(text)]


def directive_sentences(brief: str) -> list[str]:
    """The brief's sentences that ask for the video rather than state facts: they start with a directive verb
    (optionally after 'please'), name the video's format ('... vertical video ...'), or open with its length ('A
    30-second ...'); a fact such as 'It folds in 10 seconds' is not one."""
    found = []
    for sentence in sentences(brief):
        words = _words(sentence)
        first = words[1] if words[:1] == ["please"] and len(words) > 1 else (words[0] if words else "")
        opens_with_length = bool(_DURATION.match(re.sub(r"^(?:an?\s+)", "", sentence.strip(), flags=re.I)))
        at = words.index(first) if first in words else 0
        to_viewer = words[at + 1: at + 2] in (["your"], ["you"], ["yourself"])  # "Tell your manager ...": a fact
        if (first in DIRECTIVE_VERBS and not to_viewer) or FORMAT_WORDS & set(words) or opens_with_length:
            found.append(sentence)
    return found


def directive_terms(brief: str) -> set[str]:
    """The directive and format words the brief's directive sentences use (durations like '30-second' included)."""
    terms: set[str] = set()
    for sentence in directive_sentences(brief):
        terms |= {w for w in _words(sentence) if w in DIRECTIVE_VERBS | FORMAT_WORDS}
        terms |= {m.group(0).lower().replace(" ", "-") for m in _DURATION.finditer(sentence)}
    return terms


def directive_echo(brief: str, lines: Sequence[str]) -> list[str]:
    """The brief's directive or format words that the narration or headlines repeat (empty: none)."""
    said = " ".join(lines).lower()
    spoken = set(_words(said)) | {m.group(0).lower().replace(" ", "-") for m in _DURATION.finditer(said)}
    return sorted(directive_terms(brief) & spoken)


def _content(text: str) -> set[str]:
    return {w for w in _words(text) if (len(w) > 2 or w[:1].isdigit()) and w not in STOPWORDS}


def fillers(narration: Sequence[str], brief: str, source: str = "", call_to_action: str = "") -> list[str]:
    """The narration's sentences, past the opening hook (the first sentence) and before the closing call to action
    (the last scene's line), that share no content word or number with the brief, its source or its call to
    action."""
    if len(narration) < 2:
        return []
    body = [s for line in narration[:-1] for s in sentences(line)][1:]
    known = _content(f"{brief} {source} {call_to_action}")
    return [s for s in body if not _content(s) & known]


def headline_repeats_line(headline: str, line: str) -> bool:
    """Whether the headline is just the first words of its line."""
    shown, said = _words(headline), _words(line)
    return bool(shown) and said[: len(shown)] == shown


def speech_fill(spoken_s: float, video_s: float) -> float | None:
    """Spoken seconds over video seconds."""
    return round(spoken_s / video_s, 4) if video_s > 0 else None
