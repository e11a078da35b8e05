"""Reviewing extracted events: confidence, the review queue, POST /events/{id}/review, the history of every change,
and the rule that a reviewed or hand-edited event survives re-extracting its article."""
from __future__ import annotations

from datetime import date

import pytest

from service.articles.service import ArticleInput, code_and_store, store_article
from service.db import Database
from service.extraction import dedup_key
from service.queries import all_queries

from .samples import ZAMFARA

PROBLEM_JSON = "application/problem+json"
# the same article, edited: new wording that still reports the killing, and a version that no longer does
REWORDED = dict(ZAMFARA, body=ZAMFARA["body"] + " Residents fled the town after the attack, a local leader said.")
RETRACTED = dict(ZAMFARA, body="Protesters marched peacefully in Abuja on Saturday to demand better security, "
                               "organisers said.")
EDIT = {"fatalities": 7, "event_date": "2024-03-16", "location": "Tsafe", "notes": "Corrected from the police report."}


@pytest.fixture
def db(database_url):
    database = Database(database_url, min_size=1, max_size=2, queries=all_queries())
    yield database
    database.close()


def strike(confidence: float, place: str = "Gusau", day: str = "2024-03-17") -> dict:
    """An air strike as the extractor would code it, with the confidence the test needs."""
    evidence = f"Jets bombed {place}."
    return {
        "event_date": day, "time_precision": 1, "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike", "actor1": "Military Forces of Nigeria (2023-)", "inter1": 1,
        "actor2": None, "inter2": None, "civilian_targeting": False, "iso3": "NGA", "country": "Nigeria",
        "admin1": "Zamfara", "admin2": None, "location": place, "latitude": None, "longitude": None,
        "geo_precision": 1, "fatalities": 0, "notes": None, "confidence": confidence,
        "sources": [{"evidence": evidence, "start": 0, "end": len(evidence)}],
    }


def load(db, url: str, *events: dict, body: str = "Jets bombed Zamfara.") -> list[int]:
    """Store an article coded as `events` (no extractor involved); the ids of its events."""
    with db.session() as s:
        return store_article(s, ArticleInput("Strikes in Zamfara", body, date(2024, 3, 18), url=url),
                             list(events), dedup_key).event_ids


def history(dbq, event_id: int) -> list[dict]:
    return dbq("SELECT id, event_id, at, action, cause, article_id, who, changes FROM event_history "
               "WHERE event_id = %s ORDER BY id", (event_id,))


def event_row(dbq, event_id: int) -> dict:
    [row] = dbq("SELECT e.*, l.location FROM events e JOIN locations l ON l.id = e.location_id WHERE e.id = %s",
                (event_id,))
    return row


def pending_ids(client, query: str = "") -> list[int]:
    resp = client.get(f"/events?review=pending{query}")
    assert resp.status_code == 200, resp.get_json()
    return sorted(item["id"] for item in resp.get_json()["items"])


# --- the rule: edits survive re-extraction -------------------------------------------------------------------

def test_an_edited_event_survives_reloading_its_edited_article_without_a_duplicate(client, dbq):
    posted = client.post("/articles", json=ZAMFARA).get_json()
    article_id, [event] = posted["id"], posted["events"]
    assert event["confidence"] is not None and event["review_status"] == "unreviewed"
    key = event_row(dbq, event["id"])["dedup_key"]
    edited = client.patch(f"/events/{event['id']}", json=EDIT)
    assert edited.status_code == 200, edited.get_json()
    after_edit, trail = event_row(dbq, event["id"]), history(dbq, event["id"])
    assert after_edit["dedup_key"] == key  # the extraction-time key: the article still finds its event
    assert [(h["action"], h["cause"]) for h in trail] == [("create", "article"), ("update", "api")]

    for version in (REWORDED, RETRACTED, REWORDED, ZAMFARA):
        assert client.post("/articles", json=version).get_json()["status"] == "updated"

        assert event_row(dbq, event["id"]) == after_edit  # every column: fields, version, review state, key
        assert history(dbq, event["id"]) == trail
        assert dbq("SELECT count(*) > 0 AS linked FROM event_sources WHERE event_id = %s AND article_id = %s",
                   (event["id"], article_id)) == [{"linked": True}]
        attacks = dbq("SELECT id FROM events WHERE sub_event_type = 'Attack' AND deleted_at IS NULL")
        assert attacks == [{"id": event["id"]}]
    assert dbq("SELECT count(*) AS n FROM events WHERE sub_event_type = 'Attack'") == [{"n": 1}]
    shown = client.get(f"/events/{event['id']}").get_json()
    assert (shown["fatalities"], shown["location"], shown["review_status"]) == (7, "Tsafe", "corrected")
    assert {s["article_id"] for s in shown["sources"]} == {article_id}


