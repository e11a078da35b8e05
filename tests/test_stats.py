"""GET /stats on a small hand-made fixture, each answer worked out by hand.

    S1 2024-01-10 Battles / Armed clash                 Syria   Homs      MF Syria [1] vs Islamic State [2]         5
    S2 2024-01-25 Explosions/Remote violence / Air/drone strike
                                                        Syria   Idlib     MF Russia [8] vs Civilians (Syria) [7]   12
    S3 2024-03-01 Protests / Peaceful protest           Lebanon Beirut    Protesters (Lebanon) [6]                  0
    S4 2024-03-15 Violence against civilians / Attack   Sudan   Khartoum  RSF [2] + assoc Arab Ethnic Militia [4]
                                                                          vs Civilians (Sudan) [7]                 20
    S5 2024-03-20 Battles / Armed clash                 Sudan   Khartoum  MF Sudan [1] vs RSF [2]                   7
    S6 2024-04-20 Riots / Mob violence                  Sudan   Khartoum  Rioters (Sudan) [5]                       1
    S7 2024-04-22 Battles / Armed clash                 Syria   (none)    MF Syria [1] vs Islamic State [2]         2
    S8 2024-02-10 Battles / Armed clash, 100 killed: deleted, so it counts nowhere (February stays empty)

7 events, 47 killed. Demonstrations: S3, S6; Political violence: the other five.
"""
from __future__ import annotations

import csv
import io

import pytest

SYR = {"iso3": "SYR", "admin1": "Homs", "location": "Homs"}
SDN = {"iso3": "SDN", "admin1": "Khartoum", "location": "Khartoum"}
EVENTS = {
    "S1": {"event_date": "2024-01-10", "sub_event_type": "Armed clash", **SYR, "actor1": "Military Forces of Syria",
           "inter1": 1, "actor2": "Islamic State (Syria)", "inter2": 2, "fatalities": 5, "notes": "Clashes at dawn."},
    "S2": {"event_date": "2024-01-25", "sub_event_type": "Air/drone strike", "iso3": "SYR", "admin1": "Idlib",
           "location": "Idlib", "actor1": "Military Forces of Russia", "inter1": 8, "actor2": "Civilians (Syria)",
           "inter2": 7, "fatalities": 12, "notes": "An airstrike hit a market."},
    "S3": {"event_date": "2024-03-01", "sub_event_type": "Peaceful protest", "iso3": "LBN", "admin1": "Beirut",
           "location": "Beirut", "actor1": "Protesters (Lebanon)", "inter1": 6, "fatalities": 0},
    "S4": {"event_date": "2024-03-15", "sub_event_type": "Attack", **SDN, "actor1": "Rapid Support Forces",
           "inter1": 2, "assoc_actor_1": "Arab Ethnic Militia (Sudan)", "actor2": "Civilians (Sudan)", "inter2": 7,
           "fatalities": 20, "notes": "Fighters attacked a market town."},
    "S5": {"event_date": "2024-03-20", "sub_event_type": "Armed clash", **SDN, "actor1": "Military Forces of Sudan",
           "inter1": 1, "actor2": "Rapid Support Forces", "fatalities": 7},
    "S6": {"event_date": "2024-04-20", "sub_event_type": "Mob violence", **SDN, "actor1": "Rioters (Sudan)",
           "inter1": 5, "fatalities": 1},
    "S7": {"event_date": "2024-04-22", "sub_event_type": "Armed clash", "iso3": "SYR", "location": "Mayadin desert",
           "actor1": "Military Forces of Syria", "actor2": "Islamic State (Syria)", "fatalities": 2},
    "S8": {"event_date": "2024-02-10", "sub_event_type": "Armed clash", **SYR, "actor1": "Military Forces of Syria",
           "actor2": "Islamic State (Syria)", "fatalities": 100},
}


@pytest.fixture
def world(client):
    ids = {}
    for label, body in EVENTS.items():
        resp = client.post("/events", json=body)
        assert resp.status_code == 201, resp.get_json()
        ids[label] = resp.get_json()["id"]
    assert client.delete(f"/events/{ids['S8']}").status_code == 204
    return ids


