"""What a job keeps of stock pictures: the picks, their files (downloaded, checked, never the same picture twice),
which ones a storyboard shows, what reviewers see and swap, and the credits."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from aios.kernel.context import Context
from aios.kernel.decision import Decision
from aios.kernel.errors import InvalidInput
from aios.kernel.schemas import StockPick, Storyboard
from aios.tools.cache import content_key
from aios.tools.policy.engine import policy_engine
from aios.tools.stock import StockError, StockItem, StockProvider, get_stock_providers
from aios.tools.storage import cache_for

log = logging.getLogger(__name__)
SAME = 6  # perceptual-hash distance at or under which two pictures count as the same


def pick(item: StockItem, scene_index: int, similarity: float, path: Path | None = None) -> StockPick:
    """What the job keeps of a stock item."""
    return StockPick(provider=item.provider, id=item.id, scene_index=scene_index, similarity=round(similarity, 4),
                     title=item.text[:200], author=item.author, author_url=item.author_url, licence=item.licence,
                     licence_url=item.licence_url, page_url=item.page_url, url=item.url,
                     path=str(path) if path else None)


def stock_file(ref: str, url: str) -> tuple[str, str]:
    """(cache key, suffix) of a stock item's downloaded file: one file per provider item and URL."""
    suffix = Path(url.split("?", 1)[0]).suffix.lower()
    return content_key(ref=ref, url=url), suffix if suffix in (".jpg", ".jpeg", ".png", ".webp") else ".jpg"


class Chooser:
    """Downloads candidates best first and keeps those that are safe and not a picture already used."""

    def __init__(self, providers: list[StockProvider], context: Context) -> None:
        self.providers = {p.name: p for p in providers}
        self.context, self.cache = context, cache_for(context.config)
        self.hashes: list[object] = []
        self.policy = policy_engine(context.config, context.tenant)

    def fetch(self, item: StockItem, unique: bool = True) -> Path | None:
        """The item's file here (cached by provider and id), or None when it fails, is unsafe or (`unique`) a
        picture already used."""
        import imagehash
        from PIL import Image

        key, suffix = stock_file(item.ref, item.url)
        try:
            path, _ = self.cache.fetch("stock", key, suffix,
                                       lambda out: self.providers[item.provider].download(item, out))
            with Image.open(path) as image:
                digest = imagehash.phash(image.convert("RGB"))
        except (StockError, OSError) as exc:
            log.info("stock %s skipped: %s", item.ref, exc)
            return None
        if unique and any(digest - seen <= SAME for seen in self.hashes):  # type: ignore[operator]
            return None
        classifier = self.policy.image_classifier
        if classifier is not None and self.policy.config.nsfw.outcome(classifier.scores([str(path)])[0]) != "pass":
            log.info("stock %s skipped: the NSFW check did not pass it", item.ref)
            return None
        self.hashes.append(digest)
        return path


def shown(storyboard: Storyboard, picks: Sequence[StockPick]) -> list[StockPick]:
    """The stock pictures the storyboard shows now, each with the scene that shows it (an editor may have swapped
    pictures for others offered, or for their own)."""
    files = {"".join(stock_file(f"{p.provider}:{p.id}", p.url)): p for p in picks}
    found = []
    for scene in storyboard.scenes:
        pick = files.get(Path(scene.asset).name) if scene.asset else None
        if pick is not None:
            found.append(pick.model_copy(update={"scene_index": scene.index, "path": scene.asset}))
    return found


def reference(pick: StockPick) -> str:
    """How an editor names an offered picture: stock:PROVIDER:ID."""
    return f"stock:{pick.provider}:{pick.id}"


def offered(storyboard: Storyboard, picks: Sequence[StockPick]) -> list[dict[str, Any]]:
    """For the review, per scene: the stock picture it shows and the others it could show."""
    showing = {p.scene_index: p for p in shown(storyboard, picks)}
    out = []
    for scene in storyboard.scenes:
        now = reference(showing[scene.index]) if scene.index in showing else None
        others = list({reference(p): p for p in picks if p.scene_index == scene.index and reference(p) != now}.values())
        if now or others:
            out.append({"scene": scene.index,
                        "shown": public(showing[scene.index]) if scene.index in showing else None,
                        "alternatives": [public(p) for p in others]})
    return out


def public(pick: StockPick) -> dict[str, Any]:
    """What a reviewer sees of a stock picture (no server paths): its reference, what it shows, whose, licence."""
    return {"ref": reference(pick), **pick.model_dump(mode="json", include={
        "provider", "title", "author", "licence", "page_url", "similarity"})}


def swapped(decision: Decision, picks: Sequence[StockPick], context: Context) -> Decision:
    """The decision with each scene image named `stock:PROVIDER:ID` (a picture this job was offered) downloaded
    and named by its file; InvalidInput for a picture it was not offered or one that cannot be used."""
    if not decision.scenes or not any(s.asset and s.asset.startswith("stock:") for s in decision.scenes):
        return decision
    offers = {reference(p): p for p in picks}
    chooser = Chooser(get_stock_providers(context.config), context)
    scenes = []
    for number, scene in enumerate(decision.scenes, start=1):
        if scene.asset and scene.asset.startswith("stock:"):
            pick = offers.get(scene.asset)
            if pick is None or pick.provider not in chooser.providers:
                raise InvalidInput(f"scene {number}: {scene.asset} is not a stock picture this job was offered")
            path = chooser.fetch(item_of(pick), unique=False)
            if path is None:
                raise InvalidInput(f"scene {number}: {scene.asset} could not be fetched or did not pass the safety "
                                   "check; choose another")
            scene = scene.model_copy(update={"asset": str(path)})
        scenes.append(scene)
    return decision.model_copy(update={"scenes": scenes})


def item_of(pick: StockPick) -> StockItem:
    """The provider item a kept pick came from (enough to fetch it again)."""
    return StockItem(provider=pick.provider, id=pick.id, text=pick.title, url=pick.url, page_url=pick.page_url,
                     author=pick.author, licence=pick.licence, licence_url=pick.licence_url,
                     author_url=pick.author_url)


def credits(title: str, picks: Sequence[StockPick]) -> str:
    """The credits file: one line per stock picture the video shows."""
    lines = [f"Pictures in \"{title}\"", "", *(p.credit() for p in picks), ""]
    return "\n".join(lines)
