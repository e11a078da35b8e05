"""Argument: countries. In which country the article is set, and which country a clause places its incident in.

An explicit location ("in Mali", "Afghanistan's Kunar") wins over the countries a text merely names; a
neighbour across a border, the seat of an agency, a lake or a gulf named after a country, or a Nigerian state
named like a country are not where anything happened.
"""

from __future__ import annotations

import re

from ..vocab import countries
from ..vocab import gazetteer
from .articles import find_dateline
from .document import ArticleState


def mentioned_countries(text: str) -> list[countries.Country]:
    return [c for _, _, _, c in countries.match_countries(text, demonyms=True)]


PROPER = r"(?:[A-Z][\w.\u2019'-]*\s+){0,3}[A-Z][\w.-]*"
PLACE_WORDS = r"(?:towns?|city|cities|villages?|regions?|provinces?|province|state|district|capital|port|border|territory|countryside|county|governorate|department|township|coast|north|south|east|west|northeast|northwest|southeast|southwest)"
LOCATION_COUNTRY = re.compile(
    # "Afghanistan's Kunar province", "Mexico's southern Guerrero state" (not "Russia's defence ministry")
    r"(?P<name>" + PROPER + r")['\u2019]s\s+(?:(?:[a-z]+ern|central|northern|southern|eastern|western)\s+)?(?=[A-Z]|" + PLACE_WORDS + r"\b)"
    r"|\b(?:in|across)\s+(?:the\s+)?(?:(?:north|south|east|west|central|northern|southern|eastern|western|"
    r"north-?eastern|north-?western|south-?eastern|south-?western)\s+)?(?P<in>" + PROPER
    + r")(?=\s*[,.;\u201d\"]|\s+(?:on|late|early|overnight|yesterday|and|as|since|near|in|during|last|this|over)\b|\s*$)"
    r"|(?P<demonym>[A-Z][\w-]+)\s+(?!border\b|frontier\b)" + PLACE_WORDS + r"\b"  # "near the Iraqi border" is not in Iraq
)


def _country_named(name: str, possessive: bool) -> countries.Country | None:
    if len(name) <= 3 and not name.isupper():
        return None  # "Sur" in "Lanao del Sur" is not Suriname's code
    country = countries.lookup(name)
    if country is None and possessive:
        # "the Democratic Republic of Congo's": the country is the end of the name
        found = countries.match_countries(name, demonyms=False)
        country = found[-1][3] if found and found[-1][1] == len(name) else None
    return country


# "the Lake Chad region", "the Gulf of Guinea": a country's name inside a feature's is no country
# "Lake Chad", "the Gulf of Aden"; "West Azerbaijan province" (Iran), "South Kordofan": a country's name inside
# a feature's or a subdivision's
FEATURE_BEFORE = re.compile(r"\b(?:Lake|Gulf\s+of|Bay\s+of|Sea\s+of|Mount|River|West|East|North|South|Western|Eastern|"
                            r"Northern|Southern|Upper|Lower)\s+$")
# "Niger State": a Nigerian state named like a country
STATE_AFTER = re.compile(r"\s+State\b")
# "an agency based in Britain": where an organisation sits, not where anything happened
BASED_IN = re.compile(r"\b(?:based|headquartered|registered|exiled|living|resident)\s+in\s+(?:the\s+)?$", re.I)


def location_country(text: str) -> str | None:
    """A country the text places the incident in ("Afghanistan's Kunar", "in Mali", "the Israeli town of")."""
    best: tuple[int, int, str] | None = None
    for m in LOCATION_COUNTRY.finditer(text):
        if m.group("in") and BASED_IN.search(text[max(0, m.start() - 30):m.start("in")]):
            continue
        for rank, group in enumerate(("name", "in", "demonym")):
            if m.group(group) and not FEATURE_BEFORE.search(text[max(0, m.start(group) - 12):m.start(group)]) \
                    and not STATE_AFTER.match(text, m.end(group)):
                country = _country_named(m.group(group), group == "name")
                if country is not None and (best is None or (rank, m.start()) < best[:2]):
                    best = (rank, m.start(), country.iso3)
    return best[2] if best else None


def article_country(title: str, body: str) -> str | None:
    """The article's main country: where the headline and lead place things.

    An explicit location ("in Mali", "Sudan's El Fasher", "Ukrainian cities") wins; then
    the country most places in the headline and lead belong to; then a country name.
    Demonyms alone say who acts ("Israeli drone strike"), not where, so they come last.
    """
    lead = body[:700]
    for text in (title, lead):
        iso = location_country(text)
        if iso:
            return _state_namesake(iso, title + "\n" + body)
    votes: dict[str, float] = {}
    for m in gazetteer.find_places(title + "\n" + lead):
        if m.place.kind != "country":
            # a fuzzy gazetteer hit ("Boni" -> Bonn) is weak evidence of the country
            exact = gazetteer.place_key(m.text) == gazetteer.place_key(m.place.name)
            votes[m.place.iso3] = votes.get(m.place.iso3, 0) + (1.0 if exact else 0.25)
    both = title + "\n" + lead
    for start, end, text, c in countries.match_countries(both, demonyms=True):
        if ACROSS_BORDER.search(both[max(0, start - 30):start]) or BORDER_AFTER.match(both, end):
            continue  # "near the border with Afghanistan", "the Afghan border": the neighbour, not the place
        named = countries.lookup(text) is not None and text in (c.name, *c.aliases)
        votes[c.iso3] = votes.get(c.iso3, 0) + (2.0 if named else 0.75)
    return _state_namesake(max(votes, key=lambda k: votes[k]), both) if votes else None


# Countries whose name is also a state of another: "<name> State" anywhere in the article says it is the state.
STATE_NAMESAKES = {"NER": ("Niger", "NGA")}


def _state_namesake(iso3: str, text: str) -> str:
    namesake = STATE_NAMESAKES.get(iso3)
    if namesake and re.search(r"\b" + namesake[0] + r"\s+State\b", text):
        return namesake[1]
    return iso3


ACROSS_BORDER = re.compile(r"\b(?:border|frontier|boundary)\s+with\s+(?:the\s+)?$|\bbordering\s+(?:the\s+)?$|"
                           r"\bfrom\s+(?:neighbou?ring\s+)?$", re.I)
BORDER_AFTER = re.compile(r"\s+(?:border|frontier|boundary)\b|\s+State\b")  # "Niger State" is Nigeria's



def dateline_country(body: str) -> str | None:
    """The dateline's country ("SRINAGAR, India (AP)"): a last resort for the article's country,
    since correspondents often file from a neighbouring capital."""
    dateline = find_dateline(body)
    if dateline is None:
        return None
    for name in (dateline.region, dateline.city):
        if name:
            country = countries.lookup(name)
            if country is not None:
                return country.iso3
    return None


def place_article(state: ArticleState) -> ArticleState:
    """The article's country (headline and lead, else the dateline) and every country it names."""
    state.country = article_country(state.title, state.text)
    if state.country is None:
        state.country = dateline_country(state.body)
    named = countries.match_countries(state.title + "\n" + state.text, demonyms=True)
    state.mentioned = frozenset(c.iso3 for _, _, _, c in named)
    return state
