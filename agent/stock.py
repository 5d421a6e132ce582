"""Stock pictures for scenes the brief and library left bare: searched, ranked against the scene, de-duplicated
across the video, licence- and NSFW-checked, downloaded (never hotlinked)."""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from contextvars import copy_context

import numpy as np

from aios.agent.engines import notify
from aios.agent.picks import scene_query
from aios.agent.stock_picks import Chooser, pick
from aios.kernel.context import Context
from aios.kernel.schemas import Scene, StockPick, Storyboard
from aios.kernel.vocab import Aspect
from aios.tools.imagery import designs
from aios.tools.library.embeddings import get_embedder
from aios.tools.stock import RateLimited, StockError, StockItem, StockProvider, get_stock_providers
from aios.tools.stock.licences import allowed
from aios.tools.text import STOPWORDS

log = logging.getLogger(__name__)
PER_PROVIDER = 8  # photos asked of each provider per scene
OTHERS = 3  # candidates kept per scene beside the one chosen, for the review
MISFIT = 0.05  # what a picture of the wrong shape loses in the ranking
GENERAL = 0.85  # a picture of what the whole video is about, for a scene that names little, counts this much
ORIENTATION = {"9:16": "portrait", "4:5": "portrait", "16:9": "landscape", "1:1": "square"}


def bare(storyboard: Storyboard) -> list[Scene]:
    """Scenes that would show a drawn card: no picture of their own, and not an end card carrying a web address."""
    last = len(storyboard.scenes) - 1
    return [s for s in storyboard.scenes if not s.asset and not (
        designs.choose(s.on_screen_text, s.index, s.index == last) == "end"
        and designs.url_in(f"{s.on_screen_text} {s.narration}"))]


# Words a scene's line carries that no picture shows (the planner's connectives, recaps and sign-offs).
UNSEEN = frozenset("""remember finally last least check back updates thanks thank next chapter see try give set
    apply come grow stay tuned read full story latest news happening time look numbers join love question ask
    patience understanding top plus also one more thing quick""".split())


# Articles, prepositions and possessives of the planner's other languages (English ones are in tools/text).
FUNCTION_WORDS = frozenset("""el la los las un una de del al en y o con por para tu su sus nuestro nuestra nuestros
    nuestras nuevo nueva nuevos nuevas le les des du et au aux avec pour sur nos notre votre vos nouveau nouveaux
    nouvelle nouvelles der die das dem den des ein eine einen und mit für von zu zum zur unser unsere unseren neues
    neue neuen ist sind o os as do da dos das em no na com para nossa nosso nossos nossas nova novo il lo gli i di
    della dello dei delle e con per su nostro nostra nostri nostre nuove nuovo nuova nuovi""".split())
_TERM = re.compile(r"[^\W\d_][\w'’-]*")


def terms(text: str, limit: int) -> list[str]:
    """The most frequent words of a text that a picture could show, in any of the planner's languages (accents
    kept: 'écouteurs' is one word)."""
    found = [w.lower() for w in _TERM.findall(text)]
    kept = [w for w in found if w not in UNSEEN and w not in FUNCTION_WORDS and w not in STOPWORDS and len(w) > 2]
    counts = Counter(kept)
    return sorted(counts, key=lambda w: (-counts[w], kept.index(w)))[:limit]


def search_terms(scene: Scene, storyboard: Storyboard) -> list[str]:
    """Keyword queries (providers match words, not sentences): the scene's own words, then what the whole video
    is about (its title and the words its lines share), whose pictures fit any scene; words no picture shows are
    left out. Answers are cached, so the second query costs one request a video."""
    own = " ".join(terms(f"{scene.on_screen_text} {' '.join(scene.keywords)}", 3))
    lines = " ".join(s.narration for s in storyboard.scenes)
    about = " ".join(terms(f"{storyboard.title} {storyboard.title} {lines}", 3))
    return [q for q in dict.fromkeys((own, about)) if q]


def offers(scenes: Sequence[Scene], storyboard: Storyboard, providers: list[StockProvider], orientation: str,
           licences: Sequence[str]) -> dict[int, list[StockItem]]:
    """Each scene's photos from every provider that answers, licences the tenant does not allow left out. Providers
    are asked side by side (each its queries in turn, so a throttled one is left alone after its first 429), and
    a query several scenes share is asked once."""
    asked = {s.index: search_terms(s, storyboard) for s in scenes}
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


def ranked(scenes: Sequence[Scene], found: dict[int, list[StockItem]], context: Context, orientation: str,
           video: str = "") -> list[tuple[float, int, StockItem]]:
    """(match, scene index, item), best first. The match is the cosine between the scene and the item's
    description, or, for a line that names at most one thing a picture could show ("Here's the latest.",
    "Remember: 30 days."), GENERAL times the cosine with the whole `video` when that is higher (a line that names
    something gets a picture of it or none); less MISFIT for the wrong shape."""
    texts = [scene_query(s) for s in scenes] + [video or " "]
    items = [(s.index, i) for s in scenes for i in found.get(s.index, [])]
    if not items:
        return []
    vectors = get_embedder(context.config).embed([*texts, *(i.text or i.id for _, i in items)])
    rows = {s.index: vectors[n] for n, s in enumerate(scenes)}
    whole = vectors[len(texts) - 1]
    vague = {s.index for s in scenes if len(terms(f"{s.narration} {s.on_screen_text}", 2)) <= 1}
    scores = []
    for n, (index, item) in enumerate(items):
        described = vectors[len(texts) + n]
        general = GENERAL * float(np.dot(whole, described)) if video and index in vague else -1.0
        match = max(float(np.dot(rows[index], described)), general)
        scores.append(match - (0 if fits(item, orientation) else MISFIT))
    return sorted(((score, index, item) for score, (index, item) in zip(scores, items, strict=True)),
                  key=lambda p: (-p[0], p[1]))


def stock_pictures(storyboard: Storyboard, aspect: Aspect, context: Context) -> list[StockPick]:
    """For each bare scene, the best stock picture (path set) and up to three others (path None)."""
    settings = context.config
    providers = get_stock_providers(settings)
    scenes = bare(storyboard)
    if not providers or not scenes:
        return []
    orientation = ORIENTATION.get(aspect, "landscape")
    found = offers(scenes, storyboard, providers, orientation, settings.stock_licences)
    video = f"{storyboard.title}. " + " ".join(s.narration for s in storyboard.scenes)
    pairs = [p for p in ranked(scenes, found, context, orientation, video) if p[0] >= settings.stock_min_score]
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
