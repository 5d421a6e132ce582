"""Written English to what a narrator says, word by word: time ranges ("8am-8pm": "8 a.m. to 8 p.m."), day
ranges, phone numbers digit by digit, e-mail and web addresses with their dots, "24/7", "e.g.". Captions keep the
words as written: each written word maps to the spoken words it became, so its timing spans them."""

from __future__ import annotations

import re
from dataclasses import dataclass

_CLOCK = r"(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?"
_TIME_RANGE = re.compile(rf"^{_CLOCK}[-–]{_CLOCK}$", re.IGNORECASE)
_TIME = re.compile(r"^(\d{1,2}(?::\d{2})?)(am|pm)$", re.IGNORECASE)
_DAYS = {"mon": "Monday", "tue": "Tuesday", "tues": "Tuesday", "wed": "Wednesday", "thu": "Thursday",
         "thur": "Thursday", "thurs": "Thursday", "fri": "Friday", "sat": "Saturday", "sun": "Sunday"}
_DAY_RANGE = re.compile(r"^([A-Za-z]{3,9})[-–]([A-Za-z]{3,9})$")
_PHONE = re.compile(r"^\+?(?:\(\d{3}\)|\d{1,4})(?:[-.]\d{2,4}){1,3}$")
_YEARS = re.compile(r"^(?:19|20)\d\d[-–](?:(?:19|20)?\d\d)$")  # "2024-2025", "2024-25": years, not a phone
_EMAIL = re.compile(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$")
_URL = re.compile(r"^(?:https?://)?(?:www\.)?(?:[\w-]+\.)+(?:com|org|net|io|co|gov|edu|example|app|dev|ai|uk|de)"
                  r"(?:/[\w/.-]*)?$", re.IGNORECASE)
_WORDS = {"24/7": "24 7", "e.g.": "for example", "i.e.": "that is", "etc.": "et cetera", "&": "and", "w/": "with",
          "approx.": "about"}
_EDGE = re.compile(r"^([\"'(\[]*)(.*?)([\"')\].,;:!?]*)$")


def _meridiem(value: str | None) -> str:
    return {"am": "a.m.", "pm": "p.m."}.get((value or "").lower().replace(".", ""), "")


def _clock(hour: str, minutes: str | None, meridiem: str) -> str:
    said = f"{hour}:{minutes}" if minutes and minutes != "00" else hour
    return f"{said} {meridiem}".strip()


def _digits(text: str) -> str:
    groups = re.findall(r"\d+", text)
    return ", ".join(" ".join(group) for group in groups)


def say(word: str) -> str:
    """How one written word (punctuation kept around it) is said; unchanged when it needs no help."""
    lead, core, tail = _EDGE.match(word).groups()  # type: ignore[union-attr]  # the pattern matches any string
    lowered = core.lower()
    if lowered in _WORDS:
        return f"{lead}{_WORDS[lowered]}{tail}"
    if tail.startswith(".") and f"{lowered}." in _WORDS:
        return f"{lead}{_WORDS[lowered + '.']}{tail[1:]}"
    spoken = core
    if found := _TIME_RANGE.match(core):
        h1, m1, p1, h2, m2, p2 = found.groups()
        first, second = _meridiem(p1), _meridiem(p2)
        if second or first:
            spoken = f"{_clock(h1, m1, first if first != second else '')} to {_clock(h2, m2, second or first)}"
    elif found := _TIME.match(core):
        spoken = f"{found.group(1)} {_meridiem(found.group(2))}"
    elif (found := _DAY_RANGE.match(core)) and {found.group(1).lower()[:3], found.group(2).lower()[:3]} <= {
            d[:3] for d in _DAYS}:
        first, second = (_DAYS.get(g.lower(), _DAYS.get(g.lower()[:3], g)) for g in found.groups())
        spoken = f"{first} to {second}"
    elif _PHONE.match(core) and sum(c.isdigit() for c in core) >= 7 and not _YEARS.match(core):
        spoken = _digits(core)
    elif _EMAIL.match(core):
        user, domain = core.split("@", 1)
        spoken = f"{user.replace('.', ' dot ')} at {domain.replace('.', ' dot ')}"
    elif _URL.match(core) and "." in core:
        address = re.sub(r"^(?:https?://)?(?:www\.)?", "", core, flags=re.IGNORECASE).rstrip("/")
        spoken = address.replace(".", " dot ").replace("/", " slash ")
    return f"{lead}{spoken}{tail}"


@dataclass(frozen=True)
class Spoken:
    """The text to synthesize, and how many of its words each written word became."""

    text: str
    spans: tuple[int, ...]


def speakable(text: str, language: str = "en") -> Spoken:
    """The narration as a narrator says it (English; other languages' engines read their own numbers)."""
    written = text.split()
    english = language.split("-")[0].lower() == "en"
    said = [say(w) if english else w for w in written]
    return Spoken(text=" ".join(said), spans=tuple(len(s.split()) for s in said))
