"""`eventsvc import acled`: an ACLED-layout file into the schema, idempotent by event_id_cnty, bad rows reported
by line and skipped, and a round trip through our own CSV export that gives the same file back."""
from __future__ import annotations

import uuid
from pathlib import Path

import psycopg
import pytest

from service import create_app
from service.cli import main
from service.config import Config
from service.imports.acled import import_acled
from service.loader import load_paths

from .conftest import with_dbname

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests/fixtures/import/acled_sample.csv"


def test_a_file_imports_its_good_rows_and_names_the_bad_ones(database_url, dbq):
    summary = import_acled(database_url, SAMPLE, progress=False)

    assert (summary.rows, summary.created, summary.updated, summary.bad_count) == (6, 3, 0, 3)
    assert [line for line, _ in summary.bad] == [5, 6, 7]
    assert "event_date" in summary.bad[0][1] and "sub-type" in summary.bad[1][1] and "country" in summary.bad[2][1]
    rows = dbq("SELECT external_id, event_date::text, sub_event_type, actor1, assoc_actor_2, inter1, country, "
               "location, fatalities, source_text, civilian_targeting, extract(epoch FROM updated_at)::bigint AS ts "
               "FROM event_records ORDER BY external_id")
    assert [r["external_id"] for r in rows] == ["NGA9001", "NGA9002", "SDN7001"]
    expected = {"event_date": "2024-05-06", "sub_event_type": "Attack", "inter1": 3,
                "assoc_actor_2": "Farmers (Nigeria)", "country": "Nigeria", "location": "Kadauri", "fatalities": 6,
                "source_text": "Example Wire", "civilian_targeting": True, "ts": 1715000000}
    assert {k: rows[0][k] for k in expected} == expected
    assert rows[1]["event_date"] == "2024-05-06"  # "06 May 2024", as ACLED writes dates
    assert dbq("SELECT count(*) AS n FROM locations")[0]["n"] == 2
    history = dbq("SELECT h.action, h.cause, h.who, h.changes, e.external_id FROM event_history h "
                  "JOIN events e ON e.id = h.event_id ORDER BY h.id")
    assert {(h["action"], h["cause"], h["who"]) for h in history} == {("create", "import", "import:acled_sample.csv")}
    first = next(h["changes"] for h in history if h["external_id"] == "NGA9001")
    assert first["fatalities"] == {"before": None, "after": 6}
    assert first["location"] == {"before": None, "after": "Kadauri"}
    assert dbq("SELECT count(*) AS n FROM actor_history WHERE cause = 'import'")[0]["n"] == \
        dbq("SELECT count(*) AS n FROM actors")[0]["n"]


def test_importing_again_changes_nothing_and_a_changed_row_updates_its_event(database_url, dbq, tmp_path):
    import_acled(database_url, SAMPLE, progress=False)
    again = import_acled(database_url, SAMPLE, progress=False)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert dbq("SELECT count(*) AS n FROM events")[0]["n"] == 3

    changed = tmp_path / "changed.csv"
    changed.write_text(SAMPLE.read_text().replace("attacked farmers working their fields near the village.,6,",
                                                  "attacked farmers working their fields near the village.,9,"))
    summary = import_acled(database_url, changed, progress=False, who="analyst")

    assert (summary.created, summary.updated, summary.unchanged) == (0, 1, 2)
    row = dbq("SELECT id, fatalities, version FROM events WHERE external_id = 'NGA9001'")[0]
    assert (row["fatalities"], row["version"]) == (9, 2)
    last = dbq("SELECT action, who, changes FROM event_history WHERE event_id = %s ORDER BY id DESC LIMIT 1",
               (row["id"],))[0]
    assert (last["action"], last["who"], last["changes"]) == ("update", "analyst", {"fatalities": {"before": 6, "after": 9}})
    assert dbq("SELECT count(*) AS n FROM event_actors WHERE event_id = %s", (row["id"],))[0]["n"] == 3


def test_an_event_deleted_here_stays_deleted(database_url, client, dbq):
    import_acled(database_url, SAMPLE, progress=False)
    event_id = dbq("SELECT id FROM events WHERE external_id = 'SDN7001'")[0]["id"]
    assert client.delete(f"/events/{event_id}").status_code == 204

    summary = import_acled(database_url, SAMPLE, progress=False)

    assert (summary.created, summary.deleted_here) == (0, 1)
    assert dbq("SELECT deleted_at IS NOT NULL AS gone FROM events WHERE id = %s", (event_id,))[0]["gone"]


@pytest.fixture
def second_database(pg_server, template_db):
    name = f"eventsvc_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template_db}"')
    yield with_dbname(pg_server, name)
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _export(url: str) -> str:
    app = create_app(Config.from_env(DATABASE_URL=url, DB_POOL_MIN=1, DB_POOL_MAX=2))
    try:
        resp = app.test_client().get("/events?format=csv")
        text = resp.get_data(as_text=True)
        resp.close()
        return text
    finally:
        app.extensions["db"].close()


