"""The pace a job is planned at: the setting when given, else the job's voice measured once a machine; a brief with
enough to say is then planned to fill 75-95% of its video as the voice really says it."""

from __future__ import annotations

from pathlib import Path

import pytest
from langgraph.runtime import Runtime

from aios.agent import speaking
from aios.agent.briefs import build_brief
from aios.agent.nodes.narrate import narrate
from aios.agent.planners import PlanRequest, rules
from aios.agent.state import scene_key
from aios.kernel.context import Context
from aios.kernel.settings import Settings, get_settings
from aios.tools.cache import BuiltOnce
from aios.tools.tts.pace import Pace

BENEFITS = ("Explain our new 2025 employee benefits to staff. Dental now covers orthodontics for children. Parental "
            "leave grows to 16 weeks. The 401(k) match rises to 5%. Enrollment closes November 30.")


@pytest.fixture
def machine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A machine cache of its own, and no paces remembered by this process."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "machine"))
    monkeypatch.setattr(speaking, "_paces", BuiltOnce())
    return tmp_path / "machine" / "aios-media" / "paces" / "paces.json"


def test_the_setting_wins_over_the_voice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AIOS_WORDS_PER_SECOND", "2.2")
    get_settings.cache_clear()
    assert speaking.speaking_pace("en", Context(settings=get_settings())) == Pace.of_rate(2.2)


def test_the_voice_is_measured_once_a_machine(machine: Path, settings: Settings,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    measured = speaking.speaking_pace("en", Context(settings=settings))
    assert machine.is_file() and measured != speaking.DEFAULT
    assert 2.5 < measured.words_per_second < 4.0  # hibari's default voice
    monkeypatch.setattr(speaking, "_paces", BuiltOnce())  # a new process on the same machine

    def never(*_: object) -> Pace:
        raise AssertionError("measured again")

    monkeypatch.setattr(speaking, "measure", never)
    assert speaking.speaking_pace("en", Context(settings=settings)) == measured


def test_a_language_without_reference_lines_gets_the_default(machine: Path, settings: Settings) -> None:
    assert speaking.speaking_pace("ja", Context(settings=settings)) == speaking.DEFAULT
    assert not machine.exists()


@pytest.mark.parametrize("duration", [20, 30])
def test_a_brief_with_enough_to_say_fills_most_of_its_video(duration: int, settings: Settings) -> None:
    context = Context(planner="rules", settings=settings)
    brief = build_brief({"text": BENEFITS, "duration_s": duration}, context)
    pace = speaking.speaking_pace("en", context)
    storyboard = rules.build(settings).plan(PlanRequest(brief=brief, assets=[], pace=pace))
    said = [narrate({"scene": scene, "brief": brief}, Runtime(context=context))["narrations"][scene_key(scene)]
            for scene in storyboard.scenes]
    fill = sum(n.duration_s for n in said) / duration
    assert 0.75 <= fill <= 0.95, [s.narration for s in storyboard.scenes]
    assert all(n.speed == 1.0 for n in said), "the plan fits: no scene is sped up"
    assert sum(fact in " ".join(s.narration for s in storyboard.scenes)
               for fact in ("orthodontics", "16 weeks", "5%", "November 30")) == 4


def test_a_billed_voice_is_not_measured(machine: Path, settings: Settings) -> None:
    from aios.tools.tts import get_speech_engine

    engine = get_speech_engine("openai", None, settings)
    assert speaking.voice_pace(engine, "en") == speaking.DEFAULT  # no call was made: no endpoint is configured
    assert not machine.exists()
