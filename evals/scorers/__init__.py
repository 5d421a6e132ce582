"""Scorers: each takes plain inputs (texts, times, numbers) and returns a number with a known meaning."""
