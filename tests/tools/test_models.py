"""What a model directory declares: its name and licence, as the manifest records them."""

from __future__ import annotations

import json
from pathlib import Path

from aios.tools.models import declared_license, model_info


def test_licence_from_the_model_card_front_matter(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("---\nlanguage: en\nlicense: other\nlicense_name: flux-1-dev-non-commercial"
                                        "\n---\n# FLUX\nlicense: ignored in the body\n")
    assert declared_license(tmp_path) == "other"


def test_licence_from_a_licence_file_when_the_card_has_none(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# A model\nNo front matter.\n")
    (tmp_path / "LICENSE").write_text("\n  MIT License\n\nCopyright ...\n")
    assert declared_license(tmp_path) == "MIT License"


def test_undeclared_when_the_directory_says_nothing(tmp_path: Path) -> None:
    assert declared_license(tmp_path) == "undeclared"


def test_name_and_pipeline_class_from_the_index(tmp_path: Path) -> None:
    (tmp_path / "model_index.json").write_text(json.dumps({"_class_name": "StableDiffusionXLPipeline",
                                                           "_name_or_path": "stabilityai/sdxl-turbo"}))
    info = model_info(tmp_path)
    assert (info.name, info.pipeline_class, info.license) == ("sdxl-turbo", "StableDiffusionXLPipeline", "undeclared")
    checkpoint = tmp_path / "vits-en" / "model.pth"
    checkpoint.parent.mkdir()
    checkpoint.write_bytes(b"weights")
    assert model_info(checkpoint).name == "vits-en"
