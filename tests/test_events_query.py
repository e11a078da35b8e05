"""GET /events filters, sorts and paging on a small hand-made fixture, each with its expected answer worked out by hand.

The fixture, newest first (the default order):

    E7  2024-05-20  Battles / Non-state actor overtakes territory  SYR Deir ez-Zor / Mayadin desert (no coordinates)
        Islamic State (Syria) [2]                                              3 killed
    E6  2024-05-01  Strategic developments / Looting/property destruction  PSE West Bank / Jenin (32.46, 35.30)
        Military Forces of Israel [1]                                          0
    E5  2024-04-20  Riots / Mob violence  SDN Khartoum / Khartoum (15.50, 32.56)
        Rioters (Sudan) [5]                                                    1  evidence in article A1
    E4  2024-03-15  Violence against civilians / Attack  SDN Khartoum / Omdurman (15.64, 32.48)
        Rapid Support Forces [2] + assoc Arab Ethnic Militia (Sudan) vs Civilians (Sudan) [7]   20
    E3  2024-03-01  Protests / Peaceful protest  LBN Beirut / Beirut (33.89, 35.50)
        Protesters (Lebanon) [6]                                               0
    E2  2024-02-05  Explosions/Remote violence / Air/drone strike  SYR Idlib / Idlib (35.93, 36.63)
        Military Forces of Russia [8] vs Civilians (Syria) [7]                12  evidence in article A1
    E1  2024-01-10  Battles / Armed clash  SYR Homs / Homs (34.73, 36.71)
        Military Forces of Syria [1] vs Hayat Tahrir al-Sham [2] (alias HTS)    5  evidence in article A2

Great-circle distances (haversine, R = 6371 km): Beirut-Homs 145.2 km, Beirut-Jenin 160.1 km, Beirut-Idlib
249.1 km, Omdurman-Khartoum 17.8 km.
"""
from __future__ import annotations

import hashlib

import pytest

from service.events.listing import near_boxes

EVENTS = {
    "E1": {"event_date": "2024-01-10", "sub_event_type": "Armed clash", "iso3": "SYR", "admin1": "Homs",
           "location": "Homs", "latitude": 34.73, "longitude": 36.71, "actor1": "Military Forces of Syria",
           "inter1": 1, "actor2": "Hayat Tahrir al-Sham", "inter2": 2, "fatalities": 5,
           "notes": "Clashes near the citadel killed five soldiers."},
    "E2": {"event_date": "2024-02-05", "sub_event_type": "Air/drone strike", "iso3": "SYR", "admin1": "Idlib",
           "location": "Idlib", "latitude": 35.93, "longitude": 36.63, "actor1": "Military Forces of Russia",
           "inter1": 8, "actor2": "Civilians (Syria)", "inter2": 7, "fatalities": 12,
           "notes": "An airstrike hit a hospital in the city."},
    "E3": {"event_date": "2024-03-01", "sub_event_type": "Peaceful protest", "iso3": "LBN", "admin1": "Beirut",
           "location": "Beirut", "latitude": 33.89, "longitude": 35.50, "actor1": "Protesters (Lebanon)",
           "inter1": 6, "fatalities": 0, "notes": "Demonstrators gathered peacefully outside parliament."},
    "E4": {"event_date": "2024-03-15", "sub_event_type": "Attack", "iso3": "SDN", "admin1": "Khartoum",
           "location": "Omdurman", "latitude": 15.64, "longitude": 32.48, "actor1": "Rapid Support Forces",
           "inter1": 2, "assoc_actor_1": "Arab Ethnic Militia (Sudan)", "actor2": "Civilians (Sudan)", "inter2": 7,
           "fatalities": 20, "notes": "RSF fighters attacked villagers; twenty were killed."},
    "E5": {"event_date": "2024-04-20", "sub_event_type": "Mob violence", "iso3": "SDN", "admin1": "Khartoum",
           "location": "Khartoum", "latitude": 15.50, "longitude": 32.56, "actor1": "Rioters (Sudan)", "inter1": 5,
           "fatalities": 1, "notes": "Rioters attacked a police station."},
    "E6": {"event_date": "2024-05-01", "sub_event_type": "Looting/property destruction", "iso3": "PSE",
           "admin1": "West Bank", "location": "Jenin", "latitude": 32.46, "longitude": 35.30,
           "actor1": "Military Forces of Israel", "inter1": 1, "fatalities": 0},
    "E7": {"event_date": "2024-05-20", "sub_event_type": "Non-state actor overtakes territory", "iso3": "SYR",
           "admin1": "Deir ez-Zor", "location": "Mayadin desert", "actor1": "Islamic State (Syria)", "inter1": 2,
           "fatalities": 3, "notes": "Islamic State fighters seized positions in the desert."},
}


