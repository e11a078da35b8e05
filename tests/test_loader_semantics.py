"""What the loader does with incidents it has seen before: one dedup key, no race on a new incident, user deletions
stick, loader removals do not; the same story from two outlets; a corrected place."""
from __future__ import annotations

import threading
import time
from datetime import date

import psycopg
import pytest

from service.articles.service import ArticleInput, code_and_store, store_article
from service.db import Database
from service.extraction import dedup_key
from service.queries import all_queries

from .samples import ZAMFARA

RETOLD = dict(ZAMFARA, title="Five killed in Zamfara attack", url="https://example.org/zamfara-2",
              body="Gunmen killed five villagers in an attack on Gusau in Zamfara state, Nigeria, on "
                   "Sunday, a local official said.")
PROTEST = "Protesters marched peacefully in Abuja on Saturday to demand better security, organisers said."


def strike(sub_event_type: str, evidence: str) -> dict:
    """An explosion in Gusau on 2024-03-17 by the Nigerian military, as the extractor would code it."""
    return {
        "event_date": "2024-03-17", "time_precision": 1, "event_type": "Explosions/Remote violence",
        "sub_event_type": sub_event_type, "actor1": "Military Forces of Nigeria (2023-)", "inter1": 1,
        "actor2": None, "inter2": None, "civilian_targeting": False, "iso3": "NGA", "country": "Nigeria",
        "admin1": "Zamfara", "admin2": None, "location": "Gusau", "latitude": 12.17024, "longitude": 6.66412,
        "geo_precision": 1, "fatalities": 0, "notes": None, "confidence": 0.8,
        "sources": [{"evidence": evidence, "start": 0, "end": len(evidence)}],
    }


@pytest.fixture
def db(database_url):
    database = Database(database_url, min_size=1, max_size=3, queries=all_queries())
    yield database
    database.close()


def live_events(dbq) -> list[dict]:
    return dbq("SELECT id, sub_event_type FROM events WHERE deleted_at IS NULL ORDER BY id")


# --- 1. one dedup key -----------------------------------------------------------------------------

def test_an_air_strike_and_a_shelling_in_the_same_town_on_the_same_day_are_two_events(db, dbq):
    air, shelling = strike("Air/drone strike", "Jets bombed Gusau."), strike(
        "Shelling/artillery/missile attack", "Artillery shelled Gusau.")
    assert dedup_key(air) != dedup_key(shelling)
    with db.session() as s:
        store_article(s, ArticleInput("Jets bomb Gusau", "Jets bombed Gusau.", date(2024, 3, 18),
                                      url="https://example.org/air"), [air], dedup_key)
    with db.session() as s:
        second = store_article(s, ArticleInput("Gusau shelled", "Artillery shelled Gusau.", date(2024, 3, 18),
                                               url="https://example.org/shelling"), [shelling], dedup_key)

    assert (second.created, second.linked) == (1, 0)
    assert [e["sub_event_type"] for e in live_events(dbq)] == ["Air/drone strike",
                                                               "Shelling/artillery/missile attack"]


# --- 2. two transactions coding the same new incident ---------------------------------------------

def test_two_concurrent_articles_about_one_new_incident_link_instead_of_failing(db, dbq, database_url):
    first_stored, outcome = threading.Event(), {}

    def second_article():
        first_stored.wait(10)
        try:
            with db.session() as s:
                outcome["result"] = code_and_store(s, RETOLD)
        except Exception as exc:  # noqa: BLE001 - the test reports whatever the second writer hit
            outcome["error"] = exc

    worker = threading.Thread(target=second_article)
    worker.start()
    with db.session() as s:
        first = code_and_store(s, ZAMFARA)
        first_stored.set()
        # commit only once the second transaction waits on this one
        with psycopg.connect(database_url, autocommit=True) as watcher:
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and not watcher.execute(
                    "SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
            ).fetchone():
                time.sleep(0.02)
    worker.join(15)

    assert "error" not in outcome, outcome.get("error")
    assert first.created == 1 and (outcome["result"].created, outcome["result"].linked) == (0, 1)
    assert outcome["result"].event_ids == first.event_ids
    assert dbq("SELECT count(DISTINCT article_id) AS n FROM event_sources WHERE event_id = %s",
               (first.event_ids[0],))[0]["n"] == 2


