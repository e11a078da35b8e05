"""The /stats rollups (sql/008_stats_rollups.sql, service/stats/rollups.py): kept exact by every write path, and
answering exactly what the raw events answer.

(1) after random writes through the API, an article load and imports (bulk and not), each rollup equals a raw
    aggregation of the live events;
(2) /stats answers the same from the rollups as from the raw rows (queries.USE_ROLLUPS = False forces those);
(3) a query the rollups cannot answer reads the raw rows.
"""
from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from pathlib import Path

import psycopg
import pytest

from service.imports.acled import import_acled
from service.loader import load_paths
from service.stats import queries
from service.stats.rollups import (ACTORS_ROLLUP, ACTORS_YEARLY, EVENTS_MONTHLY, EVENTS_ROLLUP, EVENTS_YEARLY,
                                   TYPES_MONTHLY, choose_rollup)

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "fixtures" / "import" / "acled_sample.csv"
SEED = 20261207

PLACES = [("SYR", "Homs", "Homs"), ("SYR", "Idlib", "Idlib"), ("SYR", None, "Mayadin desert"),
          ("SDN", "Khartoum", "Khartoum"), ("SDN", "Khartoum", "Omdurman"), ("SDN", "North Darfur", "El Fasher"),
          ("LBN", "Beirut", "Beirut")]
ACTORS = [("Military Forces of Syria", 1), ("Islamic State (Syria)", 2), ("Rapid Support Forces", 2),
          ("Military Forces of Sudan", 1), ("Protesters (Lebanon)", 6), ("Civilians (Sudan)", 7)]
SUB_TYPES = ["Armed clash", "Air/drone strike", "Attack", "Peaceful protest", "Mob violence", "Arrests",
             "Shelling/artillery/missile attack"]

RAW_EVENTS = """
SELECT e.event_date, l.iso3, l.country, l.admin1, t.event_type, e.sub_event_type, t.disorder_type,
       count(*) AS events, sum(e.fatalities) AS fatalities
FROM events e JOIN locations l ON l.id = e.location_id JOIN event_types t ON t.sub_event_type = e.sub_event_type
WHERE e.deleted_at IS NULL GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4 NULLS FIRST, 6"""
ROLLUP_EVENTS = """
SELECT event_date, iso3, country, admin1, event_type, sub_event_type, disorder_type, events, fatalities
FROM stats_events_daily ORDER BY 1, 2, 3, 4 NULLS FIRST, 6"""
RAW_ACTORS = """
SELECT e.event_date, ea.actor_id, l.iso3, count(*) AS events, sum(e.fatalities) AS fatalities
FROM (SELECT DISTINCT event_id, actor_id FROM event_actors) ea JOIN events e ON e.id = ea.event_id
JOIN locations l ON l.id = e.location_id WHERE e.deleted_at IS NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"""
ROLLUP_ACTORS = "SELECT event_date, actor_id, iso3, events, fatalities FROM stats_actors_daily ORDER BY 1, 2, 3"


# the coarser rollups of sql/009: per month or year (the period's first day), without admin1; actors without iso3
RAW_EVENTS_COARSE = """
SELECT date_trunc(%(unit)s, e.event_date)::date AS event_date, l.iso3, l.country, t.event_type, e.sub_event_type,
       t.disorder_type, count(*) AS events, sum(e.fatalities) AS fatalities
FROM events e JOIN locations l ON l.id = e.location_id JOIN event_types t ON t.sub_event_type = e.sub_event_type
WHERE e.deleted_at IS NULL GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 5"""
ROLLUP_EVENTS_COARSE = """
SELECT event_date, iso3, country, event_type, sub_event_type, disorder_type, events, fatalities
FROM {} ORDER BY 1, 2, 3, 5"""
RAW_ACTORS_YEARLY = """
SELECT date_trunc('year', e.event_date)::date AS event_date, ea.actor_id, count(*) AS events,
       sum(e.fatalities) AS fatalities
FROM (SELECT DISTINCT event_id, actor_id FROM event_actors) ea JOIN events e ON e.id = ea.event_id
WHERE e.deleted_at IS NULL GROUP BY 1, 2 ORDER BY 1, 2"""
RAW_TYPES_MONTHLY = """
SELECT date_trunc('month', e.event_date)::date AS event_date, t.event_type, e.sub_event_type, t.disorder_type,
       count(*) AS events, sum(e.fatalities) AS fatalities
FROM events e JOIN event_types t ON t.sub_event_type = e.sub_event_type
WHERE e.deleted_at IS NULL GROUP BY 1, 2, 3, 4 ORDER BY 1, 3"""
ROLLUP_TYPES_MONTHLY = """
SELECT event_date, event_type, sub_event_type, disorder_type, events, fatalities FROM stats_types_monthly
ORDER BY 1, 3"""
ROLLUP_ACTORS_YEARLY = "SELECT event_date, actor_id, events, fatalities FROM stats_actors_yearly ORDER BY 1, 2"


