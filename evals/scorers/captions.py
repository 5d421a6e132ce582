"""Caption sync: how far each caption cue's start is from when its first word is actually heard."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

import srt

from aios.evals.scorers.text import normalize
from aios.kernel.schemas import WordTiming


@dataclass(frozen=True)
class Cue:
    """A caption cue: when it appears and its words."""

    start: float
    text: str


def read_srt(path: Path) -> list[Cue]:
    """The cues of an .srt file, in order."""
    return [Cue(c.start.total_seconds(), c.content) for c in srt.parse(path.read_text(encoding="utf-8"))]


def cue_offsets(cues: list[Cue], heard: list[WordTiming]) -> list[float]:
    """Cue start minus the recognized start of the cue's first word (positive: the caption is late).

    Cue words and recognized words are aligned as sequences, so a word said twice is matched in place.
    Cues whose first word was not recognized, or was heard only inside a longer token ("dollars" in
    "$199"), have no start of their own and are left out.
    """
    ref: list[str] = []
    firsts: list[tuple[int, float]] = []
    for cue in cues:
        words = normalize(cue.text)
        if words:
            firsts.append((len(ref), cue.start))
            ref += words
    hyp: list[str] = []
    starts: list[float | None] = []  # only a recognized word's first token has a start of its own
    for word in heard:
        for k, token in enumerate(normalize(word.text)):
            hyp.append(token)
            starts.append(word.start if k == 0 else None)
    matched: dict[int, int] = {}
    for block in difflib.SequenceMatcher(None, ref, hyp, autojunk=False).get_matching_blocks():
        for k in range(block.size):
            matched[block.a + k] = block.b + k
    timed = [(start, starts[matched[index]]) for index, start in firsts if index in matched]
    return [round(cue - word, 3) for cue, word in timed if word is not None]
