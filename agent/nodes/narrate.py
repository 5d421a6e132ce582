"""narrate: speech for one scene (a Send task), cached by content, paced to its slot, with word timings."""

from __future__ import annotations

from functools import partial
from typing import Any

from langgraph.runtime import Runtime

from aios.agent.engines import describe, notify, run_speech
from aios.agent.planners.base import SCENE_OVERHEAD_S
from aios.agent.speech import paced, taken, word_times
from aios.agent.state import SceneTask, scene_key
from aios.agent.steps import run_context, timed
from aios.agent.takes import voice_pace
from aios.kernel.context import Context
from aios.kernel.schemas import Narration
from aios.tools.managed import metering
from aios.tools.storage import cache_for


@timed
def narrate(task: SceneTask, runtime: Runtime[Context]) -> dict[str, Any]:
    """Synthesize the scene's narration with the first speech engine that works; speak faster if it overruns."""
    context = run_context(runtime)
    settings = context.config
    scene, brief = task["scene"], task["brief"]
    cache = cache_for(settings)
    slot = max(0.8, scene.duration_s - SCENE_OVERHEAD_S)
    with metering() as costs:
        outcome = run_speech(scene, brief.language, context, settings,
                             partial(paced, text=scene.narration, language=brief.language, slot=slot, cache=cache,
                                     pace=voice_pace(scene), take=scene.voice_take))
    engine = outcome.engine
    key, path, cached, speed, duration = outcome.result
    words = word_times(taken(engine, scene.voice_take), scene.narration, brief.language, speed, path)
    if outcome.degraded:
        notify(scene.index, "speech", outcome.degraded)
    result = Narration(scene_index=scene.index, key=key, path=str(path), duration_s=duration,
                       engine=f"{engine.name} {engine.version}", voice=engine.voice, speed=speed,
                       cached=cached, words=words, fallback=outcome.degraded,
                       cost_usd=round(sum(c.usd for c in costs), 6), model=describe(engine))
    return {"narrations": {scene_key(scene): result},
            "costs": [c.public() | {"scene": scene.index, "node": "narrate"} for c in costs]}
