"""The diffusers engine through its real loading code, on a tiny pipeline saved to a temp dir."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from aios.kernel.errors import ConfigurationError, EngineError
from aios.kernel.settings import Settings
from aios.tools.imagery import VisualRequest, get_image_engine
from aios.tools.imagery.diffusion import DiffusersEngine, generation_size

pytestmark = pytest.mark.slow  # renders or synthesizes real media


def request(seed: int, size: tuple[int, int] = (540, 960), headline: str = "Spring sale") -> VisualRequest:
    return VisualRequest(headline=headline, description="a flower shop window in spring", keywords=("flowers",),
                         size=size, palette="sunrise", seed=seed)


@pytest.mark.parametrize(("native", "multiple", "size", "expected"), [
    (512, 64, (1080, 1920), (384, 704)),   # SD 1.5, 9:16
    (512, 64, (1920, 1080), (704, 384)),   # SD 1.5, 16:9
    (1024, 64, (1080, 1080), (1024, 1024)),  # SDXL, 1:1
    (1024, 64, (864, 1080), (896, 1152)),  # SDXL, 4:5
])
def test_generation_size_keeps_the_native_pixel_count_in_the_output_aspect(
        native: int, multiple: int, size: tuple[int, int], expected: tuple[int, int]) -> None:
    assert generation_size(native, multiple, size) == expected


def test_loads_the_saved_pipeline_and_writes_a_still_at_output_size(tiny_sd: Path, tmp_path: Path) -> None:
    engine = DiffusersEngine(tiny_sd, steps=2)
    out = engine.render(request(1), tmp_path / "still.png")
    assert engine.device == "cpu" and engine.info.name == "tiny-sd"
    assert engine.info.license == "creativeml-openrail-m"
    assert Image.open(out).size == (540, 960)
    record = engine.record(request(1))
    assert record["seed"] == 1 and record["model"] == "tiny-sd" and record["steps"] == 2
    assert "flower shop window" in record["prompt"]


def test_concurrent_scenes_run_as_one_batch_and_each_keeps_its_seed(tiny_sd: Path) -> None:
    engine = DiffusersEngine(tiny_sd, steps=2, batch=4, window_s=0.5)
    size = generation_size(*engine.native_size(), (540, 960))
    with ThreadPoolExecutor(4) as pool:
        batched = list(pool.map(lambda s: engine._submit("flowers", s, size).result(), [11, 12, 13, 14]))
    assert engine.batches == [4]
    alone = np.asarray(engine.generate(["flowers"], [12], size)[0], dtype=np.int16)
    # The same seed gives the same picture alone or in a batch (up to float rounding); other seeds differ.
    assert np.abs(alone - np.asarray(batched[1], dtype=np.int16)).max() <= 3
    assert np.abs(alone - np.asarray(batched[0], dtype=np.int16)).mean() > 10


def test_chosen_through_settings_and_built_once(tiny_sd: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AIOS_IMAGE_MODEL", str(tiny_sd))
    monkeypatch.setenv("AIOS_IMAGE_STEPS", "2")
    settings = Settings()
    engine = get_image_engine("diffusers", settings)
    assert isinstance(engine, DiffusersEngine) and engine.steps == 2
    assert get_image_engine("diffusers", settings) is engine


def test_a_directory_without_a_pipeline_is_a_configuration_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match=r"model_index\.json is missing"):
        DiffusersEngine(tmp_path)


def test_a_broken_pipeline_fails_as_an_engine_error(tiny_sd: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    index = json.loads((tiny_sd / "model_index.json").read_text())
    (broken / "model_index.json").write_text(json.dumps(index))  # components missing
    with pytest.raises(EngineError, match="could not load"):
        DiffusersEngine(broken, steps=1).render(request(1), tmp_path / "x.png")
