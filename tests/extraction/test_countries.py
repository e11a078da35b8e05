"""Tests for service.vocab.countries (pure Python, no database)."""

import pycountry
import pytest

from service.vocab.countries import (
    Country,
    all_countries,
    by_iso3,
    demonym_pattern,
    lookup,
    match_countries,
    name_pattern,
    normalize,
)


def test_every_pycountry_country_present_with_demonyms():
    countries = all_countries()
    codes = {c.iso3 for c in countries}
    assert {c.alpha_3 for c in pycountry.countries} <= codes
    assert "XKX" in codes  # Kosovo, coded by ACLED
    assert len(countries) >= 249
    assert all(isinstance(c, Country) and c.demonyms for c in countries)
    assert all(c.name and len(c.iso2) == 2 and len(c.iso3) == 3 for c in countries)


@pytest.mark.parametrize(
    "iso3,name",
    [
        ("SYR", "Syria"),
        ("PSE", "Palestine"),
        ("RUS", "Russia"),
        ("IRN", "Iran"),
        ("COD", "Democratic Republic of Congo"),
        ("COG", "Republic of Congo"),
        ("KOR", "South Korea"),
        ("PRK", "North Korea"),
        ("CIV", "Ivory Coast"),
        ("TUR", "Turkey"),
        ("VNM", "Vietnam"),
        ("LAO", "Laos"),
        ("BOL", "Bolivia"),
        ("VEN", "Venezuela"),
        ("TZA", "Tanzania"),
        ("MDA", "Moldova"),
        ("USA", "United States"),
        ("GBR", "United Kingdom"),
        ("CZE", "Czech Republic"),
        ("MMR", "Myanmar"),
        ("SWZ", "eSwatini"),
    ],
)
def test_acled_short_names(iso3, name):
    assert by_iso3(iso3).name == name


def test_by_iso3_case_insensitive_and_iso2():
    assert by_iso3("syr").iso3 == "SYR"
    assert by_iso3("SY").iso3 == "SYR"
    assert by_iso3("cd").iso3 == "COD"
    assert by_iso3("XXX") is None
    assert by_iso3("") is None


@pytest.mark.parametrize(
    "text,iso3",
    [
        ("syria", "SYR"),
        ("Syrian", "SYR"),
        ("SYR", "SYR"),
        ("Syrian Arab Republic", "SYR"),
        ("DR Congo", "COD"),
        ("DRC", "COD"),
        ("Congo-Kinshasa", "COD"),
        ("Congolese", "COD"),
        ("Congo-Brazzaville", "COG"),
        ("Burma", "MMR"),
        ("Burmese", "MMR"),
        ("UK", "GBR"),
        ("British", "GBR"),
        ("US", "USA"),
        ("U.S.", "USA"),
        ("USA", "USA"),
        ("American", "USA"),
        ("West Bank", "PSE"),
        ("Gaza Strip", "PSE"),
        ("Gaza", "PSE"),
        ("Palestinians", "PSE"),
        ("Türkiye", "TUR"),
        ("Turkish", "TUR"),
        ("Georgian", "GEO"),
        ("Niger", "NER"),
        ("Nigerien", "NER"),
        ("Nigeria", "NGA"),
        ("Nigerian", "NGA"),
        ("Guinea", "GIN"),
        ("Guinea-Bissau", "GNB"),
        ("Equatorial Guinea", "GNQ"),
        ("Papua New Guinea", "PNG"),
        ("Sudan", "SDN"),
        ("South Sudan", "SSD"),
        ("South Sudanese", "SSD"),
        ("Sudanese", "SDN"),
        ("Côte d’Ivoire", "CIV"),
        ("cote d'ivoire", "CIV"),
        ("Filipino", "PHL"),
        ("Philippine", "PHL"),
        ("Emirati", "ARE"),
        ("Saudi", "SAU"),
        ("Afghan", "AFG"),
        ("Israelis", "ISR"),
        ("Somali", "SOM"),
        ("Haitian", "HTI"),
        ("Kosovar", "XKX"),
    ],
)
def test_lookup(text, iso3):
    c = lookup(text)
    assert c is not None, text
    assert c.iso3 == iso3


def test_lookup_rejects_non_countries():
    assert lookup("") is None
    assert lookup("Monday") is None
    assert lookup("Reuters") is None
    # three-letter codes that are English words need capitals
    assert lookup("and") is None
    assert lookup("can") is None
    assert lookup("AND").iso3 == "AND"


def test_normalize():
    assert normalize("Côte d’Ivoire") == "cote divoire"
    assert normalize("The Gambia") == "gambia"


def test_name_pattern_word_boundaries_and_longest_first():
    pat = name_pattern()
    found = [m.group(0) for m in pat.finditer("Clashes in Niger, Nigeria and South Sudan, not Sudan's north.")]
    assert found == ["Niger", "Nigeria", "South Sudan", "Sudan"]
    found = [m.group(0) for m in pat.finditer("Papua New Guinea and Guinea-Bissau and Equatorial Guinea")]
    assert found == ["Papua New Guinea", "Guinea-Bissau", "Equatorial Guinea"]
    # context guards
    assert not pat.search("in Latin America")
    assert not pat.search("the Niger Delta")


def test_demonym_pattern_plurals():
    pat = demonym_pattern()
    found = [m.group(0) for m in pat.finditer("Syrians and Palestinians met South Sudanese and Sudanese officials")]
    assert found == ["Syrians", "Palestinians", "South Sudanese", "Sudanese"]
    assert not pat.search("the frenchman")  # case-sensitive


def test_match_countries():
    res = match_countries("Turkish drones struck Syria's north, the DRC said.", demonyms=True)
    assert [(t, c.iso3) for _s, _e, t, c in res] == [("Turkish", "TUR"), ("Syria", "SYR"), ("DRC", "COD")]
    s, e, t, _c = res[1]
    assert "Turkish drones struck Syria's north, the DRC said."[s:e] == t
