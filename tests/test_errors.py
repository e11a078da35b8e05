"""Every error path answers in the one shape, application/problem+json, and a rejected write changes nothing."""
from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field

import pytest

PROBLEM_JSON = "application/problem+json"
DRIVER_WORDS = ("psycopg", "violates", "sqlstate", "constraint", "traceback", "duplicate key")
TABLES = ("articles", "actors", "locations", "events", "event_actors", "event_sources", "event_history")

EVENT = {"event_date": "2024-05-01", "event_type": "Battles", "sub_event_type": "Armed clash", "iso3": "SDN",
         "admin1": "Khartoum", "location": "Omdurman", "latitude": 15.64, "longitude": 32.48,
         "actor1": "Rapid Support Forces", "inter1": 2, "actor2": "Military Forces of Sudan", "inter2": 1,
         "fatalities": 5}


def event(**changes) -> dict:
    return {k: v for k, v in {**EVENT, **changes}.items() if v is not ...}


def cursor(payload) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


@dataclass
class Case:
    """One request that must fail. `{event}` and `{actor}` in the path are ids of records that exist."""

    method: str
    path: str
    status: int
    json: object = None
    data: str | None = None
    content_type: str | None = None
    headers: dict = field(default_factory=dict)
    fields: tuple[str, ...] = ()  # names that must appear in the problem's `errors`


