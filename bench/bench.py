"""Benchmark the query shapes of the API on a generated dataset.

    DATABASE_URL=postgresql://... python bench/bench.py --events 1000000

Fills the database (which must be migrated and may be empty) with synthetic events spread over
countries, places, actors, types and 10 years, then times each query shape through the app
(median of --repeat runs, warm cache). Speed is measured here, never asserted in tests.
"""
from __future__ import annotations

import argparse
import os
import statistics
import time
import urllib.parse

import psycopg

from service import create_app
from service.config import Config

SHAPES = [
    ("page 1, newest first", "/events?limit=100"),
    ("deep page (cursor)", None),  # filled in at run time from page 50's cursor
    ("country + year", "/events?country=SYR&date_from=2021-01-01&date_to=2021-12-31&limit=100"),
    ("admin1, fatal only", "/events?country=SYR&admin1=Homs&fatalities_min=1&limit=100"),
    ("event type + sort by fatalities", "/events?event_type=Battles&sort=-fatalities&limit=100"),
    ("actor, any role", "/events?actor=Islamic%20State&limit=100"),
    ("bbox", "/events?bbox=35,32,38,35&limit=100"),
    ("near 50 km", "/events?near=32.46,35.30&radius_km=50&limit=100"),
    ("full-text q", "/events?q=ambush&limit=100"),
    ("updated_since", "/events?updated_since=2020-01-01T00:00:00Z&limit=100"),
    ("with_total", "/events?country=SDN&with_total=true&limit=100"),
    ("stats: month x type, one country", "/stats?country=SYR&group_by=event_type&interval=month"),
    ("stats: by country", "/stats?group_by=country"),
    ("actors search", "/actors?q=islamik%20state"),
]

FILL = """
INSERT INTO locations (iso3, country, admin1, location, latitude, longitude, geo_precision)
SELECT c.iso3, c.country, c.admin1, c.admin1 || ' town ' || g, c.lat + (g % 50) * 0.02, c.lon + (g / 50) * 0.02, 1
FROM (VALUES ('SYR', 'Syria', 'Homs', 34.7, 36.7), ('SYR', 'Syria', 'Aleppo', 36.2, 37.1),
             ('SDN', 'Sudan', 'Khartoum', 15.6, 32.5), ('UKR', 'Ukraine', 'Kharkiv', 49.9, 36.2),
             ('PSE', 'Palestine', 'Jenin', 32.46, 35.30), ('NGA', 'Nigeria', 'Borno', 11.8, 13.1),
             ('MLI', 'Mali', 'Mopti', 14.5, -4.2), ('MMR', 'Myanmar', 'Sagaing', 22.0, 95.9)) AS c(iso3, country, admin1, lat, lon)
CROSS JOIN generate_series(1, 250) g
ON CONFLICT DO NOTHING;
INSERT INTO actors (name, inter) VALUES ('Islamic State', 2), ('Military Forces of Syria', 1),
    ('Rapid Support Forces', 2), ('Civilians (Sudan)', 7), ('Protesters (Palestine)', 6)
ON CONFLICT DO NOTHING;
INSERT INTO events (event_date, time_precision, event_type, sub_event_type, location_id, fatalities, notes)
SELECT date '2015-01-01' + (random() * 3650)::int, 1, t.event_type, t.sub_event_type,
       (SELECT min(id) FROM locations) + (random() * ((SELECT count(*) FROM locations) - 1))::int,
       CASE WHEN random() < 0.6 THEN 0 ELSE (random() * 40)::int END,
       (ARRAY['ambush on a convoy', 'airstrike on a market', 'clashes near a checkpoint', 'protest over prices'])[1 + (g %% 4)]
FROM generate_series(1, %(n)s) g
CROSS JOIN LATERAL (SELECT event_type, sub_event_type FROM event_types ORDER BY random() + g * 0 LIMIT 1) t;
INSERT INTO event_actors (event_id, actor_id, role)
SELECT e.id, (SELECT min(id) FROM actors) + (e.id % 5), 'actor1' FROM events e
ON CONFLICT DO NOTHING;
ANALYZE;
"""


def _first(conn, query: str) -> tuple:
    return conn.execute(query).fetchone()


