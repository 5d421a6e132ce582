"""On-screen headlines a viewer reads at a glance: a callout (price, percentage, count, date, address) or the key
phrase of the line, never its first words, and never cut in the middle of a phrase."""

from __future__ import annotations

import re

from aios.tools.text import STOPWORDS, sentences

_NUMBER = r"(?:\d[\d,]*(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|" \
          r"thirty|forty|fifty|sixty|hundred)"
_UNITS = (r"(?:hours?|days?|weeks?|months?|years?|miles?|km|kilometres?|kilometers?|minutes?|people|members|"
          r"customers|employees|stores?|locations?|countries|cities|colou?rs|sizes|models|steps|seats|spots|"
          r"workshops|sessions|speakers|languages|times|x|"
          r"días|horas|semanas|meses|años|heures|jours|semaines|mois|ans|stunden|tage|wochen|monate|jahre|urlaubstage|"
          r"kilogramm|kilogramos|kilos|quilos|chilometri|dias|anos|ore|giorni|settimane|mesi|anni)")
MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
CALLOUTS = (
    re.compile(r"[$€£]\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:million|billion|k)\b)?|\b\d[\d,]*(?:\.\d+)?\s?"
               r"(?:(?:million|billion)\s)?(?:dollars|euros?|pounds)\b", re.IGNORECASE),
    re.compile(r"\b\d+(?:[.,]\d+)?\s?(?:%|prozent\b|por ciento\b|pour cent\b|per cento\b)(?:\s+off\b)?",
               re.IGNORECASE),
    re.compile(rf"\b{_NUMBER}(?:\s+{_UNITS}\b|-{_UNITS}\b)", re.IGNORECASE),
    re.compile(rf"\b{MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTHS}\b"),
    re.compile(r"\b(?:[\w-]+\.)+(?:com|org|net|io|co|gov|edu|example|app|dev)(?:/[\w/.-]*[\w/])?", re.IGNORECASE),
)
VERBS = frozenset("""is are was were be been has have had will can may must gets get got covers cover grows grow
    rises rise falls fall closes close opens open starts start begins begin runs run ends end tracks track costs cost
    offers offer includes include adds add brings bring comes come gives give lets let makes make keeps keep moves
    move returns return needs need takes take goes go becomes become launches launch arrives arrive features
    feature stays stay saves save helps help shows show means mean supports support lasts last doubles double
    reaches reach joins join leads lead welcomes welcome voted votes will've""".split())
_LEADING = frozenset({"the", "a", "an", "our", "your", "its", "their", "this", "that", "these", "those", "and",
                      "but", "so", "now", "also", "it", "we", "you", "they", "be", "been", "being", "is", "are",
                      "will", "can", "get", "gets"})
_TRAILING = frozenset(STOPWORDS | {"on", "in", "at", "for", "to", "of", "from", "with", "by", "and", "or", "until"})


def callout(line: str) -> str | None:
    """The line's most telling figure: a price, a percentage, a count with its unit, a date, or a web address."""
    for pattern in CALLOUTS:
        found = pattern.search(line)
        if found:
            return found.group(0).strip()
    return None


def callouts(line: str) -> list[str]:
    """Every figure in the line, in order of appearance."""
    found = sorted({(m.start(), m.group(0).strip()) for pattern in CALLOUTS for m in pattern.finditer(line)})
    kept: list[tuple[int, str]] = []
    for start, text in found:  # a figure inside a longer one ("20%" in "20% off") is the longer one
        if kept and start < kept[-1][0] + len(kept[-1][1]):
            if len(text) > len(kept[-1][1]):
                kept[-1] = (start, text)
            continue
        kept.append((start, text))
    return [text for _, text in kept]


def has_verb(text: str) -> bool:
    """Whether a sentence has a verb we know (else it is a fragment such as a list of features)."""
    words = re.findall(r"[a-z']+", text.lower())
    return any(w in VERBS or w.endswith(("'s", "'re", "'ll", "n't")) for w in words) or bool(
        re.search(r"\b\w{3,}ed\b", text.lower()))


_SPEAKER = re.compile(r"\b(?:said|says|according to)\s+((?:[A-Z][\w.'-]*\s?){1,4})")


