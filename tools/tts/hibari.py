"""hibari-tts: neural English speech whose default voice ships inside the wheel, timed by its own durations."""

from __future__ import annotations

import copy
import difflib
import threading
from importlib.metadata import version as package_version
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from aios.kernel.errors import EngineError
from aios.kernel.schemas import WordTiming
from aios.tools.audio import Samples, trim_silence, write_wav

if TYPE_CHECKING:
    from aios.kernel.settings import Settings

RATE = 24_000
UNIT = 600  # samples per predicted duration unit: the decoder makes two 300-sample frames for each
KEEP_S = 0.05  # silence kept after the last sound
# Kept before the first word's first frame: the decoder's sound starts before the frame its phoneme is given
# (up to 0.11 s, for "Three" and "Friday", measured at 0.001 of full scale), so a tighter cut clips the onset.
LEAD_S = 0.15
SPANS_KEPT = 256  # word spans of recent calls, so timing the WAV just synthesized needs no second model run
# Characters of a phoneme string that are pauses or separators, not sounds of a word.
PAUSES = frozenset(" ,.!?;:—…\"'()“”«»-")
Span = tuple[int, int]


class HibariEngine:
    """Neural English TTS (Kokoro-distilled, 24 kHz), about 100x real time on one core.

    Word timings come from the model's duration predictor (how many frames each phoneme gets), read as an
    extra output of the same ONNX graph, so captions follow the words exactly where they are said.
    """

    name = "hibari"

    def __init__(self, *, voice: str = "heart", binary: str = "") -> None:
        self.voice = voice
        self.version = package_version("hibari-tts")
        self._model: Any = None
        self._session: Any = None
        self._lock = threading.Lock()
        self._spans: dict[tuple[str, float], list[Span]] = {}
        self.seed = 0  # hibari's own seed; another take draws its noise from another

    def take(self, number: int) -> HibariEngine:
        """The same voice drawing its noise from another seed (take 1: hibari's seed 0); shares the loaded model.
        Word timings stay: they come from the duration predictor, which the noise does not touch."""
        varied = copy.copy(self)
        varied.seed = number - 1
        return varied

    def supports(self, language: str) -> bool:
        """hibari speaks English only."""
        return language.lower().split("-")[0] == "en"

    def _load(self) -> tuple[Any, Any]:
        if self._model is None:
            from hibari import Hibari

            try:
                model = Hibari(voice=self.voice)
                self._session = timed_session(model.model_path)
            except (RuntimeError, OSError, ValueError) as exc:
                raise EngineError(f"hibari voice {self.voice!r} could not load: {exc}") from exc
            self._model = model
        return self._model, self._session

    def synthesize(self, text: str, out: Path, *, language: str = "en", speed: float = 1.0) -> float:
        """Synthesize deterministically (fixed seed) and write a 16-bit WAV that starts LEAD_S before the first
        word (where the durations place it) and ends just after the last sound."""
        audio, spans = self._speak(text, speed, with_audio=True)
        audio = trim_silence(audio[lead(spans) :], RATE, keep_s=KEEP_S, leading=False)
        write_wav(out, audio, RATE)
        return audio.size / RATE

    def word_times(self, text: str, *, language: str = "en", speed: float = 1.0) -> list[WordTiming]:
        """When each whitespace-separated word of `text` is said in the WAV `synthesize` writes for the same text.

        A last word's predicted end can run past the WAV's end: its final sound fades out before its frames do.
        """
        spans = self._spans.get((text, speed)) or self._speak(text, speed, with_audio=False)[1]
        start = lead(spans)
        return [WordTiming(word, round((s - start) / RATE, 3), round((e - start) / RATE, 3))
                for word, (s, e) in zip(text.split(), spans, strict=True)]

    def _speak(self, text: str, speed: float, *, with_audio: bool) -> tuple[Samples, list[Span]]:
        """The untrimmed speech (empty unless asked for) and each word's sample span in it (remembered)."""
        if not text.strip():
            raise EngineError("cannot synthesize empty text")
        pace = max(0.5, min(2.0, speed))
        rng = np.random.default_rng(self.seed)  # hibari's seed=0: the noise is drawn sentence by sentence in order
        parts: list[Samples] = []
        spans: list[Span | None] = []
        offset = 0
        with self._lock:
            model, session = self._load()
            from hibari import dsp

            for sentence in model.split_sentences(text):
                timeline: list[Span | None] = []  # one entry per character of the sentence's phoneme string
                chunks = model.phonemize(sentence)
                for chunk in chunks:
                    ids = model.ids(chunk)
                    if len(ids) < 3:  # nothing the model can say (hibari makes no audio for it either)
                        timeline += [None] * (len(chunk) + 1)
                        continue
                    outputs = session.run(None, {"ids": np.asarray([ids], np.int64),
                                                 "speed": np.asarray([pace], np.float32)})
                    edges = offset + UNIT * np.concatenate([[0], np.cumsum(np.rint(outputs[-1]).astype(np.int64))])
                    k = 1  # ids[0] is the leading pad
                    for char in chunk:
                        if char in model.vocab:
                            timeline.append((int(edges[k]), int(edges[k + 1])))
                            k += 1
                        else:
                            timeline.append(None)
                    timeline.append(None)  # the space that joins the chunks
                    if with_audio:
                        parts.append(dsp.synth(*(o[0] for o in outputs[:6]), rng))
                    offset = int(edges[-1])
                spans += word_spans([model.g2p(w) or "" for w in sentence.split()], " ".join(chunks), timeline)
        if len(spans) != len(text.split()):
            raise EngineError(f"hibari split {len(text.split())} words into {len(spans)}")
        filled = fill(spans)
        with self._lock:
            if len(self._spans) >= SPANS_KEPT:
                self._spans.pop(next(iter(self._spans)))  # the oldest
            self._spans[(text, speed)] = filled
        audio = np.concatenate(parts) if parts else np.zeros(0, np.float32)
        return audio, filled


