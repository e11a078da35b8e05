"""How far an extracted event's `confidence` can be trusted: a reliability table over hand-coded articles.

    python bench/calibrate.py GOLD.json --articles DIR --scorer PATH/score_extraction.py

GOLD is a list of articles with their hand-coded `events` (the real-derived set's `expected.json`, or one
part of it); each article file in DIR has a header (ended by a blank line), then the headline and body.
Events are matched to gold events with the scorer's own rule (country, event type, day within tolerance,
place); an extracted event that matches an optional gold event is left out, as the scorer does.

Prints, for each confidence band, how many events were extracted and what share matched a gold event,
then the same for "confidence >= T" at each threshold: the review queue (`REVIEW_CONFIDENCE_THRESHOLD`)
holds the events below T.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys

from service.extraction import parse

BANDS = [0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01]


def load_scorer(path: str):
    spec = importlib.util.spec_from_file_location("score_extraction", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def article_text(path: str) -> str:
    lines = open(path, encoding="utf-8").read().splitlines()
    start = next((i + 1 for i, line in enumerate(lines) if i > 0 and not line.strip()), 2)
    return "\n".join(lines[start:]) + "\n"


def scored_events(gold: list[dict], articles: str, scorer) -> list[tuple[float, bool]]:
    """(confidence, matched) for every extracted event that the scorer counts."""
    out = []
    for g in gold:
        records = parse(article_text(os.path.join(articles, g["article"])), published=g.get("published"))
        extracted = json.loads(json.dumps([e for r in records for e in r.events], default=str))
        pairs = scorer.match_article(g.get("events", []), extracted)
        optional = {id(e) for gg, e in pairs if gg.get("optional")}
        matched = {id(e) for gg, e in pairs if not gg.get("optional")}
        out += [(e.get("confidence") or 0.0, id(e) in matched) for e in extracted if id(e) not in optional]
    return out


def table(rows: list[tuple[float, bool]]) -> str:
    lines = ["| confidence | events | matched | share matched |", "|---|---:|---:|---:|"]
    for low, high in zip(BANDS, BANDS[1:]):
        band = [m for c, m in rows if low <= c < high]
        if band:
            lines.append(f"| {low:.1f}–{min(high, 1.0):.1f} | {len(band)} | {sum(band)} | {sum(band) / len(band):.2f} |")
    lines += ["", "| threshold | events at or above | share matched |", "|---|---:|---:|"]
    for t in BANDS[1:-1]:
        above = [m for c, m in rows if c >= t]
        if above:
            lines.append(f"| ≥ {t:.1f} | {len(above)} | {sum(above) / len(above):.2f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold")
    ap.add_argument("--articles", required=True)
    ap.add_argument("--scorer", required=True, help="path of score_extraction.py (its matching rule is used)")
    args = ap.parse_args(argv)
    with open(args.gold, encoding="utf-8") as fh:
        gold = json.load(fh)
    print(table(scored_events(gold, args.articles, load_scorer(args.scorer))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
