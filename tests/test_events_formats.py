"""GET /events as CSV (ACLED's columns) and GeoJSON: by `format` or Accept, streamed when unbounded."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import tracemalloc

import pytest

from service.events.formats import CSV_COLUMNS

# ACLED's export header, in its order
ACLED_HEADER = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]

SUDAN = {"event_date": "2024-03-15", "sub_event_type": "Attack", "iso3": "SDN", "admin1": "Khartoum",
         "admin2": "Um Durman", "location": "Omdurman", "latitude": 15.64, "longitude": 32.48,
         "actor1": "Rapid Support Forces", "inter1": 2,
         "assoc_actor_1": "Arab Ethnic Militia (Sudan); Allied Militia (Sudan)",
         "actor2": "Civilians (Sudan)", "inter2": 7, "civilian_targeting": True, "fatalities": 20,
         "notes": 'RSF fighters attacked villagers, "twenty" were killed.'}
SYRIA = {"event_date": "2024-01-10", "time_precision": 2, "sub_event_type": "Armed clash", "iso3": "SYR",
         "admin1": "Deir ez-Zor", "location": "Mayadin desert", "geo_precision": 3,
         "actor1": "Islamic State (Syria)", "inter1": 2, "fatalities": 3}


@pytest.fixture
def two(client, dbq):
    """A Sudan event with coordinates and evidence from two outlets, a Syria one without coordinates."""
    for name, inter in (("Allied Militia (Sudan)", 3), ("Arab Ethnic Militia (Sudan)", 4)):
        client.post("/actors", json={"name": name, "inter": inter})  # associated actors must be known first
    sudan = client.post("/events", json=SUDAN).get_json()
    syria = client.post("/events", json=SYRIA).get_json()
    for key, outlet in (("a1", "Sudan Tribune"), ("a2", "Radio Dabanga"), ("a3", "Sudan Tribune")):
        article = dbq("INSERT INTO articles (source_key, title, body, outlet, published, content_hash) "
                      "VALUES (%s, %s, 'body', %s, %s, %s) RETURNING id",
                      (key, f"Report {key}", outlet, f"2024-03-1{key[1]}", hashlib.sha256(key.encode()).hexdigest()))
        dbq("INSERT INTO event_sources (event_id, article_id, evidence, start_offset, end_offset, confidence) "
            "VALUES (%s, %s, 'RSF attacked the village.', 0, 25, 0.5) RETURNING id", (sudan["id"], article[0]["id"]))
    return sudan["id"], syria["id"]


def read_csv(resp) -> list[dict]:
    rows = list(csv.reader(io.StringIO(resp.get_data(as_text=True))))
    assert rows[0] == ACLED_HEADER
    return [dict(zip(rows[0], row)) for row in rows[1:]]


def test_csv_header_is_acleds_export_header():
    assert list(CSV_COLUMNS) == ACLED_HEADER


def test_csv_rows_carry_acled_values(client, two, dbq):
    sudan_id, syria_id = two
    stamps = {r["id"]: r["ts"] for r in dbq(
        "SELECT id, floor(extract(epoch FROM updated_at))::bigint AS ts FROM events")}

    resp = client.get("/events?format=csv")

    assert resp.status_code == 200
    assert resp.content_type == "text/csv; charset=utf-8"
    assert resp.headers["Content-Disposition"] == 'attachment; filename="events.csv"'
    sudan, syria = read_csv(resp)  # newest first, as the JSON list
    assert sudan == {
        "event_id_cnty": f"SDN{sudan_id}", "event_date": "2024-03-15", "year": "2024", "time_precision": "1",
        "disorder_type": "Political violence", "event_type": "Violence against civilians",
        "sub_event_type": "Attack", "actor1": "Rapid Support Forces",
        "assoc_actor_1": "Allied Militia (Sudan); Arab Ethnic Militia (Sudan)", "inter1": "2",
        "actor2": "Civilians (Sudan)", "assoc_actor_2": "", "inter2": "7", "interaction": "27",
        "civilian_targeting": "Civilian targeting", "iso": "729", "region": "", "country": "Sudan",
        "admin1": "Khartoum", "admin2": "Um Durman", "admin3": "", "location": "Omdurman", "latitude": "15.64",
        "longitude": "32.48", "geo_precision": "1", "source": "Sudan Tribune; Radio Dabanga", "source_scale": "",
        "notes": 'RSF fighters attacked villagers, "twenty" were killed.', "fatalities": "20", "tags": "",
        "timestamp": str(stamps[sudan_id]),
    }
    assert syria["event_id_cnty"] == f"SYR{syria_id}"
    assert (syria["time_precision"], syria["iso"], syria["latitude"], syria["longitude"], syria["geo_precision"],
            syria["actor2"], syria["interaction"], syria["civilian_targeting"], syria["source"], syria["notes"]) == (
        "2", "760", "", "", "3", "", "20", "", "", "")


def test_csv_follows_filters_and_sort(client, two):
    assert [r["country"] for r in read_csv(client.get("/events?format=csv&sort=event_date"))] == ["Syria", "Sudan"]
    assert [r["country"] for r in read_csv(client.get("/events?format=csv&country=SYR"))] == ["Syria"]
    assert read_csv(client.get("/events?format=csv&q=zebra")) == []


def test_geojson_is_a_feature_collection_of_the_records(client, two):
    sudan_id, syria_id = two
    listed = {item["id"]: item for item in client.get("/events").get_json()["items"]}

    resp = client.get("/events?format=geojson")

    assert resp.status_code == 200
    assert resp.content_type == "application/geo+json"
    body = resp.get_json(force=True)
    assert body["type"] == "FeatureCollection"
    sudan, syria = body["features"]
    assert sudan == {"type": "Feature", "id": sudan_id,
                     "geometry": {"type": "Point", "coordinates": [32.48, 15.64]},
                     "properties": listed[sudan_id]}
    assert [s["outlet"] for s in sudan["properties"]["sources"]] == ["Sudan Tribune", "Radio Dabanga", "Sudan Tribune"]
    assert syria == {"type": "Feature", "id": syria_id, "geometry": None, "properties": listed[syria_id]}


def test_geojson_of_nothing_is_an_empty_collection(client):
    body = json.loads(client.get("/events?format=geojson").get_data(as_text=True))
    assert body == {"type": "FeatureCollection", "features": []}


@pytest.mark.parametrize("accept, content_type", [
    ("text/csv", "text/csv; charset=utf-8"),
    ("application/geo+json", "application/geo+json"),
    ("application/json", "application/json"),
    ("*/*", "application/json"),
    ("text/html,application/xhtml+xml,*/*;q=0.8", "application/json"),
    ("text/csv;q=0.5, application/geo+json", "application/geo+json"),
])
def test_accept_chooses_the_format(client, two, accept, content_type):
    resp = client.get("/events", headers={"Accept": accept})

    assert resp.status_code == 200
    assert resp.content_type == content_type
    assert resp.headers["Vary"] == "Accept"


def test_format_parameter_wins_over_accept(client, two):
    resp = client.get("/events?format=csv", headers={"Accept": "application/geo+json"})
    assert resp.content_type == "text/csv; charset=utf-8"
    resp = client.get("/events?format=json", headers={"Accept": "text/csv"})
    assert resp.content_type == "application/json"


def test_unacceptable_accept_is_406_problem(client):
    resp = client.get("/events", headers={"Accept": "application/xml"})

    assert resp.status_code == 406
    assert resp.content_type == "application/problem+json"


def bulk_events(dbq, n: int, place: str = "Bulk") -> None:
    """n events at a new place, straight into the tables: quicker than n POSTs."""
    [place] = dbq("INSERT INTO locations (iso3, country, admin1, location, latitude, longitude) "
                  "VALUES ('SYR', 'Syria', 'Homs', %s, 34.7, 36.7) RETURNING id", (place,))
    dbq("INSERT INTO events (event_date, event_type, sub_event_type, location_id, fatalities, notes) "
        "SELECT date '2024-01-01' + (i %% 300), 'Battles', 'Armed clash', %s, i %% 7, 'bulk event ' || i "
        "FROM generate_series(1, %s) i RETURNING id", (place["id"], n))


def test_exports_without_limit_return_every_event(client, dbq):
    bulk_events(dbq, 130)  # more than the default page of 100

    assert len(client.get("/events").get_json()["items"]) == 100
    assert len(read_csv(client.get("/events?format=csv"))) == 130
    assert len(read_csv(client.get("/events?format=csv&limit=all"))) == 130
    assert len(client.get("/events?format=geojson&limit=all").get_json(force=True)["features"]) == 130
    assert len(read_csv(client.get("/events?format=csv&fatalities_min=6"))) == 18  # i % 7 == 6, i in 1..130


def test_export_with_total_says_how_many(client, dbq):
    bulk_events(dbq, 12)

    resp = client.get("/events?format=csv&with_total=true&fatalities_max=2")  # i % 7 in (0, 1, 2), i in 1..12

    assert resp.headers["X-Total-Count"] == "5" and len(read_csv(resp)) == 5
    assert client.get("/events?format=geojson&with_total=true").get_json(force=True)["total"] == 12


def test_limit_all_is_for_exports_only(client):
    resp = client.get("/events?limit=all")
    assert resp.status_code == 400
    assert "limit" in resp.get_json()["errors"]


def test_export_with_a_limit_is_a_page_with_a_link_to_the_next(client, dbq):
    bulk_events(dbq, 5)

    first = client.get("/events?format=csv&limit=3&sort=event_date")
    assert first.status_code == 200
    next_url = first.headers["Link"].split(">")[0].lstrip("<")
    second = client.get(next_url)

    rows = read_csv(first) + read_csv(second)
    assert [r["event_date"] for r in rows] == sorted(r["event_date"] for r in rows)
    assert len({r["event_id_cnty"] for r in rows}) == 5 and "Link" not in second.headers

    page = client.get("/events?format=geojson&limit=2").get_json(force=True)
    assert len(page["features"]) == 2 and page["next"] is not None


def test_exports_stream_in_chunks(client, dbq):
    bulk_events(dbq, 1200)

    resp = client.get("/events?format=csv", buffered=False)

    chunks = list(resp.response)
    assert len(chunks) >= 3  # 500 rows a chunk
    assert sum(chunk.count(b"\n") for chunk in chunks) == 1201
    resp.close()


def export_peak_memory(client) -> tuple[int, int]:
    """(bytes of CSV, peak bytes of Python memory allocated while reading them)."""
    resp = client.get("/events?format=csv", buffered=False)
    size = 0
    tracemalloc.start()
    try:
        for chunk in resp.response:
            size += len(chunk)
        return size, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        resp.close()


def test_export_memory_stays_flat(client, dbq):
    """Three times the rows, the same peak: the export holds a fetch or two of rows (2000 each), not the result."""
    bulk_events(dbq, 8_000)
    small_size, small_peak = export_peak_memory(client)
    bulk_events(dbq, 16_000, place="Bulk 2")
    large_size, large_peak = export_peak_memory(client)

    assert large_size > 2.9 * small_size
    assert large_peak < 1.2 * small_peak, (small_peak, large_peak)


def test_exports_leave_out_tombstones(client, dbq):
    bulk_events(dbq, 3)
    gone = client.get("/events?limit=1").get_json()["items"][0]["id"]
    assert client.delete(f"/events/{gone}").status_code == 204

    rows = read_csv(client.get("/events?format=csv&updated_since=2000-01-01T00:00:00Z"))
    assert len(rows) == 2 and f"SYR{gone}" not in {r["event_id_cnty"] for r in rows}
    features = client.get("/events?format=geojson&updated_since=2000-01-01T00:00:00Z").get_json(force=True)
    assert gone not in {f["id"] for f in features["features"]}


def test_a_streamed_export_checks_its_cursor_before_the_body_starts(client):
    resp = client.get("/events?format=csv&cursor=bm90LW91cnM")

    assert resp.status_code == 400
    assert resp.content_type == "application/problem+json"
    assert "cursor" in resp.get_json()["errors"]


def test_a_streamed_export_resumes_after_a_cursor(client, dbq):
    bulk_events(dbq, 5)
    first = client.get("/events?limit=2&sort=event_date").get_json()
    cursor = first["next"].split("cursor=")[1]

    rest = read_csv(client.get(f"/events?format=csv&sort=event_date&cursor={cursor}"))

    listed = [f"SYR{item['id']}" for item in client.get("/events?sort=event_date").get_json()["items"]]
    assert [r["event_id_cnty"] for r in rest] == listed[2:]
