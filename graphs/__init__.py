"""LangGraph graphs: wiring only."""
