"""Coqui VITS models with random weights from a config, saved locally (tests and benchmarks; nothing downloaded)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

TINY = dict(hidden_channels=16, hidden_channels_ffn_text_encoder=32, num_heads_text_encoder=2,
            num_layers_text_encoder=1, num_layers_flow=1, num_layers_posterior_encoder=1,
            resblock_kernel_sizes_decoder=[3], resblock_dilation_sizes_decoder=[[1, 3, 5]],
            upsample_rates_decoder=[8, 8, 4], upsample_initial_channel_decoder=16,
            upsample_kernel_sizes_decoder=[16, 16, 8], speaker_embedding_channels=8)


def build_vits(directory: Path, *, full_size: bool = False, speakers: list[str] | None = None,
               sample_rate: int = 22050, name: str = "vits-random") -> tuple[Path, Path]:
    """A VITS model (LJSpeech-sized with full_size, else tiny) with characters as input; (model.pth, config.json)."""
    import torch
    from TTS.tts.configs.shared_configs import CharactersConfig
    from TTS.tts.configs.vits_config import VitsArgs, VitsConfig
    from TTS.tts.models.vits import Vits

    torch.manual_seed(0)
    directory.mkdir(parents=True, exist_ok=True)
    args: dict[str, Any] = {} if full_size else dict(TINY)
    if speakers:
        args["use_speaker_embedding"] = True
    config = VitsConfig(
        model_args=VitsArgs(init_discriminator=False, **args), use_phonemes=False, text_cleaner="english_cleaners",
        characters=CharactersConfig(
            characters_class="TTS.tts.models.vits.VitsCharacters", pad="<PAD>", eos="<EOS>", bos="<BOS>",
            blank="<BLNK>", characters="abcdefghijklmnopqrstuvwxyz0123456789 ", punctuations="!'(),-.:;? ",
            phonemes=None, is_unique=True, is_sorted=True))
    config.audio.sample_rate = sample_rate
    if speakers:
        speakers_file = directory / "speakers.json"
        speakers_file.write_text(json.dumps({name: i for i, name in enumerate(speakers)}), encoding="utf-8")
        config.speakers_file = config.model_args.speakers_file = str(speakers_file)
        config.num_speakers = config.model_args.num_speakers = len(speakers)
    model = Vits.init_from_config(config)
    model_path, config_path = directory / "model.pth", directory / "config.json"
    torch.save({"model": model.state_dict()}, model_path)
    config.save_json(str(config_path))
    (directory / "README.md").write_text(f"---\nlicense: apache-2.0\n---\n# {name}\nRandom weights.\n")
    return model_path, config_path
