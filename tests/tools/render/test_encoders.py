"""Encoder choice: NVENC only when it opens; libx264 is always there; same quality intent on both."""

from __future__ import annotations

import pytest

from aios.kernel.errors import ConfigurationError
from aios.tools.render.encoders import arguments, opens, pick
from aios.tools.render.profiles import get_profile


def test_libx264_opens_and_unknown_encoders_do_not() -> None:
    assert opens("libx264")
    assert not opens("no_such_encoder")


def test_auto_picks_nvenc_exactly_when_it_opens() -> None:
    assert pick("auto") == ("h264_nvenc" if opens("h264_nvenc") else "libx264")
    assert pick("libx264") == "libx264"


def test_naming_an_encoder_that_cannot_open_is_a_configuration_error() -> None:
    if opens("h264_nvenc"):
        assert pick("h264_nvenc") == "h264_nvenc"
    else:
        with pytest.raises(ConfigurationError, match="does not open"):
            pick("h264_nvenc")
    with pytest.raises(ConfigurationError, match="unknown video encoder"):
        pick("vp9")


def test_arguments_carry_the_profile_to_either_encoder() -> None:
    final = get_profile("final")
    assert arguments("libx264", final) == ["-c:v", "libx264", "-preset", "medium", "-crf", "20",
                                           "-pix_fmt", "yuv420p"]
    nvenc = arguments("h264_nvenc", final)
    assert nvenc[:4] == ["-c:v", "h264_nvenc", "-preset", "p4"] and "-cq" in nvenc and "20" in nvenc
