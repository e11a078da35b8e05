"""GET /actors search, filters, sorts and cursors, and GET /actors/{id}/events, on a small hand-made fixture.

Actors, in creation order (ids ascending), and the live events each takes part in:

    MFSY  Military Forces of Syria          inter 1  SYR              E1, E2          2   2024-01-10 .. 2024-02-05
    IS    Islamic State (Syria)  ISIS,Daesh inter 2  SYR              E1              1   2024-01-10
    HTS   Hayat Tahrir al-Sham   HTS        inter 2  SYR              E2              1   2024-02-05
    RSF   Rapid Support Forces   RSF        inter 2  SDN              E3, E4, E5      3   2024-03-15 .. 2024-04-02
    CIV   Civilians (Sudan)                 inter 7  SDN              E3              1   2024-03-15
    MFSD  Military Forces of Sudan  SAF     inter 1  SDN              E4, E5          2   2024-03-20 .. 2024-04-02
    WAG   Wagner Group                      inter 8  (no country)     E4 (assoc)      1   2024-03-20
    PRO   Protesters (Lebanon)              inter 6  LBN              E6              1   2024-05-01
    ZETA  Zeta Militia                      inter 3  (no country)     none            0

Events: E1 2024-01-10 MFSY vs IS (5 killed); E2 2024-02-05 MFSY vs HTS (3); E3 2024-03-15 RSF vs CIV (20);
E4 2024-03-20 MFSD vs RSF, assoc_actor_2 WAG (7); E5 2024-04-02 RSF vs MFSD (0); E6 2024-05-01 PRO (0);
E8 2024-04-10 RSF vs CIV (50), deleted: it counts nowhere.
"""
from __future__ import annotations

import csv
import io

import pytest

ACTORS = {
    "MFSY": {"name": "Military Forces of Syria", "inter": 1, "iso3": "SYR"},
    "IS": {"name": "Islamic State (Syria)", "aliases": ["ISIS", "Daesh"], "inter": 2, "iso3": "SYR"},
    "HTS": {"name": "Hayat Tahrir al-Sham", "aliases": ["HTS"], "inter": 2, "iso3": "SYR"},
    "RSF": {"name": "Rapid Support Forces", "aliases": ["RSF"], "inter": 2, "iso3": "SDN"},
    "CIV": {"name": "Civilians (Sudan)", "inter": 7, "iso3": "SDN"},
    "MFSD": {"name": "Military Forces of Sudan", "aliases": ["SAF"], "inter": 1, "iso3": "SDN"},
    "WAG": {"name": "Wagner Group", "inter": 8},
    "PRO": {"name": "Protesters (Lebanon)", "inter": 6, "iso3": "LBN"},
    "ZETA": {"name": "Zeta Militia", "inter": 3},
}

SYR = {"iso3": "SYR", "admin1": "Homs", "location": "Homs"}
SDN = {"iso3": "SDN", "admin1": "Khartoum", "location": "Omdurman"}
EVENTS = {
    "E1": {"event_date": "2024-01-10", "sub_event_type": "Armed clash", **SYR, "actor1": "Military Forces of Syria",
           "actor2": "Islamic State (Syria)", "fatalities": 5},
    "E2": {"event_date": "2024-02-05", "sub_event_type": "Armed clash", **SYR, "actor1": "Military Forces of Syria",
           "actor2": "Hayat Tahrir al-Sham", "fatalities": 3},
    "E3": {"event_date": "2024-03-15", "sub_event_type": "Attack", **SDN, "actor1": "Rapid Support Forces",
           "actor2": "Civilians (Sudan)", "fatalities": 20},
    "E4": {"event_date": "2024-03-20", "sub_event_type": "Armed clash", **SDN, "actor1": "Military Forces of Sudan",
           "actor2": "Rapid Support Forces", "assoc_actor_2": "Wagner Group", "fatalities": 7},
    "E5": {"event_date": "2024-04-02", "sub_event_type": "Armed clash", **SDN, "actor1": "Rapid Support Forces",
           "actor2": "Military Forces of Sudan", "fatalities": 0},
    "E6": {"event_date": "2024-05-01", "sub_event_type": "Peaceful protest", "iso3": "LBN", "admin1": "Beirut",
           "location": "Beirut", "actor1": "Protesters (Lebanon)", "fatalities": 0},
    "E8": {"event_date": "2024-04-10", "sub_event_type": "Attack", **SDN, "actor1": "Rapid Support Forces",
           "actor2": "Civilians (Sudan)", "fatalities": 50},
}


@pytest.fixture
def world(client):
    """label -> id of every actor and event of the fixture."""
    ids = {}
    for label, body in ACTORS.items():
        resp = client.post("/actors", json=body)
        assert resp.status_code == 201, resp.get_json()
        ids[label] = resp.get_json()["id"]
    for label, body in EVENTS.items():
        resp = client.post("/events", json=body)
        assert resp.status_code == 201, resp.get_json()
        ids[label] = resp.get_json()["id"]
    assert client.delete(f"/events/{ids['E8']}").status_code == 204
    return ids


