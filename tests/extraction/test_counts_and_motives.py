"""Counts read off the dead as a noun, subsets named after the total, and the act an attack answered. Sentences
written for these tests."""
from datetime import date

from service.extraction import extract
from service.extraction.numbers import death_counts

PUB = date(2024, 10, 18)  # a Friday


def values(text):
    return [c.value for c in death_counts(text) if c.role == "death"]


def test_the_dead_as_the_counted_noun():
    assert values("The fighting left at least 25 dead and 40 wounded, a hospital source said.") == [25]
    assert values("A car bomb went off near the market, leaving 9 dead.") == [9]
    assert values("The 25 dead were buried in a common grave.") == []


def test_people_named_among_those_killed_are_part_of_the_toll():
    assert values("Residents said that among those killed were two nurses and a pharmacist.") == []


def test_the_death_an_attack_answered_is_not_its_toll():
    assert values("The raid was revenge for the killing on Monday of a local chief, police said.") == []
    assert values("Gunmen shot dead six herders in retaliation for the murder of two farmers.") == [6]


def test_the_day_of_the_act_answered_does_not_date_the_attack():
    got = extract("Rebels attack town",
                  "Rebels attacked the town of Bambari overnight Wednesday, killing 14 people, the UN said.\n\n"
                  "The attack in Bambari was likely retaliation for the death Monday of a rebel commander, the UN "
                  "mission said.", PUB, "day")
    assert [(e["event_date"], e["location"], e["fatalities"]) for e in got] == [("2024-10-16", "Bambari", 14)]


def test_a_pledge_told_in_the_present_perfect_is_background():
    got = extract("Militants attack base",
                  "Militants attacked an army base near Baga on Tuesday, killing four soldiers, an officer said.\n\n"
                  "The group has pledged allegiance to the Islamic State, which operates in several countries.",
                  PUB, "day")
    assert [e["sub_event_type"] for e in got] == ["Armed clash"]


def test_a_death_the_police_denied_is_not_counted():
    assert values("The police chief also denied reports that a student was shot dead during the protest.") == []
    assert values("He dismissed claims two farmers were killed by soldiers.") == []


def test_a_place_a_lawmaker_represents_is_not_where_the_arrest_was():
    got = extract("Opposition rally broken up",
                  "Police fired tear gas at opposition supporters marching to the party headquarters in Kampala on "
                  "Monday.\n\nThe melee saw Nansana Municipality lawmaker John Doe arrested, witnesses said.",
                  PUB, "day")
    assert [(e["sub_event_type"], e["location"]) for e in got] == [("Protest with intervention", "Kampala")]


def test_tear_gas_at_a_crowd_is_a_protest_met_by_force():
    got = extract("Rally broken up", "Riot police fired tear gas at hundreds of students marching to parliament in "
                  "Accra on Tuesday.", PUB, "day")
    assert [(e["sub_event_type"], e["location"]) for e in got] == [("Protest with intervention", "Accra")]


def test_the_dead_of_another_act_named_in_passing_are_not_this_ones():
    assert values("Gunmen ambushed a police patrol near Gao on Friday, killing nine officers, days after another "
                  "attack in the east left dozens of villagers dead.") == [9]
    assert values("Militants killed four soldiers, a week after a similar raid killed 12 police.") == [4]


def test_the_official_who_reports_the_toll_is_not_among_the_dead():
    assert values("A bomb killed a trader and a boy at the bus station, an aide to the governor of Borno state "
                  "said on Monday.") == [1, 1]


def test_a_thing_that_killed_someone_is_not_part_of_the_victim_noun():
    assert values("A blast killed a soldier near the checkpoint.") == [1]
    assert values("A landmine killed a herder and a boy.") == [1, 1]


def test_a_toll_corrected_in_the_same_sentence_counts_once_as_corrected():
    got = extract("Clan fighting kills dozens",
                  "Dozens of men were killed in clan fighting near Wabag on Sunday, police said.\n\nOfficials "
                  "initially said 40 people were killed, but later said they had miscounted and 19 men had died.",
                  PUB, "day")
    assert [e["fatalities"] for e in got] == [19]


def test_the_downing_or_interception_of_a_drone_is_disrupted_weapons_use():
    got = extract("Drones downed", "Air defences were forced to intercept a missile fired towards Najran on "
                  "Wednesday, the coalition said.", PUB, "day")
    assert [e["sub_event_type"] for e in got] == ["Disrupted weapons use"]
    got = extract("Drones downed", "The attack followed the downing of two drones over Khamis Mushait earlier in "
                  "the day, the coalition said.", PUB, "day")
    assert [e["sub_event_type"] for e in got] == ["Disrupted weapons use"]
