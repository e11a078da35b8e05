"""A death told on a later day than the act that caused it belongs to that act: its day, its place, its toll.
Sentences written for these tests."""
from datetime import date

from service.extraction import extract
from service.extraction.numbers import death_counts

PUB = date(2024, 3, 8)  # a Friday


def events(body, title="Shelling hits villages"):
    return extract(title, body, PUB, "day")


LEAD = ("Russian artillery shelled the village of Kurakhove in Donetsk region on Monday, wounding three residents, "
        "regional officials said.")


def test_the_wounded_dying_later_add_to_the_act_and_keep_its_day():
    got = events(LEAD + "\n\nTwo of the wounded died of their injuries on Wednesday, the governor said.")
    assert [(e["event_date"], e["fatalities"]) for e in got] == [("2024-03-04", 2)]


def test_one_wounded_in_the_named_act_who_died_later_counts_once():
    got = events(LEAD + "\n\nA woman wounded in Monday's shelling died in hospital on Wednesday, the governor said.")
    assert [(e["event_date"], e["fatalities"]) for e in got] == [("2024-03-04", 1)]


def test_a_reduced_relative_of_wounding_does_not_hide_the_death():
    assert [c.value for c in death_counts("A teacher injured in the raid on the market later died in hospital.")] == [1]
    assert [c.value for c in death_counts("One of the farmers hurt by the blast died on Sunday.")] == [1]
    assert [c.value for c in death_counts("A teacher injured in the raid was taken to hospital.")] == []


def test_a_later_death_from_an_act_told_only_then_takes_the_act_day():
    got = events("Rebels attacked an army post near Bunia on Tuesday.\n\nThe next day, a farmer died of wounds he had "
                 "received when troops shelled the village of Komanda on Monday.")
    by_place = {e["location"]: e for e in got}
    assert by_place["Komanda"]["event_date"] == "2024-03-04"
    assert by_place["Komanda"]["fatalities"] == 1


def test_the_day_the_dead_were_buried_is_not_a_second_incident():
    got = events("Gunmen attacked four villages of Isa district in Sokoto state on Tuesday, with the dead buried on "
                 "Wednesday, police said.", title="Villages attacked")
    assert [e["event_date"] for e in got] == ["2024-03-05"]


def test_a_paired_noun_keeps_the_kidnapped_apart_from_the_killed():
    assert [c.value for c in death_counts("Police said seven villagers had been killed and four young women and "
                                          "girls kidnapped.")] == [7]


def test_a_drone_whose_owner_is_named_before_it_struck_is_an_air_strike():
    got = events("A drone launched by the Rapid Support Forces (RSF) from the west struck a crowded market in El "
                 "Obeid on Thursday, killing eight people.", title="Drone hits market")
    assert [(e["sub_event_type"], e["event_date"], e["fatalities"]) for e in got] == [("Air/drone strike", "2024-03-07", 8)]