def names(client, query: str) -> list[str]:
    resp = client.get(f"/actors?{query}")
    assert resp.status_code == 200, resp.get_json()
    return [item["name"] for item in resp.get_json()["items"]]


def walk(client, url: str) -> list[dict]:
    """Every item of every page, following `next`."""
    seen = []
    while url:
        resp = client.get(url)
        assert resp.status_code == 200, resp.get_json()
        page = resp.get_json()
        seen += page["items"]
        assert resp.headers.get("Link", "") == (f'<{page["next"]}>; rel="next"' if page["next"] else "")
        url = page["next"]
    return seen


BY_NAME = ["Civilians (Sudan)", "Hayat Tahrir al-Sham", "Islamic State (Syria)", "Military Forces of Sudan",
           "Military Forces of Syria", "Protesters (Lebanon)", "Rapid Support Forces", "Wagner Group", "Zeta Militia"]


def test_each_actor_shows_its_live_event_count_and_first_and_last_dates(client, world):
    items = {item["name"]: item for item in walk(client, "/actors")}

    got = {name: (a["event_count"], a["first_event_date"], a["last_event_date"]) for name, a in items.items()}
    assert got == {
        "Military Forces of Syria": (2, "2024-01-10", "2024-02-05"),
        "Islamic State (Syria)": (1, "2024-01-10", "2024-01-10"),
        "Hayat Tahrir al-Sham": (1, "2024-02-05", "2024-02-05"),
        "Rapid Support Forces": (3, "2024-03-15", "2024-04-02"),  # E8 is deleted
        "Civilians (Sudan)": (1, "2024-03-15", "2024-03-15"),
        "Military Forces of Sudan": (2, "2024-03-20", "2024-04-02"),
        "Wagner Group": (1, "2024-03-20", "2024-03-20"),
        "Protesters (Lebanon)": (1, "2024-05-01", "2024-05-01"),
        "Zeta Militia": (0, None, None),
    }


SEARCHES = [
    ("q=Islamik State", "Islamic State (Syria)"),  # a typo
    ("q=islamic state", "Islamic State (Syria)"),
    ("q=daesh", "Islamic State (Syria)"),  # an alias
    ("q=ISIS", "Islamic State (Syria)"),
    ("q=RSF", "Rapid Support Forces"),
    ("q=Rapid Suport Forces", "Rapid Support Forces"),
    ("q=hts", "Hayat Tahrir al-Sham"),
    ("q=Hayat Tahrir al Sham", "Hayat Tahrir al-Sham"),
    ("q=SAF", "Military Forces of Sudan"),
    ("q=wagner grup", "Wagner Group"),
    ("q=Military Forces of Sudan", "Military Forces of Sudan"),  # the exact name before its near namesake
]


@pytest.mark.parametrize("query, best", SEARCHES)
def test_q_finds_by_name_or_alias_despite_typos_best_first(client, world, query, best):
    assert names(client, query)[0] == best


def test_q_ranks_and_leaves_out_what_is_not_similar(client, world):
    assert names(client, "q=Military Forces of Sudan") == ["Military Forces of Sudan", "Military Forces of Syria"]
    assert set(names(client, "q=military forces")) == {"Military Forces of Sudan", "Military Forces of Syria"}
    assert names(client, "q=zzzzqqq") == []
    assert names(client, "q=Protesters") == ["Protesters (Lebanon)"]


FILTERS = [
    ("inter=2", ["Hayat Tahrir al-Sham", "Islamic State (Syria)", "Rapid Support Forces"]),
    ("inter=1,7", ["Civilians (Sudan)", "Military Forces of Sudan", "Military Forces of Syria"]),
    ("inter=1&inter=8", ["Military Forces of Sudan", "Military Forces of Syria", "Wagner Group"]),
    ("country=SDN", ["Civilians (Sudan)", "Military Forces of Sudan", "Rapid Support Forces"]),
    ("country=syria,lbn", ["Hayat Tahrir al-Sham", "Islamic State (Syria)", "Military Forces of Syria",
                           "Protesters (Lebanon)"]),
    ("country=SDN&inter=1", ["Military Forces of Sudan"]),
    ("q=military&country=SDN", ["Military Forces of Sudan"]),
    ("q=military&inter=2", []),
    ("country=FRA", []),
    ("sort=name", BY_NAME),
    ("sort=-name", BY_NAME[::-1]),
    # ties on the count break on id in the same direction
    ("sort=-events", ["Rapid Support Forces", "Military Forces of Sudan", "Military Forces of Syria",
                      "Protesters (Lebanon)", "Wagner Group", "Civilians (Sudan)", "Hayat Tahrir al-Sham",
                      "Islamic State (Syria)", "Zeta Militia"]),
    ("sort=events&inter=1,2", ["Islamic State (Syria)", "Hayat Tahrir al-Sham", "Military Forces of Syria",
                               "Military Forces of Sudan", "Rapid Support Forces"]),
    ("q=military forces&sort=name", ["Military Forces of Sudan", "Military Forces of Syria"]),
]


