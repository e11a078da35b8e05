"""Bodies that used to crash a write (a 500) or tie up a worker are refused with problem+json, naming the field,
and change nothing."""
from __future__ import annotations

import pytest

from .test_events_api import example_event

PROBLEM = "application/problem+json"
# a raw JSON text for each kind of poison; {poison} goes where a field's value would
POISONS = {
    "huge integer": ("1" * 4301, "integer out of range"),
    "integer beyond bigint": (str(2**63), "integer out of range"),
    "lone surrogate": ('"abc\\ud800def"', "contains a lone surrogate (not valid Unicode)"),
    "NUL": ('"abc\\u0000def"', "contains NUL"),
}


def snapshot(dbq) -> dict:
    return dbq("SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM event_history) AS history, "
               "(SELECT count(*) FROM actor_history) AS actor_history, "
               "(SELECT coalesce(sum(version), 0) FROM events) AS events, "
               "(SELECT coalesce(sum(version), 0) FROM actors) AS actors")[0]


@pytest.fixture
def ids(client):
    event = client.post("/events", json=example_event()).get_json()
    actor = client.post("/actors", json={"name": "Hill Watch", "inter": 4}).get_json()
    return {"event": event["id"], "actor": actor["id"]}


# method, path, a JSON body with {poison} in one field, the field's name in the error
WRITES = [
    ("POST", "/events", '{"event_date": "2024-05-01", "sub_event_type": "Armed clash", "iso3": "SDN", '
                        '"location": "Omdurman", "actor1": "Rapid Support Forces", "fatalities": {poison}}',
     "fatalities"),
    ("PATCH", "/events/{event}", '{"notes": {poison}}', "notes"),
    ("POST", "/actors", '{"name": "Dune Riders", "inter": 3, "aliases": ["DR", {poison}]}', "aliases"),
    ("PATCH", "/actors/{actor}", '{"iso3": {poison}}', "iso3"),
    ("POST", "/articles", '{"title": "t", "published": "2024-05-01", "body": {poison}}', "body"),
    ("POST", "/events/{event}/review", '{"status": "corrected", "changes": {"fatalities": {poison}}}',
     "changes.fatalities"),
]


@pytest.mark.parametrize("poison", POISONS, ids=list(POISONS))
@pytest.mark.parametrize(("method", "path", "body", "field"), WRITES, ids=[f"{m} {p}" for m, p, _, _ in WRITES])
def test_poisoned_values_are_422_naming_the_field(client, dbq, ids, method, path, body, field, poison):
    literal, message = POISONS[poison]
    before = snapshot(dbq)

    resp = client.open(path.format(**ids), method=method, data=body.replace("{poison}", literal),
                       content_type="application/json")

    assert resp.status_code == 422 and resp.mimetype == PROBLEM, resp.get_data(as_text=True)[:300]
    assert resp.get_json()["errors"] == {field: [message]}
    assert snapshot(dbq) == before


@pytest.mark.parametrize(("method", "path"), [(m, p) for m, p, _, _ in WRITES])
def test_deeply_nested_json_is_422(client, dbq, ids, method, path):
    before = snapshot(dbq)
    body = '{"notes": ' + "[" * 5000 + "]" * 5000 + "}"

    resp = client.open(path.format(**ids), method=method, data=body, content_type="application/json")

    assert resp.status_code == 422 and resp.mimetype == PROBLEM
    assert "nested more than" in resp.get_json()["detail"]
    assert resp.get_json()["errors"] == {"notes": ["nested deeper than 32"]}
    assert snapshot(dbq) == before


def test_brackets_inside_strings_are_not_nesting(client, dbq):
    notes = "[[[[" * 100 + '\\" {{{{' * 100
    resp = client.post("/events", data='{"event_date": "2024-05-01", "sub_event_type": "Armed clash", '
                                       '"iso3": "SDN", "location": "Omdurman", "actor1": "Rapid Support Forces", '
                                       f'"inter1": 2, "notes": "{notes}"}}', content_type="application/json")
    assert resp.status_code == 201, resp.get_json()


def test_a_body_over_the_limit_is_413_before_it_is_read(app, client, dbq):
    app.config["MAX_CONTENT_LENGTH"] = 2_000
    before = snapshot(dbq)

    resp = client.post("/articles", json={"title": "long", "published": "2024-05-01", "body": "word " * 1_000})

    assert resp.status_code == 413 and resp.mimetype == PROBLEM
    assert "2000 bytes" in resp.get_json()["detail"]
    assert snapshot(dbq) == before


def test_the_body_limit_comes_from_config(database_url):
    from service import create_app
    from service.config import Config

    app = create_app(Config.from_env(DATABASE_URL=database_url, MAX_BODY_BYTES=12345))
    assert app.config["MAX_CONTENT_LENGTH"] == 12345


def test_an_unclosed_string_full_of_escaped_quotes_is_refused_quickly(client, dbq):
    """Each escaped quote used to restart the string scan from there: quadratic, minutes for a large body."""
    before = snapshot(dbq)
    resp = client.post("/events", data='{"notes": "' + '\\"' * 300_000, content_type="application/json")
    assert resp.status_code in (400, 422) and resp.mimetype == PROBLEM
    assert snapshot(dbq) == before


def test_a_malformed_key_is_a_client_error_not_a_500(client, dbq):
    resp = client.post("/events", data='{"\\q": 1}', content_type="application/json")
    assert resp.status_code in (400, 422) and resp.mimetype == PROBLEM