def stats(client, query: str) -> list[dict]:
    resp = client.get(f"/stats?{query}")
    assert resp.status_code == 200, resp.get_json()
    return resp.get_json()["items"]


def rows(client, query: str, *keys: str) -> list[tuple]:
    """The items as tuples: the given keys, then events and fatalities."""
    return [(*(item[k] for k in keys), item["events"], item["fatalities"]) for item in stats(client, query)]


def test_without_grouping_one_row_holds_the_totals(client, world):
    assert stats(client, "") == [{"events": 7, "fatalities": 47}]
    assert stats(client, "country=FRA") == [{"events": 0, "fatalities": 0}]


BY_KEY = {
    "event_type": [("Battles", 3, 14), ("Explosions/Remote violence", 1, 12), ("Protests", 1, 0), ("Riots", 1, 1),
                   ("Violence against civilians", 1, 20)],
    "sub_event_type": [("Air/drone strike", 1, 12), ("Armed clash", 3, 14), ("Attack", 1, 20),
                       ("Mob violence", 1, 1), ("Peaceful protest", 1, 0)],
    "disorder_type": [("Demonstrations", 2, 1), ("Political violence", 5, 46)],
    "country": [("Lebanon", 1, 0), ("Sudan", 3, 28), ("Syria", 3, 19)],
    "admin1": [("Beirut", 1, 0), ("Homs", 1, 5), ("Idlib", 1, 12), ("Khartoum", 3, 28), (None, 1, 2)],
    "inter": [(1, 3, 14), (2, 1, 20), (5, 1, 1), (6, 1, 0), (8, 1, 12)],
    # an event counts once for each actor taking part in it, in any role
    "actor": [("Arab Ethnic Militia (Sudan)", 1, 20), ("Civilians (Sudan)", 1, 20), ("Civilians (Syria)", 1, 12),
              ("Islamic State (Syria)", 2, 7), ("Military Forces of Russia", 1, 12), ("Military Forces of Sudan", 1, 7),
              ("Military Forces of Syria", 2, 7), ("Protesters (Lebanon)", 1, 0), ("Rapid Support Forces", 2, 27),
              ("Rioters (Sudan)", 1, 1)],
}


@pytest.mark.parametrize("key", BY_KEY)
def test_group_by_each_key(client, world, key):
    assert rows(client, f"group_by={key}", key) == BY_KEY[key]


def test_actor_rows_add_up_to_more_than_the_events(client, world):
    items = stats(client, "group_by=actor")

    assert sum(i["events"] for i in items) == 13 > 7


def test_group_by_two_keys(client, world):
    assert rows(client, "group_by=country,event_type", "country", "event_type") == [
        ("Lebanon", "Protests", 1, 0), ("Sudan", "Battles", 1, 7), ("Sudan", "Riots", 1, 1),
        ("Sudan", "Violence against civilians", 1, 20), ("Syria", "Battles", 2, 7),
        ("Syria", "Explosions/Remote violence", 1, 12)]
    assert rows(client, "group_by=disorder_type,inter", "disorder_type", "inter") == [
        ("Demonstrations", 5, 1, 1), ("Demonstrations", 6, 1, 0), ("Political violence", 1, 3, 14),
        ("Political violence", 2, 1, 20), ("Political violence", 8, 1, 12)]


def test_interval_month_is_zero_filled_between_the_first_and_last_event(client, world):
    assert rows(client, "interval=month", "period") == [
        ("2024-01-01", 2, 17), ("2024-02-01", 0, 0), ("2024-03-01", 3, 27), ("2024-04-01", 2, 3)]


def test_interval_is_zero_filled_across_the_requested_dates(client, world):
    assert rows(client, "interval=month&date_from=2023-12-15&date_to=2024-05-31", "period") == [
        ("2023-12-01", 0, 0), ("2024-01-01", 2, 17), ("2024-02-01", 0, 0), ("2024-03-01", 3, 27),
        ("2024-04-01", 2, 3), ("2024-05-01", 0, 0)]
    assert rows(client, "interval=month&date_from=2024-06-01&date_to=2024-07-31", "period") == [
        ("2024-06-01", 0, 0), ("2024-07-01", 0, 0)]


