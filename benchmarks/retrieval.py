"""Asset library benchmark: ingest 10,000 generated images through the real pipeline, then search them.

Each item is a small generated image whose file name says what it shows (subject, colour,
setting), ingested with one `Library.add` over the folder (as `aios assets add FOLDER` does): the real
path (hash, probe, thumbnail, perceptual hash, MiniLM embedding, LanceDB upsert) in batches, with peak
memory sampled. Queries are paraphrases of a subject
and a setting ("a bike by the sea"); an item is relevant when it has both. In the same run, exact
brute-force cosine search over all vectors in numpy is the baseline. Ends with one RESULT line.

    python benchmarks/retrieval.py [--items N]
"""

from __future__ import annotations

import argparse
import random
import resource
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from aios.evals.scorers.stats import p95
from aios.tools.library.embeddings import MiniLMEmbedder
from aios.tools.library.lance import LanceIndex
from aios.tools.library.library import Library

SUBJECTS = {"bicycle": "bike", "coffee cup": "espresso", "sneakers": "running shoes", "guitar": "acoustic instrument",
            "tulips": "spring flowers", "laptop": "notebook computer", "dog": "puppy", "pizza": "italian food",
            "sailboat": "yacht", "tent": "camping gear", "cake": "dessert", "car": "automobile",
            "wristwatch": "timepiece", "backpack": "rucksack", "sunglasses": "shades", "teapot": "kettle for tea",
            "camera": "photography gear", "headphones": "earphones", "umbrella": "rain protection",
            "skateboard": "skate deck", "armchair": "comfy seat", "lamp": "desk light", "book": "novel",
            "basketball": "hoops ball", "surfboard": "board for waves"}
SETTINGS = {"on a beach": "by the sea", "in a forest": "among the trees", "in a city street": "downtown",
            "in a kitchen": "at home cooking", "on a mountain": "in the alps", "in a snowy park": "in winter snow",
            "in an office": "at work", "at night under neon lights": "after dark", "in a desert": "in the dunes",
            "on a rooftop": "high above the city", "in a garden": "among flowers outside",
            "in a train station": "at the railway platform", "in a library": "among bookshelves",
            "in a cafe": "at a coffee shop", "on a farm": "in the countryside", "in a stadium": "at a sports arena"}
COLORS = ["red", "blue", "green", "yellow", "black", "white", "orange", "purple", "pink", "grey"]


def generate(folder: Path, count: int) -> list[tuple[Path, str, str, str]]:
    """`count` images named by subject, colour and setting; returns (path, subject, setting, description)."""
    rng = random.Random(7)
    combos = [(s, c, p) for s in SUBJECTS for p in SETTINGS for c in COLORS]
    rng.shuffle(combos)
    out = []
    for n in range(count):
        subject, color, setting = combos[n % len(combos)]
        path = folder / f"{color}-{subject}-{setting}-{n:05d}.png".replace(" ", "-")
        image = Image.new("RGB", (64, 64), tuple(rng.randrange(256) for _ in range(3)))
        draw = ImageDraw.Draw(image)
        for _ in range(8):
            x, y = rng.randrange(64), rng.randrange(64)
            draw.rectangle((x, y, x + rng.randrange(4, 30), y + rng.randrange(4, 30)),
                           fill=tuple(rng.randrange(256) for _ in range(3)))
        image.save(path)
        out.append((path, subject, setting, f"A {color} {subject} {setting}"))
    return out


def rss_mb() -> float:
    """Peak resident memory of this process so far."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "in").mkdir()
        items = generate(root / "in", args.items)
        embedder = MiniLMEmbedder()
        embedder.embed(["warm up"])
        library = Library(LanceIndex(root / "db", embedder.name, embedder.dim), embedder, root / "home")
        began, memory, done = time.perf_counter(), [], [0]

        def progress(_path: str) -> None:
            done[0] += 1
            if done[0] % 1000 == 0:
                memory.append(rss_mb())
                print(f"ingested {done[0]:>6}  {time.perf_counter() - began:7.1f} s  peak rss {memory[-1]:.0f} MB",
                      flush=True)

        report = library.add([root / "in"], "bench", keep_near_duplicates=True, on_progress=progress)
        ingest_s = time.perf_counter() - began
        assert len(report.added) == len(items), (len(report.added), report.failed[:3])
        records = library.index.records("bench", limit=10_000_000)
        relevant: dict[tuple[str, str], set[str]] = {}
        by_name = {path.name: (subject, setting) for path, subject, setting, _ in items}
        for record in records:
            relevant.setdefault(by_name[record.name], set()).add(record.id)
        rng = random.Random(11)
        pairs = rng.sample(sorted(relevant), min(args.queries, len(relevant)))
        queries = [f"{SUBJECTS[s]} {SETTINGS[p]}" for s, p in pairs]
        vectors = embedder.embed(queries)
        ids = [r.id for r in records]
        matrix = embedder.embed([r.text for r in records])
        results: dict[str, tuple[list[float], int]] = {}
        for name in ("lancedb", "hybrid", "numpy"):
            times, hits = [], 0
            for query, vector, pair in zip(queries, vectors, pairs, strict=True):
                t = time.perf_counter()
                if name == "lancedb":
                    top = [h.record.id for h in library.index.nearest("bench", vector, None, 5)]
                elif name == "hybrid":
                    top = [h.record.id for h in library.index.search("bench", vector, query, None, 5)]
                else:
                    top = [ids[i] for i in np.argsort(-(matrix @ vector))[:5]]
                times.append((time.perf_counter() - t) * 1000)
                hits += bool(set(top) & relevant[pair])
            results[name] = (times, hits)
            print(f"{name:<8} p95 {p95(times):.1f} ms  recall@5 {hits / len(queries):.3f}")
    growth = memory[-1] - memory[0] if len(memory) > 1 else 0.0
    print(f"RESULT items={len(items)} ingest_per_s={len(items) / ingest_s:.1f} "
          f"search_p95_ms={p95(results['lancedb'][0]):.1f} recall_at_5={results['lancedb'][1] / len(queries):.3f} "
          f"hybrid_p95_ms={p95(results['hybrid'][0]):.1f} hybrid_recall_at_5={results['hybrid'][1] / len(queries):.3f} "
          f"baseline_numpy_p95_ms={p95(results['numpy'][0]):.2f} "
          f"baseline_recall_at_5={results['numpy'][1] / len(queries):.3f} "
          f"peak_rss_mb={memory[-1]:.0f} rss_growth_after_first_1000_mb={growth:.0f}")


if __name__ == "__main__":
    main()
