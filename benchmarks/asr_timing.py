"""Recognizer timing benchmark: how well Whisper's word starts find speech onsets whose true time is known.

Builds tracks of hibari sentences separated by random pauses (0.3-2.5 s) over the music bed, so each
sentence's first word starts at a known time (the clip's place plus the first word's start by hibari's own
phoneme durations). Transcribes each track with the eval's recognizer twice in
one run: the baseline (Whisper's attention-based word times) and with word starts snapped to the voice
activity detector's onsets (what `aios eval` uses). Ends with one RESULT line.

    python benchmarks/asr_timing.py [--tracks N]
"""

from __future__ import annotations

import argparse
import random
import tempfile
from pathlib import Path

import numpy as np

from aios.evals.scorers.stats import mean, p95
from aios.evals.scorers.text import normalize
from aios.kernel.schemas import WordTiming
from aios.tools.asr.whisper import WhisperRecognizer, snap_to_onsets, speech_onsets
from aios.tools.audio import read_wav, write_wav
from aios.tools.music import bed
from aios.tools.tts.hibari import HibariEngine

SENTENCES = [
    "Our spring sale starts today.", "Everything in the store is twenty percent off.",
    "Reviews happen twice a year, in June and December.", "Questions? Reach out to your team.",
    "The bridge will close for repairs from June third.", "Buses will use the Market Street bridge.",
    "Join us on Saturday at the Harbor Hall.", "Tickets cost forty dollars.",
    "Never share your password by email.", "Report suspicious messages to the security team.",
    "The kit produces four kilowatts at peak.", "Installation takes one day.",
    "Cooling centers will open in all public libraries.", "Older residents are urged to check on neighbors.",
    "Test rides are free every Saturday.", "Order before May and get a free helmet.",
]
RATE = 24_000


def track(engine: HibariEngine, folder: Path, index: int, rng: random.Random) -> tuple[Path, list[tuple[str, float]]]:
    """Five sentences with random pauses over the music bed; returns the file and (first word, true start)."""
    parts, cursor = [np.zeros(int(0.3 * RATE), np.float32)], 0.3
    truth: list[tuple[str, float]] = []
    for sentence in rng.sample(SENTENCES, 5):
        clip = folder / f"s{index}-{len(truth)}.wav"
        engine.synthesize(sentence, clip)
        samples, _ = read_wav(clip)
        truth.append((normalize(sentence)[0], cursor + engine.word_times(sentence)[0].start))
        pause = rng.uniform(0.3, 2.5)
        parts += [samples, np.zeros(int(pause * RATE), np.float32)]
        cursor += samples.size / RATE + pause
    mix = np.concatenate(parts)
    mix = mix + 0.12 * bed(mix.size / RATE, "upbeat", rate=RATE)[: mix.size].astype(np.float32)
    path = folder / f"track{index}.wav"
    write_wav(path, mix, RATE)
    return path, truth


def errors(words: tuple[WordTiming, ...], truth: list[tuple[str, float]]) -> list[float]:
    """True start minus heard start of each sentence's first word (negative: heard late)."""
    found = []
    for first, start in truth:
        near = [w for w in words if (normalize(w.text) or [""])[0] == first and abs(w.start - start) < 1.5]
        if near:
            found.append(start - min(near, key=lambda w: abs(w.start - start)).start)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tracks", type=int, default=8)
    args = parser.parse_args()
    engine, recognizer, rng = HibariEngine(), WhisperRecognizer(), random.Random(7)
    baseline: list[float] = []
    snapped: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        for index in range(args.tracks):
            path, truth = track(engine, Path(tmp), index, rng)
            raw, _ = recognizer.recognize(path)
            baseline += errors(raw, truth)
            snapped += errors(snap_to_onsets(raw, speech_onsets(path)), truth)  # what transcribe() returns
    for name, values in (("whisper", baseline), ("snapped", snapped)):
        print(f"{name:8} onsets {len(values):3}  mean {mean(values):+.3f} s  "
              f"p95 |error| {p95([abs(v) for v in values]):.3f} s  max {max(abs(v) for v in values):.3f} s")
    print(f"RESULT onsets={len(snapped)} whisper_p95_s={p95([abs(v) for v in baseline])} "
          f"snapped_p95_s={p95([abs(v) for v in snapped])} whisper_mean_s={mean(baseline)} "
          f"snapped_mean_s={mean(snapped)}")


if __name__ == "__main__":
    main()
