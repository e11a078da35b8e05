"""extract(..., explain=True): which stage set each field, from which words; the normal output has no trace."""

from datetime import date

from service.extraction import extract, parse
from service.extraction.extract_cmd import explain_text

PUBLISHED = date(2024, 5, 10)
BODY = (
    "Gunmen killed five villagers in the town of Kidal in northern Mali on Tuesday, officials said. "
    "The government will hold talks in 2019 about security in the region."
)


def events(body=BODY, explain=True):
    return extract("Gunmen kill five in Mali", body, PUBLISHED, "day", explain=explain)


def test_normal_output_has_no_trace():
    assert all("explain" not in ev for ev in events(explain=False))


def test_trace_is_only_added_on_request_and_changes_nothing_else():
    plain, explained = events(explain=False), events()
    assert [{k: v for k, v in ev.items() if k != "explain"} for ev in explained] == plain


def test_each_field_names_its_stage_and_words():
    (ev,) = events()
    fields = ev["explain"]["fields"]
    assert fields["event_type"]["stage"] == "mentions"
    assert fields["event_type"]["words"].startswith("killed")
    assert fields["event_date"] == {"stage": "arguments.dates", "words": "Tuesday"}
    assert fields["fatalities"]["stage"] == "arguments.counts"
    assert "five villagers" in fields["fatalities"]["words"]
    assert fields["location"]["stage"] == "arguments.places"
    assert "Kidal" in fields["location"]["words"]
    assert fields["actor1"]["stage"] == "arguments.actors"


def test_undated_incident_says_so():
    (ev,) = events("Gunmen killed two farmers near the village of Tessit in Mali.")
    assert ev["explain"]["fields"]["event_date"]["words"].startswith("(undated")


def test_dropped_sentences_are_listed_with_why():
    body = BODY + " Rebels plan to attack the army base in Gao next week."
    (ev,) = events(body)
    whys = {d["text"]: d["why"] for d in ev["explain"]["dropped"]}
    assert any("plan to attack" in text and why for text, why in whys.items())
    assert not any("Kidal" in text for text in whys)


def test_claim_is_traced_to_the_claims_rule():
    body = ("An explosion killed three soldiers at a checkpoint in the town of Menaka in Mali on Monday. "
            "Islamic State Sahel Province claimed responsibility for the attack.")
    evs = events(body)
    claimed = [ev for ev in evs if ev["explain"]["fields"].get("actor1", {}).get("stage") == "arguments.claims"]
    assert claimed, [ev["explain"]["fields"].get("actor1") for ev in evs]


def test_parse_and_the_readable_block():
    (record,) = parse("Gunmen kill five in Mali\n\n" + BODY, published="2024-05-10", explain=True)
    text = explain_text({"title": record.title, "published": "2024-05-10", "events": record.events})
    assert "event 1:" in text
    assert "<- arguments.dates: \"Tuesday\"" in text
    assert "dropped by the filters:" in text
