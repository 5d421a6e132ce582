"""diffusers text-to-image from a local model directory, batched across concurrent scenes, CUDA when present."""

from __future__ import annotations

import inspect
import math
import threading
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from queue import Empty, Queue
from typing import TYPE_CHECKING, Any

from PIL import Image

from aios.kernel.errors import ConfigurationError, EngineError
from aios.tools.devices import torch_device, torch_dtype
from aios.tools.imagery.base import VisualRequest
from aios.tools.imagery.compose import finish, prompt
from aios.tools.models import model_info

if TYPE_CHECKING:
    from aios.kernel.settings import Settings

NEGATIVE = "text, letters, watermark, logo, signature, blurry, deformed, low quality"
FAST_MODELS = ("turbo", "schnell", "lightning", "lcm")


def generation_size(native: int, multiple: int, size: tuple[int, int]) -> tuple[int, int]:
    """The model's native pixel count shaped to the output's aspect, in multiples the model accepts."""
    aspect = size[0] / size[1]
    width = math.sqrt(native * native * aspect)
    height = native * native / width
    return (max(multiple, int(round(width / multiple)) * multiple),
            max(multiple, int(round(height / multiple)) * multiple))


def load_pipeline(model_dir: Path, device: str, dtype: str, pipeline_class: str) -> Any:
    """Any diffusers pipeline saved in model_dir (local files only), on the device, progress bars off."""
    try:
        import diffusers
        import transformers
        from diffusers import DiffusionPipeline
    except ImportError as exc:
        raise ConfigurationError("the diffusers engines need their extra: pip install 'aios-media[diffusers]' "
                                 f"({exc})") from exc

    diffusers.utils.logging.disable_progress_bar()
    transformers.utils.logging.disable_progress_bar()
    try:
        pipe = DiffusionPipeline.from_pretrained(str(model_dir), dtype=torch_dtype(dtype, device, pipeline_class),
                                                 local_files_only=True)
    except (OSError, ValueError, TypeError, KeyError) as exc:
        raise EngineError(f"the diffusers pipeline in {model_dir} could not load: {exc}") from exc
    pipe.set_progress_bar_config(disable=True)
    return pipe.to(device)


@dataclass
class _Job:
    prompt: str
    seed: int
    size: tuple[int, int]
    future: Future[Image.Image]


