"""Counts and fatalities: number words, vague figures, sums, subsets, non-fatal figures."""

import pytest

from service.extraction.numbers import death_counts, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [("Ten", 10), ("39", 39), ("1,199", 1199), ("twenty-one", 21), ("two dozen", 24), ("dozens", 12),
     ("tens", 10), ("hundreds", 100), ("a dozen", 12), ("seven", 7)],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


def deaths(text):
    return sum(c.value for c in death_counts(text) if c.role == "death")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ten Russia-backed fighters were killed when ISIS landmines exploded", 10),
        ("killing 39 and injuring others", 39),
        ("killing five soldiers and three civilians, a regional official said", 8),
        ("killed four SDF members and two tribal fighters, the monitor said", 6),
        ("resulted in the death of 12 regime soldiers and affiliated militias, as well as three civilians, "
         "including a little girl", 15),
        ("killed five villagers, including two children, in an attack", 5),
        ("killing at least 21 people, including nine children, on Tuesday, a local official and a rescue worker said", 21),
        ("killing hundreds of the group's fighters", 100),
        ("killing tens of the rebels", 10),
        ("killing dozens of them", 12),
        ("killing two soldiers and wounding three", 2),
        ("wounding seven people, including two policemen", 0),
        ("abducted 14 women who had gone to gather firewood", 0),
        ("a mob set fire to at least 15 houses", 0),
        ("shot down 14 attack drones over the region", 0),
        ("Gunmen shot dead a mayoral candidate and one of his aides", 2),
        ("residents beat two men to death on Tuesday night", 2),
        ("leaving one student dead, police said", 1),
        ("a drone struck a car, killing the driver", 1),
        ("The attacker also died in the blast.", 1),
        ("It said its troops killed six militants and lost one soldier.", 7),
        ("killing at least 12 passengers, two witnesses and a health official said on Sunday", 12),
        ("killing seven fighters, a local official said", 7),
        ("killed five fighters of the Ambazonia Defence Forces (ADF), one of the largest separatist militias", 5),
        ("Hezbollah named the two men in a statement", 0),
        ("detaining 27 people, the interior ministry said", 0),
    ],
)
def test_death_counts(text, expected):
    assert deaths(text) == expected


def test_toll_reading_is_separate():
    counts = death_counts("which put the death toll at 15")
    assert [(c.value, c.role) for c in counts] == [(15, "toll")]