@pytest.mark.parametrize("query, expected", FILTERS)
def test_filters_and_sorts(client, world, query, expected):
    assert names(client, query) == expected


@pytest.mark.parametrize("query", ["sort=name", "sort=-name", "sort=events", "sort=-events", "q=forces",
                                   "q=military&sort=relevance", "inter=1,2,7&sort=-events", "country=SDN&sort=events"])
@pytest.mark.parametrize("limit", [1, 2, 4])
def test_walking_pages_returns_the_unpaged_list_without_dupes_or_gaps(client, world, query, limit):
    whole = names(client, f"{query}&limit=5000")
    paged = [item["name"] for item in walk(client, f"/actors?{query}&limit={limit}")]

    assert paged == whole
    assert len(set(paged)) == len(paged)


def test_a_cursor_of_another_sort_is_refused(client, world):
    by_name = client.get("/actors?limit=1").get_json()["next"]
    cursor = by_name.split("cursor=")[1]

    resp = client.get(f"/actors?sort=-events&cursor={cursor}")

    assert resp.status_code == 400
    assert resp.content_type == "application/problem+json"
    assert "cursor" in resp.get_json()["errors"]


@pytest.mark.parametrize("query, field, status", [
    ("inter=9", "inter", 422),
    ("inter=x", "inter", 422),
    ("country=Atlantis", "country", 422),
    ("sort=fatalities", "sort", 422),
    ("sort=relevance", "sort", 422),  # relevance ranks the matches of q
    ("q=", "q", 422),
    ("limit=0", "limit", 422),
    ("limit=5001", "limit", 400),
    ("actor=RSF", "actor", 400),
])
def test_bad_list_parameters_are_problems_naming_the_parameter(client, world, query, field, status):
    resp = client.get(f"/actors?{query}")

    assert resp.status_code == status
    assert resp.content_type == "application/problem+json"
    assert field in resp.get_json()["errors"]


# --- GET /actors/{id}/events ---------------------------------------------------------------------------

def event_labels(client, world, url: str) -> list[str]:
    resp = client.get(url)
    assert resp.status_code == 200, resp.get_json()
    by_id = {v: k for k, v in world.items() if k.startswith("E")}
    return [by_id[item["id"]] for item in resp.get_json()["items"]]


ACTOR_EVENTS = [
    ("RSF", "", ["E5", "E4", "E3"]),  # any role, newest first; never the deleted E8
    ("RSF", "actor_role=actor1", ["E5", "E3"]),
    ("RSF", "actor_role=actor2", ["E4"]),
    ("RSF", "actor_role=actor2,actor1&sort=event_date", ["E3", "E4", "E5"]),
    ("RSF", "fatalities_min=5", ["E4", "E3"]),
    ("RSF", "sub_event_type=Armed clash&date_to=2024-03-31", ["E4"]),
    ("RSF", "sort=-fatalities", ["E3", "E4", "E5"]),
    ("WAG", "", ["E4"]),  # an associated actor
    ("WAG", "actor_role=actor1,actor2", []),
    ("MFSY", "date_from=2024-02-01", ["E2"]),
    ("MFSY", "country=SDN", []),
    ("IS", "inter=1", ["E1"]),
    ("ZETA", "", []),
]


@pytest.mark.parametrize("actor, query, expected", ACTOR_EVENTS)
def test_actor_events_take_every_events_filter(client, world, actor, query, expected):
    assert event_labels(client, world, f"/actors/{world[actor]}/events?{query}") == expected


def test_actor_events_pages_and_totals_like_events(client, world):
    url = f"/actors/{world['RSF']}/events?limit=1&with_total=true"
    first = client.get(url).get_json()
    items = walk(client, url)

    assert first["total"] == 3
    assert [item["id"] for item in items] == [world["E5"], world["E4"], world["E3"]]


def test_actor_events_as_csv(client, world):
    resp = client.get(f"/actors/{world['MFSD']}/events?format=csv")

    assert resp.status_code == 200
    assert resp.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(resp.get_data(as_text=True))))
    assert [r["event_id_cnty"] for r in rows] == [f"SDN{world['E5']}", f"SDN{world['E4']}"]
    assert [r["actor1"] for r in rows] == ["Rapid Support Forces", "Military Forces of Sudan"]


def test_actor_events_of_an_unknown_actor_is_404(client, world):
    resp = client.get("/actors/424242/events")

    assert resp.status_code == 404
    assert resp.content_type == "application/problem+json"


@pytest.mark.parametrize("query, field, status", [
    ("actor=RSF", "actor", 400),  # the path names the actor
    ("actor_role=boss", "actor_role", 422),
    ("date_from=2024-13-01", "date_from", 422),
    ("sort=name", "sort", 422),
])
def test_bad_actor_events_parameters_are_problems(client, world, query, field, status):
    resp = client.get(f"/actors/{world['RSF']}/events?{query}")

    assert resp.status_code == status
    assert resp.content_type == "application/problem+json"
    assert field in resp.get_json()["errors"]
