"""Word timings for synthesized speech: align the script's words to the pauses heard in the audio.

The fallback for engines that cannot say when each word is spoken (see `TimedSpeech`); works for any
engine and language. Word lengths are estimated from spelling as syllables; word boundaries are then
snapped, by dynamic programming, to the silent gaps found in the signal (sentence and clause breaks
almost always fall on one). Boundaries without a gap are interpolated between their anchored neighbours.
"""

from __future__ import annotations

import re

import numpy as np

from aios.kernel.schemas import WordTiming
from aios.tools.audio import Samples

HOP_S = 0.01
MIN_GAP_S = 0.04
PUNCT_PAUSE = {",": 0.15, ";": 0.2, ":": 0.2, ".": 0.35, "!": 0.35, "?": 0.35}


def syllables(word: str) -> float:
    """A rough spoken length in syllables (digits count as spoken numbers)."""
    letters = re.sub(r"[^a-z0-9]", "", word.lower())
    digits = sum(ch.isdigit() for ch in letters)
    groups = len(re.findall(r"[aeiouy]+", re.sub(r"\d", "", letters)))
    if letters.endswith("e") and groups > 1:
        groups -= 1
    return max(1.0, groups + 1.3 * digits + (0.5 if len(letters) > 7 else 0.0))


def gaps(samples: Samples, rate: int) -> tuple[float, float, list[tuple[float, float]]]:
    """Where speech starts and ends, and the silent gaps (start, end) in between."""
    hop = max(1, int(rate * HOP_S))
    count = samples.size // hop
    if count == 0:
        return 0.0, samples.size / rate, []
    frames = samples[: count * hop].reshape(count, hop).astype(np.float64)
    level = 10 * np.log10(np.mean(frames**2, axis=1) + 1e-12)
    loud = level > max(-55.0, float(np.percentile(level, 90)) - 28.0)
    voiced = np.flatnonzero(loud)
    if voiced.size == 0:
        return 0.0, samples.size / rate, []
    first, last = int(voiced[0]), int(voiced[-1]) + 1
    found: list[tuple[float, float]] = []
    run = None
    for i in range(first, last):
        if not loud[i] and run is None:
            run = i
        elif loud[i] and run is not None:
            if (i - run) * HOP_S >= MIN_GAP_S:
                found.append((run * HOP_S, i * HOP_S))
            run = None
    return first * HOP_S, last * HOP_S, found


def _expected(words: list[str], weights: list[float], begin: float, end: float) -> list[float]:
    """Expected boundary times (after each word but the last) from word lengths and punctuation."""
    spans = [0.12 + 0.2 * weight for weight in weights]
    pauses = [PUNCT_PAUSE.get(w[-1:], 0.02) for w in words[:-1]] + [0.0]
    total = sum(spans) + sum(pauses)
    scale = (end - begin) / total if total else 0.0
    cursor, out = begin, []
    for span, pause in zip(spans[:-1], pauses[:-1], strict=True):
        cursor += span * scale
        out.append(cursor + pause * scale / 2)
        cursor += pause * scale
    return out


def _assign(expected: list[float], punct: list[bool], found: list[tuple[float, float]]) -> list[int]:
    """For each boundary, the index of the gap it sits on (or -1), by minimum-cost monotone matching."""
    n, m = len(expected), len(found)
    inf = float("inf")
    cost = np.full((n + 1, m + 1), inf)
    move = np.zeros((n + 1, m + 1), dtype=np.int8)
    cost[0, 0] = 0.0
    for j in range(1, m + 1):
        cost[0, j] = cost[0, j - 1] + _skip(found[j - 1])
        move[0, j] = 2
    for i in range(1, n + 1):
        cost[i, 0] = cost[i - 1, 0] + (1.5 if punct[i - 1] else 0.3)
        move[i, 0] = 1
        for j in range(1, m + 1):
            g0, g1 = found[j - 1]
            miss = 2.0 if punct[i - 1] else 0.6
            here = ((expected[i - 1] - (g0 + g1) / 2) / 0.35) ** 2 + _fit(punct[i - 1], g1 - g0)
            options = (cost[i - 1, j - 1] + here, cost[i - 1, j] + miss, cost[i, j - 1] + _skip(found[j - 1]))
            best = int(np.argmin(options))
            cost[i, j], move[i, j] = options[best], best
    chosen = [-1] * n
    i, j = n, m
    while i > 0 or j > 0:
        step = move[i, j]
        if step == 0:
            chosen[i - 1] = j - 1
            i, j = i - 1, j - 1
        elif step == 1:
            i -= 1
        else:
            j -= 1
    return chosen


def _fit(punctuated: bool, length: float) -> float:
    """Cost adjustment for a gap of `length` seconds between two words: sentence and clause breaks are
    long pauses, so long gaps are drawn to punctuation and kept away from words spoken together."""
    if punctuated:
        return -0.8 - 2.0 * min(length, 0.8)
    return 8.0 * max(0.0, length - 0.2)


def _skip(gap: tuple[float, float]) -> float:
    """Cost of a gap inside a word: short stop closures are common, long silences are not."""
    return max(0.0, (gap[1] - gap[0] - 0.06) * 20)


def align(text: str, samples: Samples, rate: int) -> list[WordTiming]:
    """Timings for each whitespace-separated word of `text` in the speech `samples`."""
    words = text.split()
    if not words:
        return []
    weights = [syllables(w) for w in words]
    begin, end, found = gaps(samples, rate)
    if len(words) == 1:
        return [WordTiming(words[0], round(begin, 3), round(end, 3))]
    expected = _expected(words, weights, begin, end)
    chosen = _assign(expected, [w[-1:] in PUNCT_PAUSE for w in words[:-1]], found)
    # Each boundary is an (end of word, start of next word) pair; anchored ones come from gaps.
    anchors: dict[int, tuple[float, float]] = {i: found[g] for i, g in enumerate(chosen) if g >= 0}
    bounds: list[tuple[float, float]] = []
    for i in range(len(expected)):
        if i in anchors:
            bounds.append(anchors[i])
            continue
        left = max((k for k in anchors if k < i), default=-1)
        right = min((k for k in anchors if k > i), default=len(expected))
        t0 = anchors[left][1] if left >= 0 else begin
        t1 = anchors[right][0] if right < len(expected) else end
        share = sum(weights[left + 1 : i + 1]) / sum(weights[left + 1 : right + 1])
        t = t0 + (t1 - t0) * share
        bounds.append((t, t))
    starts = [begin] + [b[1] for b in bounds]
    ends = [b[0] for b in bounds] + [end]
    return [WordTiming(w, round(s, 3), round(max(s, e), 3)) for w, s, e in zip(words, starts, ends, strict=True)]
