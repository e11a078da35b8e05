"""The stored columns and read paths of sql/009_fast_paths.sql, checked against plain recomputations.

(1) after random writes through the API (creates, patches, replaces, deletes, actor renames) and an article load,
    every event's search_tsv equals its document recomputed from scratch, and every link's event_date is its
    event's date;
(2) actor= (by name or id, any role or some) pages through the same events, in the same order, as a plain query
    over the links, both sort directions, a page at a time;
(3) q finds the events whose notes, place or actor names match, and still those whose evidence matches;
(4) with_total, /actors' event counts and first/last dates equal what the raw rows give.
"""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from service.loader import load_paths

from .test_stats_rollups import ACTORS, api_writes, random_event

ROOT = Path(__file__).resolve().parent.parent
SEED = 20261208

# the document, built here from the tables without the migration's function
FRESH_DOCUMENTS = """
SELECT e.id, e.search_tsv AS stored,
       to_tsvector('english', coalesce(e.notes, '')) || to_tsvector('english', l.location)
       || to_tsvector('english', coalesce((SELECT string_agg(a.name, ' ' ORDER BY ea.role, a.name)
                                           FROM event_actors ea JOIN actors a ON a.id = ea.actor_id
                                           WHERE ea.event_id = e.id), '')) AS fresh
FROM events e JOIN locations l ON l.id = e.location_id
WHERE e.deleted_at IS NULL ORDER BY e.id"""
STALE_LINK_DATES = """
SELECT ea.event_id, ea.role, ea.actor_id FROM event_actors ea JOIN events e ON e.id = ea.event_id
WHERE ea.event_date IS DISTINCT FROM e.event_date"""
# what actor= means: live events with the actor in one of the roles, by date then id
ACTOR_EVENTS = """
SELECT DISTINCT e.id, e.event_date FROM events e JOIN event_actors ea ON ea.event_id = e.id
WHERE e.deleted_at IS NULL AND ea.actor_id = ANY(%(ids)s) AND ea.role = ANY(%(roles)s)
ORDER BY e.event_date {dir}, e.id {dir}"""
ROLES = ["actor1", "actor2", "assoc_actor_1", "assoc_actor_2"]


def assert_stored_columns_fresh(dbq) -> None:
    rows = dbq(FRESH_DOCUMENTS)
    assert rows
    assert [r["id"] for r in rows if r["stored"] != r["fresh"]] == []
    assert dbq(STALE_LINK_DATES) == []


def more_writes(client, rng: random.Random, ids: list[int]) -> None:
    """PUTs, intra-group events (one actor in two roles) and a rename of an actor in use."""
    live = [i for i in ids if client.get(f"/events/{i}").status_code == 200]
    for event_id in rng.sample(live, 5):
        body = random_event(rng)
        body["notes"] = rng.choice(["convoy ambushed near the bridge", "market shelled", None])
        resp = client.put(f"/events/{event_id}", json=body)
        assert resp.status_code == 200, resp.get_json()
    name, inter = ACTORS[0]
    resp = client.post("/events", json={**random_event(rng), "actor1": name, "inter1": inter, "actor2": name,
                                        "inter2": inter, "assoc_actor_1": name})
    assert resp.status_code == 201, resp.get_json()
    actor = client.get("/actors?q=" + ACTORS[1][0]).get_json()["items"][0]
    resp = client.patch(f"/actors/{actor['id']}", json={"name": "Islamic State Renamed"})
    assert resp.status_code == 200, resp.get_json()


@pytest.fixture
def written(client):
    rng = random.Random(SEED)
    ids = api_writes(client, rng, n=60)
    more_writes(client, rng, ids)
    return ids


def test_every_write_keeps_the_stored_columns_fresh(client, written, database_url, dbq):
    assert_stored_columns_fresh(dbq)
    load_paths(database_url, [str(ROOT / "seeds")], progress=False)
    assert_stored_columns_fresh(dbq)
    renamed = dbq("SELECT count(*) AS n FROM events WHERE search_tsv @@ to_tsquery('english', 'renamed')")
    assert renamed[0]["n"] > 0


def walk(client, query: str) -> list[int]:
    ids, url = [], f"/events?{query}&limit=3"
    while url:
        resp = client.get(url.replace("http://localhost", ""))
        assert resp.status_code == 200, resp.get_json()
        ids += [item["id"] for item in resp.get_json()["items"]]
        url = resp.get_json()["next"]
    return ids


