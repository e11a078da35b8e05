"""`eventsvc load`: seeds in, articles/events out; idempotent; edits replace; bad files skipped."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from service.cli import main as cli_main
from service.loader import load_paths

from .samples import ZAMFARA

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

TABLES = ("articles", "events", "actors", "locations", "event_actors", "event_sources")


def snapshot(dbq) -> dict:
    """Everything the loader writes, to compare before/after."""
    return {t: dbq(f"SELECT * FROM {t} ORDER BY 1, 2")  # noqa: S608 - fixed table names
            for t in TABLES}


def write_seed_dir(tmp_path: Path, articles: list[dict], name: str = "001_test.txt") -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir(exist_ok=True)
    text = "\n\n\n".join(f"{a['title']}\n\n{a['body']}" for a in articles)
    (folder / name).write_text(text, encoding="utf-8")
    manifest = {"files": [{"file": name, "articles": [
        {k: a.get(k) for k in ("title", "outlet", "url", "published", "published_precision")} for a in articles]}]}
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder


# the shared sample with a second incident: an abduction told after the attack
ARTICLE = {**ZAMFARA, "body": ZAMFARA["body"] + "\n\nThe attackers also abducted 12 people, residents said."}


def test_loading_the_seeds_stores_articles_events_and_evidence(database_url, dbq):
    summary = load_paths(database_url, [str(SEEDS)], progress=False)
    assert summary.failed == []
    assert summary.articles["new"] == 2
    articles = dbq("SELECT title, published, published_precision, outlet FROM articles ORDER BY published")
    assert [a["published"].isoformat() for a in articles] == ["2021-01-11", "2024-12-23"]
    assert articles[0]["published_precision"] == 2 and articles[1]["published_precision"] == 1
    assert "TT" not in dbq("SELECT string_agg(body, ' ') AS b FROM articles")[0]["b"].split()
    events = dbq("SELECT count(*) AS n FROM events WHERE deleted_at IS NULL")[0]["n"]
    assert events == summary.events_created >= 5
    # every event has evidence with offsets inside its article's body
    rows = dbq("SELECT s.evidence, s.start_offset, s.end_offset, a.body FROM event_sources s "
               "JOIN articles a ON a.id = s.article_id")
    assert len(rows) >= events
    for row in rows:
        assert row["body"][row["start_offset"]:row["end_offset"]] == row["evidence"]


def test_a_second_load_changes_nothing(database_url, dbq):
    load_paths(database_url, [str(SEEDS)], progress=False)
    before = snapshot(dbq)
    summary = load_paths(database_url, [str(SEEDS)], progress=False)
    assert summary.articles == {"new": 0, "updated": 0, "unchanged": 2}
    assert summary.events_created == summary.events_linked == summary.events_removed == 0
    assert snapshot(dbq) == before


def test_an_edited_article_replaces_its_own_events(database_url, dbq, tmp_path):
    folder = write_seed_dir(tmp_path, [ARTICLE])
    first = load_paths(database_url, [str(folder)], progress=False)
    assert first.articles["new"] == 1 and first.events_created >= 1
    old_ids = {r["id"] for r in dbq("SELECT id FROM events WHERE deleted_at IS NULL")}
    edited = dict(ARTICLE, body="Protesters marched peacefully in Abuja on Saturday to demand better "
                                "security, organisers said.")
    folder = write_seed_dir(tmp_path, [edited])
    second = load_paths(database_url, [str(folder)], progress=False)
    assert second.articles["updated"] == 1
    live = dbq("SELECT e.id, e.sub_event_type FROM events e WHERE e.deleted_at IS NULL")
    assert {r["id"] for r in live}.isdisjoint(old_ids)
    assert [r["sub_event_type"] for r in live] == ["Peaceful protest"]
    # the replaced events remain as tombstones, without links
    gone = dbq("SELECT id FROM events WHERE deleted_at IS NOT NULL")
    assert {r["id"] for r in gone} == old_ids
    assert dbq("SELECT count(*) AS n FROM event_sources WHERE event_id = ANY(%s)", (list(old_ids),))[0]["n"] == 0
    assert dbq("SELECT count(*) AS n FROM articles")[0]["n"] == 1


def test_the_same_incident_from_two_articles_is_one_event_with_two_sources(database_url, dbq, tmp_path):
    retold = dict(ARTICLE, title="Five killed in Zamfara attack", url="https://example.org/zamfara-2",
                  body="Gunmen killed five villagers in an attack on Gusau in Zamfara state, Nigeria, on "
                       "Sunday, a local official said.")
    folder = write_seed_dir(tmp_path, [ARTICLE, retold])
    summary = load_paths(database_url, [str(folder)], progress=False)
    assert summary.articles["new"] == 2
    assert summary.events_linked >= 1
    shared = dbq("SELECT event_id, count(DISTINCT article_id) AS n FROM event_sources GROUP BY event_id "
                 "HAVING count(DISTINCT article_id) = 2")
    assert len(shared) >= 1


def test_a_bad_file_is_reported_by_name_and_the_rest_load(database_url, dbq, tmp_path):
    folder = write_seed_dir(tmp_path, [ARTICLE])
    (folder / "002_broken.txt").write_bytes(b"\xff\xfe\x00garbage\x00\xff")
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["files"].append({"file": "002_broken.txt", "articles": [
        {"title": "Broken", "published": "2024-01-01", "published_precision": "day"}]})
    manifest["files"].append({"file": "003_missing.txt", "articles": []})
    (folder / "manifest.json").write_text(json.dumps(manifest))
    summary = load_paths(database_url, [str(folder)], progress=False)
    names = " ".join(name for name, _ in summary.failed)
    assert "002_broken.txt" in names and "003_missing.txt" in names
    assert summary.articles["new"] == 1
    assert dbq("SELECT count(*) AS n FROM articles")[0]["n"] == 1


def test_load_command_prints_a_summary(database_url, dbq, capsys, monkeypatch, tmp_path):
    folder = write_seed_dir(tmp_path, [ARTICLE])
    monkeypatch.setenv("DATABASE_URL", database_url)
    assert cli_main(["load", "--quiet", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "articles: 1 new" in out
    assert dbq("SELECT count(*) AS n FROM articles")[0]["n"] == 1


def test_extract_command_prints_json_without_a_database(capsys, tmp_path):
    published = "2024-03-18"
    assert cli_main(["extract", "--json", str(SEEDS)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [a["published"] for a in out] == ["2021-01-11", "2024-12-23"]
    for article in out:
        for event in article["events"]:
            assert {"event_date", "time_precision", "event_type", "sub_event_type", "iso3", "country", "admin1",
                    "location", "latitude", "longitude", "geo_precision", "actor1", "actor2", "fatalities",
                    "evidence", "confidence"} <= set(event)
    copy = shutil.copy(SEEDS / "000_2e4a2c431bf925ae.txt", tmp_path)
    assert cli_main(["extract", "--json", "--published", published, str(copy)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert len(out) == 2 and {a["published"] for a in out} == {published}


def test_dictionary_actors_arrive_with_their_code_and_aliases(database_url, dbq):
    load_paths(database_url, [str(SEEDS)], progress=False)
    row = dbq("SELECT inter, aliases FROM actors WHERE name = 'Islamic State'")[0]
    assert row["inter"] == 2
    assert "ISIS" in row["aliases"] and "Daesh" in row["aliases"]
