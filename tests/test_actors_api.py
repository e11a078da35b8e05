"""/actors: create, list, read, replace, patch, delete — status, body, and what the database holds after."""
from __future__ import annotations

import pytest


def rsf(**overrides) -> dict:
    body = {"name": "Rapid Support Forces", "aliases": ["RSF"], "inter": 2, "iso3": "SDN"}
    body.update(overrides)
    return body


def create(client, body: dict) -> dict:
    resp = client.post("/actors", json=body)
    assert resp.status_code == 201, resp.get_json()
    return resp.get_json()


def event_with(actor1: str, event_date: str, **overrides) -> dict:
    body = {"event_date": event_date, "sub_event_type": "Armed clash", "iso3": "SDN", "location": "Omdurman",
            "actor1": actor1}
    body.update(overrides)
    return body


def actor_rows(dbq) -> list[dict]:
    return dbq("SELECT id, name, aliases, inter, iso3, version FROM actors ORDER BY id")


def test_create_returns_the_actor_and_stores_it(client, dbq):
    resp = client.post("/actors", json=rsf())

    assert resp.status_code == 201
    body = resp.get_json()
    assert resp.headers["Location"].endswith(f"/actors/{body['id']}")
    assert resp.headers["ETag"] == f'"{body["version"]}"'
    assert {k: body[k] for k in ("name", "aliases", "inter", "iso3", "event_count", "first_event_date",
                                 "last_event_date", "version")} == {
        "name": "Rapid Support Forces", "aliases": ["RSF"], "inter": 2, "iso3": "SDN", "event_count": 0,
        "first_event_date": None, "last_event_date": None, "version": 1}
    assert actor_rows(dbq) == [{"id": body["id"], "name": "Rapid Support Forces", "aliases": ["RSF"], "inter": 2,
                                "iso3": "SDN", "version": 1}]


def test_create_squeezes_whitespace_in_names(client, dbq):
    body = create(client, rsf(name="  Rapid   Support Forces "))

    assert body["name"] == "Rapid Support Forces"
    assert dbq("SELECT name FROM actors") == [{"name": "Rapid Support Forces"}]


@pytest.mark.parametrize("name", ["Rapid Support Forces", "RAPID SUPPORT FORCES", "rapid support forces"])
def test_duplicate_name_is_409_and_keeps_one_row(client, dbq, name):
    create(client, rsf())

    resp = client.post("/actors", json=rsf(name=name, inter=3))

    assert resp.status_code == 409
    assert resp.content_type == "application/problem+json"
    assert "name" in resp.get_json()["errors"]
    assert [(r["name"], r["inter"]) for r in actor_rows(dbq)] == [("Rapid Support Forces", 2)]


def test_get_counts_events_and_their_date_range(client):
    actor = create(client, rsf())
    for day in ("2024-05-03", "2024-04-28", "2024-05-10"):
        assert client.post("/events", json=event_with("Rapid Support Forces", day)).status_code == 201
    deleted = client.post("/events", json=event_with("rapid support forces", "2023-01-01")).get_json()
    assert client.delete(f"/events/{deleted['id']}").status_code == 204

    resp = client.get(f"/actors/{actor['id']}")

    assert resp.status_code == 200
    body = resp.get_json()
    assert (body["event_count"], body["first_event_date"], body["last_event_date"]) == (3, "2024-04-28", "2024-05-10")
    assert resp.headers["ETag"] == f'"{body["version"]}"'


def test_put_replaces_every_field(client, dbq):
    actor = create(client, rsf())

    resp = client.put(f"/actors/{actor['id']}", json={"name": "RSF", "inter": 3})

    assert resp.status_code == 200
    body = resp.get_json()
    assert (body["name"], body["aliases"], body["inter"], body["iso3"], body["version"]) == ("RSF", [], 3, None, 2)
    assert actor_rows(dbq) == [{"id": actor["id"], "name": "RSF", "aliases": [], "inter": 3, "iso3": None,
                                "version": 2}]


def test_patch_changes_only_what_was_sent(client, dbq):
    actor = create(client, rsf())

    resp = client.patch(f"/actors/{actor['id']}", json={"aliases": ["RSF", "Janjaweed successor"]})

    assert resp.status_code == 200
    assert actor_rows(dbq) == [{"id": actor["id"], "name": "Rapid Support Forces",
                                "aliases": ["RSF", "Janjaweed successor"], "inter": 2, "iso3": "SDN", "version": 2}]
    assert resp.get_json()["inter"] == 2