def test_a_reviewed_event_keeps_its_evidence_when_the_article_stops_reporting_it(client, dbq):
    posted = client.post("/articles", json=ZAMFARA).get_json()
    event_id = posted["events"][0]["id"]
    assert client.post(f"/events/{event_id}/review", json={"status": "confirmed"}).status_code == 200
    before = event_row(dbq, event_id)

    assert client.post("/articles", json=RETRACTED).get_json()["status"] == "updated"

    assert event_row(dbq, event_id) == before
    [source] = dbq("SELECT article_id, evidence FROM event_sources WHERE event_id = %s", (event_id,))
    assert source["article_id"] == posted["id"] and "Gusau" in source["evidence"]
    assert [h["action"] for h in history(dbq, event_id)] == ["create", "review"]


def test_an_unreviewed_event_is_still_removed_and_its_history_says_why(client, dbq):
    posted = client.post("/articles", json=ZAMFARA).get_json()
    event_id = posted["events"][0]["id"]

    assert client.post("/articles", json=RETRACTED).get_json()["status"] == "updated"

    assert event_row(dbq, event_id)["deleted_at"] is not None
    assert [(h["action"], h["cause"], h["article_id"]) for h in history(dbq, event_id)] == [
        ("create", "article", posted["id"]), ("delete", "article", posted["id"])]
    assert history(dbq, event_id)[1]["changes"] == {"deleted": {"before": False, "after": True}}


# --- confidence --------------------------------------------------------------------------------------------------

def test_confidence_is_the_best_of_the_events_sources_and_follows_reloads(client, db, dbq):
    [event_id] = load(db, "https://example.org/a", strike(0.5))
    assert load(db, "https://example.org/b", strike(0.9)) == [event_id]
    assert event_row(dbq, event_id)["confidence"] == pytest.approx(0.9)

    # the second article is edited and no longer reports the strike: the best evidence left is 0.5
    load(db, "https://example.org/b", body="Nothing happened in Zamfara.")

    assert client.get(f"/events/{event_id}").get_json()["confidence"] == 0.5
    changes = [(h["action"], h["cause"], h["changes"]) for h in history(dbq, event_id)]
    assert changes[0][0] == "create" and changes[0][2]["confidence"] == {"before": None, "after": 0.5}
    assert changes[1:] == [("update", "article", {"confidence": {"before": 0.5, "after": 0.9}}),
                           ("update", "article", {"confidence": {"before": 0.9, "after": 0.5}})]


def test_an_event_created_by_hand_has_no_confidence_and_never_waits_for_review(client):
    created = client.post("/events", json={
        "event_date": "2024-05-01", "sub_event_type": "Armed clash", "iso3": "SDN", "location": "Omdurman",
        "actor1": "Rapid Support Forces", "inter1": 2}).get_json()

    assert (created["confidence"], created["review_status"], created["reviewed_at"]) == (None, "unreviewed", None)
    assert created["id"] not in pending_ids(client)


# --- the review queue ----------------------------------------------------------------------------------------------