CASES = {
    # routing
    "unknown route": Case("GET", "/no-such-thing", 404),
    "unknown event id": Case("GET", "/events/424242", 404),
    "unknown actor id": Case("DELETE", "/actors/424242", 404),
    "patch unknown event": Case("PATCH", "/events/424242", 404, json={"notes": "x"}),
    "wrong method on the collection": Case("DELETE", "/events", 405),
    "wrong method on an event": Case("POST", "/events/{event}", 405, json=EVENT),
    "wrong method on actors": Case("PUT", "/actors", 405, json={"name": "X", "inter": 1}),
    # query strings
    "unknown query parameter": Case("GET", "/events?contry=SYR", 400, fields=("contry",)),
    "unknown actors query parameter": Case("GET", "/actors?nme=RSF", 400, fields=("nme",)),
    "limit above the cap": Case("GET", "/events?limit=5001", 400, fields=("limit",)),
    "limit zero": Case("GET", "/events?limit=0", 422, fields=("limit",)),
    "limit not a number": Case("GET", "/events?limit=ten", 422, fields=("limit",)),
    "unknown sort": Case("GET", "/events?sort=bogus", 422, fields=("sort",)),
    "garbage cursor": Case("GET", "/events?cursor=%%%25", 400, fields=("cursor",)),
    "cursor with a bad date": Case("GET", "/events?cursor=" + cursor({"sort": "-event_date", "after": ["x", 1]}),
                                   400, fields=("cursor",)),
    "cursor with an object": Case("GET", "/events?cursor=" + cursor({"sort": "-event_date",
                                                                     "after": [{"a": 1}, 1]}), 400),
    "cursor with a huge id": Case("GET", "/events?cursor=" + cursor({"sort": "-event_date",
                                                                     "after": ["2024-01-01", 10**30]}), 400),
    "actors cursor with a number for a name": Case("GET", "/actors?cursor=" + cursor({"sort": "name",
                                                                                      "after": [1, 1]}), 400),
    "cursor of another sort": Case("GET", "/events?sort=fatalities&cursor=" + cursor(
        {"sort": "-event_date", "after": ["2024-01-01", 1]}), 400),
    # bodies that are not JSON objects
    "text body": Case("POST", "/events", 415, data="event_date=2024-05-01", content_type="text/plain"),
    "form body": Case("POST", "/actors", 415, data="name=X&inter=1",
                      content_type="application/x-www-form-urlencoded"),
    "text body on patch": Case("PATCH", "/events/{event}", 415, data="notes", content_type="text/plain"),
    "malformed JSON": Case("POST", "/events", 400, data='{"event_date": ', content_type="application/json"),
    "JSON array": Case("POST", "/events", 422, json=[EVENT]),
    # validation
    "negative fatalities": Case("POST", "/events", 422, json=event(fatalities=-1), fields=("fatalities",)),
    "fractional fatalities": Case("POST", "/events", 422, json=event(fatalities=2.5), fields=("fatalities",)),
    "fatalities as text": Case("POST", "/events", 422, json=event(fatalities="five"), fields=("fatalities",)),
    "actor as a number": Case("POST", "/events", 422, json=event(actor1=42), fields=("actor1",)),
    "boolean as text": Case("POST", "/events", 422, json=event(civilian_targeting="maybe"),
                            fields=("civilian_targeting",)),
    "unknown sub_event_type": Case("POST", "/events", 422, json=event(sub_event_type="Skirmish"),
                                   fields=("sub_event_type",)),
    "unknown event_type": Case("POST", "/events", 422, json=event(event_type="Wars"), fields=("event_type",)),
    "sub_event_type of another type": Case("POST", "/events", 422, json=event(sub_event_type="Peaceful protest"),
                                           fields=("sub_event_type",)),
    "latitude 91": Case("POST", "/events", 422, json=event(latitude=91), fields=("latitude",)),
    "longitude -181": Case("POST", "/events", 422, json=event(longitude=-181), fields=("longitude",)),
    "latitude without longitude": Case("POST", "/events", 422, json=event(longitude=...), fields=("latitude",)),
    "missing required fields": Case("POST", "/events", 422, json={"iso3": "SDN"},
                                    fields=("event_date", "sub_event_type", "location", "actor1")),
    "no country at all": Case("POST", "/events", 422, json=event(iso3=...), fields=("iso3",)),
    "iso3 in lower case": Case("POST", "/events", 422, json=event(iso3="sdn"), fields=("iso3",)),
    "iso3 nobody uses": Case("POST", "/events", 422, json=event(iso3="XXX"), fields=("iso3",)),
    "country and iso3 disagree": Case("POST", "/events", 422, json=event(country="Syria"), fields=("country",)),
    "impossible date": Case("POST", "/events", 422, json=event(event_date="2024-02-30"), fields=("event_date",)),
    "date in another format": Case("POST", "/events", 422, json=event(event_date="01/05/2024"),
                                   fields=("event_date",)),
    "time_precision 4": Case("POST", "/events", 422, json=event(time_precision=4), fields=("time_precision",)),
    "inter code 9": Case("POST", "/events", 422, json=event(inter1=9), fields=("inter1",)),
    "unknown actor without inter": Case("POST", "/events", 422, json=event(actor2="Nobody Knows", inter2=...),
                                        fields=("inter2",)),
    "blank actor": Case("POST", "/events", 422, json=event(actor1="   "), fields=("actor1",)),
    "blank location": Case("POST", "/events", 422, json=event(location="  "), fields=("location",)),
    "unknown body field": Case("POST", "/events", 422, json=event(contry="Sudan"), fields=("contry",)),
    "put without required fields": Case("PUT", "/events/{event}", 422, json={"notes": "x"},
                                        fields=("event_date", "sub_event_type", "location", "actor1")),
    "patch with a bad value": Case("PATCH", "/events/{event}", 422, json={"fatalities": -5}, fields=("fatalities",)),
    "patch removing actor1": Case("PATCH", "/events/{event}", 422, json={"actor1": None}, fields=("actor1",)),
    "patch with a null date": Case("PATCH", "/events/{event}", 422, json={"event_date": None},
                                   fields=("event_date",)),
    "actor without inter": Case("POST", "/actors", 422, json={"name": "New Group"}, fields=("inter",)),
    "actor with inter 0": Case("POST", "/actors", 422, json={"name": "New Group", "inter": 0}, fields=("inter",)),
    "actor with a blank name": Case("POST", "/actors", 422, json={"name": " ", "inter": 3}, fields=("name",)),
    "actor with an unknown field": Case("POST", "/actors", 422, json={"name": "X", "inter": 3, "kind": "rebel"},
                                        fields=("kind",)),
    # conflicts
    "duplicate actor name": Case("POST", "/actors", 409, json={"name": "rapid SUPPORT forces", "inter": 2},
                                 fields=("name",)),
    "rename onto another actor": Case("PATCH", "/actors/{actor}", 409, json={"name": "Rapid Support Forces"}),
    "delete an actor in use": Case("DELETE", "/actors/{rsf}", 409),
    # preconditions
    "stale If-Match on put": Case("PUT", "/events/{event}", 412, json=EVENT, headers={"If-Match": '"1"'}),
    "stale If-Match on patch": Case("PATCH", "/events/{event}", 412, json={"notes": "x"},
                                    headers={"If-Match": '"1"'}),
    "stale If-Match on delete": Case("DELETE", "/events/{event}", 412, headers={"If-Match": '"1"'}),
    "stale If-Match on an actor": Case("PATCH", "/actors/{actor}", 412, json={"inter": 4},
                                       headers={"If-Match": '"1"'}),
    "stale If-Match on a review": Case("POST", "/events/{event}/review", 412, json={"status": "confirmed"},
                                       headers={"If-Match": '"1"'}),
    # reviews and history
    "review of an unknown event": Case("POST", "/events/424242/review", 404, json={"status": "confirmed"}),
    "history of an unknown event": Case("GET", "/events/424242/history", 404),
    "review with an unknown status": Case("POST", "/events/{event}/review", 422, json={"status": "approved"},
                                          fields=("status",)),
    "review without a status": Case("POST", "/events/{event}/review", 422, json={}, fields=("status",)),
    "corrected without changes": Case("POST", "/events/{event}/review", 422, json={"status": "corrected"},
                                      fields=("changes",)),
    "corrected with empty changes": Case("POST", "/events/{event}/review", 422,
                                         json={"status": "corrected", "changes": {}}, fields=("changes",)),
    "confirmed with changes": Case("POST", "/events/{event}/review", 422,
                                   json={"status": "confirmed", "changes": {"fatalities": 1}}, fields=("changes",)),
    "corrected with a bad value": Case("POST", "/events/{event}/review", 422,
                                       json={"status": "corrected", "changes": {"fatalities": -1}},
                                       fields=("changes.fatalities",)),
    "corrected with an unknown field": Case("POST", "/events/{event}/review", 422,
                                            json={"status": "corrected", "changes": {"contry": "Sudan"}},
                                            fields=("changes.contry",)),
    "corrected removing actor1": Case("POST", "/events/{event}/review", 422,
                                      json={"status": "corrected", "changes": {"actor1": None}},
                                      fields=("changes.actor1",)),
    "malformed If-Match": Case("PATCH", "/events/{event}", 400, json={"notes": "x"},
                               headers={"If-Match": "yesterday"}),
}