def add_article(dbq, key: str, outlet: str = "Test Wire") -> int:
    return dbq("INSERT INTO articles (source_key, title, body, outlet, published, content_hash) "
               "VALUES (%s, %s, 'body', %s, '2024-06-01', %s) RETURNING id",
               (key, f"Article {key}", outlet, hashlib.sha256(key.encode()).hexdigest()))[0]["id"]


def add_evidence(dbq, event_id: int, article_id: int, evidence: str) -> None:
    dbq("INSERT INTO event_sources (event_id, article_id, evidence, start_offset, end_offset, confidence) "
        "VALUES (%s, %s, %s, 0, %s, 0.5) RETURNING id", (event_id, article_id, evidence, len(evidence)))


@pytest.fixture
def world(client, dbq):
    """label -> id of the fixture's events, plus A1/A2 -> article id and RSF -> actor id."""
    ids = {}
    for label, body in EVENTS.items():
        resp = client.post("/events", json=body)
        assert resp.status_code == 201, resp.get_json()
        ids[label] = resp.get_json()["id"]
    ids["A1"] = add_article(dbq, "a1")
    ids["A2"] = add_article(dbq, "a2")
    add_evidence(dbq, ids["E5"], ids["A1"], "Angry crowds burned the central market.")
    add_evidence(dbq, ids["E2"], ids["A1"], "Warplanes struck the city.")
    add_evidence(dbq, ids["E1"], ids["A2"], "Fighting in Homs.")
    dbq("UPDATE actors SET aliases = '{HTS}' WHERE name = 'Hayat Tahrir al-Sham' RETURNING id")
    ids["RSF"] = dbq("SELECT id FROM actors WHERE name = 'Rapid Support Forces'")[0]["id"]
    return ids


def labels(client, world, query: str) -> list[str]:
    resp = client.get(f"/events?{query}")
    assert resp.status_code == 200, resp.get_json()
    by_id = {v: k for k, v in world.items() if k.startswith("E")}
    return [by_id[item["id"]] for item in resp.get_json()["items"]]


