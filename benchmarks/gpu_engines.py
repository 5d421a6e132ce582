"""GPU engine benchmark: SD 1.5 (512x512) and SDXL (1024x1024) images per second, Coqui VITS real-time factor.

Full-size architectures with random weights (same compute as the real weights), saved to a local directory
and loaded through the engines' own code: DiffusersEngine.generate (one batched pipeline call, seeded
generators), DiffusersEngine.render for a job's 6 scenes (the batcher, the fit to 1080x1920, the headline),
CoquiEngine.synthesize and MotionEngine.frames_for (Stable Video Diffusion, 14 frames). Batch 1 is the
baseline for batch 8 in the same run. Ends with:

    RESULT sd15_img_per_s=<batch 8> sdxl_img_per_s=<batch 8> coqui_rtf=<n> device=<name> ...

    python benchmarks/gpu_engines.py [--steps 30] [--arch tiny] [--skip-sdxl] [--skip-coqui] [--dir DIR]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

PROMPT = "a bright storefront with spring flowers and a sale banner, clean commercial photography"
SENTENCES = ("Our spring sale starts this Friday, with everything in the store at forty percent off. "
             "Visit us before Sunday to pick up your favourites, and bring a friend along.")


def sync() -> None:
    """Wait for queued GPU work, so wall time covers it."""
    import torch

    if torch.cuda.is_available():
        torch.cuda.synchronize()


def images_per_second(engine: Any, batch: int, size: tuple[int, int], runs: int) -> float:
    """Median images per second over `runs` batched calls (after one warm-up call at this batch size)."""
    engine.generate([PROMPT] * batch, list(range(batch)), size)
    times = []
    for run in range(runs):
        sync()
        start = time.perf_counter()
        engine.generate([PROMPT] * batch, [run * batch + i for i in range(batch)], size)
        sync()
        times.append(time.perf_counter() - start)
    return batch / statistics.median(times)


def scenes_seconds(engine: Any, root: Path, scenes: int = 6) -> float:
    """Wall time of a job's stills through render(): concurrent scenes batched, fitted to 1080x1920, captioned."""
    from concurrent.futures import ThreadPoolExecutor

    from aios.tools.imagery.base import VisualRequest

    requests = [VisualRequest(headline=f"Scene {i + 1}", description=PROMPT, keywords=("spring", "sale"),
                              size=(1080, 1920), palette="sunrise", seed=100 + i) for i in range(scenes)]
    sync()
    start = time.perf_counter()
    with ThreadPoolExecutor(scenes) as pool:
        list(pool.map(lambda r: engine.render(r, root / f"scene{r.seed}.png"), requests))
    sync()
    return time.perf_counter() - start


def bench_motion(root: Path, full_size: bool, device: str) -> float:
    """Seconds for one image-to-video clip (14 frames, 25 steps) of a full-size SVD at its native size, 9:16."""
    import torch
    from PIL import Image

    from aios.tools.imagery.architectures import SVD, TINY_SVD, build
    from aios.tools.imagery.motion import MotionEngine

    dtype = torch.float16 if device == "cuda" else torch.float32
    build(SVD if full_size else TINY_SVD, root / "svd", dtype=dtype, device=device, name="svd-random")
    engine = MotionEngine(root / "svd", frames=14 if full_size else 4, steps=25 if full_size else 2,
                          native=None if full_size else 64)
    picture = root / "picture.png"
    Image.new("RGB", (1080, 1920), (200, 140, 90)).save(picture)
    engine.frames_for(picture, seed=1)
    sync()
    start = time.perf_counter()
    frames = engine.frames_for(picture, seed=2)
    sync()
    seconds = time.perf_counter() - start
    print(f"motion: {len(frames)} frames of {frames[0].size[0]}x{frames[0].size[1]} in {seconds:.1f} s", flush=True)
    return seconds


