"""The pace a job's narration is planned at: AIOS_WORDS_PER_SECOND when set, else the pace of the voice that will
speak it, measured once a machine per engine, voice and language."""

from __future__ import annotations

import json
import os
from pathlib import Path

from aios.agent.engines import run_speech
from aios.kernel.context import Context
from aios.kernel.errors import EngineError
from aios.tools.cache import BuiltOnce, machine_cache
from aios.tools.tts.base import SpeechEngine
from aios.tools.tts.pace import REFERENCE, Pace, measure

DEFAULT = Pace.of_rate(2.6)  # for a language with no reference lines, or when no engine speaks it here
_paces: BuiltOnce[Pace] = BuiltOnce()


def speaking_pace(language: str, context: Context) -> Pace:
    """The pace to plan the job's narration at, in the brief's language."""
    settings = context.config
    if settings.words_per_second is not None:
        return Pace.of_rate(settings.words_per_second)
    if language.split("-")[0] not in REFERENCE:
        return DEFAULT
    try:
        return run_speech(None, language, context, settings, lambda engine: voice_pace(engine, language)).result
    except EngineError:  # the narration will say why; the plan is paced at the default meanwhile
        return DEFAULT


def voice_pace(engine: SpeechEngine, language: str) -> Pace:
    """The engine's pace in the language: from this process, else the machine's cache, else measured and kept. An
    engine that bills each call (`billed`) is not measured: that would spend a dozen paid calls; it gets the
    default."""
    if getattr(engine, "billed", False):
        return DEFAULT
    key = f"{engine.name}|{engine.version}|{engine.voice}|{language}"
    return _paces.get(key, lambda: _stored(key) or _keep(key, measure(engine, language)))


def _file() -> Path:
    return machine_cache("paces") / "paces.json"


def _stored(key: str) -> Pace | None:
    try:
        found = json.loads(_file().read_text()).get(key)
    except (OSError, ValueError):
        return None
    return Pace(*map(float, found)) if found else None


def _keep(key: str, pace: Pace) -> Pace:
    """Add the pace to the machine's cache (written whole and renamed: a reader never sees half a file)."""
    path = _file()
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        known = json.loads(path.read_text())
    except (OSError, ValueError):
        known = {}
    known[key] = [pace.word_s, pace.sentence_s, pace.clause_s]
    staged = path.with_suffix(f".{os.getpid()}.tmp")
    staged.write_text(json.dumps(known, indent=1, sort_keys=True))
    staged.replace(path)
    return pace
