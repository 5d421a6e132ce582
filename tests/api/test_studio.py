"""LangGraph's own server (`langgraph dev`) builds the graph with the factory langgraph.json names."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from langchain_core.runnables import RunnableConfig
from langgraph.checkpoint.memory import InMemorySaver

from aios.api import studio
from aios.graphs.production import builder
from aios.kernel.context import Context
from aios.kernel.settings import Settings, get_settings

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def restore_door() -> Iterator[None]:
    saved = Context.door_settings
    yield
    Context.door_settings = saved


@pytest.mark.usefixtures("restore_door")
def test_the_factory_gives_runs_without_settings_the_process_settings(settings: Settings) -> None:
    entry = json.loads((ROOT / "langgraph.json").read_text())["graphs"]["production"]
    assert entry == "./api/studio.py:graph"
    graph = studio.graph(RunnableConfig(configurable={}))
    assert set(graph.nodes) >= set(builder.nodes) and graph.name == "production"
    assert Context().config is get_settings()  # what a Studio run, which sends no settings, is run under

    # A run that brings only its choices (as Studio sends them) gets as far as the storyboard review.
    graph.checkpointer = InMemorySaver()
    config = RunnableConfig(configurable={"thread_id": "studio-1"})
    for _ in graph.stream({"request": {"text": "a 6-second square video about our tea shop"}}, config,
                          context={"planner": "rules"}):  # type: ignore[arg-type]
        pass
    snapshot = graph.get_state(config)
    assert snapshot.interrupts and snapshot.interrupts[0].value["checkpoint"] == "storyboard"