def assert_rollups_exact(dbq) -> None:
    assert dbq(ROLLUP_EVENTS) == dbq(RAW_EVENTS)
    assert dbq(ROLLUP_ACTORS) == dbq(RAW_ACTORS)
    assert dbq(ROLLUP_EVENTS_COARSE.format("stats_events_monthly")) == dbq(RAW_EVENTS_COARSE, {"unit": "month"})
    assert dbq(ROLLUP_EVENTS_COARSE.format("stats_events_yearly")) == dbq(RAW_EVENTS_COARSE, {"unit": "year"})
    assert dbq(ROLLUP_ACTORS_YEARLY) == dbq(RAW_ACTORS_YEARLY)
    assert dbq(ROLLUP_TYPES_MONTHLY) == dbq(RAW_TYPES_MONTHLY)


def random_event(rng: random.Random) -> dict:
    iso3, admin1, location = rng.choice(PLACES)
    (a1, i1), (a2, i2) = rng.choice(ACTORS), rng.choice(ACTORS)
    body = {"event_date": (date(2023, 11, 1) + timedelta(days=rng.randrange(200))).isoformat(),
            "sub_event_type": rng.choice(SUB_TYPES), "iso3": iso3, "location": location,
            "actor1": a1, "inter1": i1, "fatalities": rng.choice([0, 0, 1, 2, 5, 13])}
    if admin1:
        body["admin1"] = admin1
    if rng.random() < 0.6:
        body.update(actor2=a2, inter2=i2)
    if rng.random() < 0.3:
        # an actor taking part twice counts once
        body["assoc_actor_1"] = rng.choice([a1, a2])
    return body


def random_change(rng: random.Random) -> dict:
    kind = rng.choice(["fatalities", "event_date", "sub_event_type", "location", "actor1"])
    if kind == "fatalities":
        return {"fatalities": rng.randrange(20)}
    if kind == "event_date":
        return {"event_date": (date(2023, 11, 1) + timedelta(days=rng.randrange(200))).isoformat()}
    if kind == "sub_event_type":
        return {"sub_event_type": rng.choice(SUB_TYPES)}
    if kind == "location":
        iso3, admin1, location = rng.choice(PLACES)
        return {"iso3": iso3, "admin1": admin1, "location": location}
    name, inter = rng.choice(ACTORS)
    return {"actor1": name, "inter1": inter}


