"""Diffusers pipelines with random weights from architecture configs, saved locally (tests and benchmarks).

Nothing is downloaded: the configs are written out here (SD 1.5 and SDXL at full size, and a tiny one), and
the CLIP tokenizer is a byte-level vocabulary without merges. Same compute as the real weights, no quality.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

TINY = "tiny"
SD15 = "sd15"
SDXL = "sdxl"
TINY_SVD = "tiny-svd"
SVD = "svd"


def byte_symbols() -> list[str]:
    """GPT-2's printable stand-in for each of the 256 bytes (what byte-level BPE vocabularies are made of)."""
    printable = [*range(ord("!"), ord("~") + 1), *range(ord("¡"), ord("¬") + 1), *range(ord("®"), ord("ÿ") + 1)]
    extra = iter(range(256, 512))
    return [chr(b) if b in printable else chr(next(extra)) for b in range(256)]


def write_tokenizer(directory: Path) -> Any:
    """A byte-level CLIP tokenizer (every byte, with and without its end-of-word mark; no merges)."""
    from transformers import CLIPTokenizer

    symbols = byte_symbols()
    vocab = {token: index for index, token in enumerate(symbols + [s + "</w>" for s in symbols])}
    vocab["<|startoftext|>"], vocab["<|endoftext|>"] = len(vocab), len(vocab) + 1
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "vocab.json").write_text(json.dumps(vocab), encoding="utf-8")
    (directory / "merges.txt").write_text("#version: 0.2\n", encoding="utf-8")
    tokenizer = CLIPTokenizer(vocab=str(directory / "vocab.json"), merges=str(directory / "merges.txt"),
                              model_max_length=77)
    tokenizer.save_pretrained(str(directory))
    return tokenizer


def _text_encoder(hidden: int, layers: int, heads: int, ffn: int, projection: bool, act: str) -> Any:
    from transformers import CLIPTextConfig, CLIPTextModel, CLIPTextModelWithProjection

    config = CLIPTextConfig(vocab_size=49408, hidden_size=hidden, intermediate_size=ffn, num_hidden_layers=layers,
                            num_attention_heads=heads, max_position_embeddings=77, hidden_act=act,
                            projection_dim=hidden, bos_token_id=0, eos_token_id=2, pad_token_id=1)
    return (CLIPTextModelWithProjection if projection else CLIPTextModel)(config)


def _vae(channels: tuple[int, ...], sample: int, **extra: Any) -> Any:
    from diffusers import AutoencoderKL

    return AutoencoderKL(in_channels=3, out_channels=3, latent_channels=4, block_out_channels=channels,
                         down_block_types=("DownEncoderBlock2D",) * len(channels),
                         up_block_types=("UpDecoderBlock2D",) * len(channels), layers_per_block=2 if
                         len(channels) > 2 else 1, sample_size=sample, **extra)


