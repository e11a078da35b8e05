"""/events: create, list, read, replace, patch, delete — status, body, and what the database holds after."""
from __future__ import annotations

import pytest

ACLED_FIELDS = {
    "id", "event_date", "time_precision", "event_type", "sub_event_type", "disorder_type", "actor1",
    "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "iso3",
    "country", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision", "fatalities", "notes",
    "sources", "timestamp",
}


def example_event(**overrides) -> dict:
    """The issue's example body; inter codes are given because the two actors are new to the service."""
    body = {"event_date": "2024-05-01", "event_type": "Battles", "sub_event_type": "Armed clash", "iso3": "SDN",
            "admin1": "Khartoum", "location": "Omdurman", "latitude": 15.64, "longitude": 32.48,
            "actor1": "Rapid Support Forces", "inter1": 2, "actor2": "Military Forces of Sudan", "inter2": 1,
            "fatalities": 5}
    body.update(overrides)
    return body


def omit(body: dict, *keys: str) -> dict:
    return {k: v for k, v in body.items() if k not in keys}


def create(client, body: dict) -> dict:
    resp = client.post("/events", json=body)
    assert resp.status_code == 201, resp.get_json()
    return resp.get_json()


def count(dbq, table: str) -> int:
    return dbq(f"SELECT count(*) AS n FROM {table}")[0]["n"]


def roles(dbq, event_id: int) -> dict[str, list[str]]:
    rows = dbq("SELECT ea.role, a.name FROM event_actors ea JOIN actors a ON a.id = ea.actor_id "
               "WHERE ea.event_id = %s ORDER BY ea.role, a.name", (event_id,))
    out: dict[str, list[str]] = {}
    for row in rows:
        out.setdefault(row["role"], []).append(row["name"])
    return out


# --- create --------------------------------------------------------------------------------------

def test_create_returns_the_flat_acled_record_and_writes_every_table(client, dbq):
    resp = client.post("/events", json=example_event(notes="Clashes in Omdurman."))

    assert resp.status_code == 201
    body = resp.get_json()
    assert ACLED_FIELDS <= set(body)
    assert resp.headers["Location"].endswith(f"/events/{body['id']}")
    assert resp.headers["ETag"] == f'"{body["version"]}"'
    assert body | {"id": None, "timestamp": None, "version": None} == {
        "id": None, "event_date": "2024-05-01", "time_precision": 1, "event_type": "Battles",
        "sub_event_type": "Armed clash", "disorder_type": "Political violence",
        "actor1": "Rapid Support Forces", "assoc_actor_1": None, "inter1": 2,
        "actor2": "Military Forces of Sudan", "assoc_actor_2": None, "inter2": 1, "interaction": "12",
        "civilian_targeting": False, "iso3": "SDN", "country": "Sudan", "admin1": "Khartoum", "admin2": None,
        "location": "Omdurman", "latitude": 15.64, "longitude": 32.48, "geo_precision": 1, "fatalities": 5,
        "notes": "Clashes in Omdurman.", "sources": [], "confidence": None, "review_status": "unreviewed",
        "reviewed_at": None, "timestamp": None, "version": None,
    }
    assert isinstance(body["timestamp"], int) and body["timestamp"] > 0

    [event] = dbq("SELECT * FROM events WHERE id = %s", (body["id"],))
    assert (str(event["event_date"]), event["event_type"], event["sub_event_type"], event["fatalities"],
            event["notes"], event["deleted_at"]) == ("2024-05-01", "Battles", "Armed clash", 5,
                                                     "Clashes in Omdurman.", None)
    [place] = dbq("SELECT * FROM locations WHERE id = %s", (event["location_id"],))
    assert (place["iso3"], place["country"], place["admin1"], place["location"], place["latitude"],
            place["longitude"]) == ("SDN", "Sudan", "Khartoum", "Omdurman", 15.64, 32.48)
    assert {r["name"]: r["inter"] for r in dbq("SELECT name, inter FROM actors")} == {
        "Rapid Support Forces": 2, "Military Forces of Sudan": 1}
    assert roles(dbq, body["id"]) == {"actor1": ["Rapid Support Forces"], "actor2": ["Military Forces of Sudan"]}