@pytest.mark.parametrize("sort", ["-event_date", "event_date", "-fatalities"])
@pytest.mark.parametrize("roles", [[], ["actor1"], ["actor2", "assoc_actor_1"], ["assoc_actor_2"]])
def test_actor_pages_hold_the_actors_events_in_order(client, written, dbq, sort, roles):
    actors = dbq("SELECT a.id, a.name FROM actors a ORDER BY a.id")
    busy = dbq("SELECT actor_id FROM event_actors GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")[0]["actor_id"]
    rare = dbq("SELECT actor_id FROM event_actors GROUP BY 1 ORDER BY count(*), 1 LIMIT 1")[0]["actor_id"]
    names = {a["id"]: a["name"] for a in actors}
    role_arg = f"&actor_role={','.join(roles)}" if roles else ""
    for ids, actor_arg in [([busy], names[busy]), ([rare], str(rare)), ([busy, rare], f"{busy},{names[rare]}")]:
        expected = dbq(ACTOR_EVENTS.format(dir="DESC" if sort.startswith("-") else "ASC"),
                       {"ids": ids, "roles": roles or ROLES})
        got = walk(client, f"actor={actor_arg}&sort={sort}{role_arg}")
        if sort.endswith("event_date"):
            assert got == [r["id"] for r in expected]
        else:
            assert sorted(got) == sorted(r["id"] for r in expected)
    resp = client.get(f"/actors/{busy}/events?limit=500{role_arg}")
    assert {i["id"] for i in resp.get_json()["items"]} == {
        r["id"] for r in dbq(ACTOR_EVENTS.format(dir="DESC"), {"ids": [busy], "roles": roles or ROLES})}


def test_an_unknown_actor_name_matches_nothing(client, written):
    resp = client.get("/events?actor=Nobody%20At%20All")
    assert resp.status_code == 200 and resp.get_json()["items"] == []


def test_q_searches_notes_places_actor_names_and_evidence(client, dbq):
    body = {**random_event(random.Random(1)), "location": "Zorgtown", "notes": "a convoy was ambushed",
            "actor1": "Quixotic Brigade", "inter1": 3, "iso3": "SYR"}
    body.pop("admin1", None)
    event_id = client.post("/events", json=body).get_json()["id"]
    for q in ["zorgtown", "quixotic", "ambush", "convoy ambushed", "quixotic zorgtown"]:
        assert [i["id"] for i in client.get(f"/events?q={q}").get_json()["items"]] == [event_id], q
    article = dbq("INSERT INTO articles (source_key, title, body, published, content_hash) VALUES "
                  "('k', 't', 'b', '2024-01-01', repeat('a', 64)) RETURNING id")[0]["id"]
    dbq("INSERT INTO event_sources (event_id, article_id, evidence) VALUES (%s, %s, 'Helicopters circled') "
        "RETURNING id", (event_id, article))
    assert [i["id"] for i in client.get("/events?q=helicopters").get_json()["items"]] == [event_id]
    client.patch(f"/events/{event_id}", json={"actor1": "Sober Brigade", "inter1": 3})
    assert client.get("/events?q=quixotic").get_json()["items"] == []


@pytest.mark.parametrize("query", ["", "country=SYR", "country=SDN,LBN&event_type=Battles",
                                   "date_from=2024-01-01&date_to=2024-03-31", "date_from=2023-12-15",
                                   "admin1=Homs", "sub_event_type=Attack&date_to=2024-02-29"])
def test_with_total_from_the_rollups_is_the_count(client, written, query):
    total = client.get(f"/events?{query}&with_total=true&limit=1").get_json()["total"]
    assert total == len(walk(client, query))


def test_actor_counts_and_dates_are_the_raw_ones(client, written, dbq):
    raw = {r["id"]: r for r in dbq("""
        SELECT ea.actor_id AS id, count(DISTINCT e.id) AS events, min(e.event_date) AS first,
               max(e.event_date) AS last
        FROM event_actors ea JOIN events e ON e.id = ea.event_id AND e.deleted_at IS NULL GROUP BY 1""")}
    items = client.get("/actors?limit=100").get_json()["items"]
    assert items
    for item in items:
        want = raw.get(item["id"], {"events": 0, "first": None, "last": None})
        got = (item["event_count"], item["first_event_date"], item["last_event_date"])
        assert got == (want["events"], want["first"] and want["first"].isoformat(),
                       want["last"] and want["last"].isoformat())
        one = client.get(f"/actors/{item['id']}").get_json()
        assert (one["event_count"], one["first_event_date"], one["last_event_date"]) == got
    by_count = [i["event_count"] for i in client.get("/actors?sort=events&limit=100").get_json()["items"]]
    assert by_count == sorted(by_count)
