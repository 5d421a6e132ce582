"""Scene and version commands every door goes through: regenerate a scene's voice or picture, pick one of its takes,
swap its picture, re-time it, change its transition, restore an earlier version. Each is an exact edit of the review
pending (storyboard or cut): the run that applies it redoes only what the change touches."""

from __future__ import annotations

from typing import Any

from aios.agent.takes import regenerated, takes_of
from aios.kernel.decision import Change, Decision, EditedScene
from aios.kernel.errors import InvalidInput, JobStateError
from aios.kernel.schemas import Scene, Storyboard
from aios.kernel.vocab import ChangeKind, Regenerate, Transition
from aios.runtime.commands import JobCommands
from aios.runtime.job_records import JobStatus
from aios.runtime.scene_media import SceneNotFound
from aios.runtime.versions import Version
from aios.tools.render.profiles import get_profile
from aios.tools.render.timeline import planned_frames

PARTS = {"voice": "the voice", "picture": "the picture", "all": "the voice and the picture"}
MIN_SCENE_S = 0.5  # the shortest a scene may be re-timed to


class SceneCommands:
    """What an editor can do to one scene, or to the whole job's version, whatever the door (`actor` says who)."""

    def __init__(self, commands: JobCommands) -> None:
        self.commands, self.service = commands, commands.service

    def takes(self, thread_id: str, index: int, tenant: str | None = None) -> tuple[list[Scene], int]:
        """(the scene's takes, oldest first, the one in use numbered from 1): a scene no command touched has one."""
        current = self.service.status(thread_id, tenant)
        scene = _scene(current, index)
        kept = takes_of(current.values, index)
        used = next((n for n, take in enumerate(kept, start=1) if _same(take, scene)), 0) or next(
            (n for n, take in enumerate(kept, start=1) if _same(take, scene, "duration_s")), 0)
        return kept, used

    def regenerate(self, thread_id: str, index: int, part: Regenerate, note: str | None = None, *, actor: str,
                   tenant: str | None = None, expected: int | None = None) -> Version:
        """A new take of the scene's voice, picture or both, optionally with a note ('calmer voice')."""
        current = self._pending(thread_id, tenant, expected)
        scene = _scene(current, index)
        new = regenerated(scene, part, note.strip() if note and note.strip() else None, takes_of(current.values, index))
        summary = f"scene {index + 1}: new take of {PARTS[part]}" + (f" ({note.strip()})" if note and note.strip()
                                                                     else "")
        return self._apply(current, index, new, Change(kind="regenerate", scene=index, summary=summary), actor,
                           tenant, expected)

    def pick(self, thread_id: str, index: int, take: int, *, actor: str, tenant: str | None = None,
             expected: int | None = None) -> Version:
        """Use one of the scene's takes (numbered from 1) again."""
        current = self._pending(thread_id, tenant, expected)
        _scene(current, index)  # SceneNotFound for a scene it does not have
        kept = takes_of(current.values, index)
        if not 1 <= take <= len(kept):
            raise SceneNotFound(f"scene {index + 1} has {_takes(len(kept))}: pick 1 to {len(kept)}")
        chosen = kept[take - 1].model_copy(update={"index": index})
        return self._apply(current, index, chosen, Change(kind="take", scene=index,
                                                          summary=f"scene {index + 1}: take {take}"),
                           actor, tenant, expected)

    def change(self, thread_id: str, index: int, *, asset: str | None = None, duration_s: float | None = None,
               transition: Transition | None = None, actor: str, tenant: str | None = None,
               expected: int | None = None, local_paths: bool = False) -> Version:
        """Swap the scene's picture (an upload, a library image or a stock picture the job was offered; a file only
        with `local_paths`, as the local CLI), re-time it (seconds), or change how it hands over to the next scene;
        one command may do several."""
        current = self._pending(thread_id, tenant, expected)
        scene = _scene(current, index)
        update: dict[str, Any] = {}
        said: list[str] = []
        if asset is not None:
            update["asset"] = asset
            said.append(f"picture {asset}")
        if duration_s is not None:
            if not MIN_SCENE_S <= duration_s <= 120:
                raise InvalidInput(f"a scene lasts {MIN_SCENE_S:g} to 120 seconds")
            update["duration_s"] = round(duration_s, 3)
            said.append(f"{duration_s:g} s")
        if transition is not None:
            update["transition"] = transition
            said.append(f"{transition} to the next scene")
        if not update:
            raise InvalidInput("name what to change: a picture, a length or a transition")
        kind: ChangeKind = "picture" if asset is not None else "retime" if duration_s is not None else "transition"
        new = scene.model_copy(update=update)
        return self._apply(current, index, new, Change(kind=kind, scene=index,
                                                       summary=f"scene {index + 1}: {', '.join(said)}"[:500]),
                           actor, tenant, expected, local_paths)

    def restore(self, thread_id: str, number: int, *, actor: str, tenant: str | None = None,
                expected: int | None = None) -> Version:
        """Make an earlier version's storyboard (its takes included) the current one; its cut renders again from the
        caches, the same file when nothing else changed."""
        current = self._pending(thread_id, tenant, expected)
        version = self.service.versions.get(thread_id, number)
        change = Change(kind="restore", restored=number,
                        summary=f"restored version {number} ({version.summary})"[:500])
        return self._edit(current, version.storyboard, change, actor, tenant, expected)

    def _pending(self, thread_id: str, tenant: str | None, expected: int | None) -> JobStatus:
        current = self.service.status(thread_id, tenant)
        self.service.versions.check(thread_id, expected)
        if current.status != "awaiting_review":
            raise JobStateError(f"job {thread_id} is {current.status}: scenes and versions change while its "
                                "storyboard or cut waits for review")
        return current

    def _apply(self, current: JobStatus, index: int, scene: Scene, change: Change, actor: str, tenant: str | None,
               expected: int | None, local_paths: bool = False) -> Version:
        storyboard: Storyboard = current.values["storyboard"]
        kept = as_cut(current, storyboard)
        if change.kind not in ("retime", "take"):  # the changed scene keeps its length in the cut too (a take: its own)
            scene = scene.model_copy(update={"duration_s": kept.scenes[index].duration_s})
        scenes = [scene if s.index == index else s for s in kept.scenes]
        return self._edit(current, storyboard.model_copy(update={"scenes": scenes}), change, actor, tenant, expected,
                          local_paths)

    def _edit(self, current: JobStatus, storyboard: Storyboard, change: Change, actor: str, tenant: str | None,
              expected: int | None, local_paths: bool = False) -> Version:
        decision = Decision.build(type="edit", actor=actor, change=change,
                                  scenes=[EditedScene.model_validate(s.model_dump()) for s in storyboard.scenes])
        reserved = self.commands.decide(current.thread_id, decision, tenant=tenant, expected=expected,
                                        local_paths=local_paths)
        assert reserved is not None  # an edit always reserves its version
        return reserved


