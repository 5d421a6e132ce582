"""Engines behind small protocols: speech, imagery, rendering, policy, LLM and text helpers."""
