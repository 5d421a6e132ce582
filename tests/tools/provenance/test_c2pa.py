"""C2PA: test credentials, a manifest signed into a real MP4 and read back, trust and tampering."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from aios.kernel.errors import ConfigurationError
from aios.kernel.settings import Settings
from aios.tools.ffmpeg import ffmpeg_exe
from aios.tools.provenance.c2pa import ENGINES_LABEL, TRAINED, SignerConfig, definition, read, sign, signer_config
from aios.tools.provenance.keys import make_test_credentials

pytestmark = pytest.mark.slow  # renders or synthesizes real media

ENGINES = {"planner": ["rules"], "speech": ["hibari 0.2.1"], "imagery": ["cards 1"]}


@pytest.fixture
def mp4(tmp_path: Path) -> Path:
    path = tmp_path / "clip.mp4"
    subprocess.run([ffmpeg_exe(), "-loglevel", "error", "-f", "lavfi", "-i", "testsrc=size=160x120:rate=10",
                    "-f", "lavfi", "-i", "sine", "-t", "1", "-c:v", "libx264", "-c:a", "aac", str(path)], check=True)
    return path


def test_signed_manifest_reads_back_trusted_with_the_test_root(tmp_path: Path, mp4: Path) -> None:
    creds = make_test_credentials(tmp_path / "c2pa")
    assert oct(creds.key.stat().st_mode & 0o777) == "0o600"
    signed = sign(mp4, definition("Spring sale", ENGINES, "job-1"), SignerConfig(creds.chain, creds.key))
    assert signed["signer"] == "AIOS Media (test) signer" and signed["label"].startswith("urn:c2pa:")
    found = read(mp4, creds.ca)
    assert (found.state, found.failures) == ("Trusted", [])
    assert found.assertion(ENGINES_LABEL) == {"job": "job-1", **ENGINES}
    actions = found.assertion("c2pa.actions.v2")
    assert actions is not None and actions["actions"][0]["digitalSourceType"] == TRAINED
    assert {a["softwareAgent"]["name"] for a in actions["actions"][1:]} == {"rules", "hibari 0.2.1", "cards 1"}
    untrusted = read(mp4)
    assert untrusted.state == "Valid" and any("untrusted" in f for f in untrusted.failures)


def test_an_unsigned_file_has_no_manifest_and_a_tampered_one_is_invalid(tmp_path: Path, mp4: Path) -> None:
    assert read(mp4).manifest is None
    creds = make_test_credentials(tmp_path / "c2pa")
    sign(mp4, definition("T", ENGINES, "job-2"), SignerConfig(creds.chain, creds.key))
    data = bytearray(mp4.read_bytes())
    data[-200] ^= 0xFF  # flip a byte of media data, covered by the manifest's hash
    mp4.write_bytes(bytes(data))
    found = read(mp4, creds.ca)
    assert found.state == "Invalid" and found.failures


def test_signer_comes_from_settings_or_the_test_credentials_under_home(settings: Settings, tmp_path: Path) -> None:
    assert signer_config(settings) is None
    made = make_test_credentials(settings.data_dir / "c2pa")
    assert signer_config(settings) == SignerConfig(made.chain, made.key)
    with pytest.raises(ConfigurationError, match="both"):
        signer_config(settings.model_copy(update={"c2pa_cert": made.chain}))
    with pytest.raises(ConfigurationError, match="not found"):
        signer_config(settings.model_copy(update={"c2pa_cert": tmp_path / "x.pem", "c2pa_key": made.key}))
