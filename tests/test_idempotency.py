"""Creates that can be retried: Idempotency-Key replays the first response; without it, the same incident twice
is a 409 that points at the first; single resources answer 304 to a current If-None-Match; actors keep a history."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from .conftest import bearer
from .test_events_api import example_event


def events(dbq) -> int:
    return dbq("SELECT count(*) AS n FROM events")[0]["n"]


def test_the_same_key_and_body_replay_the_first_response_and_create_nothing(client, dbq):
    headers = {"Idempotency-Key": "create-omdurman-1"}
    first = client.post("/events", json=example_event(), headers=headers)
    again = client.post("/events", json=example_event(), headers=headers)

    assert first.status_code == again.status_code == 201
    assert again.get_json() == first.get_json()
    assert again.headers["Location"] == first.headers["Location"] and again.headers["ETag"] == first.headers["ETag"]
    assert again.headers["Idempotent-Replayed"] == "true" and "Idempotent-Replayed" not in first.headers
    assert events(dbq) == 1
    assert dbq("SELECT count(*) AS n FROM event_history WHERE action = 'create'")[0]["n"] == 1


def test_the_same_key_with_another_body_is_422_and_changes_nothing(client, dbq):
    headers = {"Idempotency-Key": "k-1"}
    assert client.post("/events", json=example_event(), headers=headers).status_code == 201

    resp = client.post("/events", json=example_event(fatalities=9, location="Bahri"), headers=headers)

    assert resp.status_code == 422 and resp.mimetype == "application/problem+json"
    assert "Idempotency-Key" in resp.get_json()["errors"]
    assert events(dbq) == 1


def test_racing_twins_create_one_event_and_get_the_same_answer(app, dbq):
    def post(_):
        client = app.test_client()
        resp = client.post("/actors", json={"name": "Coastal Brigade", "inter": 3},
                           headers={**bearer("write"), "Idempotency-Key": "race-1"})
        return resp.status_code, resp.get_json()

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(post, range(4)))

    assert {status for status, _ in results} == {201}
    assert len({body["id"] for _, body in results}) == 1
    assert dbq("SELECT count(*) AS n FROM actors WHERE name = 'Coastal Brigade'")[0]["n"] == 1


def test_keys_are_per_api_key_and_expire_after_a_day(anon_client, dbq):
    key = {"Idempotency-Key": "shared-name"}
    one = anon_client.post("/actors", json={"name": "North Guard", "inter": 3}, headers={**bearer("write"), **key})
    two = anon_client.post("/actors", json={"name": "South Guard", "inter": 3}, headers={**bearer("admin"), **key})
    assert (one.status_code, two.status_code) == (201, 201) and one.get_json()["id"] != two.get_json()["id"]

    dbq("UPDATE idempotency_keys SET created_at = now() - interval '25 hours' RETURNING 1")
    three = anon_client.post("/actors", json={"name": "West Guard", "inter": 3}, headers={**bearer("write"), **key})
    assert three.status_code == 201 and three.get_json()["name"] == "West Guard"


def test_a_failed_request_is_not_remembered(client, dbq):
    headers = {"Idempotency-Key": "retry-after-fix"}
    bad = client.post("/events", json=example_event(fatalities=-1), headers=headers)
    assert bad.status_code == 422
    good = client.post("/events", json=example_event(), headers=headers)
    assert good.status_code == 201 and events(dbq) == 1


def test_a_malformed_idempotency_key_is_400(client, dbq):
    resp = client.post("/events", json=example_event(), headers={"Idempotency-Key": "has spaces in it"})
    assert resp.status_code == 400 and events(dbq) == 0


def test_the_same_incident_twice_is_a_409_that_points_at_the_first(client, dbq):
    first = client.post("/events", json=example_event()).get_json()

    resp = client.post("/events", json=example_event(fatalities=7, notes="told again"))

    assert resp.status_code == 409 and resp.mimetype == "application/problem+json"
    body = resp.get_json()
    assert body["existing_event"] == first["id"] and resp.headers["Location"] == f"/events/{first['id']}"
    assert events(dbq) == 1
    # another day is another incident; a deleted one may be recorded again
    assert client.post("/events", json=example_event(event_date="2024-05-02")).status_code == 201
    assert client.delete(f"/events/{first['id']}").status_code == 204
    assert client.post("/events", json=example_event()).status_code == 201
    assert events(dbq) == 3


def test_a_current_if_none_match_is_304_without_a_body(client):
    event = client.post("/events", json=example_event())
    path, tag = event.headers["Location"], event.headers["ETag"]

    resp = client.get(path, headers={"If-None-Match": tag})
    assert resp.status_code == 304 and resp.get_data() == b"" and resp.headers["ETag"] == tag
    client.patch(path, json={"fatalities": 8})
    resp = client.get(path, headers={"If-None-Match": tag})
    assert resp.status_code == 200 and resp.get_json()["fatalities"] == 8

    actor = client.post("/actors", json={"name": "Ridge Defenders", "inter": 4})
    resp = client.get(actor.headers["Location"], headers={"If-None-Match": f'W/{actor.headers["ETag"]}'})
    assert resp.status_code == 304


def test_an_actor_keeps_its_history_after_it_is_deleted(client, dbq):
    actor = client.post("/actors", json={"name": "Valley Front", "inter": 2}).get_json()
    client.patch(f"/actors/{actor['id']}", json={"inter": 3})
    assert client.delete(f"/actors/{actor['id']}").status_code == 204

    resp = client.get(f"/actors/{actor['id']}/history")

    assert resp.status_code == 200
    items = resp.get_json()["items"]
    assert [(i["action"], i["who"]) for i in items] == [("create", "test-admin"), ("update", "test-admin"),
                                                        ("delete", "test-admin")]
    assert items[1]["changes"] == {"inter": {"before": 2, "after": 3}}
    assert items[2]["changes"]["name"] == {"before": "Valley Front", "after": None}
    assert client.get("/actors/999999/history").status_code == 404


def test_an_actor_named_first_by_an_event_has_its_creation_recorded(client, dbq):
    event = client.post("/events", json=example_event()).get_json()
    actor_id = dbq("SELECT id FROM actors WHERE name = 'Rapid Support Forces'")[0]["id"]

    items = client.get(f"/actors/{actor_id}/history").get_json()["items"]

    assert [(i["action"], i["cause"], i["who"]) for i in items] == [("create", "api", "test-admin")]
    assert event["actor1"] == "Rapid Support Forces"


def test_a_keyed_article_is_coded_before_its_transaction_opens_and_replays(client, dbq, monkeypatch):
    from flask import g

    from service.articles import routes, service

    coded_inside = []
    real_code = service.code

    def code(data, processes):
        coded_inside.append(g.get("joined_session") is not None)
        return real_code(data, 0)

    monkeypatch.setattr(routes.service, "code", code)
    article = {"title": "Raid on a market", "published": "2024-03-18", "url": "https://example.org/keyed",
               "body": "Gunmen killed five villagers in an attack on Kulu in Nigeria's Zamfara state on Sunday."}
    first = client.post("/articles", json=article, headers={"Idempotency-Key": "article-1"})
    again = client.post("/articles", json=article, headers={"Idempotency-Key": "article-1"})

    assert first.status_code == again.status_code == 201 and again.get_json() == first.get_json()
    assert coded_inside and not any(coded_inside)  # never while the key's transaction (and connection) is held
    assert dbq("SELECT count(*) AS n FROM articles")[0]["n"] == 1