def test_create_with_associated_actors_links_each_name_with_its_own_inter_code(client, dbq):
    assert client.post("/actors", json={"name": "Tamazuj Militia", "inter": 3}).status_code == 201

    body = create(client, example_event(assoc_actor_1="Tamazuj Militia; Misseriya Ethnic Militia (Sudan)", inter1=2))

    assert body["assoc_actor_1"] == "Misseriya Ethnic Militia (Sudan); Tamazuj Militia"
    assert roles(dbq, body["id"])["assoc_actor_1"] == ["Misseriya Ethnic Militia (Sudan)", "Tamazuj Militia"]
    # the dictionary's code (4 identity militia) and the stored one (3), not actor1's inter1 (2)
    assert dbq("SELECT name, inter FROM actors WHERE name <> ALL(%s) ORDER BY name",
               (["Rapid Support Forces", "Military Forces of Sudan"],)) == [
        {"name": "Misseriya Ethnic Militia (Sudan)", "inter": 4}, {"name": "Tamazuj Militia", "inter": 3}]


@pytest.mark.parametrize("role", ["assoc_actor_1", "assoc_actor_2"])
def test_an_unknown_associated_actor_is_422_pointing_at_post_actors(client, dbq, role):
    resp = client.post("/events", json=example_event(**{role: "Misseriya Ethnic Militia (Sudan); Nobody Knows"}))

    assert resp.status_code == 422
    problem = resp.get_json()
    assert list(problem["errors"]) == [role]
    assert "POST /actors" in problem["detail"] and "inter" not in problem["errors"][role][0]
    assert count(dbq, "events") == 0 and count(dbq, "actors") == 0


def test_each_associated_actor_name_is_at_most_300_characters(client, dbq):
    resp = client.post("/events", json=example_event(assoc_actor_2="Misseriya Ethnic Militia (Sudan); " + "x" * 301))

    assert resp.status_code == 422
    assert list(resp.get_json()["errors"]) == ["assoc_actor_2"]
    assert count(dbq, "events") == 0


@pytest.mark.parametrize(("sub_event_type", "sent", "stored"), [
    ("Attack", ..., True), ("Attack", False, False), ("Armed clash", ..., False), ("Armed clash", True, True)])
def test_violence_against_civilians_is_civilian_targeting_unless_told_otherwise(client, dbq, sub_event_type, sent,
                                                                                stored):
    body = omit(example_event(event_type=None, sub_event_type=sub_event_type, civilian_targeting=sent),
                "event_type", *(["civilian_targeting"] if sent is ... else []))

    created = create(client, body)
    replaced = client.put(f"/events/{created['id']}", json=body)

    assert created["civilian_targeting"] is stored and replaced.get_json()["civilian_targeting"] is stored
    assert dbq("SELECT civilian_targeting FROM events") == [{"civilian_targeting": stored}]


def test_known_actors_are_reused_without_inter_codes(client, dbq):
    create(client, example_event())

    second = create(client, omit(example_event(event_date="2024-05-02"), "inter1", "inter2"))

    assert (second["inter1"], second["inter2"]) == (2, 1)
    assert count(dbq, "actors") == 2


def test_unknown_actor_without_inter_is_422_and_writes_nothing(client, dbq):
    resp = client.post("/events", json=example_event(actor2="Somebody Nobody Knows", inter2=None))

    assert resp.status_code == 422
    assert resp.content_type == "application/problem+json"
    assert "inter2" in resp.get_json()["errors"]
    for table in ("events", "locations", "actors", "event_actors"):
        assert count(dbq, table) == 0, table


def test_unknown_actor_named_in_the_dictionary_takes_its_inter_code(client, dbq):
    dictionary = pytest.importorskip("service.vocab.actors")
    entry = dictionary.canonical("Rapid Support Forces")
    if entry is None or entry.name != "Rapid Support Forces":
        pytest.skip("the actor dictionary does not list the RSF under that name")

    body = create(client, omit(example_event(), "inter1", "actor2", "inter2"))

    assert body["inter1"] == entry.inter
    assert dbq("SELECT name, inter FROM actors") == [{"name": "Rapid Support Forces", "inter": entry.inter}]


def test_a_known_place_is_reused(client, dbq):
    first = create(client, example_event())
    second = create(client, example_event(event_date="2024-05-03", location="omdurman", latitude=None,
                                          longitude=None))

    assert (second["location"], second["latitude"], second["longitude"]) == ("Omdurman", 15.64, 32.48)
    rows = dbq("SELECT location_id FROM events WHERE id IN (%s, %s)", (first["id"], second["id"]))
    assert len({r["location_id"] for r in rows}) == 1
    assert count(dbq, "locations") == 1


