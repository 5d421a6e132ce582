"""Read a brief as a copywriter would: the directive (what the requester asks for: never spoken), the facts (what
the video says), a call to action, and the audience."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from aios.agent.planners.languages import phrases
from aios.tools.text import sentences, word_count

# Verbs that ask for the video itself ("Explain our benefits to staff"): the sentence frames, it is not narrated.
FRAMING = ("explain", "explains", "explaining", "announce", "announcing", "invite", "inviting", "promote",
           "promoting", "summarize", "summarise", "summarizing", "summarising", "recap", "launch", "introduce",
           "introducing", "showcase", "showcasing", "celebrate", "create", "make", "produce", "write", "describe",
           "share", "tell", "walk", "present", "cover", "advertise", "advertising", "feature", "build")
# Verbs that ask for a fact to be said ("Mention that everything is 40% off"): the rest of the sentence is narrated.
_SAY = re.compile(
    r"^(?:please\s+)?(?:mention|highlight|include|say|note|stress|emphasi[sz]e|add|point out|make sure (?:to )?"
    r"(?:mention|say)|(?:tell|remind) (?:viewers|people|them|everyone|staff|customers|the audience)(?: that| to)?)"
    r"\s+(?:that\s+)?", re.IGNORECASE)
_FORMAT = re.compile(r"\b(?:\d+(?:\.\d+)?[\s-]*(?:seconds?|secs?|minutes?|mins?)(?:[\s-]*long)?|videos?|clips?|"
                     r"reels?|spots?|ads?|promos?|teasers?|trailers?|explainers?|vertical|horizontal|square|"
                     r"landscape|portrait|tiktok|shorts|instagram|linkedin|youtube|voice-?over)\b", re.IGNORECASE)
# A sentence that names the video itself ("A 15-second square video for our new cold brew") asks for it.
_VIDEO = re.compile(r"\b(?:videos?|clips?|reels?|spots?|ads|promo|teasers?|trailers?|explainers?|voice-?over)\b|"
                    r"^(?:an?\s+)?\d+(?:\.\d+)?[\s-]*(?:seconds?|secs?|minutes?|mins?)\b", re.IGNORECASE)
_HOW_TO = re.compile(r"^\s*(?:a\s+)?(?:step[- ]by[- ]step(?:\s+guide)?(?:\s+to)?[:\s]*)?how\s+to\b", re.IGNORECASE)
# Labels that head a brief's line ("Service notice: ...", "Q4 results: ..."): what follows is the content.
_LABELS = re.compile(r"\b(?:tutorial|guide|step[- ]by[- ]step|how-to|results|recruiting|notice|job opening|careers|"
                     r"year in review|milestones|annual report|update)\b", re.IGNORECASE)
# "Tell your manager ..." or "Share your ideas ..." speak to the viewer: a fact, not a request for the video.
_TO_VIEWER = re.compile(r"^(?:please\s+)?[a-z]+\s+(?:your|you|yourself)\b", re.IGNORECASE)
_TONE = re.compile(r"\b(?:upbeat|calm|friendly|formal|playful|urgent|warm|serious|energetic|professional|fun|"
                   r"neutral|inspiring|casual|bold|light-hearted)\b", re.IGNORECASE)
_CTA = re.compile(r"^(?:please\s+)?(?:(?:register|sign up|shop|buy|visit|book|join|learn|download|apply|enrol+|rsvp|"
                  r"reserve|subscribe|contact|follow|get yours|grab|claim|reach out|check out|find out|discover|"
                  r"pre-?order)\b|(?:order|call|email|try|ask|see|start|come)\s+(?:us|now|today|our|your|the|it|in|"
                  r"by|at|with|for|and|online)\b)", re.IGNORECASE)  # "Start times vary" is a fact, "Start today" asks
_AUDIENCE = re.compile(r"\s+(?:to|for)\s+((?:our|all|the|your)?\s*(?:\w+\s+){0,2}(?:staff|employees|team|teams|"
                       r"customers|clients|members|followers|subscribers|students|parents|residents|partners|"
                       r"colleagues|users|audience|viewers|fans|community|shoppers|guests|patients|managers))\b",
                       re.IGNORECASE)
_LABEL = re.compile(r"(?<!\d):|:(?!\d)")  # a colon, but not one inside a ratio or a time (4:5, 10:30)
_DATELINE = re.compile(r"^[A-Z][A-Z .,'-]{2,40}(?:\([A-Za-z. ]+\))?\s*[—–-]{1,2}\s+")
_BYLINE = re.compile(r"^(?:by|from)\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}\s*[,.|—-]?\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Reading:
    """A brief, read: what to say (facts), how to close (cta), and for whom (audience)."""

    facts: list[str] = field(default_factory=list)
    cta: str | None = None
    audience: str | None = None
    directive: list[str] = field(default_factory=list)


def sentence(text: str) -> str:
    """Trimmed, capitalized, with a closing full stop."""
    text = text.strip().rstrip(",;:—– ")
    text = text[:1].upper() + text[1:]
    return text if not text or text[-1:] in ".!?" else text + "."


def _first_word(text: str) -> str:
    words = re.findall(r"[^\W\d_][\w'-]*", text.lower())
    return words[1] if words[:1] == ["please"] and len(words) > 1 else (words[0] if words else "")


def is_format_only(text: str) -> bool:
    """Whether a sentence only describes the video (length, shape, tone, channel): nothing to narrate."""
    rest = _TONE.sub(" ", _FORMAT.sub(" ", text))
    rest = re.sub(r"\b(?:an?|the|and|with|in|for|of|our|it|make|keep|please|should|be|must|feel|style|tone|"
                  r"format|aspect|ratio|length|long|short|quick|brief|music|voice|captions?|subtitles?)\b", " ",
                  rest, flags=re.IGNORECASE)
    return not re.search(r"[A-Za-z0-9]{2,}", rest) and bool(_FORMAT.search(text) or _TONE.search(text))


def audience_of(text: str) -> str | None:
    """Who the brief addresses ('staff', 'our LinkedIn followers'), if it says."""
    found = _AUDIENCE.search(text)
    return " ".join(found.group(1).split()) if found else None


def read(text: str, language: str = "en") -> Reading:
    """Sort the brief's sentences into directive, facts and call to action (the directive's verbs and format words
    in the brief's language too)."""
    words = phrases(language)
    framing = frozenset(FRAMING) | words.framing
    facts: list[str] = []
    directive: list[str] = []
    cta: str | None = None
    for raw in sentences(text):
        head, tail = _split_label(raw)
        first = _first_word(head)
        native = bool(words.format_words & {w.lower() for w in re.findall(r"[\w-]+", raw)})
        if tail and _HOW_TO.match(tail) and not _HOW_TO.match(head):  # "Tutorial: how to sign in ..."
            directive.append(raw)
        elif tail and (_HOW_TO.match(head) or first in framing or _FORMAT.search(head) or native
                       or _LABELS.search(head)):  # "Announce our sale: 20% off ...", "How to brew it: use ..."
            directive.append(head)
            facts += [sentence(part) for part in re.split(r";\s*", tail) if word_count(part) >= 2]
        elif _SAY.match(raw):
            facts.append(sentence(_SAY.sub("", raw)))
        elif (first in framing and not _TO_VIEWER.match(raw)) or is_format_only(raw) or _VIDEO.search(raw) or native:
            directive.append(raw)
        elif _CTA.match(raw) and cta is None and word_count(raw) <= 14:
            cta = sentence(raw)
        elif word_count(raw) >= 2:
            facts.append(sentence(raw))
    return Reading(facts=facts, cta=cta, audience=audience_of(text), directive=directive)


