"""Stock pictures for bare scenes: ranked against the scene, never the same picture twice, licences and safety
respected, providers that fail or throttle left out, against the stand-in providers over real HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import imagehash
import pytest
import yaml
from PIL import Image

from aios.agent.stock import stock_pictures
from aios.agent.stock_picks import credits, shown
from aios.evals.stock_standin import Script, serve, settings_for
from aios.kernel.context import Context
from aios.kernel.schemas import Scene, Storyboard
from aios.kernel.settings import Settings
from aios.tools.stock.licences import normalize

LINES = [  # (headline, narration, keywords)
    ("Our new 2025 employee benefits", "Here's what's changing with our new 2025 employee benefits.",
     ["employee", "benefits"]),
    ("Orthodontics for children", "Dental now covers orthodontics for children.", ["dental", "orthodontics"]),
    ("16 weeks", "Parental leave grows to 16 weeks.", ["parental", "leave"]),
    ("5%", "The 401(k) match rises to 5% for your retirement savings.", ["match", "retirement"]),
    ("November 30", "Enrollment closes November 30: mark the date.", ["enrollment", "deadline"]),
    ("Lattice cryptography", "Quantum-safe lattice cryptography protects the ledger.", ["lattice", "quantum"]),
    ("Visit benefits.example.com", "Read it all at benefits.example.com.", ["visit"]),
]


def storyboard() -> Storyboard:
    return Storyboard(title="Our new 2025 employee benefits", planner="rules", scenes=[
        Scene(index=i, on_screen_text=h, narration=n, keywords=k, duration_s=4) for i, (h, n, k) in enumerate(LINES)])


@pytest.fixture
def standin() -> Iterator[tuple[str, Script]]:
    with serve() as running:
        yield running


def context(url: str, home: Path, **overrides: object) -> Context:
    return Context.from_dict({}, Settings(home=home, **(settings_for(url) | overrides)))  # type: ignore[arg-type]


def test_each_matching_scene_shows_its_own_picture_with_three_alternatives(
        standin: tuple[str, Script], tmp_path: Path) -> None:
    url, _ = standin
    picks = stock_pictures(storyboard(), "9:16", context(url, tmp_path))
    chosen = [p for p in picks if p.path]
    assert {p.scene_index for p in chosen} >= {1, 2, 3, 4}
    assert 5 not in {p.scene_index for p in chosen}  # nothing in the catalogue shows lattice cryptography
    assert 6 not in {p.scene_index for p in picks}  # the end card keeps its web address and QR code
    assert len({p.path for p in chosen}) == len({(p.provider, p.id) for p in chosen}) == len(chosen)
    hashes = []
    for pick in chosen:
        assert Path(pick.path or "").parent.parent.name == "stock"
        with Image.open(pick.path or "") as image:
            assert image.height > image.width  # upright pictures for a 9:16 video
            hashes.append(imagehash.phash(image.convert("RGB")))
    assert all(a - b > 6 for i, a in enumerate(hashes) for b in hashes[i + 1:])  # no picture twice
    assert next(p for p in chosen if p.scene_index == 1).title.lower().count("dent")
    refs = {(p.provider, p.id) for p in chosen}
    for index in {p.scene_index for p in chosen}:
        others = [p for p in picks if p.scene_index == index and p.path is None]
        assert 1 <= len(others) <= 3 and not refs & {(o.provider, o.id) for o in others}
    assert all(normalize(p.licence) in ("pexels", "pixabay", "cc0", "pdm", "by") for p in picks)


def test_only_the_licences_a_tenant_allows_are_used(standin: tuple[str, Script], tmp_path: Path) -> None:
    url, _ = standin
    picks = stock_pictures(storyboard(), "9:16", context(url, tmp_path, stock_licences=["cc0", "pdm"]))
    assert picks and {normalize(p.licence) for p in picks} <= {"cc0", "pdm"}


def test_a_throttled_provider_is_dropped_and_the_others_still_answer(
        standin: tuple[str, Script], tmp_path: Path) -> None:
    url, script = standin
    script.fail["/v1/search"], script.retry_after = [429] * 50, "3600"
    picks = stock_pictures(storyboard(), "9:16", context(url, tmp_path))
    assert [p for p in picks if p.path] and "pexels" not in {p.provider for p in picks}
    assert sum(1 for path, *_ in script.seen if path == "/v1/search") == 1  # asked once, then left alone


def test_pictures_the_nsfw_check_does_not_pass_are_never_used(standin: tuple[str, Script], tmp_path: Path) -> None:
    url, _ = standin
    raw = yaml.safe_load((Path(__file__).parents[2] / "tools/policy/policy.yaml").read_text())
    policy = tmp_path / "policy.yaml"
    policy.write_text(yaml.safe_dump({**raw, "version": "strict", "nsfw": {"review": 0.0, "block": None}}))
    picks = stock_pictures(storyboard(), "9:16", context(url, tmp_path, policy_file=policy))
    assert not [p for p in picks if p.path]


def test_no_providers_no_requests(tmp_path: Path) -> None:
    assert stock_pictures(storyboard(), "9:16", Context.from_dict({}, Settings(home=tmp_path))) == []


def test_credits_name_only_the_pictures_the_storyboard_still_shows(
        standin: tuple[str, Script], tmp_path: Path) -> None:
    url, _ = standin
    board = storyboard()
    picks = stock_pictures(board, "9:16", context(url, tmp_path))
    chosen = [p for p in picks if p.path]
    scenes = [s.model_copy(update={"asset": next((p.path for p in chosen if p.scene_index == s.index), None)})
              for s in board.scenes]
    scenes[1] = scenes[1].model_copy(update={"asset": None})  # the editor swapped scene 2's picture out
    used = shown(board.model_copy(update={"scenes": scenes}), picks)
    assert {p.scene_index for p in used} == {p.scene_index for p in chosen} - {1}
    text = credits(board.title, used)
    assert all(p.author in text and p.page_url in text for p in used)
    assert "Scene 2:" not in text and "Scene 3:" in text


def test_a_query_scenes_share_is_asked_once_of_each_provider(standin: tuple[str, Script], tmp_path: Path) -> None:
    url, script = standin
    stock_pictures(storyboard(), "9:16", context(url, tmp_path, stock_cache_hours=0))
    subject = [(path, params) for path, params, _ in script.seen
               if (params.get("query") or params.get("q") or "") == "employee benefits"]
    assert sorted(path for path, _ in subject) == ["/api/", "/v1/images/", "/v1/search"]  # pexels, pixabay, openverse