def test_an_export_imported_into_an_empty_database_exports_identically(database_url, second_database, tmp_path):
    load_paths(database_url, [str(ROOT / "seeds")], progress=False)
    import_acled(database_url, SAMPLE, progress=False)  # imported events travel too
    first = _export(database_url)
    exported = tmp_path / "events.csv"
    exported.write_text(first, encoding="utf-8")

    summary = import_acled(second_database, exported, progress=False)

    assert summary.bad_count == 0 and summary.created == first.count("\n") - 1
    assert _export(second_database) == first


def test_the_command_reports_and_refuses_a_file_that_is_not_acled(database_url, tmp_path, capsys):
    other = tmp_path / "other.csv"
    other.write_text("id,name\n1,x\n")
    assert main(["import", "acled", str(other), "--quiet", "--database-url", database_url]) == 1
    assert "event_id_cnty" in capsys.readouterr().err
    assert main(["import", "acled", str(SAMPLE), "--quiet", "--database-url", database_url]) == 0
    assert "3 created" in capsys.readouterr().out


def _schema(dbq) -> list:
    return dbq("SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ('events', 'event_actors', "
               "'event_history') UNION ALL SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
               "WHERE conrelid IN ('events'::regclass, 'event_actors'::regclass, 'event_history'::regclass) "
               "ORDER BY 1, 2")


def test_bulk_mode_imports_the_same_and_gives_every_index_and_key_back(database_url, dbq, tmp_path):
    before = _schema(dbq)

    summary = import_acled(database_url, SAMPLE, progress=False, bulk=True)

    assert summary.bulk and (summary.created, summary.bad_count) == (3, 3)
    assert _schema(dbq) == before
    assert dbq("SELECT count(*) AS n FROM event_actors")[0]["n"] == 7
    # a second bulk import over the first: one new id, the rest unchanged
    more = tmp_path / "more.csv"
    more.write_text(SAMPLE.read_text().replace("NGA9001", "NGA9901"))
    again = import_acled(database_url, more, progress=False, bulk=True)
    assert (again.created, again.unchanged) == (1, 2)
    assert _schema(dbq) == before



@pytest.mark.parametrize("bulk", [True, False])
def test_imported_events_are_searchable_and_their_links_dated(database_url, dbq, bulk):
    import_acled(database_url, SAMPLE, progress=False, bulk=bulk)
    stored = dbq("SELECT count(*) AS n, count(search_tsv) AS searchable FROM events WHERE deleted_at IS NULL")[0]
    assert stored["n"] == 3 and stored["searchable"] == 3
    assert dbq("SELECT count(*) AS n FROM event_actors ea JOIN events e ON e.id = ea.event_id "
               "WHERE ea.event_date IS DISTINCT FROM e.event_date")[0]["n"] == 0
    stored_docs = dbq("SELECT id, search_tsv::text AS doc FROM events ORDER BY id")
    dbq("SELECT refresh_event_search(ARRAY(SELECT id FROM events)) AS n")  # what every write path computes
    assert dbq("SELECT id, search_tsv::text AS doc FROM events ORDER BY id") == stored_docs


def test_small_files_into_a_large_database_are_not_bulk(database_url):
    assert import_acled(database_url, SAMPLE, progress=False).bulk is False


def test_cells_out_of_any_range_are_bad_rows_not_a_failed_import(database_url, tmp_path):
    odd = tmp_path / "odd.csv"
    odd.write_text(SAMPLE.read_text().replace("near the village.,6,", "near the village.,inf,"))
    summary = import_acled(database_url, odd, progress=False)
    assert summary.created == 2 and any("fatalities" in reason for _, reason in summary.bad)


def test_a_line_csv_cannot_read_is_reported_with_its_number(database_url, tmp_path, capsys):
    import csv as _csv
    huge = tmp_path / "huge.csv"
    huge.write_text(SAMPLE.read_text().replace("Gunmen on motorbikes", "x" * 200_000))
    before = _csv.field_size_limit(131_072)  # csv's default (the limit is process-wide: other code may raise it)
    try:
        assert main(["import", "acled", str(huge), "--quiet", "--database-url", database_url]) == 1
    finally:
        _csv.field_size_limit(before)
    assert "line 2" in capsys.readouterr().err


def test_a_file_that_only_orders_or_spells_actors_differently_changes_nothing(database_url, dbq, tmp_path):
    two = tmp_path / "two.csv"
    two.write_text(SAMPLE.read_text().replace("Farmers (Nigeria),7", "Farmers (Nigeria); Herders (Nigeria),7"))
    import_acled(database_url, two, progress=False)
    swapped = tmp_path / "swapped.csv"
    swapped.write_text(two.read_text().replace("Farmers (Nigeria); Herders (Nigeria)", "herders (nigeria);Farmers (Nigeria)")
                       .replace("Rapid Support Forces,,2", "rapid support forces,,2"))

    summary = import_acled(database_url, swapped, progress=False)

    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 3)
    assert dbq("SELECT max(version) AS v FROM events")[0]["v"] == 1