def test_blank_admin_units_are_stored_as_absent(client, dbq):
    body = create(client, example_event(admin1="  ", admin2=" "))

    assert (body["admin1"], body["admin2"]) == (None, None)
    assert dbq("SELECT admin1, admin2 FROM locations") == [{"admin1": None, "admin2": None}]


def test_event_type_follows_from_sub_event_type(client, dbq):
    body = create(client, omit(example_event(sub_event_type="Air/drone strike"), "event_type"))

    assert (body["event_type"], body["disorder_type"]) == ("Explosions/Remote violence", "Political violence")
    assert dbq("SELECT event_type FROM events") == [{"event_type": "Explosions/Remote violence"}]


def test_country_follows_from_iso3(client, dbq):
    body = create(client, example_event(iso3="SYR", admin1="Aleppo", location="Aleppo"))

    assert (body["iso3"], body["country"]) == ("SYR", "Syria")
    assert dbq("SELECT iso3, country FROM locations") == [{"iso3": "SYR", "country": "Syria"}]


def test_iso3_follows_from_country(client, dbq):
    body = create(client, omit(example_event(country="Sudan"), "iso3"))

    assert (body["iso3"], body["country"]) == ("SDN", "Sudan")
    assert dbq("SELECT iso3, country FROM locations") == [{"iso3": "SDN", "country": "Sudan"}]


# --- list ----------------------------------------------------------------------------------------

def test_list_is_newest_first(client):
    for day in ("2024-05-02", "2024-05-09", "2024-04-30"):
        create(client, example_event(event_date=day))

    resp = client.get("/events")

    assert resp.status_code == 200
    body = resp.get_json()
    assert [e["event_date"] for e in body["items"]] == ["2024-05-09", "2024-05-02", "2024-04-30"]
    assert body["next"] is None


def test_walking_every_page_returns_every_event_once(client):
    days = ["2024-05-01", "2024-05-03", "2024-05-03", "2024-05-03", "2024-04-20", "2024-06-01", "2024-05-03"]
    # one incident per day and place: the same day's events happen in different towns
    created = [create(client, example_event(event_date=day, location=f"Omdurman {n}"))["id"]
               for n, day in enumerate(days)]

    seen, pages, url = [], 0, "/events?limit=2"
    while url:
        resp = client.get(url)
        assert resp.status_code == 200
        page = resp.get_json()
        assert len(page["items"]) <= 2
        seen += [(e["event_date"], e["id"]) for e in page["items"]]
        url, pages = page["next"], pages + 1

    assert pages == 4
    assert sorted(i for _, i in seen) == sorted(created)
    assert seen == sorted(seen, reverse=True)


def test_deleted_events_are_not_listed(client):
    keep = create(client, example_event())
    gone = create(client, example_event(event_date="2024-05-02"))
    assert client.delete(f"/events/{gone['id']}").status_code == 204

    assert [e["id"] for e in client.get("/events").get_json()["items"]] == [keep["id"]]


@pytest.mark.parametrize("query, status", [
    ("limit=5001", 400),
    ("limit=0", 422),
    ("limit=-3", 422),
    ("limit=ten", 422),
    ("cursor=not-a-cursor", 400),
    ("cursor=e30", 400),  # base64 of "{}": well-formed, but not ours
])
def test_bad_paging_parameters_are_problems(client, query, status):
    resp = client.get(f"/events?{query}")

    assert resp.status_code == status
    assert resp.content_type == "application/problem+json"
    assert resp.get_json()["status"] == status


def test_largest_page_is_allowed(client):
    create(client, example_event())

    assert client.get("/events?limit=5000").status_code == 200


# --- read, replace, patch, delete ----------------------------------------------------------------

def test_get_returns_what_post_returned(client):
    created = create(client, example_event())

    resp = client.get(f"/events/{created['id']}")

    assert resp.status_code == 200
    assert resp.get_json() == created
    assert resp.headers["ETag"] == f'"{created["version"]}"'


def test_patch_changes_only_what_was_sent(client, dbq):
    created = create(client, example_event())

    resp = client.patch(f"/events/{created['id']}", json={"notes": "Updated from a second report."})

    assert resp.status_code == 200
    body = resp.get_json()
    assert body["notes"] == "Updated from a second report."
    assert body["version"] == created["version"] + 1
    assert resp.headers["ETag"] == f'"{body["version"]}"'
    unchanged = {k: v for k, v in created.items()
                 if k not in ("notes", "version", "timestamp", "review_status", "reviewed_at")}
    assert {k: body[k] for k in unchanged} == unchanged
    assert body["review_status"] == "corrected" and body["reviewed_at"]  # a person's edit is a correction
    [row] = dbq("SELECT fatalities, notes, version FROM events WHERE id = %s", (created["id"],))
    assert row == {"fatalities": 5, "notes": "Updated from a second report.", "version": created["version"] + 1}
    assert roles(dbq, created["id"]) == {"actor1": ["Rapid Support Forces"], "actor2": ["Military Forces of Sudan"]}


