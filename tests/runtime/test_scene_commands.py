"""Scene commands and versions on a real job: regenerate one scene of six, pick takes, restore a version, conflicts."""

from __future__ import annotations

from pathlib import Path

import opentimelineio as otio
import pytest

from aios.agent.state import scene_key
from aios.kernel.context import Context
from aios.kernel.decision import Decision
from aios.kernel.errors import VersionConflict
from aios.kernel.settings import Settings
from aios.runtime.commands import JobCommands
from aios.runtime.jobs import JobService, JobStatus
from aios.runtime.runner import ForegroundRunner
from aios.runtime.scene_commands import SceneCommands, SceneNotFound
from aios.runtime.versions import diff
from aios.tools.cache import file_sha256
from aios.tools.storage import cache_for

LINES = ["Spring is here at the Corner Bakery.", "Six new breads came out of our oven this week.",
         "Our sourdough rises for a full two days.", "The rye is dark, dense and full of seeds.",
         "Every loaf is baked before sunrise.", "Visit us on Main Street this Saturday."]


def files(root: Path) -> dict[Path, int]:
    """Every file under root and its modification time in nanoseconds."""
    return {path: path.stat().st_mtime_ns for path in root.rglob("*") if path.is_file()}


def scene_files(status: JobStatus, index: int) -> set[str]:
    """The narration and picture files the cut uses for one scene."""
    storyboard = status.values["storyboard"]
    narrations, visuals = status.values["narrations"], status.values["visuals"]
    key = scene_key(storyboard.scenes[index])
    return {narrations[key].path, visuals[key].path}


@pytest.fixture
def job(settings: Settings, tmp_path: Path) -> tuple[JobCommands, ForegroundRunner, str]:
    """A six-scene job (an editor wrote its scenes) waiting for approval of its cut."""
    service = JobService(settings)
    runner = ForegroundRunner(service)
    commands = JobCommands(service, runner)
    thread, _ = commands.start({"text": "a 40-second video about the Corner Bakery's new breads"},
                               Context(out_dir=str(tmp_path / "out")), actor="cli:ed", tenant="local")
    assert runner.drain().checkpoint == "storyboard"
    commands.decide(thread, Decision.build(type="edit", actor="cli:ed", scenes=[
        {"narration": line, "on_screen_text": line.split(".")[0][:40]} for line in LINES]))
    assert runner.drain().checkpoint == "final"
    return commands, runner, thread


@pytest.mark.slow
def test_regenerating_scene_three_redoes_only_that_scene_and_restoring_gives_the_same_file(
        job: tuple[JobCommands, ForegroundRunner, str], settings: Settings) -> None:
    commands, runner, thread = job
    service, edits = commands.service, SceneCommands(commands)
    first = service.status(thread)
    assert len(first.values["storyboard"].scenes) == 6
    cache = cache_for(settings).root
    before = files(cache)
    others = set().union(*(scene_files(first, i) for i in range(6) if i != 2))
    first_cut = service.versions.head(thread)
    assert first_cut is not None and first_cut.kind == "render"

    made = edits.regenerate(thread, 2, "all", "show the oven", actor="cli:ed", expected=first_cut.number)
    assert (made.kind, made.parent, made.applied) == ("regenerate", first_cut.number, False)
    second = runner.drain()
    assert second is not None and second.checkpoint == "final"
    scene = second.values["storyboard"].scenes[2]
    assert (scene.voice_take, scene.picture_take, scene.picture_note) == (2, 2, "show the oven")

    # Exactly scene 3's speech and picture were made again; the five others came from the cache.
    used = {s.index: s for s in second.values["storyboard"].scenes}
    made_again = {i for i, s in used.items() if not second.values["narrations"][scene_key(s)].cached}
    drawn_again = {i for i, s in used.items() if not second.values["visuals"][scene_key(s)].cached}
    assert made_again == drawn_again == {2}
    # Only the segments showing scene 3 were rendered: its body and the transitions into and out of it.
    rendered = second.values["render"]
    assert (rendered.segments_rendered, rendered.segments_reused) == segments_showing(second, 2) == (3, 8)
    after = files(cache)
    assert all(after[path] == mtime for path, mtime in before.items() if path in after)  # nothing rewritten
    assert all(Path(path) in before and after[Path(path)] == before[Path(path)] for path in others)
    new = set(after) - set(before)
    assert len([p for p in new if p.parts[-3] == "segments"]) == 3
    assert len([p for p in new if p.parts[-3] == "speech"]) == 1

    # The versions: render, regenerate (applied now), render; the diff names scene 3's takes and note.
    history = service.versions.all(thread)
    assert [v.kind for v in history[-3:]] == ["render", "regenerate", "render"]
    assert history[-2].applied and history[-2].actor == "cli:ed"
    changed = [row for row in diff(history[-3], history[-2])["scenes"] if row["change"] != "same"]
    assert [row["scene"] for row in changed] == [3]
    assert set(changed[0]["fields"]) == {"voice_take", "picture_take", "voice_note", "picture_note"}
    regenerated_cut = history[-1]
    assert regenerated_cut.render and regenerated_cut.render["sha256"] != first_cut.render["sha256"]

    # Restoring the first cut's version renders the very same file, from the caches alone.
    edits.restore(thread, first_cut.number, actor="cli:ed")
    third = runner.drain()
    assert third is not None and third.values["render"].segments_rendered == 0
    restored = service.versions.head(thread)
    assert restored is not None and restored.render is not None
    assert restored.render["sha256"] == first_cut.render["sha256"]
    assert file_sha256(third.values["render"].files["video"]) == first_cut.render["sha256"]
    assert service.versions.get(thread, restored.number - 1).kind == "restore"
    restores = [e for e in service.audit.entries(thread) if e.action == "review.edit.restore"]
    assert [(e.actor, e.detail["restored"], e.detail["version"]) for e in restores] == [
        ("cli:ed", first_cut.number, restored.number - 1)]


