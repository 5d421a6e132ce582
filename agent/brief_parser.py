"""Read the optional fields a brief states in words: duration, aspect, tone, subject."""

from __future__ import annotations

import re

from aios.kernel.vocab import TONES

NUMBER_WORDS = {"ten": 10, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "forty-five": 45,
                "fifty": 50, "sixty": 60, "ninety": 90, "one": 1, "two": 2, "three": 3, "five": 5}
_DURATION = re.compile(
    r"\b(\d+(?:\.\d+)?|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
    r"[\s-]*(seconds?|secs?|s|minutes?|mins?|m)\b", re.IGNORECASE)
ASPECT_WORDS: tuple[tuple[str, str], ...] = (
    (r"\b9\s*[:x/]\s*16\b|\bvertical\b|\bportrait\b|\btiktok\b|\breels?\b|\bstories\b|\bshorts\b",
     "9:16"),
    (r"\b1\s*[:x/]\s*1\b|\bsquare\b", "1:1"),
    (r"\b4\s*[:x/]\s*5\b|\binstagram feed\b|\bfeed post\b", "4:5"),
    (r"\b16\s*[:x/]\s*9\b|\bhorizontal\b|\blandscape\b|\bwidescreen\b|\byoutube\b", "16:9"),
)
_SUBJECT = re.compile(
    r"\b(?:announcing|announce|launching|launch|introducing|introduce|promoting|promote|"
    r"about|explaining|explain|explainer on|inviting (?:\w+ ){0,3}to|invite (?:\w+ ){0,3}to|"
    r"summari[sz]ing|summary of|recap of|recapping|showcasing|showcase|celebrating|celebrate|"
    r"highlighting|highlight|(?:videos?|clips?|explainers?|reels?|spots?|ads?|promos?) on|for)\s+"
    r"(.+?)(?=[,.;:!?]|\s+(?:with|in an?|using|that|which|targeting|aimed)\b|$)", re.IGNORECASE)
_FORMAT_WORDS = re.compile(
    r"\b(?:an?\s+)?(?:\d+(?:\.\d+)?[\s-]*(?:seconds?|secs?|s|minutes?|mins?)[\s-]*(?:long)?|"
    r"vertical|horizontal|square|portrait|landscape|short|quick|brief|"
    + "|".join(TONES) + r")\b", re.IGNORECASE)


_OF_THE_VIDEO = re.compile(  # what follows a length that is the video's: "... landscape news summary", "... long"
    r"(?:[\w:-]+\s+){0,3}?(?:videos?|clips?|reels?|spots?|ads?|promos?|teasers?|trailers?|explainers?|invitations?|"
    r"summary|summaries|stories|story|shorts?|cuts?|versions?|reminders?|messages?|announcements?|updates?|"
    r"overviews?|intros?|introductions?|recaps?|tours?|tutorials?|guides?|walkthroughs?|welcomes?|greetings?|"
    r"thank-you|pitch|showcases?|highlights|montages?|campaigns?|commercials?|testimonials?|long)\b",
    re.IGNORECASE)
_ASKED = re.compile(r"\b(?:make it|keep it|under|at most|no more than|no longer than|about|around|lasting|runs?|"
                    r"length of|duration of|should be)\s*$", re.IGNORECASE)
_VIDEO_NOUN = re.compile(r"\b(?:videos?|clips?|reels?|spots?|ads?|promos?|teasers?|explainers?)\b", re.IGNORECASE)


def parse_duration(text: str) -> float | None:
    """The video's length stated in the text ('a 30-second vertical video', 'make it 1 minute', 'ninety seconds
    long'), in seconds; a length that belongs to a fact ('15-minute breaks', 'folds in 10 seconds') is not it."""
    for match in _DURATION.finditer(text):
        after, before = text[match.end():].lstrip(" -"), text[: match.start()]
        sentence_start = before[before.rfind(".") + 1:]
        clause_ends = not re.search(r"\w", re.split(r"[.,;!?]", text[match.end():])[0])
        asked = clause_ends and (_ASKED.search(sentence_start) or _VIDEO_NOUN.search(sentence_start))
        if _OF_THE_VIDEO.match(after) or asked:
            raw, unit = match.group(1).lower(), match.group(2).lower()
            value = float(NUMBER_WORDS.get(raw, 0) or raw)
            return value * 60 if unit.startswith("m") else value
    return None


def parse_aspect(text: str) -> str | None:
    """The aspect ratio the text asks for, if any."""
    for pattern, aspect in ASPECT_WORDS:
        if re.search(pattern, text, re.IGNORECASE):
            return aspect
    return None


def parse_tone(text: str) -> str | None:
    """The first tone word the text uses, if any."""
    lowered = text.lower()
    found = [(lowered.find(t), t) for t in TONES if re.search(rf"\b{t}\b", lowered)]
    return min(found)[1] if found else None


def parse_subject(text: str) -> str:
    """What the video is about: the phrase after 'announcing', 'about', 'promoting', 'a video on'... in the first
    sentence that has one (a later 'for children' is a fact, not the subject)."""
    match = next((m for m in map(_SUBJECT.search, re.split(r"(?<=[.!?])\s+", text)) if m), None)
    phrase = match.group(1) if match else text.split(".")[0]
    phrase = _FORMAT_WORDS.sub("", phrase)
    phrase = re.sub(r"^\s*(?:an?|the)?\s*(?:video|clip|ad|spot)\b\s*", "", phrase, flags=re.I)
    phrase = " ".join(phrase.split()).strip(" ,.-")
    words = phrase.split()
    return " ".join(words[:8]) if words else "our news"