def test_patch_sub_event_type_moves_event_type_along(client, dbq):
    created = create(client, example_event())

    body = client.patch(f"/events/{created['id']}", json={"sub_event_type": "Shelling/artillery/missile attack"})

    assert body.status_code == 200
    assert body.get_json()["event_type"] == "Explosions/Remote violence"
    assert dbq("SELECT event_type, sub_event_type FROM events") == [
        {"event_type": "Explosions/Remote violence", "sub_event_type": "Shelling/artillery/missile attack"}]


def test_put_replaces_the_whole_event(client, dbq):
    created = create(client, example_event(notes="first report"))
    replacement = {"event_date": "2024-05-04", "sub_event_type": "Peaceful protest", "country": "Sudan",
                   "location": "Port Sudan", "actor1": "Protesters (Sudan)", "inter1": 6}

    resp = client.put(f"/events/{created['id']}", json=replacement)

    assert resp.status_code == 200
    body = resp.get_json()
    assert body["id"] == created["id"]
    assert {k: body[k] for k in ("event_date", "event_type", "sub_event_type", "disorder_type", "location",
                                 "latitude", "actor1", "inter1", "actor2", "inter2", "interaction", "fatalities",
                                 "notes")} == {
        "event_date": "2024-05-04", "event_type": "Protests", "sub_event_type": "Peaceful protest",
        "disorder_type": "Demonstrations", "location": "Port Sudan", "latitude": None,
        "actor1": "Protesters (Sudan)", "inter1": 6, "actor2": None, "inter2": None, "interaction": "60",
        "fatalities": 0, "notes": None}
    [row] = dbq("SELECT e.fatalities, e.notes, l.location FROM events e JOIN locations l ON l.id = e.location_id")
    assert row == {"fatalities": 0, "notes": None, "location": "Port Sudan"}
    assert roles(dbq, created["id"]) == {"actor1": ["Protesters (Sudan)"]}
    assert count(dbq, "locations") == 2  # the old place stays for other events to reuse


@pytest.mark.parametrize("method", ["put", "patch"])
def test_stale_if_match_is_412_and_changes_nothing(client, dbq, method):
    created = create(client, example_event())
    stale = f'"{created["version"]}"'
    assert client.patch(f"/events/{created['id']}", json={"fatalities": 6}).status_code == 200
    before = dbq("SELECT * FROM events")

    resp = getattr(client, method)(f"/events/{created['id']}", json=example_event(fatalities=99),
                                   headers={"If-Match": stale})

    assert resp.status_code == 412
    assert resp.content_type == "application/problem+json"
    assert dbq("SELECT * FROM events") == before


def test_current_if_match_is_accepted(client, dbq):
    created = create(client, example_event())

    resp = client.patch(f"/events/{created['id']}", json={"fatalities": 7},
                        headers={"If-Match": f'"{created["version"]}"'})

    assert resp.status_code == 200
    assert dbq("SELECT fatalities FROM events") == [{"fatalities": 7}]


def test_delete_leaves_a_tombstone_without_actors(client, dbq):
    created = create(client, example_event())

    resp = client.delete(f"/events/{created['id']}")

    assert resp.status_code == 204
    assert resp.data == b""
    assert client.get(f"/events/{created['id']}").status_code == 404
    [row] = dbq("SELECT deleted_at, version FROM events WHERE id = %s", (created["id"],))
    assert row["deleted_at"] is not None and row["version"] == created["version"] + 1
    assert count(dbq, "event_actors") == 0
    assert count(dbq, "actors") == 2  # actors outlive their events
    assert client.delete(f"/events/{created['id']}").status_code == 404


@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
def test_unknown_event_is_404_problem(client, dbq, method):
    resp = getattr(client, method)("/events/424242", json=example_event())

    assert resp.status_code == 404
    assert resp.content_type == "application/problem+json"
    assert resp.get_json()["status"] == 404
    assert count(dbq, "events") == 0 and count(dbq, "actors") == 0