def as_cut(current: JobStatus, storyboard: Storyboard) -> Storyboard:
    """The storyboard with each scene as long as it lasts in the cut under review, where that is not its planned
    length (a scene that spoke longer than planned took time from others): a change to one scene must not move the
    others (a new take that needs more time than its scene has still takes it from scenes with time to spare).
    Before a cut exists, the storyboard as it is."""
    rendered = current.values.get("render")
    lengths = rendered.scene_s if rendered is not None else []
    if rendered is None or current.checkpoint != "final" or len(lengths) != len(storyboard.scenes):
        return storyboard
    fps = get_profile(rendered.profile).fps
    return storyboard.model_copy(update={"scenes": [
        s if planned_frames(s.duration_s, fps) == round(lengths[s.index] * fps)
        else s.model_copy(update={"duration_s": lengths[s.index]}) for s in storyboard.scenes]})


def _scene(current: JobStatus, index: int) -> Scene:
    storyboard = current.values.get("storyboard")
    if storyboard is None or not 0 <= index < len(storyboard.scenes):
        raise SceneNotFound(f"job {current.thread_id} has no scene {index + 1}")
    found: Scene = storyboard.scenes[index]
    return found


def _same(take: Scene, scene: Scene, *ignored: str) -> bool:
    """Whether a take is the scene (its place aside, and what else is named)."""
    left_out = {"index", *ignored}
    return take.model_dump(exclude=left_out) == scene.model_dump(exclude=left_out)


def _takes(count: int) -> str:
    return "1 take" if count == 1 else f"{count} takes"
