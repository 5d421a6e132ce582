"""Open a job's exported cut in an editing program that runs here: its FCP7 XML (what Premiere Pro and DaVinci Resolve
import) read back, converted to MLT XML (otio-mlt-adapter) and rendered by MLT's own `melt` (the engine of Shotcut and
Kdenlive); then each scene is found in both videos at its place. With --screenshot, Shotcut opens it on a virtual
screen and the window is saved.

    python examples/nle_standin.py JOB --out DIR [--screenshot docs/screenshots/shotcut-timeline.png]

Prints one JSON object: our frames, melt's, the transitions, and for each scene the still both videos show at its
middle. Needs Debian's melt (and for the screenshot shotcut, xvfb, xdotool, imagemagick).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import tempfile
import time
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import opentimelineio as otio
from PIL import Image

from aios.kernel.settings import get_settings
from aios.runtime.exports import Exports
from aios.runtime.jobs import JobService
from aios.tools.ffmpeg import probe


def ffmpeg() -> str:
    """The ffmpeg the renderer uses."""
    configured = get_settings().ffmpeg_path
    if configured and shutil.which(configured):
        return str(shutil.which(configured))
    import imageio_ffmpeg

    return str(imageio_ffmpeg.get_ffmpeg_exe())


def frame(video: Path, number: int, out: Path) -> np.ndarray:
    """Frame `number` of a video, small and grey (to compare with the stills)."""
    subprocess.run([ffmpeg(), "-v", "error", "-y", "-i", str(video), "-vf", f"select=eq(n\\,{number})",
                    "-vframes", "1", str(out)], check=True)
    return small(out)


def small(path: Path) -> np.ndarray:
    """The picture's middle (captions, the label and a slow zoom's edges left out), small, in colour."""
    with Image.open(path) as image:
        width, height = image.size
        middle = image.convert("RGB").crop((width // 5, height // 8, width * 4 // 5, height * 5 // 8))
        return np.asarray(middle.resize((48, 24)), dtype=np.float32)


def nearest(picture: np.ndarray, stills: dict[str, np.ndarray]) -> str:
    """The still a frame shows: the one it differs from least."""
    return min(stills, key=lambda name: float(np.mean((stills[name] - picture) ** 2)))


def pictures_playlist(mlt: Path) -> list[tuple[str, int]]:
    """The MLT document's picture track: (still or 'transition', frames) per entry, in order."""
    root = ET.parse(mlt).getroot()
    resources = {p.get("id"): (p.findtext("property[@name='resource']") or "") for p in root.iter("producer")}
    for playlist in root.iter("playlist"):
        entries = [(resources.get(e.get("producer"), "transition"), int(float(e.get("out", 0)))
                    - int(float(e.get("in", 0))) + 1) for e in playlist.iter("entry")]
        if any(name.endswith(".png") for name, _ in entries):
            return [(name if name.endswith(".png") else "transition", frames) for name, frames in entries]
    raise SystemExit("the MLT document has no picture track")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("job")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--screenshot", type=Path)
    args = parser.parse_args()
    if not shutil.which("melt"):
        raise SystemExit("melt is not installed: sudo apt-get install melt")
    bundle = Exports(JobService(get_settings())).make(args.job, None, "fcp7", args.out)
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(args.out)
        folder = args.out / archive.namelist()[0].split("/")[0]
    cut = otio.adapters.read_from_file(str(next(folder.glob("*.xml"))), adapter_name="fcp_xml")
    if isinstance(cut, otio.schema.SerializableCollection):
        cut = next(iter(cut))
    mlt = folder / "cut.mlt"
    otio.adapters.write_to_file(cut, str(mlt), adapter_name="mlt_xml")
    project(mlt)
    ours = next(p for p in (folder / "media").glob("*.mp4"))
    found = probe(ours)
    width, height = found["video_size"]
    rate = round(found["video_fps"])
    began = time.monotonic()
    profile = folder / "profile.txt"  # ours: melt's default profile is 4:3 PAL, which would pillarbox the pictures
    profile.write_text(f"description=aios\nframe_rate_num={rate}\nframe_rate_den=1\nwidth={width}\nheight={height}\n"
                       f"progressive=1\nsample_aspect_num=1\nsample_aspect_den=1\ndisplay_aspect_num={width}\n"
                       f"display_aspect_den={height}\ncolorspace=709\n", encoding="utf-8")
    subprocess.run(["melt", "-quiet", "-profile", str(profile), mlt.name, "-consumer", "avformat:melt.mp4",
                    "vcodec=libx264", "acodec=aac"], cwd=folder, check=True, capture_output=True)
    melted = folder / "melt.mp4"
    report: dict[str, Any] = {"ours_frames": found["video_n_frames"], "melt_frames": probe(melted)["video_n_frames"],
                              "melt_s": round(time.monotonic() - began, 2), "scenes": []}
    pictures = next(t for t in cut.tracks if t.kind == otio.schema.TrackKind.Video)
    report["transitions"] = sum(1 for item in pictures if isinstance(item, otio.schema.Transition))
    stills = {p.name: small(p) for p in (folder / "media").glob("*.png")}
    entries, at = [], 0
    for name, frames in pictures_playlist(mlt):
        if name != "transition":
            entries.append((Path(name).name, at + frames // 2))
        at += frames
    report["playlist_frames"] = at
    with tempfile.TemporaryDirectory() as scratch:
        for number, (clip, (still, middle)) in enumerate(zip(pictures.find_clips(), entries, strict=True), 1):
            placed = pictures.range_of_child(clip)
            ours_middle = placed.start_time.to_frames() + placed.duration.to_frames() // 2
            shown = nearest(frame(ours, ours_middle, Path(scratch) / "a.png"), stills)
            melt_shown = nearest(frame(melted, middle, Path(scratch) / "b.png"), stills)
            report["scenes"].append({"scene": number, "still": Path(clip.media_reference.target_url).name,
                                     "ours": shown, "melt": melt_shown, "melt_playlist": still})
    if args.screenshot:
        screenshot(mlt, args.screenshot)
        report["screenshot"] = str(args.screenshot)
    print(json.dumps(report))


def project(mlt: Path) -> None:
    """Mark the document's main tractor as a Shotcut project, so Shotcut opens it on its timeline (melt ignores it)."""
    tree = ET.parse(mlt)
    main_tractor = [t for t in tree.getroot().iter("tractor") if t.find("multitrack") is not None][-1]
    marker = ET.Element("property", {"name": "shotcut"})
    marker.text = "1"
    main_tractor.insert(0, marker)
    tree.write(mlt, encoding="utf-8", xml_declaration=True)


def screenshot(mlt: Path, out: Path) -> None:
    """Shotcut with the cut on its timeline, on a virtual screen, saved as PNG."""
    display = ":93"
    screen = subprocess.Popen(["Xvfb", display, "-screen", "0", "1600x900x24"], stderr=subprocess.DEVNULL)
    env = {**os.environ, "DISPLAY": display}
    editor = None
    try:
        time.sleep(1)
        editor = subprocess.Popen(["shotcut", "--noupgrade", str(mlt.resolve())], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(15)
        out.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["import", "-window", "root", str(out)], env=env, check=True)
        with Image.open(out) as shot:  # the window alone (no window manager: it sits at the top left)
            box = shot.convert("L").point(lambda v: 255 if v > 8 else 0).getbbox()
            shot.crop(box).save(out)
    finally:
        if editor is not None:
            editor.kill()
        screen.kill()


if __name__ == "__main__":
    main()