FILTER_CASES = {
    "none": [
        ("", ["E7", "E6", "E5", "E4", "E3", "E2", "E1"]),
    ],
    # dates, inclusive
    "dates": [
        ("date_from=2024-03-15", ["E7", "E6", "E5", "E4"]),
        ("date_to=2024-02-05", ["E2", "E1"]),
        ("date_from=2024-02-05&date_to=2024-03-15", ["E4", "E3", "E2"]),
        ("date_from=2024-03-02&date_to=2024-03-14", []),
    ],
    # country: ISO3 or name, any case
    "country": [
        ("country=SYR", ["E7", "E2", "E1"]),
        ("country=syria", ["E7", "E2", "E1"]),
        ("country=Lebanon,sdn", ["E5", "E4", "E3"]),
        ("country=LBN&country=PSE", ["E6", "E3"]),
    ],
    # admin1 and location, case-insensitive
    "admin1_location": [
        ("admin1=khartoum", ["E5", "E4"]),
        ("admin1=Homs,IDLIB", ["E2", "E1"]),
        ("location=omdurman", ["E4"]),
        ("location=Omdurman,Jenin", ["E6", "E4"]),
    ],
    # taxonomy
    "taxonomy": [
        ("event_type=Battles", ["E7", "E1"]),
        ("event_type=battles,Riots", ["E7", "E5", "E1"]),
        ("sub_event_type=Air/drone strike", ["E2"]),
        ("sub_event_type=armed clash,Attack", ["E4", "E1"]),
        ("disorder_type=Demonstrations", ["E5", "E3"]),
        ("disorder_type=Political violence", ["E7", "E4", "E2", "E1"]),
        ("disorder_type=strategic developments,Demonstrations", ["E6", "E5", "E3"]),
    ],
    # actors, any role unless actor_role narrows it; names or aliases, any case
    "actors": [
        ("actor=Rapid Support Forces", ["E4"]),
        ("actor=rapid support forces,Rioters (Sudan)", ["E5", "E4"]),
        ("actor=Arab Ethnic Militia (Sudan)", ["E4"]),
        ("actor=Civilians (Sudan)&actor_role=actor2", ["E4"]),
        ("actor=Civilians (Sudan)&actor_role=actor1", []),
        ("actor=Arab Ethnic Militia (Sudan)&actor_role=actor1,assoc_actor_1", ["E4"]),
        ("actor=hts", ["E1"]),
        ("actor=Nobody at all", []),
    ],
    # inter codes of either main actor
    "inter": [
        ("inter=7", ["E4", "E2"]),
        ("inter=1", ["E6", "E1"]),
        ("inter=2,6", ["E7", "E4", "E3", "E1"]),
    ],
    # fatalities, inclusive
    "fatalities": [
        ("fatalities_min=5", ["E4", "E2", "E1"]),
        ("fatalities_max=0", ["E6", "E3"]),
        ("fatalities_min=1&fatalities_max=12", ["E7", "E5", "E2", "E1"]),
    ],
    # bbox=minLon,minLat,maxLon,maxLat, edges included; E7 has no coordinates and is never inside
    "bbox": [
        ("bbox=35,33,37,36", ["E3", "E2", "E1"]),
        ("bbox=32,15,33,16", ["E5", "E4"]),
        ("bbox=32.48,15.64,32.48,15.64", ["E4"]),
        ("bbox=-180,-90,180,90", ["E6", "E5", "E4", "E3", "E2", "E1"]),
    ],
    # near=lat,lon with radius_km (Beirut-Homs 145.2 km, Beirut-Jenin 160.1 km, Omdurman-Khartoum 17.8 km)
    "near": [
        ("near=33.89,35.50&radius_km=100", ["E3"]),
        ("near=33.89,35.50&radius_km=150", ["E3", "E1"]),
        ("near=33.89,35.50&radius_km=200", ["E6", "E3", "E1"]),
        ("near=15.64,32.48&radius_km=10", ["E4"]),
        ("near=15.64,32.48&radius_km=20", ["E5", "E4"]),
    ],
    # full-text search over notes and evidence (English stemming, web-search syntax)
    "text_search": [
        ("q=hospital", ["E2"]),
        ("q=hospitals", ["E2"]),
        ("q=killed", ["E4", "E1"]),
        ("q=market", ["E5"]),
        ("q=\"central market\"", ["E5"]),
        ("q=attack", ["E5", "E4"]),
        ("q=attacked -police", ["E4"]),
        ("q=warplanes", ["E2"]),
        ("q=zebra", []),
    ],
    # parameters AND together
    "combined": [
        ("country=SDN&fatalities_min=10", ["E4"]),
        ("event_type=Battles,Riots&country=SYR", ["E7", "E1"]),
        ("inter=2&date_to=2024-03-31&q=killed", ["E4", "E1"]),
        ("admin1=Khartoum&actor=Rioters (Sudan)&bbox=32,15,33,16", ["E5"]),
    ],
}


@pytest.mark.parametrize("family", FILTER_CASES)
def test_filters(client, world, family):
    got = {query: labels(client, world, query) for query, _ in FILTER_CASES[family]}
    assert got == dict(FILTER_CASES[family])