def segments_showing(status: JobStatus, index: int) -> tuple[int, int]:
    """(the cut's segments that show scene `index`: its body and the transitions next to it, the other segments),
    read off the cut's own timeline (a segment per scene body and per transition)."""
    timeline = otio.adapters.read_from_file(status.values["render"].timeline)
    items = list(timeline.video_tracks()[0])
    bodies = [n for n, item in enumerate(items) if isinstance(item, otio.schema.Clip)]
    at = bodies[index]
    showing = 1 + sum(1 for n in (at - 1, at + 1) if 0 <= n < len(items)
                      and isinstance(items[n], otio.schema.Transition))
    total = len(bodies) + sum(1 for item in items if isinstance(item, otio.schema.Transition))
    return showing, total - showing


@pytest.mark.slow
def test_takes_are_kept_and_picked_and_two_editors_on_one_version_conflict(
        job: tuple[JobCommands, ForegroundRunner, str]) -> None:
    commands, runner, thread = job
    service, edits = commands.service, SceneCommands(commands)
    seen = service.versions.number(thread)
    edits.regenerate(thread, 0, "voice", "calmer voice", actor="api:a", expected=seen)
    with pytest.raises(VersionConflict) as first:  # the second editor, on the same version: the first one's is new
        edits.regenerate(thread, 0, "picture", None, actor="api:b", expected=seen)
    assert first.value.current == seen + 1
    runner.drain()
    with pytest.raises(VersionConflict) as conflict:  # the second editor still acts on the version they saw
        edits.pick(thread, 0, 1, actor="api:b", expected=seen)
    assert conflict.value.current == service.versions.number(thread) > seen
    takes, used = edits.takes(thread, 0)
    assert (len(takes), used) == (2, 2) and takes[1].voice_note == "calmer voice"
    slower = service.status(thread).values["narrations"]
    edits.pick(thread, 0, 1, actor="api:b", expected=conflict.value.current)
    back = runner.drain()
    assert back is not None and back.values["render"].segments_rendered == 0  # take 1's files are all cached
    assert edits.takes(thread, 0)[1] == 1 and len(slower) >= 7
    with pytest.raises(SceneNotFound):
        edits.pick(thread, 0, 5, actor="api:b")
    edits.change(thread, 1, duration_s=9.5, transition="slide", actor="api:b")
    runner.drain()
    scene = service.status(thread).values["storyboard"].scenes[1]
    assert (scene.duration_s, scene.transition) == (9.5, "slide")
    assert service.versions.all(thread)[-2].kind == "retime"
    before = edits.takes(thread, 1)[0][0]
    edits.pick(thread, 1, 1, actor="api:b")  # the first take, with its own length and transition
    runner.drain()
    back = service.status(thread).values["storyboard"].scenes[1]
    assert (back.duration_s, back.transition) == (before.duration_s, before.transition)
    assert edits.takes(thread, 1)[1] == 1
