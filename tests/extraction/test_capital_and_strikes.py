"""A labour strike is not an air strike, and "the capital" places an act when nothing else does. Sentences written
for these tests."""
from datetime import date

from service.extraction import extract
from service.extraction.arg_capital import capital_place

PUB = date(2025, 3, 12)  # a Wednesday


def events(body, title="Unrest report"):
    return extract(title, body, PUB, "day")


def test_a_strike_against_a_policy_is_a_labour_strike():
    got = events("Shops were looted in Kenya's capital on Tuesday after violence broke out during a strike against a "
                 "rise in bread prices, police said.")
    assert [(e["event_type"], e["location"], e["admin1"]) for e in got] == [("Riots", "Nairobi", "Nairobi")]


def test_a_military_strike_on_a_town_is_still_an_air_strike():
    got = events("An army strike on a rebel camp near Goma killed nine fighters on Tuesday.")
    assert got and got[0]["sub_event_type"] == "Air/drone strike"


def test_the_capital_of_a_named_country_is_its_capital_city():
    assert capital_place("Gunfire was heard in the Malian capital overnight.", None).place.name == "Bamako"
    assert capital_place("Looting spread across Peru's capital.", None).place.name == "Lima"
    assert capital_place("Crowds gathered in the capital on Monday.", "SEN").place.name == "Dakar"


def test_a_capital_that_is_not_a_country_capital_places_nothing():
    assert capital_place("Troops entered the provincial capital at dawn.", "NGA") is None
    assert capital_place("The town lies 40 km east of the capital.", "NGA") is None
    assert capital_place("Crowds gathered in the capital on Monday.", "SEN", bare=False) is None
