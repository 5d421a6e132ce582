"""Briefs: a request validated and turned into a typed Brief (the intake node and the job service use it)."""

from __future__ import annotations

import shutil
from typing import Any

from pydantic import ValidationError

from aios.agent.brief_parser import parse_aspect, parse_duration, parse_subject, parse_tone
from aios.agent.engines import speaks
from aios.agent.planners.reading import usable_sentences
from aios.kernel.context import Context
from aios.kernel.errors import InvalidInput
from aios.kernel.schemas import Brief, BriefRequest
from aios.kernel.vocab import ASPECTS
from aios.tools.assets import inspect_image
from aios.tools.storage import asset


def _field_error(exc: ValidationError) -> InvalidInput:
    error = exc.errors()[0]
    where = ".".join(str(p) for p in error["loc"]) or "request"
    return InvalidInput(f"invalid {where}: {error['msg']}")


def build_brief(raw: dict[str, Any], context: Context) -> Brief:
    """Validate a request under the run's settings; raise InvalidInput with one clear sentence when it is unusable."""
    settings = context.config
    try:
        request = BriefRequest.model_validate(raw)
    except ValidationError as exc:
        raise _field_error(exc) from exc
    text = " ".join(request.text.split())
    if not text:
        raise InvalidInput("the brief is empty: say what the video should be about")
    if len(text) > settings.max_brief_chars:
        raise InvalidInput(f"the brief is too long ({len(text)} characters; the limit is "
                           f"{settings.max_brief_chars}): put long material in source text")
    if sum(c.isalpha() for c in text) < 3:
        raise InvalidInput("the brief has no words to work from")
    source = (request.source_text or "").strip() or None
    if source and len(source) > settings.max_source_chars:
        raise InvalidInput(f"the source text is too long ({len(source)} characters; the limit is "
                           f"{settings.max_source_chars})")
    if source and not usable_sentences(source):
        raise InvalidInput("the source text has no sentences to summarize (is it the right file, and plain text?)")
    duration = request.duration_s if request.duration_s is not None else parse_duration(text)
    if duration is None:
        duration = 30.0
    if not 5 <= duration <= 300:
        raise InvalidInput(f"duration must be between 5 and 300 seconds, not {duration:g}")
    aspect = request.aspect or parse_aspect(text) or "16:9"
    if aspect not in ASPECTS:
        raise InvalidInput(f"aspect must be one of {', '.join(ASPECTS)}, not {aspect!r}")
    language = (request.language or "en").strip().lower()
    if not speaks(language, context, settings):
        hint = "" if shutil.which(settings.espeak_path) else (
            ": install espeak-ng (Debian/Ubuntu: sudo apt-get install espeak-ng; macOS: brew install espeak-ng), "
            "which speaks it offline, or set AIOS_ESPEAK_PATH")
        raise InvalidInput(f"no speech engine here speaks language {language!r}{hint}")
    assets = [inspect_image(asset(settings, path)).path for path in request.assets]
    return Brief(
        text=text, subject=parse_subject(text), duration_s=float(duration), aspect=aspect,
        tone=(request.tone or parse_tone(text) or "neutral").lower(), audience=request.audience,
        language=language, call_to_action=request.call_to_action, assets=assets,
        source_text=source,
    )