@pytest.mark.parametrize("query, expected", [
    ("interval=day&date_from=2024-03-14&date_to=2024-03-16", [("2024-03-14", 0, 0), ("2024-03-15", 1, 20),
                                                              ("2024-03-16", 0, 0)]),
    # weeks start on Monday: 2024-03-01 is a Friday
    ("interval=week&date_from=2024-03-01&date_to=2024-03-21", [("2024-02-26", 1, 0), ("2024-03-04", 0, 0),
                                                               ("2024-03-11", 1, 20), ("2024-03-18", 1, 7)]),
    ("interval=year", [("2024-01-01", 7, 47)]),
    ("interval=year&date_from=2023-06-01", [("2023-01-01", 0, 0), ("2024-01-01", 7, 47)]),
    ("interval=month&country=SDN", [("2024-03-01", 2, 27), ("2024-04-01", 1, 1)]),
])
def test_each_interval(client, world, query, expected):
    assert rows(client, query, "period") == expected


def test_interval_and_group_fill_every_group_in_every_period(client, world):
    assert rows(client, "interval=month&group_by=disorder_type", "period", "disorder_type") == [
        ("2024-01-01", "Demonstrations", 0, 0), ("2024-01-01", "Political violence", 2, 17),
        ("2024-02-01", "Demonstrations", 0, 0), ("2024-02-01", "Political violence", 0, 0),
        ("2024-03-01", "Demonstrations", 1, 0), ("2024-03-01", "Political violence", 2, 27),
        ("2024-04-01", "Demonstrations", 1, 1), ("2024-04-01", "Political violence", 1, 2)]


def test_every_group_present_in_the_range_has_a_row_in_every_period(client, world):
    items = stats(client, "interval=month&group_by=event_type")

    assert len(items) == 4 * 5
    assert [(i["period"], i["event_type"], i["events"]) for i in items[:5]] == [
        ("2024-01-01", "Battles", 1), ("2024-01-01", "Explosions/Remote violence", 1),
        ("2024-01-01", "Protests", 0), ("2024-01-01", "Riots", 0), ("2024-01-01", "Violence against civilians", 0)]


def test_top_keeps_the_largest_groups_and_folds_the_rest_into_other(client, world):
    # Battles has 3 events; the four others 1 each, ranked by fatalities: civilians 20, explosions 12, riots 1, ...
    assert rows(client, "group_by=event_type&top=2", "event_type") == [
        ("Battles", 3, 14), ("Violence against civilians", 1, 20), ("other", 3, 13)]
    assert rows(client, "group_by=inter&top=2", "inter") == [(1, 3, 14), (2, 1, 20), ("other", 3, 13)]
    assert rows(client, "group_by=event_type&top=5", "event_type") == BY_KEY["event_type"]


def test_top_with_an_interval_and_two_keys(client, world):
    assert rows(client, "group_by=event_type&top=1&interval=month", "period", "event_type") == [
        ("2024-01-01", "Battles", 1, 5), ("2024-01-01", "other", 1, 12),
        ("2024-02-01", "Battles", 0, 0), ("2024-02-01", "other", 0, 0),
        ("2024-03-01", "Battles", 1, 7), ("2024-03-01", "other", 2, 20),
        ("2024-04-01", "Battles", 1, 2), ("2024-04-01", "other", 1, 1)]
    assert rows(client, "group_by=country,event_type&top=1", "country", "event_type") == [
        ("Syria", "Battles", 2, 7), ("other", "other", 5, 40)]


def test_top_with_actor_folds_actor_rows(client, world):
    # RSF 2 events (27 killed), then Islamic State and MF Syria 2 each (7): by name, Islamic State first
    assert rows(client, "group_by=actor&top=2", "actor") == [
        ("Islamic State (Syria)", 2, 7), ("Rapid Support Forces", 2, 27), ("other", 9, 79)]


