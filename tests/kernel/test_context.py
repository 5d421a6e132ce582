"""The per-run Context: the choices are stored with a job, the settings ride along but are never stored."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pydantic import TypeAdapter

from aios.kernel.context import Context
from aios.kernel.errors import ConfigurationError, InvalidInput
from aios.kernel.settings import Settings


@pytest.fixture
def no_door_settings() -> Iterator[None]:
    saved = Context.door_settings
    Context.door_settings = None
    yield
    Context.door_settings = saved


def test_settings_are_handed_in_and_never_stored(tmp_path: object) -> None:
    settings = Settings(home=tmp_path)  # type: ignore[arg-type]
    context = Context.from_dict({"planner": "rules", "profile": "final"}, settings)
    assert context.config is settings
    assert "settings" not in context.to_dict() and context.to_dict()["profile"] == "final"
    assert "settings" not in TypeAdapter(Context).json_schema()["properties"]  # nor offered to graph clients


@pytest.mark.usefixtures("no_door_settings")
def test_a_run_without_settings_uses_the_doors_or_says_it_has_none(tmp_path: object) -> None:
    with pytest.raises(ConfigurationError, match="no settings"):
        _ = Context().config
    Context.door_settings = Settings(home=tmp_path)  # type: ignore[arg-type]
    assert Context().config is Context.door_settings


def test_a_client_cannot_pass_settings_in_a_context() -> None:
    with pytest.raises(InvalidInput, match="cannot carry settings"):
        Context(**{"settings": {"database_url": "postgresql://elsewhere/db"}})  # type: ignore[arg-type]


@pytest.mark.parametrize(("choices", "message"), [
    ({"planner": "gpt"}, "unknown planner 'gpt'"),
    ({"tts_engine": "siri"}, "unknown speech engine 'siri'"),
    ({"image_engine": "dalle"}, "unknown image engine 'dalle'"),
    ({"transitions": "wipe"}, "transitions must be auto, cut, fade or slide"),
])
def test_unusable_choices_are_refused(choices: dict[str, str], message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        Context(**choices).validate()  # type: ignore[arg-type]
