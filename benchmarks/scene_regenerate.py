"""Regenerating one scene of a 60-second, six-scene job against making the whole job, in one run on this machine.

    python benchmarks/scene_regenerate.py

Makes the job from scratch (plan, six scenes' speech and pictures, the preview render) into a fresh home, then makes
a new take of scene 3's voice and picture and renders again, then a calmer (slower) voice for it, which needs time
the other scenes give; ends with one RESULT line (seconds and their ratios to the whole job).
"""

from __future__ import annotations

import os
import tempfile
import time

HEADLINES = ["Six new breads", "Two-day sourdough", "Dark rye with seeds", "Shaped by hand",
             "Baked before sunrise", "Taste them Saturday"]


def main() -> None:
    home = tempfile.mkdtemp(prefix="aios-bench-")
    os.environ["AIOS_HOME"] = home
    from aios.kernel.context import Context
    from aios.kernel.decision import Decision
    from aios.kernel.settings import get_settings
    from aios.runtime.commands import JobCommands
    from aios.runtime.jobs import JobService
    from aios.runtime.runner import ForegroundRunner
    from aios.runtime.scene_commands import SceneCommands

    service = JobService(get_settings())
    runner = ForegroundRunner(service)
    commands = JobCommands(service, runner)
    lines = ["Spring is here at the Corner Bakery on Main Street, and with it come six new breads that our bakers have "
             "been perfecting in the kitchen all winter long, one batch at a time.",
             "Our sourdough rises slowly for two full days before it meets the stone oven, which gives it a deep "
             "golden crust and a soft, tangy crumb that people cross town for.",
             "The dark rye is dense and nutty, packed with sunflower seeds and a little caraway, and it keeps "
             "fresh on your counter for a whole week, wrapped in a linen cloth.",
             "Brioche, baguette and rosemary focaccia join them on the shelves this week, each one shaped by hand "
             "and baked in small batches through the morning, until the last tray is gone.",
             "Every loaf is baked before sunrise by our team of four bakers, so the bread you take home was flour "
             "and water only a few hours earlier, with nothing else added.",
             "Visit us this Saturday between eight and noon to taste all six for free, and take home a warm loaf "
             "of your favourite at half price. We cannot wait to see you there."]
    began = time.monotonic()
    thread, _ = commands.start({"text": "a 60-second video about the Corner Bakery's six new breads",
                                "duration_s": 60}, Context(), actor="bench", tenant="local")
    runner.drain()
    commands.decide(thread, Decision.build(type="edit", actor="bench", scenes=[
        {"narration": line, "on_screen_text": headline} for line, headline in zip(lines, HEADLINES, strict=True)]))
    done = runner.drain()
    full = time.monotonic() - began
    assert done is not None and done.checkpoint == "final", done
    cut = done.values["render"]
    edits = SceneCommands(commands)
    began = time.monotonic()
    edits.regenerate(thread, 2, "all", None, actor="bench")  # a new take of its voice and its picture
    again = runner.drain()
    one = time.monotonic() - began
    assert again is not None and again.checkpoint == "final"
    redone = again.values["render"]
    began = time.monotonic()
    edits.regenerate(thread, 2, "voice", "calmer voice", actor="bench")  # slower: it takes time from the others
    calmer = runner.drain()
    slow = time.monotonic() - began
    assert calmer is not None and calmer.checkpoint == "final"
    print(f"home {home}, job {thread}")
    print(f"job: {len(lines)} scenes, {cut.duration_s:.1f} s; full job {full:.1f} s ({cut.segments_rendered} segments)"
          f"; new take of scene 3 (voice and picture): {one:.1f} s ({redone.segments_rendered} segments rendered, "
          f"{redone.segments_reused} reused); calmer voice for scene 3: {slow:.1f} s "
          f"({calmer.values['render'].segments_rendered} rendered)")
    print(f"RESULT full_job_s={full:.2f} regenerate_scene_s={one:.2f} ratio={one / full:.3f} "
          f"segments_rendered={redone.segments_rendered} segments_reused={redone.segments_reused} "
          f"calmer_voice_s={slow:.2f} calmer_ratio={slow / full:.3f} "
          f"calmer_segments_rendered={calmer.values['render'].segments_rendered}")

if __name__ == "__main__":
    main()
