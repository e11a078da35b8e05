"""End to end: seeds, fixtures, the command and dedup (the gazetteer and actor dictionary included)."""

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from service.extraction import dedup_key, extract, parse
from service.extraction.extract_cmd import run
from service.extraction.pipeline import split_sentences

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "articles"


def events_of(name, published=None):
    (record,) = parse((FIXTURES / name).read_text(encoding="utf-8"), published=published)
    return record.events


def place_of(event):
    return {event["location"], event["admin1"]}


@pytest.fixture(scope="module")
def seeds():
    return run([str(ROOT / "seeds")], None)


def test_seed_articles_carry_manifest_facts(seeds):
    assert [a["published"] for a in seeds] == ["2021-01-11", "2024-12-23"]
    assert seeds[0]["published_precision"] == "week"
    assert seeds[0]["url"] == "https://english.aawsat.com/home/article/2749156"


def test_seed_syria_events(seeds):
    events = seeds[0]["events"]
    got = sorted((e["event_date"], e["sub_event_type"], e["admin1"], e["fatalities"]) for e in events)
    assert len(events) == 6
    assert ("2020-12-30", "Armed clash", "Deir ez-Zor", 39) in got
    strikes = [e for e in events if e["sub_event_type"] == "Air/drone strike"]
    assert sorted(e["event_date"] for e in strikes) == ["2021-01-10"] * 3
    assert all(e["time_precision"] == 1 and e["fatalities"] == 0 for e in strikes)
    landmine = next(e for e in events if e["sub_event_type"] == "Remote explosive/landmine/IED")
    assert (landmine["event_date"], landmine["time_precision"], landmine["fatalities"]) == ("2021-01-11", 2, 10)
    assert landmine["admin1"] == "Homs"
    ambush = next(e for e in events if e["fatalities"] == 15)
    assert ambush["event_type"] == "Battles" and ambush["time_precision"] == 2


def test_seed_jenin_events(seeds):
    events = seeds[1]["events"]
    got = sorted((e["event_date"], e["event_type"], e["fatalities"]) for e in events)
    assert got == [("2024-12-22", "Battles", 1), ("2024-12-23", "Battles", 0), ("2024-12-23", "Protests", 0)]
    assert all(e["iso3"] == "PSE" for e in events)


def test_seed_non_events_are_not_coded(seeds):
    evidence = " ".join(s["evidence"] for a in seeds for e in a["events"] for s in e["sources"])
    for phrase in ("1,199", "633 ISIS members", "11 shepherds", "killing and injuring dozens", "1967", "Oct. 7"):
        assert phrase not in evidence


def test_evidence_offsets_point_into_the_cleaned_body():
    text = (ROOT / "seeds" / "000_2e4a2c431bf925ae.txt").read_text(encoding="utf-8")
    for record in parse(text, published="2024-12-23"):
        for e in record.events:
            assert record.body[e["evidence_start"]:e["evidence_end"]] == e["evidence"]
            assert 0 <= e["confidence"] <= 1


def test_burkina_fixture():
    events = events_of("burkina_convoy.txt")
    ied = next(e for e in events if e["sub_event_type"] == "Remote explosive/landmine/IED")
    assert (ied["event_date"], ied["iso3"], ied["fatalities"]) == ("2025-03-03", "BFA", 6)
    assert "Djibo" in place_of(ied)
    assert "JNIM" in (ied["actor1"] or "") or "Islam" in (ied["actor1"] or "")
    kidnap = next(e for e in events if e["sub_event_type"] == "Abduction/forced disappearance")
    assert (kidnap["event_date"], kidnap["time_precision"], kidnap["fatalities"]) == ("2025-02-26", 2, 0)
    assert kidnap["civilian_targeting"] is True
    assert len(events) == 2  # the cumulative toll and the vow are not events


