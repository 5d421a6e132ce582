"""Export bundles: a cut's timeline written for an editing program (OpenTimelineIO, FCP7 XML for Premiere Pro and
DaVinci Resolve, FCPXML for Final Cut Pro, a JianYing / CapCut draft), zipped with every file it uses under media/ by
relative paths."""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from pathlib import Path

import opentimelineio as otio

from aios.kernel.errors import InvalidInput
from aios.kernel.vocab import one_of
from aios.tools.export import capcut
from aios.tools.text import slugify

# format -> (OpenTimelineIO adapter, file suffix, who opens it)
FORMATS: dict[str, tuple[str, str, str]] = {
    "otio": ("otio_json", ".otio", "OpenTimelineIO (otioview, Raven, DaVinci Resolve 18.5+)"),
    "fcp7": ("fcp_xml", ".xml", "Final Cut Pro 7 XML: Adobe Premiere Pro, DaVinci Resolve (File > Import > Timeline)"),
    "fcpxml": ("fcpx_xml", ".fcpxml", "FCPXML: Final Cut Pro (File > Import > XML; its adapter writes cuts where"
                                      " we have transitions)"),
    "capcut": ("", "", "JianYing / CapCut desktop 5.x: a draft folder (draft_content.json, plain JSON) to copy into"
                       " its drafts folder"),
}
MEDIA = "media"
CAPCUT_README = """
In the JianYing / CapCut draft:
- Copy this folder into the program's drafts folder (JianYing Pro: Settings > Global settings > Draft location);
  the draft names its media by paths inside this folder (media/...): if the program asks, relink them there.
- Captions are a text track (Captions), one text per caption, not markers; fades are JianYing's 闪黑 (dip to
  black), slides its 左移 (push left), each as long as ours; the music's level is the segment's volume.
"""


def export(timeline: otio.schema.Timeline, fmt: str, out_dir: Path, stem: str, video: Path | None = None) -> Path:
    """Write `<stem>-<fmt>.zip` into out_dir: the timeline, its media under media/ (the rendered `video` beside
    them for reference) and a README saying what maps to what. The timeline given is not changed."""
    if fmt not in FORMATS:
        raise InvalidInput(f"export format must be {one_of(tuple(FORMATS))}, not {fmt!r}")
    adapter, suffix, opens_in = FORMATS[fmt]
    cut = timeline.deepcopy()
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{stem}-{fmt}.zip"
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / stem
        (folder / MEDIA).mkdir(parents=True)
        copied = gather(cut, folder)
        if video is not None:
            shutil.copyfile(video, folder / MEDIA / video.name)
            cut.metadata.setdefault("aios", {})["video"] = f"{MEDIA}/{video.name}"
        if fmt == "capcut":  # not an OpenTimelineIO adapter: the draft is written from the timeline
            capcut.write(cut, folder.parent, stem)
        else:
            otio.adapters.write_to_file(cut, str(folder / f"{stem}{suffix}"), adapter_name=adapter)
        name = capcut.CONTENT if fmt == "capcut" else f"{stem}{suffix}"
        about = readme(cut, name, opens_in, copied, video) + (CAPCUT_README if fmt == "capcut" else "")
        (folder / "README.txt").write_text(about, encoding="utf-8")
        staged = target.with_suffix(".zip.tmp")
        with zipfile.ZipFile(staged, "w", zipfile.ZIP_DEFLATED) as bundle:
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    bundle.write(path, path.relative_to(folder.parent).as_posix())
        staged.replace(target)
    return target


def gather(cut: otio.schema.Timeline, folder: Path) -> dict[str, str]:
    """Copy each file the timeline uses into folder/media (one copy per file) and point the clips at it by a path
    relative to the timeline file; returns {bundled name: original path}."""
    names: dict[str, str] = {}
    for clip in cut.find_clips():
        reference = clip.media_reference
        if not isinstance(reference, otio.schema.ExternalReference) or not reference.target_url:
            continue
        source = Path(reference.target_url)
        name = next((n for n, original in names.items() if original == str(source)), None)
        if name is None:  # named by what it is in the cut (scene-1.png, line-1.wav, music.wav), in order
            name = f"{len(names) + 1:02d}-{slugify(clip.name) or 'media'}{source.suffix}"
            names[name] = str(source)
            shutil.copyfile(source, folder / MEDIA / name)
        reference.target_url = f"{MEDIA}/{name}"
    return names


def readme(cut: otio.schema.Timeline, timeline_file: str, opens_in: str, copied: dict[str, str],
           video: Path | None) -> str:
    """What the bundle holds and how our cut maps onto the editor's tracks."""
    meta = cut.metadata.get("aios", {})
    tracks = ", ".join(f"{t.name} ({t.kind.lower()}, {len(t.find_clips())} clips)" for t in cut.tracks)
    lines = [
        f"{cut.name}: {timeline_file}, for {opens_in}.",
        f"{meta.get('size', ['?', '?'])[0]}x{meta.get('size', ['?', '?'])[1]} at {meta.get('fps', '?')} fps, "
        f"{cut.duration().to_frames()} frames. Tracks: {tracks}.",
        "",
        "How the cut maps:",
        "- Pictures: one clip per scene (its picture, or its animated clip), cut in the middle of each transition;"
        " the slow zoom (Ken Burns) we render is in each clip's metadata (aios.motion), not applied as an effect.",
        "- Transitions: fades dip through black and slides push left in our render; here each is a dissolve or a"
        " custom transition of the same length (metadata aios.kind).",
        "- Narration: each scene's spoken line where our mix plays it.",
        "- Music: the bed under the whole video; its level and ducking under the voice are metadata (aios.music_db,"
        " aios.duck_db), not keyframes.",
        f"- Captions: {sum(len(c.markers) for c in cut.tracks[0].find_clips())} markers on the picture clips, one per"
        " caption, named by its text (words and times in metadata); the burned-in caption style, the"
        " AI-generated label and the loudness pass are not in the timeline: the reference video has them.",
        "",
        "Media (under media/, by relative paths):",
        *(f"- {name} <- {original}" for name, original in copied.items()),
    ]
    if video is not None:
        lines.append(f"- {video.name}: the rendered video, for reference")
    return "\n".join(lines) + "\n"