class DiffusersEngine:
    """Loads any diffusers text-to-image pipeline a directory holds; concurrent scenes share one batch."""

    name = "diffusers"

    def __init__(self, model_dir: Path, *, device: str = "auto", dtype: str = "auto", steps: int | None = None,
                 guidance: float | None = None, batch: int = 4, window_s: float = 0.05,
                 attention_slicing: bool = False, style: str = "") -> None:
        if not (model_dir / "model_index.json").is_file():
            raise ConfigurationError(f"{model_dir} holds no diffusers pipeline (model_index.json is missing); "
                                     "set AIOS_IMAGE_MODEL to a directory saved with save_pretrained")
        self.model_dir, self.style = model_dir, style
        self.info = model_info(model_dir)
        self.device = torch_device(device)
        self._dtype_choice, self._steps, self._guidance = dtype, steps, guidance
        self.batch, self.window_s, self.attention_slicing = max(1, batch), window_s, attention_slicing
        import diffusers

        self.version = f"{diffusers.__version__} {self.info.name}"
        self._pipe: Any = None
        self._load_lock = threading.Lock()
        self._queue: Queue[_Job] = Queue()
        self._worker: threading.Thread | None = None
        self._worker_lock = threading.Lock()
        self.batches: list[int] = []  # sizes of the batches run, for tests and benchmarks

    @property
    def fast(self) -> bool:
        """Few-step distilled models (SD-Turbo, FLUX-schnell, ...) run 4 steps without guidance."""
        return any(k in self.info.name.lower() for k in FAST_MODELS)

    @property
    def steps(self) -> int:
        """Denoising steps per image."""
        return self._steps or (4 if self.fast else 30)

    def pipeline(self) -> Any:
        """The loaded pipeline (loaded once, on first use)."""
        with self._load_lock:
            if self._pipe is None:
                self._pipe = self._load()
            return self._pipe

    def _load(self) -> Any:
        pipe = load_pipeline(self.model_dir, self.device, self._dtype_choice, self.info.pipeline_class)
        if self.attention_slicing:
            pipe.enable_attention_slicing()
        return pipe

    def native_size(self) -> tuple[int, int]:
        """(native side in pixels, the multiple sizes must be of)."""
        pipe = self.pipeline()
        scale = int(getattr(pipe, "vae_scale_factor", 8))
        sample: Any = getattr(pipe, "default_sample_size", None)
        if sample is None:
            denoiser = getattr(pipe, "unet", None) or getattr(pipe, "transformer", None)
            sample = getattr(getattr(denoiser, "config", None), "sample_size", 64)
        return int(sample) * scale, 8 * scale

    def prompt(self, request: VisualRequest) -> str:
        """The scene's visual description, its keywords and the brand style."""
        return prompt(request, self.style)

    def generate(self, prompts: list[str], seeds: list[int], size: tuple[int, int]) -> list[Image.Image]:
        """One batched pipeline call: an image per prompt, each from its own seeded generator."""
        import torch

        pipe = self.pipeline()
        accepts = inspect.signature(pipe.__call__).parameters
        options: dict[str, Any] = {"num_inference_steps": self.steps, "width": size[0], "height": size[1],
                                   "output_type": "pil"}
        guidance = self._guidance if self._guidance is not None else (0.0 if self.fast else None)
        if guidance is not None and "guidance_scale" in accepts:
            options["guidance_scale"] = guidance
        if "negative_prompt" in accepts and not self.fast:
            options["negative_prompt"] = [NEGATIVE] * len(prompts)
        generators = [torch.Generator(device=self.device).manual_seed(seed) for seed in seeds]
        try:
            with torch.inference_mode():
                images = pipe(prompt=prompts, generator=generators, **options).images
        except (RuntimeError, ValueError) as exc:
            raise EngineError(f"diffusers generation failed: {exc}") from exc
        self.batches.append(len(prompts))
        return list(images)

    def render(self, request: VisualRequest, out: Path) -> Path:
        """Generate the scene's picture (batched with concurrent scenes), fit it and draw the headline."""
        native, multiple = self.native_size()
        size = generation_size(native, multiple, request.size)
        return finish(self._submit(self.prompt(request), request.seed, size).result(), request, out)

    def _submit(self, prompt: str, seed: int, size: tuple[int, int]) -> Future[Image.Image]:
        job = _Job(prompt, seed, size, Future())
        with self._worker_lock:
            self._queue.put(job)
            if self._worker is None:
                self._worker = threading.Thread(target=self._serve, name="diffusers-batcher", daemon=True)
                self._worker.start()
        return job.future

    def _serve(self) -> None:
        """Take the first waiting scene, wait `window_s` for others of the same size, run them as one batch."""
        while True:
            try:
                first = self._queue.get(timeout=30)
            except Empty:
                with self._worker_lock:  # idle: stop, unless a scene arrived meanwhile
                    if self._queue.empty():
                        self._worker = None
                        return
                continue
            group: list[_Job] = [first]
            later: list[_Job] = []
            while len(group) < self.batch:
                try:
                    job = self._queue.get(timeout=self.window_s)
                except Empty:
                    break
                (group if job.size == first.size else later).append(job)
            for job in later:
                self._queue.put(job)
            try:
                images = self.generate([j.prompt for j in group], [j.seed for j in group], first.size)
            except Exception as exc:  # every waiting scene learns why; the worker keeps serving
                for job in group:
                    job.future.set_exception(exc)
                continue
            for job, image in zip(group, images, strict=True):
                job.future.set_result(image)

    def record(self, request: VisualRequest) -> dict[str, Any]:
        """What the manifest keeps about one generated still."""
        return {"model": self.info.name, "license": self.info.license, "seed": request.seed,
                "steps": self.steps, "device": self.device, "prompt": self.prompt(request)}


READS = ("image_model", "image_device", "image_dtype", "image_steps", "image_guidance", "image_batch",
         "image_attention_slicing", "image_style")


def build(settings: Settings) -> DiffusersEngine:
    """The catalog's factory: the local diffusers pipeline at AIOS_IMAGE_MODEL (ConfigurationError when unset)."""
    if settings.image_model is None:
        raise ConfigurationError("the diffusers image engine needs AIOS_IMAGE_MODEL (a local pipeline directory)")
    return DiffusersEngine(settings.image_model.expanduser(), device=settings.image_device,
                           dtype=settings.image_dtype, steps=settings.image_steps, guidance=settings.image_guidance,
                           batch=settings.image_batch, attention_slicing=settings.image_attention_slicing,
                           style=settings.image_style)
