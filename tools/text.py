"""Plain-text helpers: sentences, words, keywords and slugs (no engine, no I/O)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had
    has have having he her here hers herself him himself his how i if in into is it its itself just
    me more most my myself no nor not now of off on once only or other our ours ourselves out over
    own same she should so some such than that the their theirs them themselves then there these
    they this those through to too under until up very was we were what when where which while who
    whom why will with would you your yours yourself yourselves video clip second seconds sec s
    make create produce want need please let us get new also one two three via per like
    here's we've it's you're we're don't can't let's that's there's what's you'll we'll
    must made every find know today big great take just""".split()
)

# After . ! or ? (and a closing quote), before a capital, a digit or an opening quote (“, ¿, ¡).
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’]))\s+(?=[\"'“‘¿¡A-ZÀ-Ý0-9])")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-]*")


def sentences(text: str) -> list[str]:
    """Split text into sentences, dropping empties."""
    flat = " ".join(text.split())
    return [s.strip() for s in _SENTENCE_END.split(flat) if s.strip()]


def words(text: str) -> list[str]:
    """The words of a text, in order, as written."""
    return _WORD.findall(text)


def word_count(text: str) -> int:
    """How many words a narration has (what pacing is computed from)."""
    return len(words(text))


_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_SAID_SYMBOLS = re.compile(r"[%$€£¥]")


def spoken_count(text: str, language: str = "en") -> int:
    """How many words a narration takes to say, what pacing needs: the written words, each number counted as the
    words it is read as ('2025' 3, '$1,900' 5 with its currency, '5%' 2)."""
    total = 0
    for token in text.split():
        numbers = _NUMBER.findall(token)
        if not numbers:
            total += len(words(token))
            continue
        total += sum(_said(n, language) for n in numbers) + len(_SAID_SYMBOLS.findall(token))
        total += len(words(_NUMBER.sub(" ", token)))
    return total


def _said(number: str, language: str) -> int:
    """Words in a number read aloud (a four-digit 1000-2099 as a year)."""
    from num2words import num2words

    plain = number.rstrip(",").replace(",", "")
    try:
        value: float = float(plain) if "." in plain else int(plain)
    except ValueError:
        return 1
    year = "." not in plain and len(plain) == 4 and 1000 <= value <= 2099 and "," not in number.rstrip(",")
    try:
        said = num2words(value, lang=language.split("-")[0], **({"to": "year"} if year else {}))
    except (NotImplementedError, OverflowError, TypeError, ValueError):
        said = num2words(value, **({"to": "year"} if year else {}))
    return len([w for w in re.split(r"[\s\-,]+", said) if w])


_LEAD = re.compile(r"^.*(?:\b(?:expect|enjoy|there will be|there'll be|includes?|including|featuring|with|offers?|"
                   r"get|gets|brings?|covers?|has|have|are|is)\s+|:\s*)", re.IGNORECASE)
_QUOTE = re.compile(r"[\"“]([^\"”]{12,}?)[\"”]")


def enumeration(text: str) -> list[str]:
    """The two or three things a sentence lists ('Expect keynotes, hands-on workshops and an awards dinner.' ->
    ['Keynotes', 'Hands-on workshops', 'An awards dinner']); [] when no sentence is a short list."""
    for sentence in sentences(text):
        body = sentence.rstrip(".!?").strip()
        if " and " not in body or "," not in body:
            continue
        parts = [p.strip() for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", body) if p.strip()]
        parts[0] = _LEAD.sub("", parts[0]).strip()
        if 2 <= len(parts) <= 3 and all(1 <= len(p.split()) <= 6 for p in parts):
            return [p[:1].upper() + p[1:] for p in parts]
    return []


def quotation(text: str) -> tuple[str, str] | None:
    """(what was said, who said it) for a line that quotes someone ('Mayor Ana Ruiz said: "..."'), else None."""
    found = _QUOTE.search(text)
    if found is None or len(found.group(1).split()) < 4:
        return None
    speaker = re.sub(r"\b(?:said|says|adds|added|told \w+)\b[:,]?\s*$", "", text[:found.start()].strip(), flags=re.I)
    return found.group(1).strip(), speaker.strip(" ,:-")


def content_words(text: str) -> list[str]:
    """Lower-cased words that are not stopwords or numbers."""
    return [
        w.lower().strip("'’-")
        for w in words(text)
        if w.lower() not in STOPWORDS and not w.isdigit() and len(w) > 1
    ]


def keywords(text: str, limit: int = 5) -> list[str]:
    """The most frequent content words, first-seen order breaking ties."""
    counts = Counter(content_words(text))
    order = {w: i for i, w in reversed(list(enumerate(content_words(text))))}
    ranked = sorted(counts, key=lambda w: (-counts[w], order[w]))
    return ranked[:limit]


def slugify(text: str, limit: int = 48) -> str:
    """A file-name-safe slug: ascii, lower case, hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return (slug[:limit].rstrip("-") or "video")


def truncate_words(text: str, limit: int) -> str:
    """At most `limit` words of text, without trailing punctuation debris."""
    parts = text.split()
    if len(parts) <= limit:
        return text.strip()
    return " ".join(parts[:limit]).rstrip(",;:-")
