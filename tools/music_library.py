"""Packaged music beds by mood (immich-memories-music: 28 MIT tracks, generated locally, no attribution), picked by
the brief's tone; the synthesized bed in tools/music.py is the fallback where the package is missing."""

from __future__ import annotations

import hashlib
from pathlib import Path

# The brief's tone -> the package's mood folder.
MOODS = {"upbeat": "happy", "playful": "happy", "festive": "happy", "friendly": "happy", "energetic": "energetic",
         "urgent": "energetic", "inspiring": "nostalgic", "warm": "tender", "calm": "calm", "serious": "calm",
         "formal": "calm", "professional": "calm", "neutral": "calm"}
LICENCE = "MIT (immich-memories-music 0.1.0; generated with ACE-Step, no attribution required)"


def tracks_dir() -> Path | None:
    """The package's track folder, or None where it is not installed."""
    try:
        from immich_memories_music import tracks_dir as found
    except ImportError:
        return None
    folder = found()
    return folder if folder.is_dir() else None


def tracks(tone: str) -> list[Path]:
    """The packaged tracks that suit a tone, in a stable order (empty without the package)."""
    root = tracks_dir()
    if root is None:
        return []
    return sorted((root / MOODS.get(tone.lower(), "calm")).glob("*.opus"))


def track_for(tone: str, seed: str) -> Path | None:
    """One track for the tone, chosen by a hash of the seed (the same brief gets the same music, others vary)."""
    found = tracks(tone)
    if not found:
        return None
    digest = hashlib.sha256(seed.encode()).digest()
    return found[int.from_bytes(digest[:4], "big") % len(found)]


def describe(path: str | None) -> str:
    """How a manifest names a bed: a packaged track by mood, name and licence; any other file by its path."""
    root = tracks_dir()
    if not path:
        return "none"
    if root is not None and Path(path).parent.parent == root:
        return f"{Path(path).parent.name}/{Path(path).name}, {LICENCE}"
    return path