def _split_label(raw: str) -> tuple[str, str]:
    found = _LABEL.search(raw)
    return (raw[: found.start()], raw[found.end():].strip()) if found else (raw, "")


def clean_source(text: str) -> str:
    """An article without its dateline ("RIVERTON —") and byline ("By Dana Ortiz")."""
    lines = [_BYLINE.sub("", _DATELINE.sub("", line.strip())) for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


# Words every sentence of prose has one of (English, Spanish, French, German, Portuguese, Italian).
_FUNCTION_WORDS = frozenset("""the a an of and to in is are was for on with that it as by at from this be our we
    el la los las de y en es un una que por con del se su les le des et est une pour dans du der die das und ist
    mit den ein eine zu von o os as um uma do da em para il lo gli di che per""".split())


def usable_sentences(source: str) -> list[str]:
    """The source's sentences a summary can use: at least four real words (most have a vowel), one of them a
    function word ('the', 'de', 'und'...), as prose has and markup, code or noise has not."""
    found = []
    for text in sentences(clean_source(source)):
        words = re.findall(r"[A-Za-zÀ-ÿ]+", text)
        wordlike = [w for w in words if re.search(r"[aeiouyà-ÿ]", w, re.IGNORECASE) and len(w) < 25]
        prose = any(w.lower() in _FUNCTION_WORDS for w in words)
        if len(words) >= 4 and len(wordlike) >= 0.7 * len(words) and prose:
            found.append(text)
    return found