def test_the_pending_queue_follows_the_configured_threshold_and_other_filters(app, client, db):
    low, exact, high = (load(db, f"https://example.org/{n}", strike(c, place=p))[0]
                        for n, c, p in (("low", 0.5, "Gusau"), ("exact", 0.8, "Tsafe"), ("high", 0.85, "Anka")))

    assert pending_ids(client) == [low]  # default 0.8; an event at exactly the threshold is not pending
    app.config["EVENTSVC"].REVIEW_CONFIDENCE_THRESHOLD = 0.9
    assert pending_ids(client) == sorted([low, exact, high])
    assert pending_ids(client, "&location=Tsafe,Anka") == sorted([exact, high])
    first = client.get("/events?review=pending&limit=2&with_total=true&sort=event_date").get_json()
    assert first["total"] == 3 and len(first["items"]) == 2 and first["next"]
    rest = client.get(first["next"].replace("http://localhost", "")).get_json()
    assert sorted([i["id"] for i in first["items"] + rest["items"]]) == sorted([low, exact, high])
    stats = client.get("/stats?review=pending&group_by=admin1").get_json()
    assert sum(row["events"] for row in stats["items"]) == 3
    assert client.get("/events?review=reviewed").get_json()["items"] == []
    assert client.get("/events?review=maybe").status_code == 422


def test_a_review_takes_the_event_out_of_the_queue(client, db):
    [low] = load(db, "https://example.org/low", strike(0.5))
    assert pending_ids(client) == [low]

    assert client.post(f"/events/{low}/review", json={"status": "confirmed"}).status_code == 200

    assert pending_ids(client) == []
    assert [i["id"] for i in client.get("/events?review=reviewed").get_json()["items"]] == [low]


def test_a_hand_edit_takes_the_event_out_of_the_queue(client, db):
    [low] = load(db, "https://example.org/low", strike(0.5))

    assert client.patch(f"/events/{low}", json={"fatalities": 2}).status_code == 200

    assert pending_ids(client) == []
    assert [i["id"] for i in client.get("/events?review=reviewed").get_json()["items"]] == [low]


# --- POST /events/{id}/review --------------------------------------------------------------------------------------

def test_confirming_keeps_the_event_and_records_the_review(client, db, dbq):
    [event_id] = load(db, "https://example.org/low", strike(0.5))
    before = client.get(f"/events/{event_id}")

    resp = client.post(f"/events/{event_id}/review", json={"status": "confirmed"},
                       headers={"If-Match": before.headers["ETag"]})

    assert resp.status_code == 200, resp.get_json()
    body = resp.get_json()
    assert body["review_status"] == "confirmed" and body["reviewed_at"]
    assert body["version"] == before.get_json()["version"] + 1 and resp.headers["ETag"] == f'"{body["version"]}"'
    unchanged = {k: v for k, v in before.get_json().items()
                 if k not in ("review_status", "reviewed_at", "version", "timestamp")}
    assert {k: body[k] for k in unchanged} == unchanged
    row = event_row(dbq, event_id)
    assert (row["review_status"], row["reviewed_at"] is not None, row["fatalities"]) == ("confirmed", True, 0)
    last = history(dbq, event_id)[-1]
    assert (last["action"], last["cause"], last["who"], last["article_id"]) == ("review", "review", "test-admin", None)
    assert last["changes"] == {"review_status": {"before": "unreviewed", "after": "confirmed"}}


def test_correcting_applies_the_changes_as_patch_does_in_one_history_entry(client, db, dbq):
    [event_id] = load(db, "https://example.org/low", strike(0.5))
    entries = len(history(dbq, event_id))

    resp = client.post(f"/events/{event_id}/review", json={
        "status": "corrected", "changes": {"fatalities": 3, "sub_event_type": "Shelling/artillery/missile attack"}})

    assert resp.status_code == 200, resp.get_json()
    body = resp.get_json()
    assert (body["fatalities"], body["sub_event_type"], body["event_type"], body["review_status"]) == (
        3, "Shelling/artillery/missile attack", "Explosions/Remote violence", "corrected")
    assert body["time_precision"] == 1 and body["geo_precision"] == 1  # the patch schema's defaults are not sent
    row = event_row(dbq, event_id)
    assert (row["fatalities"], row["sub_event_type"], row["review_status"]) == (
        3, "Shelling/artillery/missile attack", "corrected")
    [entry] = history(dbq, event_id)[entries:]
    assert (entry["action"], entry["cause"]) == ("review", "review")
    assert entry["changes"] == {"fatalities": {"before": 0, "after": 3},
                                "sub_event_type": {"before": "Air/drone strike",
                                                   "after": "Shelling/artillery/missile attack"},
                                "review_status": {"before": "unreviewed", "after": "corrected"}}


