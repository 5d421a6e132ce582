"""What a local model directory declares about itself: its name, pipeline class and licence."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

LICENSE_LINE = re.compile(r"^license(?:_name)?:\s*['\"]?([^'\"\n]+)", re.MULTILINE)
LICENSE_FILES = ("LICENSE", "LICENSE.md", "LICENSE.txt", "license.txt")


@dataclass(frozen=True)
class ModelInfo:
    """A local model as the manifest records it."""

    name: str
    path: str
    license: str
    pipeline_class: str = ""


def declared_license(directory: Path) -> str:
    """The licence the model card's front matter names, else a licence file's first line, else 'undeclared'."""
    card = directory / "README.md"
    if card.is_file():
        text = card.read_text(encoding="utf-8", errors="replace")
        if text.startswith("---"):
            front = text.split("---", 2)[1] if text.count("---") >= 2 else ""
            found = LICENSE_LINE.search(front)
            if found:
                return found.group(1).strip()
    for name in LICENSE_FILES:
        path = directory / name
        if path.is_file():
            first = next((line.strip() for line in path.read_text(errors="replace").splitlines() if line.strip()), "")
            if first:
                return first[:120]
    return "undeclared"


def model_info(path: Path) -> ModelInfo:
    """Name (the directory, or `_name_or_path` when the index records one), licence and pipeline class."""
    directory = path if path.is_dir() else path.parent
    name, pipeline_class = directory.name, ""
    index = directory / "model_index.json"
    if index.is_file():
        data = json.loads(index.read_text(encoding="utf-8"))
        pipeline_class = str(data.get("_class_name", ""))
        name = str(data.get("_name_or_path") or name).rstrip("/").split("/")[-1] or name
    return ModelInfo(name=name, path=str(path), license=declared_license(directory), pipeline_class=pipeline_class)