def data_shapes(conn) -> list[tuple[str, str]]:
    """Shapes named after what the database holds (bench/dataset.py's data has none of SHAPES' names)."""
    busy_id, busy = _first(conn, "SELECT a.id, a.name FROM actors a JOIN event_actors ea ON ea.actor_id = a.id "
                                 "GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 1")
    rare_id, rare = _first(conn, "SELECT a.id, a.name FROM actors a JOIN event_actors ea ON ea.actor_id = a.id "
                                 "GROUP BY 1, 2 ORDER BY count(*), a.id LIMIT 1")
    big_country, = _first(conn, "SELECT iso3 FROM stats_events_daily GROUP BY 1 ORDER BY sum(events) DESC LIMIT 1")
    mid_country, = _first(conn, "SELECT iso3 FROM stats_events_daily GROUP BY 1 ORDER BY sum(events) DESC "
                                "OFFSET 10 LIMIT 1")
    lat, lon, town = _first(conn, "SELECT l.latitude, l.longitude, l.location FROM events e "
                                  "JOIN locations l ON l.id = e.location_id WHERE l.latitude IS NOT NULL "
                                  "AND e.id = (SELECT max(id) FROM events)")
    q = urllib.parse.quote
    box = f"{lon - 1:.2f},{lat - 1:.2f},{lon + 1:.2f},{lat + 1:.2f}"
    return [
        ("data: actor= busiest", f"/events?actor={q(busy)}&limit=100"),
        ("data: actor= rarest", f"/events?actor={q(rare)}&limit=100"),
        ("data: actor= busiest as actor2", f"/events?actor={q(busy)}&actor_role=actor2&limit=100"),
        ("data: actor= rarest as actor1", f"/events?actor={q(rare)}&actor_role=actor1&limit=100"),
        ("data: /actors/{busiest}/events", f"/actors/{busy_id}/events?limit=100"),
        ("data: /actors/{rarest}/events", f"/actors/{rare_id}/events?limit=100"),
        ("data: q= common word", "/events?q=convoy&limit=100"),
        ("data: q= town name", f"/events?q={q(town)}&limit=100"),
        ("data: q= rare actor name", f"/events?q={q(rare)}&limit=100"),
        ("data: q= two words", "/events?q=convoy%20market&limit=100"),
        ("data: actors search (typo)", f"/actors?q={q(busy.lower().replace('o', 'u', 1))}"),
        ("data: actors search (rare)", f"/actors?q={q(rare.lower()[:-2])}"),
        ("data: with_total largest country", f"/events?country={big_country}&with_total=true&limit=100"),
        ("data: with_total mid country", f"/events?country={mid_country}&with_total=true&limit=100"),
        ("data: bbox 2x2", f"/events?bbox={box}&limit=100"),
        ("data: bbox 2x2 one year", f"/events?bbox={box}&date_from=2022-01-01&date_to=2022-12-31&limit=100"),
        ("data: near 50 km", f"/events?near={lat:.2f},{lon:.2f}&radius_km=50&limit=100"),
        ("data: stats by country", "/stats?group_by=country"),
        ("data: stats by event_type", "/stats?group_by=event_type"),
        ("data: stats by sub_event_type", "/stats?group_by=sub_event_type"),
        ("data: stats by disorder_type", "/stats?group_by=disorder_type"),
        ("data: stats by admin1 top 20", "/stats?group_by=admin1&top=20"),
        ("data: stats by actor top 20", "/stats?group_by=actor&top=20"),
        ("data: stats month", "/stats?interval=month"),
        ("data: stats year x type", "/stats?group_by=event_type&interval=year"),
        ("data: stats month x type", "/stats?group_by=event_type&interval=month"),
        ("data: stats month x country top 10", "/stats?group_by=country&interval=month&top=10"),
        ("data: stats month, largest country", f"/stats?interval=month&country={big_country}"),
        ("data: stats actor top 20, country-year",
         f"/stats?group_by=actor&top=20&country={big_country}&date_from=2022-01-01&date_to=2022-12-31"),
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=100_000, help="events to generate when the table is empty")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--data-shapes", action="store_true",
                    help="also time shapes built from the data: busiest and rarest actor, largest country, ...")
    ap.add_argument("--only", help="time only the shapes whose name contains this text")
    args = ap.parse_args()
    url = os.environ["DATABASE_URL"]
    with psycopg.connect(url, autocommit=True) as conn:
        have = conn.execute("SELECT count(*) FROM events").fetchone()[0]
        if have == 0:
            started = time.perf_counter()
            for statement in filter(str.strip, FILL.split(";\n")):
                conn.execute(statement, {"n": args.events} if "%(n)s" in statement else None)
            print(f"generated {args.events} events in {time.perf_counter() - started:.1f}s")
        else:
            print(f"using the {have} events already there")
    app = create_app(Config.from_env(DATABASE_URL=url))
    client = app.test_client()
    page = client.get("/events?limit=100")
    for _ in range(49):
        nxt = page.json.get("next")
        if not nxt:
            break
        page = client.get(nxt.replace("http://localhost", ""))
    shapes = [(name, path or (page.json.get("next") or "/events").replace("http://localhost", ""))
              for name, path in SHAPES]
    if args.data_shapes:
        with psycopg.connect(url) as conn:
            shapes += data_shapes(conn)
    if args.only:
        shapes = [(name, path) for name, path in shapes if args.only in name]
    print(f"{'query shape':40} {'status':>6} {'median ms':>10} {'p99 ms':>8}")
    for name, path in shapes:
        times, status = [], None
        for _ in range(args.repeat + 1):
            started = time.perf_counter()
            resp = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
            status = resp.status_code
        times = times[1:]  # the first run warms caches
        times.sort()
        p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
        print(f"{name:40} {status:>6} {statistics.median(times):>10.1f} {p99:>8.1f}", flush=True)


if __name__ == "__main__":
    main()