def api_writes(client, rng: random.Random, n: int = 60) -> list[int]:
    ids = []
    for _ in range(n):
        resp = client.post("/events", json=random_event(rng))
        assert resp.status_code == 201, resp.get_json()
        ids.append(resp.get_json()["id"])
    for event_id in rng.sample(ids, n * 2 // 3):
        resp = client.patch(f"/events/{event_id}", json=random_change(rng))
        assert resp.status_code == 200, resp.get_json()
    for event_id in rng.sample(ids, n // 5):
        assert client.delete(f"/events/{event_id}").status_code == 204
    return ids


def acled_rows(rng: random.Random, n: int, offset: int = 0) -> list[dict]:
    """ACLED-layout rows made from the sample's first row, varied."""
    with SAMPLE.open(newline="") as fh:
        template = next(csv.DictReader(fh))
    places = [("Nigeria", "566", "Zamfara", "Kadauri"), ("Nigeria", "566", "Borno", "Maiduguri"),
              ("Sudan", "729", "Khartoum", "Omdurman"), ("Sudan", "729", "", "Wadi Halfa")]
    rows = []
    for i in range(n):
        country, iso, admin1, location = rng.choice(places)
        sub = rng.choice([("Battles", "Armed clash"), ("Riots", "Mob violence"),
                          ("Violence against civilians", "Attack")])
        rows.append({**template, "event_id_cnty": f"TST{offset + i:05d}",
                     "event_date": (date(2024, 1, 1) + timedelta(days=rng.randrange(90))).isoformat(),
                     "event_type": sub[0], "sub_event_type": sub[1], "country": country, "iso": iso,
                     "admin1": admin1, "admin2": "", "location": location,
                     "actor2": rng.choice(["Civilians (Nigeria)", "Rapid Support Forces", ""]),
                     "assoc_actor_1": rng.choice(["", "", "Farmers (Nigeria)"]),
                     "fatalities": str(rng.choice([0, 1, 3, 8]))})
    return rows


def write_csv(path: Path, rows: list[dict]) -> Path:
    with path.open("w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_every_write_path_keeps_the_rollups_exact(client, database_url, dbq, tmp_path):
    rng = random.Random(SEED)
    assert_rollups_exact(dbq)
    api_writes(client, rng)
    assert_rollups_exact(dbq)
    assert dbq("SELECT count(*) AS n FROM stats_events_daily")[0]["n"] > 0

    load_paths(database_url, [str(ROOT / "seeds")], progress=False)
    assert_rollups_exact(dbq)

    first = acled_rows(rng, 80)
    import_acled(database_url, write_csv(tmp_path / "first.csv", first), progress=False, bulk=True)
    assert_rollups_exact(dbq)

    # the same events changed (dates, types, places, actors, fatalities) and new ones, without bulk mode
    changed = acled_rows(rng, 100)
    import_acled(database_url, write_csv(tmp_path / "changed.csv", changed), progress=False, bulk=False)
    import_acled(database_url, SAMPLE, progress=False, bulk=False)
    assert_rollups_exact(dbq)
    assert dbq("SELECT count(*) AS n FROM events WHERE external_id LIKE 'TST%%'")[0]["n"] == 100


def test_hard_deletes_unlinking_and_truncate_keep_the_rollups_exact(client, database_url, dbq):
    rng = random.Random(SEED + 1)
    ids = api_writes(client, rng, n=30)
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute("DELETE FROM event_actors WHERE role = 'assoc_actor_1'")
        conn.execute("UPDATE event_actors SET role = 'assoc_actor_2' WHERE role = 'actor2'")
        assert_rollups_exact(dbq)
        conn.execute("DELETE FROM event_history WHERE event_id = ANY(%s)", (ids[:10],))
        conn.execute("DELETE FROM events WHERE id = ANY(%s)", (ids[:10],))
        assert_rollups_exact(dbq)
        conn.execute("UPDATE events SET deleted_at = now() WHERE id = ANY(%s)", (ids[10:15],))
        conn.execute("UPDATE events SET deleted_at = NULL, fatalities = fatalities + 1 WHERE id = ANY(%s)",
                     (ids[10:13],))
        assert_rollups_exact(dbq)
        conn.execute("TRUNCATE events CASCADE")
    assert dbq("SELECT count(*) AS n FROM stats_events_daily")[0]["n"] == 0
    assert dbq("SELECT count(*) AS n FROM stats_actors_daily")[0]["n"] == 0


STATS_QUERIES = [
    "",
    "group_by=country",
    "group_by=country&interval=month",
    "group_by=event_type,admin1&interval=week&date_from=2023-12-01&date_to=2024-02-15",
    "group_by=sub_event_type&top=3",
    "group_by=disorder_type&interval=year",
    "group_by=admin1&country=SYR&top=2",
    "group_by=admin1,country&top=4&interval=month",
    "interval=day&date_from=2024-01-01&date_to=2024-01-31",
    "interval=month&country=SDN,LBN",
    "group_by=event_type&event_type=Battles,Riots&interval=month",
    "group_by=country&disorder_type=Demonstrations",
    "group_by=sub_event_type&admin1=homs,KHARTOUM",
    "group_by=country,event_type&sub_event_type=Armed clash,Attack",
    "group_by=country&country=LBN&event_type=Riots&interval=month",
    "group_by=country&format=csv",
    "group_by=country&interval=day&date_from=1900-01-01&date_to=2024-12-31",  # too many rows: 400
    "group_by=actor",
    "group_by=actor&top=3",
    "group_by=actor&interval=month&country=SDN&date_from=2024-01-01&date_to=2024-12-31&top=2",
    # month- and year-aligned ranges: the monthly and yearly rollups (sql/009)
    "group_by=event_type&interval=month&date_from=2023-12-01&date_to=2024-03-31",
    "group_by=country,sub_event_type&date_from=2024-01-01&date_to=2024-12-31",
    "group_by=disorder_type&interval=year&country=SYR&date_from=2023-01-01",
    "interval=month&date_to=2024-02-29&event_type=Battles",
    "group_by=actor&date_from=2024-01-01&top=4",
    "group_by=actor&interval=year",
    "group_by=actor&interval=month",
]


def record_sources(monkeypatch) -> list:
    """The Source (queries.RAW or a rollup's) each /stats call reads, in order."""
    taken = []
    real_filters = queries._filters

    def recording(args, group_by, interval):
        f, source = real_filters(args, group_by, interval)
        taken.append(source)
        return f, source
    monkeypatch.setattr(queries, "_filters", recording)
    return taken


@pytest.fixture
def written(client):
    api_writes(client, random.Random(SEED + 2), n=80)


@pytest.mark.parametrize("query", STATS_QUERIES)
def test_the_rollups_answer_what_the_raw_rows_answer(client, written, monkeypatch, query):
    taken = record_sources(monkeypatch)
    from_rollup = client.get(f"/stats?{query}")
    monkeypatch.setattr(queries, "USE_ROLLUPS", False)
    from_raw = client.get(f"/stats?{query}")

    assert taken[0] is not queries.RAW and taken[1] is queries.RAW
    assert from_rollup.status_code == from_raw.status_code
    assert from_rollup.get_data() == from_raw.get_data()
    if from_raw.status_code == 200 and "format=csv" not in query:
        assert from_raw.get_json()["items"]


@pytest.mark.parametrize("args, group_by, expected", [
    ({}, [], TYPES_MONTHLY),
    ({}, ["country"], EVENTS_YEARLY),
    ({"country": ["SYR"], "date_from": date(2024, 1, 1), "review_threshold": 0.5}, ["country"], EVENTS_YEARLY),
    ({"country": ["SYR"], "date_from": date(2024, 3, 1), "date_to": date(2024, 4, 30)}, ["country"], EVENTS_MONTHLY),
    ({"country": ["SYR"], "date_from": date(2024, 3, 2)}, ["country"], EVENTS_ROLLUP),
    ({"date_to": date(2024, 2, 28)}, ["event_type"], EVENTS_ROLLUP),
    ({"date_to": date(2024, 2, 29)}, ["event_type"], TYPES_MONTHLY),
    ({"date_to": date(2024, 2, 29)}, ["country"], EVENTS_MONTHLY),
    ({"date_to": date(2023, 12, 31), "sort": "-fatalities"}, ["country"], EVENTS_YEARLY),
    ({"admin1": ["Homs"], "event_type": ["Battles"], "disorder_type": []}, ["admin1", "sub_event_type"],
     EVENTS_ROLLUP),
    ({"country": ["SDN"], "date_to": date(2024, 1, 1)}, ["actor"], ACTORS_ROLLUP),
    ({"date_from": date(2024, 1, 1)}, ["actor"], ACTORS_YEARLY),
    ({"date_from": date(2024, 2, 1)}, ["actor"], ACTORS_ROLLUP),
    ({"event_type": ["Battles"]}, ["actor"], None),
    ({"q": "airstrike"}, ["country"], None),
    ({"bbox": (35.0, 32.0, 36.5, 34.7)}, [], None),
    ({"fatalities_min": 0}, ["event_type"], None),
    ({"fatalities_max": 10}, [], None),
    ({"location": ["Homs"]}, ["country"], None),
    ({"near": (32.4, 35.3), "radius_km": 5.0}, [], None),
    ({"actor": ["Rapid Support Forces"]}, ["country"], None),
    ({"inter": [1]}, [], None),
    ({"review": "pending", "review_threshold": 0.5}, [], None),
    ({"article_id": [1]}, [], None),
    ({"updated_since": "2024-01-01T00:00:00Z"}, [], None),
    ({}, ["inter"], None),
    ({}, ["actor", "country"], None),
])
def test_which_path_a_query_takes(args, group_by, expected):
    assert choose_rollup(args, group_by) is expected


@pytest.mark.parametrize("interval, expected", [(None, EVENTS_YEARLY), ("year", EVENTS_YEARLY),
                                                ("month", EVENTS_MONTHLY), ("week", EVENTS_ROLLUP),
                                                ("day", EVENTS_ROLLUP)])
def test_the_coarsest_rollup_that_holds_the_interval_answers(interval, expected):
    assert choose_rollup({"country": ["SYR"]}, ["event_type"], interval) is expected


@pytest.mark.parametrize("query", ["q=airstrike&group_by=country", "bbox=35,32,37,35", "fatalities_min=1",
                                   "group_by=inter", "group_by=actor&event_type=Battles"])
def test_queries_the_rollups_cannot_answer_read_the_raw_rows(client, written, monkeypatch, query):
    taken = record_sources(monkeypatch)
    assert client.get(f"/stats?{query}").status_code == 200
    assert taken == [queries.RAW]