def bench_diffusion(arch: str, side: int, root: Path, steps: int, device: str) -> dict[str, float]:
    """Build, save and load one architecture; time batch 1 and batch 8."""
    import torch

    from aios.tools.imagery.architectures import build
    from aios.tools.imagery.diffusion import DiffusersEngine

    dtype = torch.float16 if device == "cuda" else torch.float32
    start = time.perf_counter()
    build(arch, root / arch, dtype=dtype, device=device, name=f"{arch}-random")
    built = time.perf_counter() - start
    engine = DiffusersEngine(root / arch, steps=steps)
    start = time.perf_counter()
    engine.pipeline()
    loaded = time.perf_counter() - start
    b1 = images_per_second(engine, 1, (side, side), runs=3)
    b8 = images_per_second(engine, 8, (side, side), runs=2)
    scenes = scenes_seconds(engine, root)
    print(f"{arch}: a job's 6 scenes at 1080x1920 through render() in {scenes:.1f} s (batches {engine.batches[-2:]})",
          flush=True)
    print(f"{arch}: built+saved {built:.1f} s, loaded {loaded:.1f} s on {engine.device} "
          f"({steps} steps, {side}x{side}): batch 1 {b1:.2f} img/s, batch 8 {b8:.2f} img/s ({b8 / b1:.2f}x)",
          flush=True)
    del engine
    torch.cuda.empty_cache() if torch.cuda.is_available() else None
    return {"b1": b1, "b8": b8, "scenes": scenes}


def bench_coqui(root: Path, full_size: bool) -> float:
    """Real-time factor (synthesis seconds per second of audio) of an LJSpeech-sized VITS, after a warm-up."""
    from aios.tools.audio import wav_duration
    from aios.tools.tts.architectures import build_vits
    from aios.tools.tts.coqui import CoquiEngine

    model, config = build_vits(root / "vits", full_size=full_size)
    engine = CoquiEngine(model_path=model, config_path=config)
    engine.synthesize(SENTENCES, root / "warm.wav")
    spent = heard = 0.0
    for run in range(5):
        out = root / f"coqui{run}.wav"
        sync()
        start = time.perf_counter()
        engine.synthesize(SENTENCES, out)
        sync()
        spent += time.perf_counter() - start
        heard += wav_duration(out)
    print(f"coqui: {heard:.1f} s of speech in {spent:.2f} s (RTF {spent / heard:.4f})", flush=True)
    return spent / heard


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--arch", choices=["full", "tiny"], default="full",
                        help="tiny: a small pipeline, to check the script on a CPU")
    parser.add_argument("--skip-sdxl", action="store_true")
    parser.add_argument("--skip-coqui", action="store_true")
    parser.add_argument("--skip-motion", action="store_true")
    parser.add_argument("--dir", type=Path, default=None, help="where the models are saved (default: a temp dir)")
    args = parser.parse_args()
    import torch

    device = "cuda" if torch.cuda.is_available() else "cpu"
    name = torch.cuda.get_device_name() if device == "cuda" else "cpu"
    full = args.arch == "full"
    with tempfile.TemporaryDirectory(dir=args.dir) as scratch:
        root = Path(scratch)
        sd15 = bench_diffusion("sd15" if full else "tiny", 512 if full else 64, root, args.steps, device)
        rtf = 0.0 if args.skip_coqui else bench_coqui(root, full)
        sdxl = ({"b1": 0.0, "b8": 0.0, "scenes": 0.0} if args.skip_sdxl else
                bench_diffusion("sdxl" if full else "tiny", 1024 if full else 64, root, args.steps, device))
        motion = 0.0 if args.skip_motion else bench_motion(root, full, device)
    print(f"RESULT sd15_img_per_s={sd15['b8']:.3f} sdxl_img_per_s={sdxl['b8']:.3f} coqui_rtf={rtf:.4f} "
          f"device={name.replace(' ', '_')} sd15_b1_img_per_s={sd15['b1']:.3f} sdxl_b1_img_per_s={sdxl['b1']:.3f} "
          f"sd15_job_scenes_s={sd15['scenes']:.2f} sdxl_job_scenes_s={sdxl['scenes']:.2f} svd_clip_s={motion:.2f} "
          f"steps={args.steps} arch={args.arch}")


if __name__ == "__main__":
    main()
