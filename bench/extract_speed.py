"""Extraction speed: process start-up to the first result, and articles/s in one warm process.

    python bench/extract_speed.py [--runs 7]

(a) start-up: wall time of `eventsvc extract --json --published 2024-01-01 ARTICLE` on one article, median
    of --runs runs (the first, untimed run builds the caches when they are missing);
(b) throughput: every tests/fixtures/wire/articles/*.txt and ../shared/gold/dev/articles/*.txt parsed in
    one process, after one untimed article has loaded the vocabularies; then a second pass (warm).
"""

from __future__ import annotations

import argparse
import glob
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _articles() -> list[Path]:
    paths = sorted(glob.glob(str(ROOT / "tests/fixtures/wire/articles/*.txt")))
    paths += sorted(glob.glob(str(ROOT.parent / "shared/gold/dev/articles/*.txt")))
    return [Path(p) for p in paths]


def startup(article: Path, runs: int) -> list[float]:
    exe = shutil.which("eventsvc", path=os.path.dirname(sys.executable)) or "eventsvc"
    cmd = [exe, "extract", "--json", "--published", "2024-01-01", str(article)]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)  # warms the caches
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
        times.append(time.perf_counter() - t0)
    return times


def throughput(articles: list[Path]) -> tuple[int, float, float]:
    """(articles, seconds of the first pass, seconds of a second pass over the same articles)."""
    sys.path.insert(0, str(ROOT))
    from service.extraction import parse

    texts = [p.read_text(encoding="utf-8") for p in articles]
    parse(texts[0], published="2024-01-01")  # start-up: vocabularies loaded
    passes = []
    for _ in range(2):  # the first pass also reads the gazetteer rows and keys it needs
        t0 = time.perf_counter()
        for text in texts:
            parse(text, published="2024-01-01")
        passes.append(time.perf_counter() - t0)
    return len(texts), passes[0], passes[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    articles = _articles()
    times = startup(articles[0], args.runs)
    print(f"start-up to first result: median {statistics.median(times):.2f} s "
          f"(min {min(times):.2f}, max {max(times):.2f}, {len(times)} runs, {articles[0].name})")
    n, first, second = throughput(articles)
    print(f"throughput: {n} articles in {first:.2f} s = {n / first:.0f} articles/s (one process, after start-up); "
          f"second pass {second:.2f} s = {n / second:.0f} articles/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