def test_peru_fixture():
    events = {e["sub_event_type"]: e for e in events_of("peru_protests.txt")}
    assert set(events) == {"Protest with intervention", "Excessive force against protesters",
                           "Violent demonstration", "Peaceful protest"}
    assert events["Protest with intervention"]["event_date"] == "2025-06-11"
    assert events["Protest with intervention"]["fatalities"] == 0  # detentions are not deaths
    assert events["Excessive force against protesters"]["fatalities"] == 3
    assert events["Excessive force against protesters"]["event_date"] == "2025-06-10"
    assert events["Violent demonstration"]["event_date"] == "2025-06-11"  # the following day
    assert events["Peaceful protest"]["event_date"] == "2025-06-12"  # yesterday
    assert all(e["iso3"] == "PER" and e["disorder_type"] == "Demonstrations" for e in events.values())


def test_gaza_fixture_splits_places_and_crosses_the_year():
    events = events_of("gaza_strikes.txt")
    strikes = sorted((e["location"], e["fatalities"]) for e in events if e["event_date"] == "2025-01-04")
    assert sorted(f for _, f in strikes) == [0, 8, 12]
    jabalia = [e for e in events if e["event_date"] == "2024-12-31"]
    assert len(jabalia) == 1 and jabalia[0]["fatalities"] == 2
    assert len(events) == 4  # the war's toll is background


def test_two_article_file_without_dates_uses_the_override():
    records = parse((FIXTURES / "two_articles.txt").read_text(encoding="utf-8"), published="2025-03-03")
    assert len(records) == 2
    (attack,) = records[0].events
    assert (attack["event_date"], attack["iso3"], attack["fatalities"]) == ("2025-02-28", "NGA", 7)
    assert attack["event_type"] == "Violence against civilians"
    (rally,) = records[1].events
    assert (rally["event_date"], rally["sub_event_type"], rally["iso3"]) == ("2025-03-02", "Peaceful protest", "LKA")


def test_same_incident_told_twice_is_one_event():
    body = ("Gunmen killed four villagers in the village of Kamba in Nigeria's Kebbi state on Sunday, police said. "
            "\n\nResidents said gunmen killed four villagers in Kamba on Sunday.")
    events = extract("Gunmen kill four in Nigeria", body, date(2024, 5, 7))
    assert len(events) == 1
    assert len(events[0]["sources"]) == 2


def test_undated_incident_takes_publication_week():
    events = extract("Blast in Pakistan", "A roadside bomb killed two soldiers in Pakistan's Bajaur district.",
                     date(2024, 5, 7))
    assert [(e["event_date"], e["time_precision"], e["fatalities"]) for e in events] == [("2024-05-07", 2, 2)]


def test_dedup_key_ignores_actor_order_and_spelling_case():
    a = {"event_date": "2024-05-05", "iso3": "MOZ", "admin1": "Cabo Delgado", "location": "Mbau",
         "event_type": "Battles", "actor1": "Military Forces of Rwanda", "actor2": "Islamic State Mozambique Province"}
    b = dict(a, actor1=a["actor2"], actor2=a["actor1"], location="MBAU")
    assert dedup_key(a) == dedup_key(b)
    assert dedup_key(a) != dedup_key(dict(a, event_date="2024-05-06"))


def test_sentences_respect_abbreviations():
    sentences = split_sentences("Troops clashed on Dec. 30 with rebels. A soldier died.\n\nNext paragraph")
    assert [s.text for s in sentences] == ["Troops clashed on Dec. 30 with rebels.", "A soldier died.", "Next paragraph"]


def test_module_command_prints_json():
    out = subprocess.run(
        [sys.executable, "-m", "service.extraction", "--json", "--published", "2025-03-05",
         str(FIXTURES / "burkina_convoy.txt")],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )
    (article,) = json.loads(out.stdout)
    assert article["published"] == "2025-03-05" and article["events"]
    assert set(article) == {"title", "published", "published_precision", "outlet", "url", "file", "events"}


def test_plain_file_without_date_uses_its_header():
    (article,) = run([str(FIXTURES / "gaza_strikes.txt")], None)
    assert article["published"] == "2025-01-04" and article["published_precision"] == "day"
