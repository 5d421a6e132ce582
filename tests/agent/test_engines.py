"""Engine choice per job and per scene, and degrading to the next engine when one fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from aios.agent.engines import image_chain, job_voice, run_image, speech_chain
from aios.agent.nodes.narrate import narrate
from aios.agent.nodes.visualize import visualize
from aios.agent.state import scene_key
from aios.kernel.context import Context
from aios.kernel.errors import InvalidInput
from aios.kernel.schemas import Brief, Scene
from aios.kernel.settings import Settings
from tests.support.openai_server import Script
from tests.support.runs import runtime

pytestmark = pytest.mark.slow  # renders or synthesizes real media

BRIEF = Brief(text="a video about spring flowers", subject="spring flowers", duration_s=10, aspect="9:16",
              tone="upbeat")


def task(scene: Scene) -> dict:
    return {"scene": scene, "brief": BRIEF, "storyboard_title": "Spring"}


def test_chains_put_the_scene_pin_then_the_job_then_settings_then_fallbacks() -> None:
    settings = Settings(image_engine="diffusers", image_fallbacks=["openai", "cards"], tts_engine="coqui")
    scene = Scene(index=0, narration="Hi.", duration_s=3, image_engine="openai", voice_engine="espeak")
    assert image_chain(scene, Context(image_engine="cards"), settings) == ["openai", "cards", "diffusers"]
    assert image_chain(None, Context(), settings) == ["diffusers", "openai", "cards"]
    assert speech_chain(scene, Context(tts_engine="openai"), settings) == ["espeak", "openai", "coqui", "hibari"]


def test_the_voice_applies_to_the_engine_it_was_named_for() -> None:
    settings = Settings(tts_engine="hibari", tts_voice="heart")
    assert job_voice(Context(), settings) == ("hibari", "heart")
    assert job_voice(Context(tts_engine="openai"), settings) == ("openai", None)  # heart is hibari's voice
    assert job_voice(Context(tts_engine="openai", voice="nova"), settings) == ("openai", "nova")


def test_a_failing_image_engine_degrades_to_the_next_and_says_why(openai_endpoint: Script) -> None:
    openai_endpoint.fail["/images/generations"] = [500]
    scene = Scene(index=0, narration="Fresh flowers.", visual="a flower stall", duration_s=3)
    update = visualize(task(scene), runtime(image_engine="openai"))
    visual = update["visuals"][scene_key(scene)]
    assert visual.engine.startswith("cards ")
    assert visual.fallback.startswith("openai failed (openai: openai image call failed: InternalServerError")
    assert visual.fallback.endswith("used cards") and visual.cost_usd == 0 and update["costs"] == []


def test_a_scene_pinned_to_a_managed_engine_uses_it_and_records_its_cost(openai_endpoint: Script) -> None:
    scene = Scene(index=2, narration="Fresh flowers.", visual="a flower stall", duration_s=3, image_engine="openai",
                  voice_engine="openai")
    run = runtime()
    visual = visualize(task(scene), run)
    speech = narrate(task(scene), run)
    assert visual["visuals"][scene_key(scene)].engine == "openai images:gpt-image-1"
    assert visual["costs"] == [{"engine": "openai", "model": "gpt-image-1", "kind": "image", "units": 1,
                                "unit": "image", "usd": 0.042, "priced": True, "scene": 2, "node": "visualize"}]
    narration = speech["narrations"][scene_key(scene)]
    assert narration.engine == "openai speech:tts-1" and narration.voice == "alloy"
    assert narration.cost_usd == pytest.approx(len("Fresh flowers.") * 0.015 / 1000) and narration.words
    other = Scene(index=3, narration="Fresh flowers.", duration_s=3)
    assert narrate(task(other), run)["narrations"][scene_key(other)].engine.startswith("hibari")


def test_speech_degrades_to_the_fallback_engine(openai_endpoint: Script) -> None:
    openai_endpoint.fail["/audio/speech"] = [503]
    scene = Scene(index=0, narration="Fresh flowers for spring.", duration_s=3)
    narration = narrate(task(scene), runtime(tts_engine="openai"))["narrations"][scene_key(scene)]
    assert narration.engine.startswith("hibari") and narration.voice == "heart"
    assert "openai failed (openai: openai speech call failed: InternalServerError" in narration.fallback


def test_every_engine_failing_is_an_engine_error(tmp_path: Path) -> None:
    def broken(engine: object) -> None:
        raise RuntimeError(f"{engine} broke")

    with pytest.raises(Exception, match=r"every engine failed: cards: .* broke"):
        run_image(None, Context(), Settings(), broken)


def test_unknown_engine_names_are_bad_input() -> None:
    with pytest.raises(InvalidInput, match="unknown image engine 'dalle'"):
        Context(image_engine="dalle").validate()
    with pytest.raises(InvalidInput, match="unknown speech engine 'siri'"):
        Context(tts_engine="siri").validate()