def build(kind: str, directory: Path, *, dtype: Any = None, device: str = "cpu", name: str | None = None) -> Path:
    """Build the pipeline `kind` with random weights and save it to `directory` (model_index.json and all)."""
    import torch
    from diffusers import DPMSolverMultistepScheduler, StableDiffusionPipeline, StableDiffusionXLPipeline
    from diffusers import UNet2DConditionModel as UNet

    torch.manual_seed(0)
    with tempfile.TemporaryDirectory() as scratch:
        tok = write_tokenizer(Path(scratch))
    scheduler = DPMSolverMultistepScheduler(beta_start=0.00085, beta_end=0.012, beta_schedule="scaled_linear",
                                            steps_offset=1)
    svd_scheduler = _svd_scheduler()
    with torch.device(device):
        if kind == TINY:
            unet = UNet(sample_size=16, block_out_channels=(32, 64), layers_per_block=1, cross_attention_dim=32,
                        down_block_types=("DownBlock2D", "CrossAttnDownBlock2D"),
                        up_block_types=("CrossAttnUpBlock2D", "UpBlock2D"), attention_head_dim=(2, 4))
            pipe: Any = StableDiffusionPipeline(
                vae=_vae((32, 64), 32), text_encoder=_text_encoder(32, 2, 4, 37, False, "quick_gelu"),
                tokenizer=tok, unet=unet, scheduler=scheduler, safety_checker=None, feature_extractor=None,
                requires_safety_checker=False)
        elif kind == SD15:
            unet = UNet(sample_size=64, block_out_channels=(320, 640, 1280, 1280), layers_per_block=2,
                        cross_attention_dim=768, attention_head_dim=8,
                        down_block_types=("CrossAttnDownBlock2D",) * 3 + ("DownBlock2D",),
                        up_block_types=("UpBlock2D",) + ("CrossAttnUpBlock2D",) * 3)
            pipe = StableDiffusionPipeline(
                vae=_vae((128, 256, 512, 512), 512), text_encoder=_text_encoder(768, 12, 12, 3072, False, "quick_gelu"),
                tokenizer=tok, unet=unet, scheduler=scheduler, safety_checker=None, feature_extractor=None,
                requires_safety_checker=False)
        elif kind == SDXL:
            unet = UNet(sample_size=128, block_out_channels=(320, 640, 1280), layers_per_block=2,
                        cross_attention_dim=2048, attention_head_dim=(5, 10, 20), use_linear_projection=True,
                        transformer_layers_per_block=(1, 2, 10), addition_embed_type="text_time",
                        addition_time_embed_dim=256, projection_class_embeddings_input_dim=2816,
                        down_block_types=("DownBlock2D", "CrossAttnDownBlock2D", "CrossAttnDownBlock2D"),
                        up_block_types=("CrossAttnUpBlock2D", "CrossAttnUpBlock2D", "UpBlock2D"))
            pipe = StableDiffusionXLPipeline(
                vae=_vae((128, 256, 512, 512), 1024, scaling_factor=0.13025, force_upcast=True),
                text_encoder=_text_encoder(768, 12, 12, 3072, False, "quick_gelu"),
                text_encoder_2=_text_encoder(1280, 32, 20, 5120, True, "gelu"),
                tokenizer=tok, tokenizer_2=tok, unet=unet, scheduler=scheduler)
        elif kind in (TINY_SVD, SVD):
            pipe = _svd(kind == SVD, svd_scheduler)
        else:
            raise ValueError(f"unknown architecture {kind!r}; choose {TINY}, {SD15}, {SDXL}, {TINY_SVD} or {SVD}")
    if dtype is not None:
        pipe = pipe.to(dtype=dtype)
    pipe.save_pretrained(str(directory), safe_serialization=True)
    if name:
        index = directory / "model_index.json"
        data = json.loads(index.read_text()) | {"_name_or_path": name}
        index.write_text(json.dumps(data, indent=2))
    return directory


def _svd_scheduler() -> Any:
    from diffusers import EulerDiscreteScheduler

    return EulerDiscreteScheduler(
        beta_start=0.00085, beta_end=0.012, beta_schedule="scaled_linear", interpolation_type="linear",
        num_train_timesteps=1000, prediction_type="v_prediction", sigma_max=700.0, sigma_min=0.002, steps_offset=1,
        timestep_spacing="leading", timestep_type="continuous", use_karras_sigmas=True)


def _svd(full_size: bool, scheduler: Any) -> Any:
    """Stable Video Diffusion (image-to-video): the real architecture (1.5B UNet, ViT-H image encoder), or toy size."""
    from diffusers import AutoencoderKLTemporalDecoder, StableVideoDiffusionPipeline, UNetSpatioTemporalConditionModel
    from transformers import CLIPImageProcessor, CLIPVisionConfig, CLIPVisionModelWithProjection

    if full_size:  # the library's defaults are SVD's own configuration
        unet = UNetSpatioTemporalConditionModel()
        vae = AutoencoderKLTemporalDecoder(block_out_channels=(128, 256, 512, 512), layers_per_block=2,
                                           down_block_types=("DownEncoderBlock2D",) * 4, latent_channels=4)
        vision = CLIPVisionConfig(hidden_size=1280, projection_dim=1024, num_hidden_layers=32, num_attention_heads=16,
                                  intermediate_size=5120, image_size=224, patch_size=14, hidden_act="gelu")
    else:
        unet = UNetSpatioTemporalConditionModel(
            block_out_channels=(32, 64), layers_per_block=2, sample_size=32, in_channels=8, out_channels=4,
            down_block_types=("CrossAttnDownBlockSpatioTemporal", "DownBlockSpatioTemporal"),
            up_block_types=("UpBlockSpatioTemporal", "CrossAttnUpBlockSpatioTemporal"), cross_attention_dim=32,
            num_attention_heads=8, projection_class_embeddings_input_dim=96, addition_time_embed_dim=32)
        vae = AutoencoderKLTemporalDecoder(block_out_channels=(32, 64), in_channels=3, out_channels=3,
                                           down_block_types=("DownEncoderBlock2D", "DownEncoderBlock2D"),
                                           latent_channels=4)
        vision = CLIPVisionConfig(hidden_size=32, projection_dim=32, num_hidden_layers=2, num_attention_heads=4,
                                  image_size=224, intermediate_size=37, patch_size=14)
    return StableVideoDiffusionPipeline(vae=vae, image_encoder=CLIPVisionModelWithProjection(vision), unet=unet,
                                        scheduler=scheduler, feature_extractor=CLIPImageProcessor(crop_size=224,
                                                                                                  size=224))
