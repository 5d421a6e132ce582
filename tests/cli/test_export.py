"""`aios export`: a made video's cut as a bundle an editing program opens, read back with the same adapter."""

from __future__ import annotations

import zipfile
from pathlib import Path

import opentimelineio as otio
import pytest

from tests.support.cli import aios, job_id

pytestmark = pytest.mark.slow  # renders media or runs aios processes (seconds each)


def test_a_made_video_exports_for_premiere_and_resolve(aios_home: Path, tmp_path: Path) -> None:
    made = aios("make", "a 6-second square video about our tea shop", "--yes", "--out", str(tmp_path / "out"),
                home=aios_home)
    assert made.returncode == 0, made.stderr
    job = job_id(made.stdout)
    result = aios("export", job, "--format", "fcp7", "--out", str(tmp_path / "exports"), home=aios_home)
    assert result.returncode == 0, result.stderr
    bundle = Path(result.stdout.split("exported: ", 1)[1].strip())
    assert bundle == tmp_path / "exports" / "our-tea-shop-fcp7.zip"
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(tmp_path / "unpacked")
    folder = tmp_path / "unpacked" / "our-tea-shop"
    cut = otio.adapters.read_from_file(str(folder / "our-tea-shop.xml"), adapter_name="fcp_xml")
    if isinstance(cut, otio.schema.SerializableCollection):
        cut = next(iter(cut))
    pictures = next(t for t in cut.tracks if t.kind == otio.schema.TrackKind.Video)
    video = tmp_path / "out" / "our-tea-shop.mp4"
    assert (folder / "media" / video.name).read_bytes() == video.read_bytes()  # the published video, for reference
    from aios.tools.ffmpeg import probe

    length = pictures.duration()
    assert abs(length.to_seconds() - probe(video)["video_duration"]) <= 1 / length.rate  # as long as the video
    for clip in pictures.find_clips():
        assert (folder / clip.media_reference.target_url).is_file()


@pytest.mark.parametrize(("args", "message"), [
    (["export", "job-000000000000"], "error: no job 'job-000000000000'"),
    (["export", "job-000000000000", "--format", "edl"], "error: --format must be otio, fcp7, fcpxml or capcut"),
])
def test_export_mistakes_are_one_line(aios_home: Path, args: list[str], message: str) -> None:
    result = aios(*args, home=aios_home)
    assert result.returncode != 0 and result.stderr.startswith(message), result.stderr
    assert "Traceback" not in result.stderr