def test_csv_has_the_row_keys_as_header(client, world):
    resp = client.get("/stats?group_by=country,disorder_type&interval=year&format=csv")

    assert resp.status_code == 200
    assert resp.mimetype == "text/csv"
    assert list(csv.reader(io.StringIO(resp.get_data(as_text=True)))) == [
        ["country", "disorder_type", "period", "events", "fatalities"],
        ["Lebanon", "Demonstrations", "2024-01-01", "1", "0"],
        ["Sudan", "Demonstrations", "2024-01-01", "1", "1"],
        ["Sudan", "Political violence", "2024-01-01", "2", "27"],
        ["Syria", "Political violence", "2024-01-01", "3", "19"]]


def test_csv_by_accept_and_empty_values(client, world):
    resp = client.get("/stats?group_by=admin1&top=4", headers={"Accept": "text/csv"})

    assert resp.mimetype == "text/csv"
    # the top 4: Khartoum (3 events), then by fatalities Idlib 12, Homs 5, no admin1 2; Beirut (0) is folded
    assert resp.get_data(as_text=True).splitlines() == [
        "admin1,events,fatalities", "Homs,1,5", "Idlib,1,12", "Khartoum,3,28", ",1,2", "other,1,0"]


TOTAL_FILTERS = ["", "country=SDN", "fatalities_min=5", "event_type=Battles,Riots", "date_from=2024-01-20",
                 "actor=Rapid Support Forces", "inter=1", "q=market", "admin1=Khartoum&date_to=2024-03-31",
                 "bbox=-180,-90,180,90", "disorder_type=Demonstrations",
                 "actor=Islamic State (Syria)&actor_role=actor2"]


GROUPINGS = ["", "group_by=event_type", "group_by=admin1,inter&interval=week", "group_by=country&top=1",
             "group_by=sub_event_type,disorder_type&interval=day&top=2", "interval=month"]


@pytest.mark.parametrize("filters", TOTAL_FILTERS)
def test_totals_agree_with_events(client, world, filters):
    listed = client.get(f"/events?{filters}&with_total=true&limit=5000").get_json()
    fatalities = sum(e["fatalities"] for e in listed["items"])

    for grouping in GROUPINGS:
        items = stats(client, f"{filters}&{grouping}")
        assert (grouping, sum(i["events"] for i in items)) == (grouping, listed["total"])
        assert (grouping, sum(i["fatalities"] for i in items)) == (grouping, fatalities)


@pytest.mark.parametrize("query, field, status", [
    ("group_by=bogus", "group_by", 422),
    ("group_by=event_type,country,admin1", "group_by", 422),
    ("group_by=", "group_by", 422),
    ("interval=hour", "interval", 422),
    ("top=0", "top", 422),
    ("group_by=event_type&top=-1", "top", 422),
    ("group_by=event_type&top=x", "top", 422),
    ("top=3", "top", 422),  # top needs group_by
    ("format=geojson", "format", 422),
    ("date_from=2024-02-30", "date_from", 422),
    ("date_from=2024-03-01&date_to=2024-02-01", "date_from", 422),
    ("event_type=Parades", "event_type", 422),
    ("sort=-event_date", "sort", 400),  # not a /stats parameter
    ("limit=10", "limit", 400),
    ("groupby=event_type", "groupby", 400),
])
def test_bad_parameters_are_problems_naming_the_parameter(client, world, query, field, status):
    resp = client.get(f"/stats?{query}")

    assert resp.status_code == status
    assert resp.content_type == "application/problem+json"
    body = resp.get_json()
    assert body["status"] == status and body["title"] and body["detail"]
    assert field in body["errors"]


def test_too_many_rows_is_a_400_naming_interval(client, world, monkeypatch):
    from service.stats import queries
    monkeypatch.setattr(queries, "MAX_ROWS", 10)

    resp = client.get("/stats?interval=day&date_from=2024-01-01&date_to=2024-01-31")

    assert resp.status_code == 400
    assert resp.content_type == "application/problem+json"
    assert "interval" in resp.get_json()["errors"]


def test_unacceptable_media_type_is_406(client, world):
    resp = client.get("/stats", headers={"Accept": "application/geo+json"})

    assert resp.status_code == 406
    assert resp.content_type == "application/problem+json"