def timed_session(model_path: str) -> Any:
    """An ONNX Runtime session of hibari's model that also returns the predicted duration of each phoneme."""
    import onnx
    import onnxruntime as ort

    graph = onnx.load(model_path)
    rounded = [n for n in graph.graph.node if n.op_type == "Round"]
    clipped = [n for n in graph.graph.node if n.op_type == "Clip" and rounded and rounded[0].output[0] in n.input]
    if len(rounded) != 1 or len(clipped) != 1:
        raise ValueError(f"no duration predictor found in {model_path}")
    graph.graph.output.append(onnx.helper.make_tensor_value_info(clipped[0].output[0], onnx.TensorProto.FLOAT, None))
    options = ort.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    options.log_severity_level = 3
    return ort.InferenceSession(graph.SerializeToString(), options, providers=["CPUExecutionProvider"])


def word_spans(pieces: list[str], phonemes: str, timeline: list[Span | None]) -> list[Span | None]:
    """Each word's (first sound start, last sound end), from its own phonemes (`pieces`) found in the sentence's.

    The sentence is phonemized as a whole (context changes a word's sound, numbers become several words), so
    each word's phonemes are matched into the sentence's as sequences; pauses and punctuation are not sounds.
    """
    reference = " ".join(pieces)
    mapped: dict[int, int] = {}
    for block in difflib.SequenceMatcher(None, reference, phonemes, autojunk=False).get_matching_blocks():
        for k in range(block.size):
            mapped[block.a + k] = block.b + k
    spans: list[Span | None] = []
    begin = 0
    for piece in pieces:
        hits: list[Span] = []
        for i in range(begin, begin + len(piece)):
            span = timeline[mapped[i]] if i in mapped and reference[i] not in PAUSES else None
            if span is not None:
                hits.append(span)
        spans.append((hits[0][0], hits[-1][1]) if hits else None)
        begin += len(piece) + 1
    return spans


def fill(spans: list[Span | None]) -> list[Span]:
    """Words that make no sound of their own (a lone symbol) take the instant after the word before."""
    out: list[Span] = []
    for span in spans:
        if span is None:
            at = out[-1][1] if out else next((s[0] for s in spans if s is not None), 0)
            span = (at, at)
        out.append(span)
    return out


def lead(spans: list[Span]) -> int:
    """Samples trimmed from the start: everything up to LEAD_S before the first word."""
    return max(0, spans[0][0] - int(LEAD_S * RATE)) if spans else 0


READS: tuple[str, ...] = ()  # the settings an engine is built from (one engine per voice and distinct values)


def build(voice: str | None, settings: Settings) -> HibariEngine:
    """The catalog's factory: hibari with `voice` (default: heart, the voice the wheel ships)."""
    return HibariEngine(voice=voice or "heart")