@pytest.mark.parametrize("status, body, headers", [
    (412, {"status": "confirmed"}, {"If-Match": '"99"'}),
    (404, {"status": "confirmed"}, {}),
    (422, {"status": "approved"}, {}),
    (422, {"status": "corrected"}, {}),
    (422, {"status": "corrected", "changes": {"fatalities": -1}}, {}),
    (422, {"status": "corrected", "changes": {"colour": "red"}}, {}),
], ids=["stale If-Match", "unknown event", "unknown status", "corrected without changes", "invalid change",
        "unknown change field"])
def test_a_refused_review_is_problem_json_and_changes_nothing(client, db, dbq, status, body, headers):
    [event_id] = load(db, "https://example.org/low", strike(0.5))
    before = (event_row(dbq, event_id), dbq("SELECT * FROM event_history ORDER BY id"))
    target = 424242 if status == 404 else event_id

    resp = client.post(f"/events/{target}/review", json=body, headers=headers)

    assert resp.status_code == status and resp.mimetype == PROBLEM_JSON
    assert resp.get_json()["status"] == status
    assert (event_row(dbq, event_id), dbq("SELECT * FROM event_history ORDER BY id")) == before


# --- GET /events/{id}/history --------------------------------------------------------------------------------------

def test_history_lists_every_change_oldest_first_and_outlives_the_event(client):
    created = client.post("/events", json={
        "event_date": "2024-05-01", "sub_event_type": "Armed clash", "iso3": "SDN", "location": "Omdurman",
        "actor1": "Rapid Support Forces", "inter1": 2, "fatalities": 5}).get_json()
    path = f"/events/{created['id']}"
    assert client.patch(path, json={"fatalities": 6}).status_code == 200
    assert client.put(path, json={"event_date": "2024-05-02", "sub_event_type": "Armed clash", "iso3": "SDN",
                                  "location": "Omdurman", "actor1": "Rapid Support Forces", "fatalities": 6}
                      ).status_code == 200
    assert client.post(f"{path}/review", json={"status": "confirmed"}).status_code == 200
    assert client.delete(path).status_code == 204

    resp = client.get(f"{path}/history")

    assert resp.status_code == 200 and client.get(path).status_code == 404
    items = resp.get_json()["items"]
    assert [(i["action"], i["cause"]) for i in items] == [
        ("create", "api"), ("update", "api"), ("update", "api"), ("review", "review"), ("delete", "api")]
    assert [i["id"] for i in items] == sorted(i["id"] for i in items)
    assert [i["at"] for i in items] == sorted(i["at"] for i in items)
    assert items[0]["changes"]["fatalities"] == {"before": None, "after": 5}
    assert items[1]["changes"] == {"fatalities": {"before": 5, "after": 6},
                                   "review_status": {"before": "unreviewed", "after": "corrected"}}
    assert items[2]["changes"] == {"event_date": {"before": "2024-05-01", "after": "2024-05-02"}}
    assert items[3]["changes"] == {"review_status": {"before": "corrected", "after": "confirmed"}}
    assert items[4]["changes"] == {"deleted": {"before": False, "after": True}}
    assert all(i["who"] == "test-admin" and i["event_id"] == created["id"] for i in items)


def test_history_of_an_id_that_never_existed_is_404(client):
    resp = client.get("/events/424242/history")

    assert resp.status_code == 404 and resp.mimetype == PROBLEM_JSON


def test_the_loader_writes_history_too(database_url, db, dbq):
    with db.session() as s:
        stored = code_and_store(s, ZAMFARA)

    [entry] = history(dbq, stored.event_ids[0])
    assert (entry["action"], entry["cause"], entry["article_id"]) == ("create", "article", stored.article_id)
    assert entry["changes"]["location"] == {"before": None, "after": "Gusau"}
