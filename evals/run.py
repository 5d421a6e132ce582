"""Run eval cases through the production graph (auto-approving where policy allows) and score each."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from aios.agent.planners.fill import thin
from aios.agent.speaking import speaking_pace
from aios.evals.dataset import EvalCase
from aios.evals.scorers.captions import cue_offsets, read_srt
from aios.evals.scorers.copy import directive_echo, fillers, headline_repeats_line, speech_fill
from aios.evals.scorers.text import coverage, word_errors
from aios.kernel.catalogs import PlannerChoice
from aios.kernel.context import Context
from aios.kernel.errors import AiosError
from aios.runtime.jobs import JobService, JobStatus
from aios.tools.asr import Recognizer
from aios.tools.text import sentences
from aios.tools.tts.pace import Pace


class CaseResult(BaseModel):
    """Scores of one case; media scores are None when nothing was rendered."""

    id: str
    kind: str
    job: str | None = None
    status: str
    error: str | None = None
    planner: str | None = None
    storyboard_valid: bool | None = Field(description="None: the brief was blocked before any planning.")
    policy_expected: str
    policy_actual: str | None = None
    policy_ok: bool
    target_s: float
    duration_s: float | None = None
    duration_fit: float | None = None
    facts: int = 0
    facts_missing: list[str] = []
    coverage: float | None = None
    wer: float | None = None
    ref_words: int = 0
    word_errors: int = 0
    caption_offsets: list[float] = []
    qc_passed: bool | None = None
    directive_echo: list[str] = Field(default=[], description="Directive or format words of the brief repeated.")
    sentences: int = 0
    fillers: list[str] = Field(default=[], description="Narration sentences with no fact, hook or call to action.")
    headlines: int = 0
    headline_repeats: int = Field(default=0, description="Headlines that are only the first words of their line.")
    speech_fill: float | None = Field(default=None, description="Spoken seconds over video seconds.")
    thin: bool = Field(default=False, description="The review told the editor the brief is too thin for its length.")
    scenes: int = 0
    pictures: int | None = Field(default=None, description="Scenes showing a picture rather than a drawn card "
                                 "(None: no library or stock provider was there to offer one).")
    repeated_visuals: int = Field(default=0, description="Scenes showing a picture another scene already shows.")
    seconds: float


def run_case(service: JobService, case: EvalCase, recognizer: Recognizer, out: Path,
             planner: PlannerChoice = "auto") -> CaseResult:
    """Make the video for one case and score what came out."""
    began = time.perf_counter()
    base: dict[str, Any] = {"id": case.id, "kind": case.kind, "policy_expected": case.expect.policy,
                            "target_s": case.expect.duration_s}
    request = case.request.model_dump(exclude_none=True)
    context = Context(planner=planner, auto_approve=True, out_dir=str(out / "videos" / case.id))
    try:
        job, _ = service.create(request, context, tenant="eval", metadata={"eval": case.id})
        status = service.run(job)
    except AiosError as exc:
        return CaseResult(**base, status="error", error=f"{type(exc).__name__}: {exc}", storyboard_valid=False,
                          policy_ok=False, seconds=round(time.perf_counter() - began, 2))
    seconds = round(time.perf_counter() - began, 2)  # making the video; scoring is not counted
    language = case.request.language or "en"
    scores = _scores(case, status, recognizer, speaking_pace(language, Context(settings=service.settings)))
    if status.values.get("storyboard") is not None:
        scores |= visuals(status.values["storyboard"], bool(service.settings.stock_providers))
    return CaseResult(**base, **scores, job=job, status=status.status, seconds=seconds)


def visuals(storyboard: Any, offered: bool) -> dict[str, Any]:
    """How many scenes show a picture (when stock providers could offer one), and how many repeat one already shown
    (by perceptual hash of the pictures, so the same photo from two providers counts)."""
    import imagehash
    from PIL import Image

    seen: list[Any] = []
    repeated = 0
    for scene in storyboard.scenes:
        if not scene.asset or not Path(scene.asset).is_file():
            continue
        with Image.open(scene.asset) as image:
            digest = imagehash.phash(image.convert("RGB"))
        repeated += any(digest - other <= 6 for other in seen)
        seen.append(digest)
    shown = sum(1 for s in storyboard.scenes if s.asset)
    return {"scenes": len(storyboard.scenes), "pictures": shown if offered else None,
            "repeated_visuals": repeated}


def _scores(case: EvalCase, status: JobStatus, recognizer: Recognizer, speaking: Pace) -> dict[str, Any]:
    values = status.values
    storyboard, policy = values.get("storyboard"), values.get("policy")
    actual = "block" if status.status == "blocked" else (policy.outcome if policy else None)
    blocked_early = status.status == "blocked" and storyboard is None
    valid = None if blocked_early else storyboard is not None and bool(storyboard.scenes)
    found: dict[str, Any] = {"storyboard_valid": valid,
                             "policy_actual": actual, "policy_ok": actual == case.expect.policy,
                             "error": status.error, "facts": len(case.expect.must_mention)}
    if storyboard is None:
        return found
    said = " ".join(f"{s.narration} {s.on_screen_text}" for s in storyboard.scenes)
    found["coverage"], found["facts_missing"] = coverage(case.expect.must_mention, said)
    found |= _copy(case, storyboard, speaking)
    found["planner"] = storyboard.planner
    duration = storyboard.duration_s
    rendered = values.get("render")
    if status.status == "published" and rendered is not None:
        duration = rendered.duration_s
        found |= _media(storyboard, values, recognizer, case.request.language or "en")
    found["duration_s"] = round(duration, 3)
    found["duration_fit"] = round(abs(duration - case.expect.duration_s) / case.expect.duration_s, 4)
    return found


def _copy(case: EvalCase, storyboard: Any, speaking: Pace) -> dict[str, Any]:
    """How the storyboard reads: directive echo, fillers, headlines that repeat their line."""
    lines = [s.narration for s in storyboard.scenes]
    brief = case.request.text
    headlines = [(s.on_screen_text, s.narration) for s in storyboard.scenes if s.on_screen_text.strip()]
    return {"directive_echo": directive_echo(brief, lines + [h for h, _ in headlines]),
            "sentences": sum(len(sentences(line)) for line in lines),
            "fillers": fillers(lines, brief, case.request.source_text or "", case.request.call_to_action or ""),
            "headlines": len(headlines),
            "headline_repeats": sum(headline_repeats_line(h, line) for h, line in headlines),
            "thin": thin(storyboard, speaking, case.request.language or "en") is not None}


def _media(storyboard: Any, values: dict[str, Any], recognizer: Recognizer, language: str) -> dict[str, Any]:
    deliverables = values["deliverables"]
    spoken = sum(n.duration_s for n in (values.get("narrations") or {}).values())
    found = {"qc_passed": bool(values["qc"].passed), "speech_fill": speech_fill(spoken, values["render"].duration_s)}
    if language.split("-")[0] != "en":  # the offline recognizer (Whisper tiny.en) hears English only
        return found
    heard = recognizer.transcribe(Path(deliverables["video"]), language)
    errors = word_errors(" ".join(s.narration for s in storyboard.scenes), heard.text)
    return {"wer": errors.wer, "ref_words": errors.words,
            "word_errors": errors.substitutions + errors.deletions + errors.insertions,
            "caption_offsets": cue_offsets(read_srt(Path(deliverables["srt"])), list(heard.words)), **found}
