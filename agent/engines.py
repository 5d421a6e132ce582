"""Which engine makes a scene's speech or picture: the scene's pin, the job's choice, settings, then fallbacks.

An engine that fails (cannot load, times out, errors) hands the scene to the next one in the chain; the
result says which engine was wanted, which one was used and why, so the job degrades and says so.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from aios.kernel.context import Context
from aios.kernel.errors import ConfigurationError, EngineError
from aios.kernel.schemas import Scene
from aios.kernel.settings import Settings
from aios.tools.imagery import ImageEngine, get_image_engine
from aios.tools.tts import SpeechEngine, get_speech_engine

log = logging.getLogger(__name__)
E = TypeVar("E")
T = TypeVar("T")


def _unique(names: list[str | None]) -> list[str]:
    return list(dict.fromkeys(name for name in names if name))


def image_chain(scene: Scene | None, context: Context, settings: Settings) -> list[str]:
    """Image engines to try, in order; drawn cards always close the chain (they cannot fail)."""
    return _unique([scene.image_engine if scene else None, context.image_engine, settings.image_engine,
                    *settings.image_fallbacks, "cards"])


def speech_chain(scene: Scene | None, context: Context, settings: Settings) -> list[str]:
    """Speech engines to try, in order; espeak-ng closes the chain for languages the others lack."""
    return _unique([scene.voice_engine if scene else None, context.tts_engine, settings.tts_engine,
                    *settings.tts_fallbacks])


def job_voice(context: Context, settings: Settings) -> tuple[str, str | None]:
    """(the job's speech engine, the voice named for it): the job's voice, else the settings' voice when the
    job uses the settings' engine. Other engines (scene pins, fallbacks) speak with their default voice."""
    engine = context.tts_engine or settings.tts_engine
    return engine, context.voice or (settings.tts_voice if engine == settings.tts_engine else None)


@dataclass
class Outcome(Generic[E, T]):
    """What the chain produced: the engine used, its result, and the engines that failed before it."""

    engine: E
    result: T
    wanted: str
    used: str
    failures: list[str] = field(default_factory=list)

    @property
    def degraded(self) -> str | None:
        """A sentence for the manifest and the event stream when the wanted engine was not the one used."""
        if not self.failures:
            return None
        return f"{self.wanted} failed ({'; '.join(self.failures)}); used {self.used}"


def first_working(chain: list[str], build: Callable[[str], E | None], use: Callable[[E], T],
                  unsuited: str = "no engine suits this request") -> Outcome[E, T]:
    """Run `use` with the first engine of the chain that builds and works; `build` returns None to skip one."""
    failures: list[str] = []
    for name in chain:
        try:
            engine = build(name)
            if engine is None:
                continue
            return Outcome(engine, use(engine), chain[0], name, failures)
        except Exception as exc:  # an engine's failure of any kind degrades to the next engine
            log.warning("engine %s failed, trying the next: %s", name, exc, exc_info=not isinstance(
                exc, EngineError | ConfigurationError))
            failures.append(f"{name}: {exc}")
    raise EngineError("every engine failed: " + "; ".join(failures) if failures else unsuited)


def speech_engines(chain: list[str], language: str) -> Iterator[str]:
    """The chain's names, then espeak-ng in the brief's language (its voice is the language)."""
    yield from chain
    yield f"espeak:{language}"


def speech_builder(language: str, context: Context, settings: Settings) -> Callable[[str], SpeechEngine | None]:
    """Build a chain member; one that does not speak the language is skipped, not counted as failed."""
    job_engine, voice = job_voice(context, settings)

    def build(name: str) -> SpeechEngine | None:
        if name.startswith("espeak:"):
            engine = get_speech_engine("espeak", name.split(":", 1)[1], settings)
        else:
            engine = get_speech_engine(name, voice if name == job_engine else None, settings)
        return engine if engine.supports(language) else None

    return build


def run_speech(scene: Scene | None, language: str, context: Context, settings: Settings,
               use: Callable[[SpeechEngine], T]) -> Outcome[SpeechEngine, T]:
    """`use` with the first speech engine that speaks the language and works."""
    chain = speech_chain(scene, context, settings)
    build = speech_builder(language, context, settings)
    return first_working(list(speech_engines(chain, language)), build, use,
                         f"no speech engine here speaks language {language!r}")


def speaks(language: str, context: Context, settings: Settings) -> bool:
    """Whether any engine of the job's chain, or espeak-ng, builds here and speaks the language (at intake)."""
    try:
        run_speech(None, language, context, settings, lambda engine: engine)
    except EngineError:
        return False
    return True


def run_image(scene: Scene | None, context: Context, settings: Settings,
              use: Callable[[ImageEngine], T]) -> Outcome[ImageEngine, T]:
    """`use` with the first image engine that builds and works."""
    return first_working(image_chain(scene, context, settings), lambda name: get_image_engine(name, settings), use)


def notify(scene: int | None, role: str, message: str) -> None:
    """Tell the job's stream that a scene degraded (the runner turns it into an engine.degraded event)."""
    try:
        from langgraph.config import get_stream_writer

        get_stream_writer()({"degraded": {"scene": scene, "role": role, "message": message}})
    except RuntimeError:  # called outside a graph run (tests, previews): the result still records it
        log.info("scene %s %s: %s", scene, role, message)


def describe(engine: Any) -> dict[str, Any]:
    """Name, version and, for local models, model name, path and licence (for manifests)."""
    info = getattr(engine, "info", None)
    found = {"engine": engine.name, "version": engine.version}
    if info is not None:
        found |= {"model": info.name, "model_path": info.path, "license": info.license}
    return found
