"""A country-wide tally beside placed incidents is backdrop; an undated detail happened on the day the story has
reached. Sentences written for these tests."""
from datetime import date

from service.extraction import extract

PUB = date(2025, 5, 15)  # a Thursday


def events(body, title="Unrest grows"):
    return extract(title, body, PUB, "day")


def test_a_tally_across_the_country_is_not_an_event_beside_placed_ones():
    got = events("Police detained about 60 people across the country yesterday.\n\nToday, students set fire to the "
                 "offices of the ruling party in Kragujevac, local media reported.")
    assert [(e["sub_event_type"], e["location"]) for e in got] == [("Violent demonstration", "Kragujevac")]


def test_an_undated_detail_takes_the_day_the_story_has_reached():
    got = events("Police detained about 60 people in Nis yesterday.\n\nToday, students set fire to the offices of "
                 "the ruling party in Kragujevac, local media reported.\n\nIn Novi Sad, protesters blocked a bridge "
                 "and chanted slogans against the government.")
    by_place = {e["location"]: e["event_date"] for e in got}
    assert by_place["Nis"] == "2025-05-14"
    assert by_place["Novi Sad"] == "2025-05-15"


def test_a_crowd_placed_nowhere_else_was_where_the_story_was_filed():
    got = events("LIMA (Reuters) - Demonstrators set fire to the doors of Congress on Wednesday and threw stones at "
                 "police, who fired tear gas.", title="Peru protesters torch Congress doors")
    assert [(e["location"], e["admin1"], e["geo_precision"]) for e in got] == [("Lima", "Lima", 2)]


def test_an_attack_placed_nowhere_does_not_take_the_dateline_city():
    got = events("BAMAKO (Reuters) - Gunmen killed 11 villagers on Wednesday, a local official said.",
                 title="Gunmen kill 11 in Mali")
    assert [e["location"] for e in got] != ["Bamako"]


def test_a_city_toll_split_over_its_districts_is_their_sum():
    got = events("At least two protesters were killed in clashes with police in Bujumbura on Wednesday, witnesses "
                 "said.\n\nWitnesses said one protester was killed in the Kinama district and one in the Nyakabiga district of "
                 "the capital.\n\nProtesters threw stones at the police and burned tyres.", title="Two killed")
    assert sorted((e["location"], e["fatalities"]) for e in got) == [("Kinama", 1), ("Nyakabiga", 1)]


def test_deadly_clashes_in_a_protest_story_are_the_crowds_unless_arms_are_named():
    got = events("Three people died in clashes in Karbala, medics said.", title="Protesters defy curfew")
    assert [(e["event_type"], e["fatalities"]) for e in got] == [("Riots", 3)]
    got = events("Three people died in clashes between gunmen and police in Karbala, medics said.",
                 title="Protesters defy curfew")
    assert [e["event_type"] for e in got] == ["Battles"]


def test_arrests_for_rioting_tell_the_riot():
    got = events("Police in Hai Duong province near Hanoi arrested 300 people for rioting in industrial parks on "
                 "Tuesday, state media said.", title="Hundreds held after riots")
    assert [(e["sub_event_type"], e["admin1"], e["event_date"]) for e in got] == [
        ("Violent demonstration", "Hai Duong", "2025-05-13")]


def test_a_figure_summed_over_days_of_operations_is_a_tally():
    got = events("Troops shelled the village of Tabayin on Monday, killing two farmers, residents said.\n\nAt least 8 "
                 "people were injured and 20 arrested in Ye-U and Tabayin townships during three days of raids.",
                 title="Junta raids villages")
    assert [(e["sub_event_type"], e["fatalities"]) for e in got] == [("Shelling/artillery/missile attack", 2)]


def test_fighter_jets_that_bombarded_a_village_made_an_air_strike():
    got = events("Fighter jets bombarded the village of Tabayin on Monday, killing two farmers, residents said.",
                 title="Air raid")
    assert [e["sub_event_type"] for e in got] == ["Air/drone strike"]


def test_what_set_off_a_protest_told_before_is_no_new_event():
    got = events("Hundreds of students set fire to the regional assembly building in Jayapura on Monday.\n\nThe "
                 "protest was sparked by accusations that police had detained and insulted students in Surabaya.",
                 title="Students torch assembly")
    assert [(e["sub_event_type"], e["location"]) for e in got] == [("Violent demonstration", "Jayapura")]


def test_destruction_by_protesters_is_a_violent_demonstration():
    got = events("Protesters destroyed parts of the airport terminal in Sorong on Monday, police said.",
                 title="Airport damaged")
    assert [e["sub_event_type"] for e in got] == ["Violent demonstration"]


def test_people_killed_without_a_named_armed_group_in_a_protest_story_met_force_at_a_protest():
    got = events("Two were killed on Wednesday after defying a curfew in the town of Janakpur, officials said.",
                 title="Police firing kills protesters")
    assert [(e["sub_event_type"], e["fatalities"]) for e in got] == [("Excessive force against protesters", 2)]