@pytest.fixture
def ids(client) -> dict:
    """One event (its two actors created with it) and one unused actor, each patched once so version 1 is stale."""
    created = client.post("/events", json=EVENT).get_json()
    actor = client.post("/actors", json={"name": "Sudan Liberation Movement", "inter": 2}).get_json()
    assert client.patch(f"/events/{created['id']}", json={"notes": "seen twice"}).status_code == 200
    assert client.patch(f"/actors/{actor['id']}", json={"aliases": ["SLM"]}).status_code == 200
    [rsf] = [a for a in client.get("/actors").get_json()["items"] if a["name"] == "Rapid Support Forces"]
    return {"event": created["id"], "actor": actor["id"], "rsf": rsf["id"]}


def snapshot(dbq) -> dict[str, list[str]]:
    return {t: [r["row"] for r in dbq(f"SELECT {t}::text AS row FROM {t} ORDER BY 1")] for t in TABLES}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_every_error_is_one_problem_shape_and_changes_nothing(client, dbq, ids, case):
    before = snapshot(dbq)

    resp = client.open(case.path.format(**ids), method=case.method, json=case.json, data=case.data,
                       content_type=case.content_type, headers=case.headers)

    assert resp.status_code == case.status, resp.get_data(as_text=True)
    assert resp.mimetype == PROBLEM_JSON
    body = resp.get_json(force=True)
    assert {"type", "title", "status", "detail"} <= set(body)
    assert body["status"] == resp.status_code
    assert all(isinstance(body[k], str) and body[k] for k in ("type", "title", "detail"))
    if case.status == 422 or case.fields:
        assert isinstance(body.get("errors"), dict) and body["errors"], body
        assert set(case.fields) <= set(body["errors"]), body["errors"]
    if case.status == 405:
        assert resp.headers.get("Allow")
    text = resp.get_data(as_text=True).lower()
    assert not [w for w in DRIVER_WORDS if w in text], text
    assert snapshot(dbq) == before


def test_the_error_walk_covers_every_status_the_api_uses():
    assert {c.status for c in CASES.values()} == {400, 404, 405, 409, 412, 415, 422}


