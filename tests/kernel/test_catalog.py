"""One catalog per extension point: every registered name loads, unknown names are refused everywhere the same way."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, ValidationError

from aios.kernel import catalogs
from aios.kernel.catalog import Catalog
from aios.kernel.errors import ConfigurationError, InvalidInput
from aios.kernel.settings import Settings

CATALOGS = [catalogs.SPEECH, catalogs.IMAGERY, catalogs.RECOGNIZERS, catalogs.RENDERERS, catalogs.EMBEDDINGS,
            catalogs.INDEXES, catalogs.PLANNERS]


@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda c: c.kind)
def test_every_registered_name_points_at_real_code(catalog: Catalog) -> None:
    for name in catalog.names:
        found = catalog.load(name)
        assert callable(found) or (callable(found.build) and isinstance(found.READS, tuple)), name
        assert catalog.load(name) is found  # imported once, then kept


def test_unknown_names_are_refused_with_the_choices() -> None:
    with pytest.raises(InvalidInput, match="unknown speech engine 'siri'; choose one of hibari, espeak, coqui or "
                                           "openai"):
        catalogs.SPEECH.check("siri")
    with pytest.raises(ConfigurationError, match="unknown renderer 'vlc'"):
        catalogs.RENDERERS.load("vlc", ConfigurationError)


def test_a_catalog_field_validates_and_is_an_enum_in_json_schema() -> None:
    class Pick(BaseModel):
        engine: catalogs.ImageEngineName
        planner: catalogs.PlannerChoice = "auto"

    assert Pick(engine="cards").engine == "cards"
    with pytest.raises(ValidationError, match="unknown image engine 'dalle'"):
        Pick(engine="dalle")
    schema = Pick.model_json_schema()["properties"]
    assert schema["engine"]["enum"] == list(catalogs.IMAGERY.names)
    assert schema["planner"]["enum"] == ["auto", *catalogs.PLANNERS.names]


def test_settings_take_only_registered_names() -> None:
    assert Settings(tts_engine="espeak", renderer="moviepy", index="weaviate").renderer == "moviepy"
    with pytest.raises(ValidationError, match="unknown renderer 'vlc'"):
        Settings(renderer="vlc")
    with pytest.raises(ValidationError, match="unknown speech engine 'siri'"):
        Settings(tts_fallbacks=["hibari", "siri"])