def test_renaming_an_actor_shows_in_its_events(client, dbq):
    actor = create(client, rsf())
    event = client.post("/events", json=event_with("Rapid Support Forces", "2024-05-01")).get_json()

    assert client.patch(f"/actors/{actor['id']}", json={"name": "RSF"}).status_code == 200

    after = client.get(f"/events/{event['id']}").get_json()
    assert after["actor1"] == "RSF"
    assert after["version"] == event["version"] + 1
    assert dbq("SELECT version FROM events") == [{"version": event["version"] + 1}]


def test_rename_onto_another_actors_name_is_409_and_changes_nothing(client, dbq):
    create(client, rsf())
    other = create(client, rsf(name="Military Forces of Sudan", aliases=[], inter=1))
    before = actor_rows(dbq)

    resp = client.patch(f"/actors/{other['id']}", json={"name": "rapid support forces"})

    assert resp.status_code == 409
    assert actor_rows(dbq) == before


def test_stale_if_match_is_412_and_changes_nothing(client, dbq):
    actor = create(client, rsf())
    assert client.patch(f"/actors/{actor['id']}", json={"inter": 3}).status_code == 200
    before = actor_rows(dbq)

    resp = client.put(f"/actors/{actor['id']}", json=rsf(inter=8), headers={"If-Match": f'"{actor["version"]}"'})

    assert resp.status_code == 412
    assert actor_rows(dbq) == before


def test_deleting_an_actor_that_events_use_is_409_and_keeps_it(client, dbq):
    actor = create(client, rsf())
    assert client.post("/events", json=event_with("Rapid Support Forces", "2024-05-01")).status_code == 201

    resp = client.delete(f"/actors/{actor['id']}")

    assert resp.status_code == 409
    assert resp.content_type == "application/problem+json"
    assert [r["id"] for r in actor_rows(dbq)] == [actor["id"]]
    assert client.get(f"/actors/{actor['id']}").status_code == 200


def test_deleting_an_unused_actor_removes_it(client, dbq):
    actor = create(client, rsf())

    resp = client.delete(f"/actors/{actor['id']}")

    assert resp.status_code == 204
    assert actor_rows(dbq) == []
    assert client.get(f"/actors/{actor['id']}").status_code == 404


def test_an_actor_whose_only_event_was_deleted_can_be_deleted(client, dbq):
    actor = create(client, rsf())
    event = client.post("/events", json=event_with("Rapid Support Forces", "2024-05-01")).get_json()
    assert client.delete(f"/events/{event['id']}").status_code == 204

    assert client.delete(f"/actors/{actor['id']}").status_code == 204
    assert actor_rows(dbq) == []


def test_walking_every_page_returns_every_actor_once_by_name(client):
    names = ["Zeta Militia", "alpha group", "Beta Front", "ALPHA Brigade", "Gamma Forces"]
    ids = [create(client, {"name": n, "inter": 3})["id"] for n in names]

    seen, url = [], "/actors?limit=2"
    while url:
        resp = client.get(url)
        assert resp.status_code == 200
        page = resp.get_json()
        assert len(page["items"]) <= 2
        seen += page["items"]
        url = page["next"]

    assert sorted(a["id"] for a in seen) == sorted(ids)
    assert [a["name"] for a in seen] == ["ALPHA Brigade", "alpha group", "Beta Front", "Gamma Forces", "Zeta Militia"]


@pytest.mark.parametrize("query, status", [("limit=5001", 400), ("limit=0", 422), ("cursor=%%%", 400),
                                           ("nme=RSF", 400)])
def test_bad_list_parameters_are_problems(client, query, status):
    resp = client.get(f"/actors?{query}")

    assert resp.status_code == status
    assert resp.content_type == "application/problem+json"


@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
def test_unknown_actor_is_404_problem(client, dbq, method):
    resp = getattr(client, method)("/actors/424242", json=rsf())

    assert resp.status_code == 404
    assert resp.content_type == "application/problem+json"
    assert actor_rows(dbq) == []
