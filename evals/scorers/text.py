"""Text scorers: normalization for fair comparison, word error rate, and coverage of facts."""

from __future__ import annotations

import re
from dataclasses import dataclass

import jiwer
from num2words import num2words

ABBREVIATIONS = {"a.m.": " am ", "p.m.": " pm ", "&": " and ", "%": " percent ", "+": " plus "}
NUMBER = re.compile(r"\$?\d+(?:,\d{3})*(?:\.\d+)?(?:st|nd|rd|th)?")
WORD = re.compile(r"[a-z0-9]+")
MERIDIEM = re.compile(r"\b([ap])\s?\.\s?m\b\.?")  # "a.m.", "a .m." (as Whisper writes it)
ATTACHED = re.compile(r"(\d)([ap]m)\b")  # "9am"


def _spell(match: re.Match[str]) -> str:
    token = match.group(0)
    money = token.startswith("$")
    token = token.lstrip("$").replace(",", "")
    ordinal = token[-2:] in ("st", "nd", "rd", "th") and token[:-2].isdigit()
    if ordinal:
        words = num2words(int(token[:-2]), to="ordinal")
    elif "." in token:
        words = num2words(float(token))
    else:
        words = num2words(int(token))
    return f" {words}{' dollars' if money else ''} "


def normalize(text: str) -> list[str]:
    """Lowercase words with numbers spelled out, symbols said, punctuation and apostrophes dropped."""
    lowered = ATTACHED.sub(r"\1 \2", MERIDIEM.sub(r" \1m ", text.lower().replace("’", "'")))  # all "9 am"
    for symbol, said in ABBREVIATIONS.items():
        lowered = lowered.replace(symbol, said)
    spelled = NUMBER.sub(_spell, lowered).replace("'", "").replace("-", " ")
    return WORD.findall(spelled)


@dataclass(frozen=True)
class WordErrors:
    """Word error rate and its parts against a reference of `words` words."""

    wer: float
    substitutions: int
    deletions: int
    insertions: int
    words: int


def word_errors(reference: str, hypothesis: str) -> WordErrors:
    """WER of what was heard against what was meant to be said, after normalizing both."""
    ref, hyp = " ".join(normalize(reference)), " ".join(normalize(hypothesis))
    if not ref:
        raise ValueError("the reference has no words")
    out = jiwer.process_words(ref, hyp or "<silence>")
    return WordErrors(round(out.wer, 4), out.substitutions, out.deletions, out.insertions,
                      out.substitutions + out.deletions + out.hits)


def mentions(fact: str, text: str) -> bool:
    """Whether the fact's normalized words appear, in order and together, in the text."""
    want, have = normalize(fact), normalize(text)
    if not want:
        return True
    return any(have[i : i + len(want)] == want for i in range(len(have) - len(want) + 1))


def coverage(facts: list[str], text: str) -> tuple[float, list[str]]:
    """Share of facts the text mentions (1.0 when there are none), and the ones it misses."""
    missing = [fact for fact in facts if not mentions(fact, text)]
    return (1.0 if not facts else round(1 - len(missing) / len(facts), 4)), missing