def test_actor_by_id(client, world):
    assert labels(client, world, f"actor={world['RSF']}") == ["E4"]
    assert labels(client, world, f"actor={world['RSF']},Rioters (Sudan)") == ["E5", "E4"]


def test_article_id(client, world):
    assert labels(client, world, f"article_id={world['A1']}") == ["E5", "E2"]
    assert labels(client, world, f"article_id={world['A2']}") == ["E1"]
    assert labels(client, world, f"article_id={world['A1']},{world['A2']}") == ["E5", "E2", "E1"]
    assert labels(client, world, "article_id=999999") == []


def test_updated_since_returns_what_changed(client, world):
    items = client.get("/events?sort=-updated_at&limit=1").get_json()["items"]
    since = items[0]["updated_at"]
    assert client.patch(f"/events/{world['E3']}", json={"fatalities": 2}).status_code == 200

    assert labels(client, world, "updated_since=" + since.replace("+", "%2B")) == ["E7", "E3"]  # E7 was last
    assert labels(client, world, "updated_since=2099-01-01T00:00:00Z") == []


@pytest.mark.parametrize("sort, expected", [
    ("event_date", ["E1", "E2", "E3", "E4", "E5", "E6", "E7"]),
    ("-event_date", ["E7", "E6", "E5", "E4", "E3", "E2", "E1"]),
    # ties (E3 and E6 have 0) break on id in the sort's direction
    ("fatalities", ["E3", "E6", "E5", "E7", "E1", "E2", "E4"]),
    ("-fatalities", ["E4", "E2", "E1", "E7", "E5", "E6", "E3"]),
    ("updated_at", ["E1", "E2", "E3", "E4", "E5", "E6", "E7"]),
    ("-updated_at", ["E7", "E6", "E5", "E4", "E3", "E2", "E1"]),
])
def test_sorts(client, world, sort, expected):
    assert labels(client, world, f"sort={sort}") == expected


@pytest.mark.parametrize("sort", ["event_date", "-event_date", "fatalities", "-fatalities", "updated_at",
                                  "-updated_at"])
def test_walking_filtered_pages_returns_the_unpaged_result(client, world, sort):
    query = f"sort={sort}&country=SYR,SDN,PSE"
    whole = labels(client, world, query)
    seen, url, pages = [], f"/events?{query}&limit=2", 0
    by_id = {v: k for k, v in world.items() if k.startswith("E")}
    while url:
        resp = client.get(url)
        assert resp.status_code == 200
        body = resp.get_json()
        seen += [by_id[item["id"]] for item in body["items"]]
        if body["next"]:
            assert resp.headers["Link"] == f'<{body["next"]}>; rel="next"'
        else:
            assert "Link" not in resp.headers
        url, pages = body["next"], pages + 1
    assert seen == whole and len(whole) == 6 and pages == 3


def test_next_keeps_the_filters(client, world):
    body = client.get("/events?country=SYR&limit=1").get_json()
    assert "country=SYR" in body["next"] and "limit=1" in body["next"]


def test_cursor_of_another_sort_is_refused(client, world):
    cursor = client.get("/events?limit=1").get_json()["next"].split("cursor=")[1]

    resp = client.get(f"/events?sort=fatalities&limit=1&cursor={cursor}")

    assert resp.status_code == 400
    assert "cursor" in resp.get_json()["errors"]


def test_with_total_counts_every_page(client, world):
    body = client.get("/events?country=SYR,SDN&limit=2&with_total=true").get_json()
    assert body["total"] == 5 and len(body["items"]) == 2

    assert client.get("/events?q=zebra&with_total=true").get_json()["total"] == 0
    assert "total" not in client.get("/events?limit=2").get_json()


def test_deleted_events_match_no_filter(client, world):
    assert client.delete(f"/events/{world['E4']}").status_code == 204

    assert labels(client, world, "country=SDN") == ["E5"]
    assert labels(client, world, "fatalities_min=20") == []
    assert client.get("/events?country=SDN&with_total=true").get_json()["total"] == 1


