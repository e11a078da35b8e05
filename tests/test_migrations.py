"""The migrations build the schema the code expects, once, even when two runs race; the schema guards itself."""
from __future__ import annotations

import shutil
import threading
import uuid

import psycopg
import pytest
from psycopg import errors as pg_errors
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from service.db import MIGRATIONS_DIR, migrate, migration_files, translate
from service.errors import Conflict, Unprocessable
from service.taxonomy import DISORDER_TYPE_OF, SUB_EVENT_TYPES

ALL_VERSIONS = [version for version, _ in migration_files()]


@pytest.fixture
def empty_database_url(pg_server):
    """A database with nothing in it, dropped after the test."""
    name = f"eventsvc_empty_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield make_conninfo(**{**conninfo_to_dict(pg_server), "dbname": name})
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def recorded_versions(url: str) -> list[str]:
    with psycopg.connect(url) as conn:
        return [row[0] for row in conn.execute("SELECT version FROM schema_migrations ORDER BY version")]


def tables(url: str) -> set[str]:
    with psycopg.connect(url) as conn:
        return {row[0] for row in conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")}


def test_there_are_migrations_to_apply():
    assert ALL_VERSIONS and ALL_VERSIONS[0] == "001_init"
    assert ALL_VERSIONS == sorted(ALL_VERSIONS)


def test_migrate_on_an_empty_database_applies_everything_and_records_it(empty_database_url):
    applied = migrate(empty_database_url)

    assert applied == ALL_VERSIONS
    assert recorded_versions(empty_database_url) == ALL_VERSIONS
    assert {"schema_migrations", "event_types", "articles", "actors", "locations", "events", "event_actors",
            "event_sources", "event_records"} <= tables(empty_database_url)


def test_a_second_run_applies_nothing(empty_database_url):
    migrate(empty_database_url)
    with psycopg.connect(empty_database_url) as conn:
        applied_at = conn.execute("SELECT version, applied_at FROM schema_migrations ORDER BY 1").fetchall()

    assert migrate(empty_database_url) == []

    with psycopg.connect(empty_database_url) as conn:
        assert conn.execute("SELECT version, applied_at FROM schema_migrations ORDER BY 1").fetchall() == applied_at


def test_a_new_migration_file_is_applied_alone(empty_database_url, tmp_path):
    for _, path in migration_files():
        shutil.copy(path, tmp_path / path.name)
    migrate(empty_database_url, tmp_path)
    (tmp_path / "999_add_note.sql").write_text("CREATE TABLE migration_probe (id int);", encoding="utf-8")

    assert migrate(empty_database_url, tmp_path) == ["999_add_note"]
    assert recorded_versions(empty_database_url) == [*ALL_VERSIONS, "999_add_note"]
    assert "migration_probe" in tables(empty_database_url)


def test_two_concurrent_runs_apply_the_schema_exactly_once(empty_database_url):
    start = threading.Barrier(2)
    results: list[list[str]] = []
    failures: list[BaseException] = []

    def run():
        try:
            start.wait()
            results.append(migrate(empty_database_url))
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            failures.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    assert sorted(results, key=len) == [[], ALL_VERSIONS]
    assert recorded_versions(empty_database_url) == ALL_VERSIONS
    with psycopg.connect(empty_database_url) as conn:
        assert conn.execute("SELECT count(*) FROM event_types").fetchone()[0] == 25


def test_migrations_dir_is_the_repository_sql_folder():
    assert (MIGRATIONS_DIR / "001_init.sql").is_file()


# --- the schema the code expects ------------------------------------------------------------------

def test_event_types_table_equals_the_taxonomy(dbq):
    rows = dbq("SELECT event_type, sub_event_type, disorder_type FROM event_types")

    by_type: dict[str, set[str]] = {}
    for row in rows:
        by_type.setdefault(row["event_type"], set()).add(row["sub_event_type"])
        assert row["disorder_type"] == DISORDER_TYPE_OF[row["event_type"]], row
    assert by_type == {et: set(subs) for et, subs in SUB_EVENT_TYPES.items()}
    assert len(by_type) == 6 and len(rows) == 25


def test_event_records_view_has_the_acled_columns(dbq):
    columns = {r["column_name"] for r in dbq(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'event_records'")}

    assert {"id", "event_date", "time_precision", "event_type", "sub_event_type", "disorder_type", "actor1",
            "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
            "iso3", "country", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision",
            "fatalities", "notes"} <= columns


# --- the database refuses bad rows by itself -------------------------------------------------------

@pytest.fixture
def raw(database_url):
    """A plain connection to a migrated database holding one place and one actor; each statement autocommits."""
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute("INSERT INTO locations (iso3, country, location) VALUES ('SDN', 'Sudan', 'Omdurman')")
        conn.execute("INSERT INTO actors (name, inter) VALUES ('Rapid Support Forces', 2)")
        yield conn


EVENT_INSERT = ("INSERT INTO events (event_date, event_type, sub_event_type, location_id, fatalities) "
                "VALUES (%(date)s, %(type)s, %(sub)s, (SELECT min(id) FROM locations), %(fatalities)s)")
GOOD_EVENT = {"date": "2024-05-01", "type": "Battles", "sub": "Armed clash", "fatalities": 0}

BAD_ROWS = {
    "negative fatalities": (EVENT_INSERT, {**GOOD_EVENT, "fatalities": -1}, pg_errors.CheckViolation,
                            Unprocessable, "fatalities"),
    "unknown sub_event_type": (EVENT_INSERT, {**GOOD_EVENT, "sub": "Skirmish"}, pg_errors.ForeignKeyViolation,
                               Conflict, "sub_event_type"),
    "sub_event_type of another type": (EVENT_INSERT, {**GOOD_EVENT, "sub": "Peaceful protest"},
                                       pg_errors.ForeignKeyViolation, Conflict, "sub_event_type"),
    "event without a date": (EVENT_INSERT, {**GOOD_EVENT, "date": None}, pg_errors.NotNullViolation,
                             Unprocessable, "event_date"),
    "latitude 100": ("INSERT INTO locations (iso3, country, location, latitude, longitude) "
                     "VALUES ('SDN', 'Sudan', 'Nowhere', 100, 30)", None, pg_errors.CheckViolation,
                     Unprocessable, "latitude"),
    "latitude without longitude": ("INSERT INTO locations (iso3, country, location, latitude) "
                                   "VALUES ('SDN', 'Sudan', 'Nowhere', 10)", None, pg_errors.CheckViolation,
                                   Unprocessable, "latitude"),
    "iso3 'xx'": ("INSERT INTO locations (iso3, country, location) VALUES ('xx', 'Sudan', 'Nowhere')", None,
                  pg_errors.CheckViolation, Unprocessable, "iso3"),
    "geo_precision 4": ("INSERT INTO locations (iso3, country, location, geo_precision) "
                        "VALUES ('SDN', 'Sudan', 'Nowhere', 4)", None, pg_errors.CheckViolation,
                        Unprocessable, "geo_precision"),
    "the same place twice": ("INSERT INTO locations (iso3, country, location) VALUES ('SDN', 'Sudan', 'OMDURMAN')",
                             None, pg_errors.UniqueViolation, Conflict, "location"),
    "inter code 9": ("INSERT INTO actors (name, inter) VALUES ('New Group', 9)", None, pg_errors.CheckViolation,
                     Unprocessable, "inter"),
    "actor name differing only in case": ("INSERT INTO actors (name, inter) VALUES ('RAPID support FORCES', 2)",
                                          None, pg_errors.UniqueViolation, Conflict, "name"),
    "blank actor name": ("INSERT INTO actors (name, inter) VALUES ('  ', 2)", None, pg_errors.CheckViolation,
                         Unprocessable, "name"),
    "unknown role": ("INSERT INTO event_actors (event_id, actor_id, role) VALUES "
                     "((SELECT min(id) FROM events), (SELECT min(id) FROM actors), 'actor3')", None,
                     pg_errors.CheckViolation, Unprocessable, "role"),
}


@pytest.mark.parametrize("statement, params, pg_error, domain_error, field", BAD_ROWS.values(), ids=BAD_ROWS.keys())
def test_the_database_refuses_bad_rows(raw, statement, params, pg_error, domain_error, field):
    raw.execute(EVENT_INSERT, GOOD_EVENT)  # one good event, so links to it only fail for their own reason
    counts = raw.execute("SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM locations), "
                         "(SELECT count(*) FROM actors), (SELECT count(*) FROM event_actors)").fetchone()

    with pytest.raises(pg_error) as caught:
        raw.execute(statement, params)

    translated = translate(caught.value)
    assert isinstance(translated, domain_error)
    assert field in translated.errors
    assert "constraint" not in translated.detail
    assert raw.execute("SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM locations), "
                       "(SELECT count(*) FROM actors), (SELECT count(*) FROM event_actors)").fetchone() == counts


def test_an_actor_in_use_cannot_be_deleted(raw):
    event_id = raw.execute(EVENT_INSERT + " RETURNING id", GOOD_EVENT).fetchone()[0]
    raw.execute("INSERT INTO event_actors (event_id, actor_id, role) SELECT %s, id, 'actor1' FROM actors",
                (event_id,))

    # PostgreSQL 15 reports 23503 foreign_key_violation here, newer servers 23001 restrict_violation
    with pytest.raises((pg_errors.ForeignKeyViolation, pg_errors.RestrictViolation)) as caught:
        raw.execute("DELETE FROM actors")

    translated = translate(caught.value)
    assert isinstance(translated, Conflict) and "actor" in translated.errors
    assert raw.execute("SELECT count(*) FROM actors").fetchone()[0] == 1


def test_an_event_has_one_actor1(raw):
    event_id = raw.execute(EVENT_INSERT + " RETURNING id", GOOD_EVENT).fetchone()[0]
    raw.execute("INSERT INTO actors (name, inter) VALUES ('Military Forces of Sudan', 1)")
    raw.execute("INSERT INTO event_actors (event_id, actor_id, role) "
                "SELECT %s, id, 'actor1' FROM actors WHERE inter = 2", (event_id,))

    with pytest.raises(pg_errors.UniqueViolation):
        raw.execute("INSERT INTO event_actors (event_id, actor_id, role) "
                    "SELECT %s, id, 'actor1' FROM actors WHERE inter = 1", (event_id,))