# --- 3. deletions -----------------------------------------------------------------------------------

def test_an_incident_a_user_deleted_is_neither_recreated_nor_linked_by_a_later_article(client, db, dbq):
    event_id = client.post("/articles", json=ZAMFARA).json["events"][0]["id"]
    assert client.delete(f"/events/{event_id}").status_code == 204

    with db.session() as s:  # the supporting article is edited: it still reports the incident
        edited = code_and_store(s, dict(ZAMFARA, body=ZAMFARA["body"] + " Residents fled the town."))
    with db.session() as s:  # and another outlet tells it too
        retold = code_and_store(s, RETOLD)

    assert edited.created == edited.linked == retold.created == retold.linked == 0
    assert live_events(dbq) == []
    assert dbq("SELECT count(*) AS n FROM event_sources")[0]["n"] == 0
    assert dbq("SELECT dedup_key IS NOT NULL AS kept FROM events WHERE id = %s", (event_id,))[0]["kept"]


def test_an_incident_the_loader_removed_comes_back_when_an_article_reports_it_again(db, dbq):
    with db.session() as s:
        first = code_and_store(s, ZAMFARA)
    with db.session() as s:  # the article is edited: it no longer reports the killing
        assert code_and_store(s, dict(ZAMFARA, body=PROTEST)).removed == 1
    assert dbq("SELECT dedup_key FROM events WHERE id = %s", (first.event_ids[0],))[0]["dedup_key"] is None

    with db.session() as s:
        again = code_and_store(s, RETOLD)

    assert again.created == 1 and again.event_ids != first.event_ids
    assert "Attack" in [e["sub_event_type"] for e in live_events(dbq)]


# --- 4. the same story from two outlets -------------------------------------------------------------

def test_identical_text_under_a_second_url_is_a_second_source(client, dbq):
    first = client.post("/articles", json=ZAMFARA)
    second = client.post("/articles", json=dict(ZAMFARA, outlet="Other Wire", url="https://other.example/gusau"))

    assert first.status_code == 201 and second.status_code == 201, second.json
    assert second.json["id"] != first.json["id"]
    assert [e["id"] for e in second.json["events"]] == [e["id"] for e in first.json["events"]]
    assert dbq("SELECT count(*) AS n FROM articles")[0]["n"] == 2
    assert {s["url"] for s in client.get(f"/events/{first.json['events'][0]['id']}").json["sources"]} == {
        ZAMFARA["url"], "https://other.example/gusau"}


# --- 6. a corrected place ----------------------------------------------------------------------------

def test_correcting_a_known_places_coordinates_and_precision_is_stored(client, dbq):
    event = client.post("/articles", json=ZAMFARA).json["events"][0]
    changes = {"latitude": 12.2, "longitude": 6.7, "geo_precision": 2}

    resp = client.patch(f"/events/{event['id']}", json=changes)

    assert resp.status_code == 200, resp.json
    assert {k: resp.json[k] for k in changes} == changes
    assert dbq("SELECT latitude, longitude, geo_precision FROM locations WHERE location = 'Gusau'") == [changes]
    # a place sent without coordinates keeps the known ones
    put = {k: event[k] for k in ("event_date", "sub_event_type", "iso3", "admin1", "location", "actor1",
                                 "actor2", "fatalities")}
    assert client.put(f"/events/{event['id']}", json={**put, "geo_precision": 2}).status_code == 200
    assert dbq("SELECT latitude, longitude FROM locations WHERE location = 'Gusau'") == [
        {"latitude": 12.2, "longitude": 6.7}]
