"""`aios scene` and `aios versions`: a new take of one scene, its takes, the versions, a diff, a restore, mistakes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.cli import aios, job_id

pytestmark = pytest.mark.slow  # renders media or runs aios processes (seconds each)


def test_a_scene_regenerated_listed_compared_and_restored_from_the_terminal(aios_home: Path) -> None:
    made = aios("make", "a 12-second video about our tea shop's new green tea and its honey cake", home=aios_home)
    assert made.returncode == 0, made.stderr
    job = job_id(made.stdout)
    assert aios("resume", job, "--approve", home=aios_home).returncode == 0
    regenerated = aios("scene", job, "1", "--regenerate", "voice", "--note", "calmer voice", "--if-match", "2",
                       home=aios_home)
    assert regenerated.returncode == 0, regenerated.stderr
    assert "version 3: scene 1: new take of the voice (calmer voice)" in regenerated.stdout
    assert "Approve the preview render" in regenerated.stdout  # rendered again, waiting for review

    takes = aios("scene", job, "1", home=aios_home).stdout.splitlines()
    assert len(takes) == 2 and takes[0].startswith("  take 1: voice 1, picture 1, ")
    assert takes[1].startswith("* take 2: voice 2, picture 1, ") and takes[1].endswith("(calmer voice)")

    listed = aios("versions", job, home=aios_home).stdout.splitlines()
    assert [line.split()[0] for line in listed] == ["1", "2", "3", "4"]
    assert "regenerate" in listed[2] and "cli:" in listed[2] and "cut " in listed[3]
    compared = aios("versions", job, "--diff", "3", home=aios_home).stdout
    assert "scene 1: changed" in compared and "voice_take: 1 -> 2" in compared
    assert "voice_note: '' -> 'calmer voice'" in compared

    stale = aios("scene", job, "1", "--take", "1", "--if-match", "2", home=aios_home)
    assert stale.returncode != 0 and stale.stderr.startswith(f"error: job {job} is at version 4, not 2")
    restored = aios("versions", job, "--restore", "2", home=aios_home)
    assert restored.returncode == 0 and "version 5: restored version 2" in restored.stdout
    last = aios("versions", job, home=aios_home).stdout.splitlines()
    assert last[-1].split()[-1] == listed[1].split()[-1]  # the restored cut is the first cut's file (its hash)
    assert "0 segments rendered" in last[-1]


@pytest.mark.parametrize(("args", "message"), [
    (["scene", "job-000000000000", "1", "--regenerate", "voice"], "error: no job 'job-000000000000'"),
    (["scene", "job-000000000000", "1", "--regenerate", "music"], "error: --regenerate must be voice, picture or all"),
    (["scene", "job-000000000000", "1", "--take", "1", "--regenerate", "voice"], "error: choose one of"),
    (["scene", "job-000000000000", "0", "--take", "1"], "error: scenes are numbered from 1"),
    (["scene", "job-000000000000", "1", "--note", "x"], "error: --note goes with --regenerate"),
    (["versions", "job-000000000000"], "error: no job 'job-000000000000'"),
])
def test_scene_and_version_mistakes_are_one_line(aios_home: Path, args: list[str], message: str) -> None:
    result = aios(*args, home=aios_home)
    assert result.returncode != 0 and result.stderr.startswith(message), result.stderr
    assert "Traceback" not in result.stderr
