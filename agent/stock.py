"""Stock pictures for scenes the brief and library left bare: searched, ranked against the scene, de-duplicated
across the video, licence- and NSFW-checked, downloaded (never hotlinked)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from contextvars import copy_context
from pathlib import Path
from typing import Any

import numpy as np

from aios.agent.engines import notify
from aios.agent.picks import scene_query
from aios.kernel.context import Context
from aios.kernel.decision import Decision
from aios.kernel.errors import InvalidInput
from aios.kernel.schemas import Scene, StockPick, Storyboard
from aios.kernel.vocab import Aspect
from aios.tools.cache import content_key
from aios.tools.imagery import designs
from aios.tools.library.embeddings import get_embedder
from aios.tools.policy.engine import policy_engine
from aios.tools.stock import RateLimited, StockError, StockItem, StockProvider, get_stock_providers
from aios.tools.stock.licences import allowed
from aios.tools.storage import cache_for
from aios.tools.text import keywords

log = logging.getLogger(__name__)
PER_PROVIDER = 8  # photos asked of each provider per scene
OTHERS = 3  # candidates kept per scene beside the one chosen, for the review
SAME = 6  # perceptual-hash distance at or under which two pictures count as the same
MISFIT = 0.05  # what a picture of the wrong shape loses in the ranking
ORIENTATION = {"9:16": "portrait", "4:5": "portrait", "16:9": "landscape", "1:1": "square"}


def bare(storyboard: Storyboard) -> list[Scene]:
    """Scenes that would show a drawn card: no picture of their own, and not an end card carrying a web address."""
    last = len(storyboard.scenes) - 1
    return [s for s in storyboard.scenes if not s.asset and not (
        designs.choose(s.on_screen_text, s.index, s.index == last) == "end"
        and designs.url_in(f"{s.on_screen_text} {s.narration}"))]


def search_terms(scene: Scene, subject: str) -> list[str]:
    """Keyword queries (providers match words, not sentences): the scene's own words, then the video's subject,
    whose pictures fit any scene (answers are cached, so the second costs one request a video)."""
    own = " ".join(keywords(f"{scene.on_screen_text} {' '.join(scene.keywords)}", 3))
    about = " ".join(keywords(subject, 3))
    return [q for q in dict.fromkeys((own, about)) if q]


def offers(scenes: Sequence[Scene], subject: str, providers: list[StockProvider], orientation: str,
           licences: Sequence[str]) -> dict[int, list[StockItem]]:
    """Each scene's photos from every provider that answers, licences the tenant does not allow left out. Providers
    are asked side by side (each its queries in turn, so a throttled one is left alone after its first 429), and
    a query several scenes share is asked once."""
    asked = {s.index: search_terms(s, subject) for s in scenes}
    queries = list(dict.fromkeys(q for terms in asked.values() for q in terms))

    def ask(provider: StockProvider) -> dict[str, list[StockItem]]:
        answers: dict[str, list[StockItem]] = {}
        for query in queries:
            try:
                answers[query] = provider.search(query, PER_PROVIDER, orientation)
            except StockError as exc:
                notify(None, "image", f"stock search: {exc}")
                if isinstance(exc, RateLimited):
                    break
        return answers

    with ThreadPoolExecutor(max_workers=max(1, len(providers))) as pool:
        replies = list(pool.map(lambda p: copy_context().run(ask, p), providers))  # the job's event stream goes along
    found: dict[int, list[StockItem]] = {}
    for index, terms in asked.items():
        items = {i.ref: i for reply in replies for query in terms for i in reply.get(query, [])}
        found[index] = [i for i in items.values() if allowed(i.licence, licences)]
    return found


def fits(item: StockItem, orientation: str) -> bool:
    """Whether the picture has the video's shape (one that does not loses more to the crop)."""
    if not item.width or not item.height:
        return True
    ratio = item.width / item.height
    return {"portrait": ratio < 0.9, "landscape": ratio > 1.1}.get(orientation, 0.75 <= ratio <= 1.33)


def ranked(scenes: Sequence[Scene], found: dict[int, list[StockItem]], context: Context,
           orientation: str) -> list[tuple[float, int, StockItem]]:
    """(cosine between the scene and the item's description, less MISFIT for the wrong shape; scene index, item),
    best first."""
    texts = [scene_query(s) for s in scenes]
    items = [(s.index, i) for s in scenes for i in found.get(s.index, [])]
    if not items:
        return []
    vectors = get_embedder(context.config).embed([*texts, *(i.text or i.id for _, i in items)])
    rows = {s.index: vectors[n] for n, s in enumerate(scenes)}
    scores = [float(np.dot(rows[index], vectors[len(texts) + n])) - (0 if fits(item, orientation) else MISFIT)
              for n, (index, item) in enumerate(items)]
    return sorted(((score, index, item) for score, (index, item) in zip(scores, items, strict=True)),
                  key=lambda p: (-p[0], p[1]))


def pick(item: StockItem, scene_index: int, similarity: float, path: Path | None = None) -> StockPick:
    """What the job keeps of a stock item."""
    return StockPick(provider=item.provider, id=item.id, scene_index=scene_index, similarity=round(similarity, 4),
                     title=item.text[:200], author=item.author, author_url=item.author_url, licence=item.licence,
                     licence_url=item.licence_url, page_url=item.page_url, url=item.url,
                     path=str(path) if path else None)


def stock_file(ref: str, url: str, suffix_of: str | None = None) -> tuple[str, str]:
    """(cache key, suffix) of a stock item's downloaded file: one file per provider item and URL."""
    suffix = Path((suffix_of or url).split("?", 1)[0]).suffix.lower()
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


def stock_pictures(storyboard: Storyboard, aspect: Aspect, context: Context) -> list[StockPick]:
    """For each bare scene, the best stock picture (path set) and up to three others (path None)."""
    settings = context.config
    providers = get_stock_providers(settings)
    scenes = bare(storyboard)
    if not providers or not scenes:
        return []
    orientation = ORIENTATION.get(aspect, "landscape")
    found = offers(scenes, storyboard.title, providers, orientation, settings.stock_licences)
    pairs = [p for p in ranked(scenes, found, context, orientation) if p[0] >= settings.stock_min_score]
    chooser = Chooser(providers, context)
    chosen: dict[int, StockPick] = {}
    used: set[str] = set()
    for similarity, index, item in pairs:
        if index in chosen or item.ref in used:
            continue
        used.add(item.ref)
        path = chooser.fetch(item)
        if path is not None:
            chosen[index] = pick(item, index, similarity, path)
    others = [pick(item, index, similarity) for similarity, index, item in pairs if item.ref not in used]
    shown = [o for s in scenes for o in [o for o in others if o.scene_index == s.index][:OTHERS]]
    return [chosen[i] for i in sorted(chosen)] + shown


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
