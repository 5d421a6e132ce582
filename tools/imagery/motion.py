"""Image-to-video from a local diffusers pipeline (e.g. Stable Video Diffusion): a scene's picture, animated."""

from __future__ import annotations

import inspect
import math
import subprocess
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PIL import Image

from aios.kernel.errors import ConfigurationError, EngineError
from aios.tools.devices import torch_device
from aios.tools.ffmpeg import ffmpeg_exe
from aios.tools.imagery.diffusion import generation_size, load_pipeline
from aios.tools.models import model_info

FPS = 7  # the frame rate image-to-video models are conditioned on (SVD's default)


class MotionEngine:
    """Animates a still into a short clip that loops without a jump (forward, then backward)."""

    name = "motion"

    def __init__(self, model_dir: Path, *, device: str = "auto", dtype: str = "auto", frames: int = 14,
                 steps: int = 25, native: int | None = None, ffmpeg: str | None = None) -> None:
        if not (model_dir / "model_index.json").is_file():
            raise ConfigurationError(f"{model_dir} holds no diffusers pipeline (model_index.json is missing); "
                                     "set AIOS_MOTION_MODEL to an image-to-video pipeline directory")
        self.model_dir, self.frames, self.steps, self._native = model_dir, frames, steps, native
        self.info = model_info(model_dir)
        self.device, self._dtype_choice, self._ffmpeg = torch_device(device), dtype, ffmpeg
        import diffusers

        self.version = f"{diffusers.__version__} {self.info.name}"
        self._pipe: Any = None
        self._lock = threading.Lock()

    def _load(self) -> Any:
        if self._pipe is None:
            self._pipe = load_pipeline(self.model_dir, self.device, self._dtype_choice, self.info.pipeline_class)
        return self._pipe

    def frames_for(self, picture: Path, seed: int) -> list[Image.Image]:
        """The model's frames for the picture, generated at its native pixel count in the picture's aspect."""
        import torch

        with self._lock:
            pipe = self._load()
            accepts = inspect.signature(pipe.__call__).parameters
            defaults = [accepts[k].default for k in ("width", "height") if k in accepts]
            native = self._native or (int(math.sqrt(defaults[0] * defaults[1])) if len(defaults) == 2
                                      and all(isinstance(v, int) for v in defaults) else 576)
            with Image.open(picture) as source:
                image = source.convert("RGB")
            width, height = generation_size(native, 64 if native >= 256 else 16, image.size)
            options: dict[str, Any] = {"height": height, "width": width, "num_inference_steps": self.steps,
                                       "generator": torch.Generator(device=self.device).manual_seed(seed)}
            for name, value in (("num_frames", self.frames), ("decode_chunk_size", 8), ("fps", FPS),
                                ("output_type", "pil")):
                if name in accepts:
                    options[name] = value
            try:
                with torch.inference_mode():
                    frames = pipe(image=image.resize((width, height), Image.Resampling.LANCZOS), **options).frames
            except (RuntimeError, ValueError) as exc:
                raise EngineError(f"image-to-video generation failed: {exc}") from exc
        return list(frames[0])

    def animate(self, picture: Path, out: Path, *, seed: int,
                finish: Callable[[Path, Path], Path]) -> Path:
        """Write an H.264 clip: each frame fitted and finished (`finish(frame, out)` draws the headline),
        played forward then backward so it loops seamlessly at FPS frames per second."""
        frames = self.frames_for(picture, seed)
        with tempfile.TemporaryDirectory(prefix="aios-motion-") as scratch:
            folder = Path(scratch)
            finished = []
            for index, frame in enumerate(frames):
                raw = folder / f"raw{index:03d}.png"
                frame.save(raw)
                finished.append(finish(raw, folder / f"f{index:03d}.png"))
            order = finished + finished[-2:0:-1]
            for index, path in enumerate(order):
                (folder / f"loop{index:04d}.png").hardlink_to(path)
            command = [ffmpeg_exe(self._ffmpeg), "-hide_banner", "-nostdin", "-y", "-framerate", str(FPS),
                       "-i", str(folder / "loop%04d.png"), "-c:v", "libx264", "-preset", "veryfast", "-crf", "18",
                       "-pix_fmt", "yuv420p", "-movflags", "+faststart", "-f", "mp4", str(out)]
            result = subprocess.run(command, capture_output=True, text=True, check=False)
            if result.returncode != 0:
                raise EngineError(f"encoding the motion clip failed: {result.stderr.strip()[-400:]}")
        return out

    def record(self) -> dict[str, Any]:
        """What the manifest keeps about the motion model."""
        return {"model": self.info.name, "license": self.info.license, "frames": self.frames, "fps": FPS,
                "steps": self.steps, "device": self.device}
