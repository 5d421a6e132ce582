"""Prompt texts with named {placeholders}, stored as Markdown files beside this module."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib.resources import files


@lru_cache(maxsize=32)
def load(name: str) -> str:
    """The text of prompts/<name>.md."""
    return files(__package__).joinpath(f"{name}.md").read_text(encoding="utf-8")


def data(text: str) -> str:
    """Text quoted into a prompt as data: angle brackets become look-alikes, so it cannot close its tag."""
    return text.replace("<", "‹").replace(">", "›")


def digest(name: str) -> str:
    """A short hash of a prompt's text, recorded in manifests."""
    return hashlib.sha256(load(name).encode()).hexdigest()[:12]


def sections(name: str) -> dict[str, str]:
    """The '## key' sections of prompts/<name>.md by key (the text before the first one is under '')."""
    found: dict[str, str] = {}
    key, lines = "", list[str]()
    for line in load(name).splitlines():
        if line.startswith("## "):
            found[key] = "\n".join(lines).strip()
            key, lines = line[3:].strip(), []
        else:
            lines.append(line)
    found[key] = "\n".join(lines).strip()
    return found
