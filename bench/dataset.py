"""A realistic synthetic dataset in ACLED's CSV layout, for `eventsvc import acled` and the benchmark.

    python bench/dataset.py --events 1000000 --out /tmp/events.csv

2015-2025; 60 countries with a Zipf share (the first ~25%, the 60th ~0.3%); 50,000 places; 8,000 actors with a
skewed event count; two actors per event; fatalities mostly 0 with a long tail; notes of ~150 characters.
Deterministic for a given --seed.
"""
from __future__ import annotations

import argparse
import bisect
import csv
import random
import sys
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from service.events.formats import CSV_COLUMNS, iso_numeric  # noqa: E402
from service.taxonomy import DISORDER_TYPE_OF, EVENT_TYPE_OF  # noqa: E402
from service.vocab.countries import all_countries  # noqa: E402

START, DAYS = date(2015, 1, 1), 11 * 365
WORDS = ("armed men attacked a convoy near the market while residents fled toward the river and local "
         "officials said security forces later arrived to search the surrounding villages for suspects").split()


ZIPF = 1.1  # country k of 60 gets a share ~ 1/k**1.1: the first ~25%, the 60th ~0.3%


def _countries(rng: random.Random) -> tuple[list, list[float]]:
    """60 countries and their cumulative weights (Zipf over the rank)."""
    pool = [c for c in all_countries() if iso_numeric(c.iso3)]
    countries = rng.sample(pool, 60)
    cumulative, total = [], 0.0
    for rank in range(1, len(countries) + 1):
        total += rank ** -ZIPF
        cumulative.append(total)
    return countries, cumulative


def _places(rng: random.Random, countries: list, cumulative: list[float], n: int) -> list[list[tuple]]:
    """n places, each country's list sized by its weight (at least 20 each, n in all)."""
    sizes = [max(20, round(n * (b - a) / cumulative[-1])) for a, b in zip([0.0, *cumulative], cumulative)]
    sizes[0] += n - sum(sizes)
    places: list[list[tuple]] = []
    k = 0
    for c, size in zip(countries, sizes):
        mine = []
        for _ in range(size):
            mine.append((c, f"Region {k % 40}", f"District {k % 400}", f"Town {k}",
                         round(rng.uniform(-40, 60), 4), round(rng.uniform(-20, 120), 4)))
            k += 1
        places.append(mine)
    return places


def _place(rng: random.Random, places: list[list[tuple]], cumulative: list[float]) -> tuple:
    """A country by its weight, then one of its places: 30% of events on a few busy places (Pareto), the rest
    uniform."""
    mine = places[bisect.bisect(cumulative, rng.random() * cumulative[-1])]
    if rng.random() < 0.3:
        return mine[min(int(rng.paretovariate(0.6)) - 1, len(mine) - 1)]
    return mine[rng.randrange(len(mine))]


def rows(n: int, seed: int):
    rng = random.Random(seed)
    countries, cumulative = _countries(rng)
    places = _places(rng, countries, cumulative, 50_000)
    actors = [(f"Actor {k} Group", rng.randint(1, 8)) for k in range(8_000)]
    subs = list(EVENT_TYPE_OF)
    for i in range(n):
        c, admin1, admin2, town, lat, lon = _place(rng, places, cumulative)
        a1 = actors[min(int(rng.paretovariate(0.7)) - 1, len(actors) - 1)]
        a2 = actors[rng.randrange(len(actors))]
        sub = rng.choice(subs)
        day = START + timedelta(days=rng.randrange(DAYS))
        fatalities = 0 if rng.random() < 0.6 else int(rng.paretovariate(1.2))
        notes = " ".join(rng.choice(WORDS) for _ in range(22))[:150]
        yield [f"{c.iso3}{i + 1}", day.isoformat(), day.year, 1, DISORDER_TYPE_OF[EVENT_TYPE_OF[sub]],
               EVENT_TYPE_OF[sub], sub, a1[0], "", a1[1], a2[0], "", a2[1], f"{min(a1[1], a2[1])}{max(a1[1], a2[1])}",
               "", iso_numeric(c.iso3), "", c.name, admin1, admin2, "", town, lat, lon, 1, "Bench Wire", "", notes,
               fatalities, "", 1700000000 + i]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    with open(args.out, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        writer.writerows(rows(args.events, args.seed))


if __name__ == "__main__":
    main()