def key_phrase(line: str, limit: int = 5) -> str | None:
    """What the line is about, as a short phrase: a quote's speaker, what follows its verb, or its last clause."""
    speaker = _SPEAKER.search(line) if re.search(r"[\"“”]", line) else None
    if speaker:
        return speaker.group(1).strip()
    clean = re.sub(r"[\"“”]", "", line).strip(" .!?")
    words = clean.split()
    verb = next((i for i, w in enumerate(words[:6]) if i and w.lower().strip(",") in VERBS), None)
    tail = words[verb + 1:] if verb is not None else re.split(r",\s*|\s+and\s+", clean)[-1].split()
    return _tidy(tail, limit)


def _tidy(words: list[str], limit: int) -> str | None:
    words = [w.strip(",;:") for w in words]
    while words and words[0].lower() in _LEADING:
        words.pop(0)
    cut = re.split(r"[,;:]", " ".join(words[: limit + 3]))[0].split()[:limit]
    while cut and cut[-1].lower() in _TRAILING:
        cut.pop()
    if not cut:
        return None
    text = " ".join(cut)
    return text[:1].upper() + text[1:]


def repeats(headline: str, line: str) -> bool:
    """Whether the headline is just the first words of the line."""
    shown = re.findall(r"[a-z0-9$%']+", headline.lower())
    said = re.findall(r"[a-z0-9$%']+", line.lower())
    return bool(shown) and said[: len(shown)] == shown


def shorten(phrase: str, limit: int = 6) -> str:
    """A phrase of at most `limit` words: cut at a sentence's end, else before a preposition, never inside what
    follows it ("Returns fell from 4% to 3%", not "... Summit on June")."""
    words = phrase.split()
    if len(words) <= limit:
        return phrase
    end = next((i for i, w in enumerate(words[:limit]) if i and w.endswith((".", "!", "?"))), None)
    if end is not None:
        return " ".join(words[: end + 1]).rstrip(".!?")
    cut = next((i for i in range(limit, 1, -1) if words[i].lower() in _BREAKS), limit)
    kept = words[:cut]
    while len(kept) > 2 and kept[-1].lower() in _TRAILING - {"us", "you", "it", "them", "me"}:
        kept.pop()
    return " ".join(kept).rstrip(",;:-")


_BREAKS = frozenset({"on", "in", "at", "for", "to", "of", "from", "with", "by", "until", "and", "or", "near"})


# Articles, prepositions and conjunctions of es, fr, de, pt, it: a headline neither starts nor ends with one.
_FUNCTION = frozenset("""à el la los las un una unos unas de del en a al y o para por con se es le les des du et ou
    pour par avec dans sur au aux est der die das den dem des ein eine einen einem und oder für mit in im am zum zur
    ist es gibt o os as um uma do da dos das em no na nos nas e ou com é il lo gli i un di della dello e per nel
    nella alla ci sono""".split())

_AND = frozenset({"y", "o", "et", "ou", "und", "oder", "e"})


def tail_phrase(line: str, limit: int = 4) -> str | None:
    """Outside English: the phrase that ends the line's last clause ("música y comida local"), without the
    articles and prepositions around it; what a sentence says last is most often what it is about."""
    clause = re.split(r"[,;:]", re.sub(r"[\"“”«»¡¿]", "", line).strip(" .!?"))[-1].split()
    tail = clause[-limit:]
    cut = min((i + 1 for i, w in enumerate(tail) if w.lower() in _FUNCTION - _AND and len(tail) - i - 1 >= 2),
              default=0)
    tail = tail[cut:]
    while tail and tail[0].lower() in _FUNCTION:
        tail.pop(0)
    text = " ".join(tail)
    return text[:1].upper() + text[1:] if len(tail) >= 1 else None


def headline(line: str, fallback: str = "", limit: int = 5, taken: frozenset[str] = frozenset(),
             language: str = "en") -> str:
    """The headline for a line: its callout, else its key phrase, else `fallback`; never the line's first words,
    and not one another scene already shows (`taken`)."""
    first = (sentences(line) or [line])[0]
    phrase = key_phrase(first, limit) if language.startswith("en") else tail_phrase(first)
    for candidate in (*callouts(line), phrase, fallback):
        candidate = (candidate or "").strip(" .,;:")
        if candidate and not repeats(candidate, line) and candidate.lower() not in taken:
            return candidate[:1].upper() + candidate[1:] if not candidate[:1].isdigit() else candidate
    return fallback