@pytest.mark.parametrize("query, parameter", [
    ("date_from=2024-13-01", "date_from"),
    ("date_to=yesterday", "date_to"),
    ("date_from=2024-05-01&date_to=2024-04-01", "date_from"),
    ("country=Atlantis", "country"),
    ("country=SYR,,LBN", "country"),
    ("event_type=Battle", "event_type"),
    ("sub_event_type=Airstrike", "sub_event_type"),
    ("disorder_type=Violence", "disorder_type"),
    ("inter=9", "inter"),
    ("inter=two", "inter"),
    ("actor=x&actor_role=actor3", "actor_role"),
    ("actor_role=actor1", "actor_role"),
    ("fatalities_min=-1", "fatalities_min"),
    ("fatalities_max=many", "fatalities_max"),
    ("fatalities_min=5&fatalities_max=2", "fatalities_min"),
    ("bbox=1,2,3", "bbox"),
    ("bbox=a,b,c,d", "bbox"),
    ("bbox=-200,0,0,10", "bbox"),
    ("bbox=0,-95,1,1", "bbox"),
    ("bbox=10,0,5,10", "bbox"),
    ("bbox=0,10,5,0", "bbox"),
    ("bbox=0,0,nan,1", "bbox"),
    ("near=95,0&radius_km=5", "near"),
    ("near=0,181&radius_km=5", "near"),
    ("near=1&radius_km=5", "near"),
    ("near=1,2", "radius_km"),
    ("radius_km=5", "near"),
    ("near=1,2&radius_km=0", "radius_km"),
    ("near=1,2&radius_km=-3", "radius_km"),
    ("q=", "q"),
    ("article_id=abc", "article_id"),
    ("article_id=0", "article_id"),
    ("updated_since=last-week", "updated_since"),
    ("sort=name", "sort"),
    ("sort=-id", "sort"),
    ("format=xml", "format"),
    ("limit=all", "limit"),
    ("limit=5001", "limit"),
    ("with_total=perhaps", "with_total"),
    ("contry=SYR", "contry"),
])
def test_invalid_values_are_problems_naming_the_parameter(client, query, parameter):
    resp = client.get(f"/events?{query}")

    assert resp.status_code in (400, 422), resp.get_json()
    assert resp.content_type == "application/problem+json"
    body = resp.get_json()
    assert body["status"] == resp.status_code
    assert parameter in body["errors"], body


def test_near_crosses_the_antimeridian(client):
    for lon, place in ((179.9, "East"), (-179.9, "West"), (-179.0, "Far West")):
        body = {"event_date": "2024-05-01", "sub_event_type": "Armed clash", "iso3": "FJI", "location": place,
                "latitude": 0.0, "longitude": lon, "actor1": "Military Forces of Fiji", "inter1": 1}
        assert client.post("/events", json=body).status_code == 201

    # 0.05 degrees of longitude at the equator is 5.6 km, 0.15 is 16.7 km, 1.05 is 116.8 km
    items = client.get("/events?near=0,179.95&radius_km=20").get_json()["items"]
    assert sorted(i["location"] for i in items) == ["East", "West"]


def test_near_boxes_cover_the_circle():
    assert near_boxes(0, 179.95, 20)[0][2] == 180.0 and near_boxes(0, 179.95, 20)[1][0] == -180.0
    [(min_lon, min_lat, max_lon, max_lat)] = near_boxes(89.9, 0, 30)  # reaches the pole: every longitude
    assert (min_lon, max_lon, max_lat) == (-180.0, 180.0, 90.0) and min_lat < 89.9 - 0.26
    [(min_lon, min_lat, max_lon, max_lat)] = near_boxes(60, 10, 111.2)  # 1 degree of latitude
    assert 58.99 < min_lat < 59.0 and 61.0 < max_lat < 61.01
    assert 7.99 < min_lon < 8.0 and 12.0 < max_lon < 12.01  # 1 / cos(60 degrees) = 2 degrees of longitude
