"""CSV exports written by PostgreSQL (COPY, service/events/exports.py) give the bytes the row-by-row Python
writer (formats.csv_chunks over the streamed records) gives, on awkward values: quotes, commas, line breaks,
NULLs, empty strings, unicode, whole and tiny floats, evidence from several outlets, imported ids and sources."""
from __future__ import annotations

import hashlib

import pytest

from service.events.formats import csv_chunks
from service.events.listing import export_query, stream_events
from service.events.schemas import ListArgsSchema

AWKWARD = [
    'plain', 'a "quoted" word', 'comma, inside', 'line\nbreak', 'crlf\r\nbreak', 'lone\rcarriage', '',
    'ünïcödé — ሰላም 日本語 🙂', ' leading and trailing ', '"', ',', 'back\\slash', 'semi; colon', "tab\tin",
]
COORDINATES = [(36.0, -0.0), (1e-05, 0.1 + 0.2), (-89.99999999999999, 179.99999999999997), (None, None),
               (12.33, 6.4), (0.0001, -1.5e-07)]


@pytest.fixture
def awkward(dbq):
    """Events whose every text cell is awkward somewhere, some with evidence (outlets repeated, empty, NULL)."""
    actors = [dbq("INSERT INTO actors (name, inter) VALUES (%s, %s) RETURNING id", (name, 1 + k % 8))[0]["id"]
              for k, name in enumerate(["Actor " + a.strip() if a.strip() else "Actor empty" for a in AWKWARD])]
    events = []
    for k, text in enumerate(AWKWARD * 2):
        lat, lon = COORDINATES[k % len(COORDINATES)]
        place = dbq("INSERT INTO locations (iso3, country, admin1, admin2, location, latitude, longitude) VALUES "
                    "(%s, %s, %s, %s, %s, %s, %s) RETURNING id",
                    (("SYR", "XKX", "CIV")[k % 3], ("Syria", "Kosovo", "Côte d'Ivoire")[k % 3],
                     text or None if k % 2 else text, None if k % 3 else text, f"Place {k} {text}", lat, lon))[0]["id"]
        event = dbq("INSERT INTO events (event_date, time_precision, event_type, sub_event_type, location_id, "
                    "fatalities, civilian_targeting, notes, external_id, source_text, updated_at) VALUES "
                    "(%s, 1 + %s %% 3, 'Battles', 'Armed clash', %s, %s, %s, %s, %s, %s, "
                    "timestamptz '2024-05-06 10:00:00.999999+00' + %s * interval '1 hour') RETURNING id",
                    (f"20{10 + k % 15}-0{1 + k % 9}-1{k % 10}", k, place, k * 7 % 5, k % 2 == 0,
                     None if k % 5 == 4 else text, f"X{k}" if k % 4 == 0 else None,
                     text if k % 3 == 0 else None, k))[0]["id"]
        events.append(event)
        roles = [("actor1", actors[k % len(actors)])] + ([("actor2", actors[(k + 3) % len(actors)])] if k % 2 else [])
        roles += [("assoc_actor_1", actors[(k + j) % len(actors)]) for j in (5, 6)] if k % 3 == 1 else []
        for role, actor in roles:
            dbq("INSERT INTO event_actors (event_id, actor_id, role) VALUES (%s, %s, %s) RETURNING event_id",
                (event, actor, role))
    for j, outlet in enumerate(["Wire, \"One\"", None, "", "Wire, \"One\"", "Radio ☀", "Radio ☀"]):
        article = dbq("INSERT INTO articles (source_key, title, body, outlet, published, content_hash) "
                      "VALUES (%s, 'T', 'body', %s, %s, %s) RETURNING id",
                      (f"k{j}", outlet, f"2024-03-0{1 + j}", hashlib.sha256(str(j).encode()).hexdigest()))[0]["id"]
        for event in events[j % 3::3]:
            dbq("INSERT INTO event_sources (event_id, article_id, evidence, start_offset) VALUES (%s, %s, 'e', %s) "
                "RETURNING id", (event, article, j))
    # rows written here, not by the service: their search documents as every write path keeps them (sql/009)
    dbq("SELECT refresh_event_search(%s::bigint[]) AS refreshed", (events,))
    return events


def _python_csv(app, query: str) -> bytes:
    """The export as the row-by-row writer writes it."""
    args = ListArgsSchema().load(dict(arg.split("=") for arg in query.split("&") if arg))
    args["review_threshold"] = 0.8
    query, params = export_query(args, None)
    with app.extensions["db"].session() as s:
        return "".join(csv_chunks(stream_events(s, query, params))).encode()


@pytest.mark.parametrize("query", ["", "&sort=fatalities", "&sort=-event_date", "&country=SYR", "&q=quoted"])
def test_the_servers_csv_is_the_python_writers_csv(app, client, awkward, query):
    resp = client.get(f"/events?format=csv{query}")
    served = resp.get_data()

    assert served == _python_csv(app, query)
    assert served.count(b"\r\n") >= 3 and b'""quoted""' in served
