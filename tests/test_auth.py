"""API keys: writes need one of the right scope, reads are public unless configured, keys are stored hashed,
the audit trail names the key, and each key has a write rate."""
from __future__ import annotations

import hashlib

import pytest

from service.cli import main

from .conftest import API_KEYS, bearer
from .test_events_api import example_event

PROBLEM = "application/problem+json"


def events(dbq) -> int:
    return dbq("SELECT count(*) AS n FROM events")[0]["n"]


def test_a_write_without_a_key_is_401_with_a_challenge_and_writes_nothing(anon_client, dbq):
    resp = anon_client.post("/events", json=example_event())

    assert resp.status_code == 401 and resp.mimetype == PROBLEM
    assert resp.headers["WWW-Authenticate"] == 'Bearer realm="eventsvc"'
    assert "Authorization: Bearer" in resp.get_json()["detail"]
    assert events(dbq) == 0


@pytest.mark.parametrize("header", ["Bearer evs_not-a-key-we-made", "Bearer whatever", "Basic dXNlcjpwYXNz",
                                    "Bearer "])
def test_an_unknown_or_malformed_key_is_401(anon_client, dbq, header):
    resp = anon_client.post("/events", json=example_event(), headers={"Authorization": header})

    assert resp.status_code == 401 and resp.mimetype == PROBLEM
    assert resp.headers["WWW-Authenticate"].startswith('Bearer realm="eventsvc", error="invalid_')
    assert events(dbq) == 0


def test_a_bogus_key_on_a_public_read_is_still_refused(anon_client):
    assert anon_client.get("/events").status_code == 200
    resp = anon_client.get("/events", headers={"Authorization": "Bearer evs_bogus"})
    assert resp.status_code == 401 and 'error="invalid_token"' in resp.headers["WWW-Authenticate"]


@pytest.mark.parametrize(("scope", "method", "path", "needed"), [
    ("read", "POST", "/events", "write"), ("read", "POST", "/actors", "write"),
    ("read", "POST", "/articles", "write"), ("write", "DELETE", "/events/1", "admin"),
])
def test_a_key_of_too_small_a_scope_is_403(anon_client, dbq, scope, method, path, needed):
    resp = anon_client.open(path, method=method, json={} if method == "POST" else None, headers=bearer(scope))

    assert resp.status_code == 403 and resp.mimetype == PROBLEM
    assert resp.headers["WWW-Authenticate"] == \
        f'Bearer realm="eventsvc", error="insufficient_scope", scope="{needed}"'
    assert events(dbq) == 0


def test_write_keys_write_and_admin_keys_delete(anon_client, dbq):
    resp = anon_client.post("/events", json=example_event(), headers=bearer("write"))
    assert resp.status_code == 201
    event_id = resp.get_json()["id"]

    assert anon_client.delete(f"/events/{event_id}", headers=bearer("admin")).status_code == 204
    assert dbq("SELECT deleted_at IS NOT NULL AS gone FROM events WHERE id = %s", (event_id,))[0]["gone"]


def test_the_history_names_the_key_that_made_each_change(anon_client, dbq):
    event_id = anon_client.post("/events", json=example_event(), headers=bearer("write")).get_json()["id"]
    anon_client.patch(f"/events/{event_id}", json={"fatalities": 7}, headers=bearer("admin"))

    rows = dbq("SELECT action, who FROM event_history WHERE event_id = %s ORDER BY id", (event_id,))
    assert [(r["action"], r["who"]) for r in rows] == [("create", "test-write"), ("update", "test-admin")]
    body = anon_client.get(f"/events/{event_id}/history").get_json()
    assert [i["who"] for i in body["items"]] == ["test-write", "test-admin"]


def test_reads_need_a_key_when_configured_but_probes_and_the_spec_do_not(app, anon_client):
    app.config["EVENTSVC"].REQUIRE_READ_KEY = True

    resp = anon_client.get("/events")
    assert resp.status_code == 401 and resp.headers["WWW-Authenticate"] == 'Bearer realm="eventsvc"'
    assert anon_client.get("/events", headers=bearer("read")).status_code == 200
    assert anon_client.get("/stats", headers=bearer("write")).status_code == 200
    for path in ("/health", "/openapi.yaml"):
        assert anon_client.get(path).status_code == 200, path


def test_keys_are_stored_as_digests_only(dbq):
    rows = dbq("SELECT * FROM api_keys WHERE name = 'test-write'")
    assert len(rows) == 1
    key = API_KEYS["write"]
    assert bytes(rows[0]["key_hash"]) == hashlib.sha256(key.encode()).digest()
    stored = " ".join(str(v) for v in rows[0].values())
    assert key not in stored and key[12:] not in stored  # only the first 12 characters are kept in clear


def test_the_cli_creates_lists_and_revokes_keys(database_url, anon_client, capsys):
    assert main(["keys", "create", "--scope", "write", "--name", "newsroom bot",
                 "--database-url", database_url]) == 0
    key = capsys.readouterr().out.strip().splitlines()[-1]
    assert key.startswith("evs_") and len(key) > 40
    assert anon_client.post("/actors", json={"name": "Harbour Militia", "inter": 3},
                            headers={"Authorization": f"Bearer {key}"}).status_code == 201

    assert main(["keys", "list", "--database-url", database_url]) == 0
    listing = capsys.readouterr().out
    assert "newsroom bot" in listing and key[:12] in listing and key not in listing

    assert main(["keys", "revoke", "newsroom bot", "--database-url", database_url]) == 0
    resp = anon_client.post("/actors", json={"name": "Harbour Militia 2", "inter": 3},
                            headers={"Authorization": f"Bearer {key}"})
    assert resp.status_code == 401
    assert main(["keys", "revoke", "newsroom bot", "--database-url", database_url]) == 1
    assert main(["keys", "create", "--scope", "admin", "--name", "test-admin",
                 "--database-url", database_url]) == 1  # names are unique


def test_writes_past_the_rate_limit_get_429_with_retry_after(app, anon_client, dbq):
    app.config["EVENTSVC"].WRITE_RATE_LIMIT = 2
    for n in range(2):
        resp = anon_client.post("/actors", json={"name": f"Militia {n}", "inter": 3}, headers=bearer("write"))
        assert resp.status_code == 201

    resp = anon_client.post("/actors", json={"name": "Militia 2", "inter": 3}, headers=bearer("write"))

    assert resp.status_code == 429 and resp.mimetype == PROBLEM
    assert 1 <= int(resp.headers["Retry-After"]) <= 60
    assert not dbq("SELECT 1 FROM actors WHERE name = 'Militia 2'")
    # the limit is per key; reads are not counted
    assert anon_client.post("/actors", json={"name": "Militia 2", "inter": 3}, headers=bearer("admin")).status_code == 201
    assert anon_client.get("/actors", headers=bearer("write")).status_code == 200


def test_revoke_takes_an_id_when_all_digits_and_names_are_never_all_digits(database_url, capsys):
    assert main(["keys", "create", "--scope", "write", "--name", "12", "--database-url", database_url]) == 1
    assert main(["keys", "create", "--scope", "write", "--name", "bot", "--database-url", database_url]) == 0
    capsys.readouterr()
    assert main(["keys", "list", "--database-url", database_url]) == 0
    line = next(l for l in capsys.readouterr().out.splitlines() if " bot " in l)
    key_id = line.split()[0]
    assert main(["keys", "revoke", key_id, "--database-url", database_url]) == 0
    assert "'bot'" in capsys.readouterr().out
