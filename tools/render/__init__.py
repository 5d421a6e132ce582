"""Rendering: a typed spec compiled into one ffmpeg filtergraph, plus probing and captions."""
