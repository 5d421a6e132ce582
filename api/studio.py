"""LangGraph's own server (`langgraph dev`, Studio, agent-chat-ui): the production graph, run under this process's
settings (its runs bring no settings of their own)."""

from __future__ import annotations

from typing import Any

from langchain_core.runnables import RunnableConfig
from langgraph.graph.state import CompiledStateGraph

from aios.graphs.production import builder
from aios.kernel.context import Context
from aios.kernel.settings import get_settings


def graph(config: RunnableConfig) -> CompiledStateGraph[Any, Context, Any, Any]:
    """The graph factory langgraph.json names: the server supplies the checkpointer; runs get these settings."""
    Context.door_settings = get_settings()
    return builder.compile(name="production")
