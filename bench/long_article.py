"""Coding time against article length: a long document must cost time linear in its length.

    python bench/long_article.py [--sizes 50,100,250,500]

The text is the repository's wire fixtures and seeds, and the shared gold articles when they are beside the
project, joined and repeated up to each size (kB). Each size is coded once in one warm process; the table gives
seconds, kB/s, and seconds per 100 kB (flat when the cost is linear). The issue's target: 500 kB in 2 s.
"""
from __future__ import annotations

import argparse
import glob
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def corpus() -> str:
    paths = sorted(glob.glob(str(ROOT / "tests/fixtures/wire/articles/*.txt"))) + sorted(
        glob.glob(str(ROOT / "seeds/*.txt")))
    for part in ("real", "dev"):
        paths += sorted(glob.glob(str(ROOT.parent / f"shared/gold/{part}/articles/*.txt")))
    return "\n\n".join(Path(p).read_text(encoding="utf-8") for p in paths)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50,100,250,500", help="kB, comma-separated")
    args = parser.parse_args()
    from service.extraction import extract

    text = corpus()
    published = date(2024, 5, 1)
    extract("warm-up", text[:2000], published, 1)
    print(f"corpus {len(text) // 1000} kB, repeated as needed")
    print(f"{'kB':>6} {'events':>7} {'seconds':>8} {'kB/s':>7} {'s/100kB':>8}")
    for kb in (int(s) for s in args.sizes.split(",")):
        body = (text * (kb * 1000 // len(text) + 1))[:kb * 1000]
        started = time.perf_counter()
        events = extract("Long report", body, published, 1)
        took = time.perf_counter() - started
        print(f"{kb:>6} {len(events):>7} {took:>8.2f} {kb / took:>7.0f} {took / kb * 100:>8.2f}")


if __name__ == "__main__":
    main()
