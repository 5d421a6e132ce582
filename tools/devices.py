"""Which torch device and dtype an engine runs on: CUDA when present, with the precision the model suits."""

from __future__ import annotations

from typing import Any

from aios.kernel.errors import ConfigurationError


def torch_device(choice: str) -> str:
    """auto: cuda when torch sees a GPU, else cpu."""
    import torch

    if choice == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if choice.startswith("cuda") and not torch.cuda.is_available():
        raise ConfigurationError(f"device {choice!r} was asked for but torch sees no CUDA GPU here")
    return choice


def torch_dtype(choice: str, device: str, pipeline_class: str = "") -> Any:
    """auto: fp32 on CPU; bf16 for transformer pipelines (FLUX, SD3) and fp16 for UNets on CUDA."""
    import torch

    named = {"fp32": torch.float32, "fp16": torch.float16, "bf16": torch.bfloat16}
    if choice != "auto":
        return named[choice]
    if not device.startswith("cuda"):
        return torch.float32
    return torch.bfloat16 if any(k in pipeline_class for k in ("Flux", "StableDiffusion3")) else torch.float16