# Every route and method the app serves; {event}/{actor}/{article} are ids of records that exist.
ROUTES = [
    ("GET", "/events"), ("POST", "/events"),
    ("GET", "/events/{event}"), ("PUT", "/events/{event}"), ("PATCH", "/events/{event}"),
    ("DELETE", "/events/{event}"),
    ("GET", "/actors"), ("POST", "/actors"),
    ("GET", "/actors/{actor}"), ("PUT", "/actors/{actor}"), ("PATCH", "/actors/{actor}"),
    ("DELETE", "/actors/{actor}"), ("GET", "/actors/{actor}/events"),
    ("POST", "/events/{event}/review"), ("GET", "/events/{event}/history"), ("GET", "/actors/{actor}/history"),
    ("GET", "/articles"), ("POST", "/articles"), ("GET", "/articles/{article}"),
    ("GET", "/stats"), ("GET", "/health"), ("GET", "/ready"), ("GET", "/openapi.yaml"),
    ("GET", "/metrics"),
]


def test_the_route_walk_covers_every_route(app):
    served = {(method, rule.rule) for rule in app.url_map.iter_rules() if rule.endpoint != "static"
              for method in rule.methods - {"HEAD", "OPTIONS"}}
    walked = {(method, path.replace("{event}", "<int:event_id>").replace("{actor}", "<int:actor_id>")
               .replace("{article}", "<int:article_id>")) for method, path in ROUTES}
    assert walked == served


@pytest.mark.parametrize(("method", "path"), ROUTES, ids=[f"{m} {p}" for m, p in ROUTES])
def test_every_route_refuses_query_parameters_it_does_not_declare(client, dbq, ids, method, path):
    ids = {**ids, "article": 424242}
    before = snapshot(dbq)

    resp = client.open(path.format(**ids) + "?contry=SYR&dry_run=1", method=method,
                       json={} if method in ("POST", "PUT", "PATCH") else None)

    assert resp.status_code == 400, resp.get_data(as_text=True)
    assert resp.mimetype == PROBLEM_JSON
    body = resp.get_json(force=True)
    assert body["detail"] == "unknown query parameter(s): contry, dry_run"
    assert body["errors"] == {"contry": ["Unknown field."], "dry_run": ["Unknown field."]}
    assert snapshot(dbq) == before


# Values the database cannot hold (beyond integer/bigint, or with NUL) are refused by the schema, naming the field,
# rather than by the driver as a `_schema` error.
NUL = "\x00"
OUT_OF_RANGE = {
    "fatalities_min beyond integer": ("GET", "/events?fatalities_min=2147483648", None, "fatalities_min"),
    "fatalities_max beyond integer": ("GET", "/events?fatalities_max=99999999999", None, "fatalities_max"),
    "actor id beyond bigint": ("GET", "/events?actor=9223372036854775808", None, "actor"),
    "article_id beyond bigint": ("GET", "/events?article_id=1,9223372036854775808", None, "article_id"),
    "actor events article_id beyond bigint": ("GET", "/actors/{actor}/events?article_id=99999999999999999999",
                                              None, "article_id"),
    "NUL in q": ("GET", "/events?q=air%00strike", None, "q"),
    "NUL in location filter": ("GET", "/events?location=Homs,Ha%00ma", None, "location"),
    "NUL in admin1 filter": ("GET", "/events?admin1=%00", None, "admin1"),
    "NUL in actor filter": ("GET", "/events?actor=RS%00F", None, "actor"),
    "NUL in actors q": ("GET", "/actors?q=Isl%00amic", None, "q"),
    **{f"NUL in body {name}": ("POST", "/events", event(**{name: "Om" + NUL + "durman"}), name)
       for name in ("country", "admin1", "admin2", "location", "actor1", "actor2", "assoc_actor_1",
                    "assoc_actor_2", "notes")},
    "NUL in a patched location": ("PATCH", "/events/{event}", {"location": NUL}, "location"),
    "NUL in an actor name": ("POST", "/actors", {"name": "New" + NUL, "inter": 3}, "name"),
    "NUL in an actor alias": ("PUT", "/actors/{actor}", {"name": "New", "aliases": [NUL], "inter": 3}, "aliases"),
}


@pytest.mark.parametrize(("method", "path", "body", "name"), OUT_OF_RANGE.values(), ids=OUT_OF_RANGE.keys())
def test_values_the_database_cannot_hold_are_refused_by_field(client, dbq, ids, method, path, body, name):
    before = snapshot(dbq)

    resp = client.open(path.format(**ids), method=method, json=body)

    assert resp.status_code == 422, resp.get_data(as_text=True)
    assert resp.mimetype == PROBLEM_JSON
    assert list(resp.get_json()["errors"]) == [name]
    assert snapshot(dbq) == before
