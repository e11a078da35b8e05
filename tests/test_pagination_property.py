"""Walking any filtered, sorted result with cursors returns exactly the rows of the unpaged query, in order, with no
duplicates and no gaps — also while rows are inserted between pages: rows inserted behind the cursor never
appear, rows inserted ahead of it do (keyset pagination has no offsets to shift).

Hypothesis draws the rows (with many ties on every sort key, and some tombstones), the filters, the sort, the page
size and the insertions; a plain-Python oracle says what the walk must return. One database serves every example
of a test function, emptied at the start of each example.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from urllib.parse import urlencode

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

DAYS = [date(2024, 1, 1) + timedelta(days=i) for i in range(4)]
STAMPS = [datetime(2024, 6, 1, tzinfo=timezone.utc) + timedelta(minutes=i) for i in range(4)]
COUNTRIES = ("SYR", "LBN")
TYPES = {"Battles": "Armed clash", "Riots": "Mob violence"}
SORTS = ("event_date", "-event_date", "fatalities", "-fatalities", "updated_at", "-updated_at")

rows_ = st.fixed_dictionaries({
    "event_date": st.sampled_from(DAYS), "fatalities": st.integers(0, 3), "country": st.sampled_from(COUNTRIES),
    "event_type": st.sampled_from(sorted(TYPES)), "updated_at": st.sampled_from(STAMPS),
    "deleted": st.booleans(),
})
filters_ = st.fixed_dictionaries({}, optional={
    "country": st.sampled_from(COUNTRIES), "fatalities_min": st.integers(0, 3), "date_from": st.sampled_from(DAYS),
    "date_to": st.sampled_from(DAYS), "event_type": st.sampled_from(sorted(TYPES)),
    "updated_since": st.sampled_from(STAMPS),
}).filter(lambda f: f.get("date_from", DAYS[0]) <= f.get("date_to", DAYS[-1]))

PROPERTY_SETTINGS = settings(max_examples=25, deadline=None,
                             suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def conn(database_url):
    with psycopg.connect(database_url, autocommit=True) as connection:
        yield connection


def reset(conn) -> dict[str, int]:
    """No events; one place per country: country -> location id."""
    conn.execute("TRUNCATE events CASCADE")
    places = {}
    for iso3, name in (("SYR", "Syria"), ("LBN", "Lebanon")):
        conn.execute("INSERT INTO locations (iso3, country, location) VALUES (%s, %s, 'Somewhere') "
                     "ON CONFLICT DO NOTHING", (iso3, name))
        places[iso3] = conn.execute("SELECT id FROM locations WHERE iso3 = %s", (iso3,)).fetchone()[0]
    return places


def insert(conn, places: dict[str, int], row: dict) -> dict:
    row = {**row, "id": conn.execute(
        "INSERT INTO events (event_date, event_type, sub_event_type, location_id, fatalities, updated_at, deleted_at) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s) RETURNING id",
        (row["event_date"], row["event_type"], TYPES[row["event_type"]], places[row["country"]], row["fatalities"],
         row["updated_at"], row["updated_at"] if row["deleted"] else None)).fetchone()[0]}
    return row


def matches(row: dict, query: dict) -> bool:
    """The oracle: which rows GET /events returns (tombstones only with updated_since)."""
    return ((not row["deleted"] or "updated_since" in query)
            and row["country"] == query.get("country", row["country"])
            and row["event_type"] == query.get("event_type", row["event_type"])
            and row["fatalities"] >= query.get("fatalities_min", 0)
            and query.get("date_from", DAYS[0]) <= row["event_date"] <= query.get("date_to", DAYS[-1])
            and row["updated_at"] >= query.get("updated_since", STAMPS[0]))


def sort_key(sort: str):
    column = sort.lstrip("-")
    return lambda row: (row[column], row["id"])


def expected_order(rows: list[dict], query: dict, sort: str) -> list[int]:
    return [r["id"] for r in sorted((r for r in rows if matches(r, query)), key=sort_key(sort),
                                    reverse=sort.startswith("-"))]


def url(query: dict, **more) -> str:
    params = {k: v.isoformat() if isinstance(v, (date, datetime)) else v for k, v in query.items()}
    return "/events?" + urlencode({**params, **more})


def walk(client, first_url: str, between_pages=lambda items: None) -> list[int]:
    seen, next_url = [], first_url
    while next_url:
        assert len(seen) <= 100, "the walk does not end: a cursor repeats rows"
        resp = client.get(next_url)
        assert resp.status_code == 200, resp.get_json()
        body = resp.get_json()
        seen += [item["id"] for item in body["items"]]
        next_url = body["next"]
        if next_url:
            assert body["items"], "a page with a next link is never empty"
            between_pages(body["items"])
    return seen


@PROPERTY_SETTINGS
@given(rows=st.lists(rows_, max_size=25), query=filters_, sort=st.sampled_from(SORTS), limit=st.integers(1, 6))
def test_walking_pages_returns_the_unpaged_result(client, conn, rows, query, sort, limit):
    places = reset(conn)
    rows = [insert(conn, places, row) for row in rows]
    expected = expected_order(rows, query, sort)

    unpaged = client.get(url(query, sort=sort, limit=5000)).get_json()
    assert [item["id"] for item in unpaged["items"]] == expected
    assert unpaged["next"] is None

    assert walk(client, url(query, sort=sort, limit=limit)) == expected
    assert client.get(url(query, with_total="true")).get_json()["total"] == len(expected)


@PROPERTY_SETTINGS
@given(rows=st.lists(rows_, max_size=20), query=filters_, sort=st.sampled_from(SORTS), limit=st.integers(1, 5),
       insertions=st.lists(st.lists(rows_, max_size=3), max_size=8))
def test_rows_inserted_between_pages_appear_only_ahead_of_the_cursor(client, conn, rows, query, sort, limit,
                                                                     insertions):
    places = reset(conn)
    rows = [insert(conn, places, row) for row in rows]
    by_id = {row["id"]: row for row in rows}
    key, descending = sort_key(sort), sort.startswith("-")
    pending = list(insertions)

    def insert_some(items: list[dict]) -> None:
        if not pending:
            return
        last = key(by_id[items[-1]["id"]])
        for row in pending.pop(0):
            row = insert(conn, places, row)
            by_id[row["id"]] = row
            row["ahead"] = key(row) < last if descending else key(row) > last

    seen = walk(client, url(query, sort=sort, limit=limit), insert_some)

    expected = expected_order([r for r in by_id.values() if r.get("ahead", True)], query, sort)
    assert seen == expected
    assert len(seen) == len(set(seen))
