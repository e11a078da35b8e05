"""Mirroring clients: `updated_since` returns what changed, oldest change first, deletions as tombstones."""
from __future__ import annotations

from datetime import datetime
from urllib.parse import quote

import pytest


def event(**overrides) -> dict:
    body = {"event_date": "2024-05-01", "sub_event_type": "Armed clash", "iso3": "SDN", "admin1": "Khartoum",
            "location": "Omdurman", "latitude": 15.64, "longitude": 32.48, "actor1": "Rapid Support Forces",
            "inter1": 2, "fatalities": 1}
    body.update(overrides)
    return body


@pytest.fixture
def abc(client):
    """Three events A, B, C, created in that order: ids."""
    ids = []
    for day, iso3 in (("2024-05-01", "SDN"), ("2024-05-02", "SYR"), ("2024-05-03", "SDN")):
        resp = client.post("/events", json=event(event_date=day, iso3=iso3, admin1=None, location=f"Town {day}"))
        assert resp.status_code == 201
        ids.append(resp.get_json()["id"])
    return ids


def sync(client, since: str, extra: str = "") -> list[dict]:
    resp = client.get(f"/events?updated_since={quote(since)}{extra}")
    assert resp.status_code == 200, resp.get_json()
    return resp.get_json()["items"]


def test_a_mirror_sees_updates_and_deletions_in_the_order_they_happened(client, abc):
    a, b, c = abc
    first = sync(client, "2000-01-01T00:00:00Z")
    assert [i["id"] for i in first] == [a, b, c]  # updated_at ascending
    since = max(i["updated_at"] for i in first)  # C's

    assert client.delete(f"/events/{b}").status_code == 204
    assert client.patch(f"/events/{c}", json={"fatalities": 9}).status_code == 200

    changes = sync(client, since)
    tombstone, updated = changes
    assert tombstone == {"id": b, "deleted": True, "updated_at": tombstone["updated_at"]}
    assert datetime.fromisoformat(tombstone["updated_at"]) >= datetime.fromisoformat(since)
    assert updated["id"] == c and updated["fatalities"] == 9 and "deleted" not in updated
    assert updated["updated_at"] >= tombstone["updated_at"]


def test_normal_reads_never_show_deleted_events(client, abc):
    a, b, c = abc
    assert client.delete(f"/events/{b}").status_code == 204

    assert [i["id"] for i in client.get("/events").get_json()["items"]] == [c, a]
    assert [i["id"] for i in client.get("/events?sort=updated_at").get_json()["items"]] == [a, c]
    assert client.get("/events?with_total=true").get_json()["total"] == 2
    assert client.get(f"/events/{b}").status_code == 404


def test_tombstones_follow_the_filters_a_deleted_event_still_answers(client, abc):
    a, b, c = abc  # B is in Syria
    assert client.delete(f"/events/{b}").status_code == 204
    since = "2000-01-01T00:00:00Z"

    assert [i["id"] for i in sync(client, since, "&country=SYR")] == [b]
    assert [i["id"] for i in sync(client, since, "&country=SDN")] == [a, c]
    assert [i["id"] for i in sync(client, since, "&date_to=2024-05-02")] == [a, b]
    # a deleted event has lost its actors: actor filters cannot exclude its tombstone
    assert [i["id"] for i in sync(client, since, "&actor=Nobody")] == [b]
    assert [i["id"] for i in sync(client, since, "&actor=Rapid Support Forces")] == [a, c, b]


def test_sync_pages_walk_with_cursors_and_count_tombstones(client, abc):
    a, b, c = abc
    for event_id in (a, c):
        assert client.delete(f"/events/{event_id}").status_code == 204

    seen, url = [], f"/events?updated_since={quote('2000-01-01T00:00:00Z')}&limit=1&with_total=true"
    while url:
        body = client.get(url).get_json()
        assert body["total"] == 3
        seen += body["items"]
        url = body["next"]

    assert [(i["id"], i.get("deleted", False)) for i in seen] == [(b, False), (a, True), (c, True)]


def test_updated_since_takes_unix_seconds_and_offsets(client, abc):
    assert len(sync(client, "946684800")) == 3  # 2000-01-01T00:00:00Z
    assert len(sync(client, "2000-01-01T02:00:00+02:00")) == 3
    assert sync(client, "4102444800") == []  # 2100-01-01


def test_explicit_sort_is_kept_with_updated_since(client, abc):
    a, b, c = abc
    assert [i["id"] for i in sync(client, "2000-01-01", "&sort=-event_date")] == [c, b, a]
    assert [i["id"] for i in sync(client, "2000-01-01", "&sort=-updated_at")] == [c, b, a]
