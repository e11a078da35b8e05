"""Article -> ACLED-style incident records.

The article is read sentence by sentence, each sentence cut into clauses. A clause
whose lexicon rule fires and that is not background, future, crime or an accident
either starts a new incident or continues the previous one:

* it continues the previous incident when it has no date of its own and names no
  other place (or names the same place and tells nothing of a different kind);
  continuations add evidence, casualties ("the attacker also died"), conflicting
  tolls (lowest wins) and claims ("al-Shabaab said its fighters carried out the attack");
* otherwise it is a new incident, split into one event per place it names
  ("struck Kharkiv, Dnipro and Odesa") and per day ("on Tuesday and Wednesday").

Finally the same incident told twice (same day, place, type and actors) is merged.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from . import countries
from . import places as gazetteer
from .articles import find_dateline
from .classify import Classification, classify, context_flags, context_match, cue_matches, disorder_type, load_lexicon
from .dates import DateMention, find_dates
from .numbers import Count, death_counts

try:  # the actor dictionary is written in parallel; degrade to generic actors without it
    from . import actors as actor_dictionary
except ImportError:  # pragma: no cover - only while actors.py does not exist yet
    actor_dictionary = None

__all__ = ["extract", "split_sentences", "dedup_key", "Sentence"]

PRECISION = {"day": 1, "week": 2, "month": 3, 1: 1, 2: 2, 3: 3}

# Abbreviations whose final period does not end a sentence.
ABBREVIATIONS = re.compile(
    r"(?:\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mr|Mrs|Ms|Dr|Gen|Col|Lt|Maj|Capt|Sgt|"
    r"Cpl|Gov|Sen|Rep|Rev|St|No|Jr|Sr|Prof|Brig|Adm|Cmdr|vs|etc|approx|Mt|Ft)|\b[A-Z]|\b[a-z]\.[a-z]|\bU\.S|\bU\.N)\.$"
)
SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])|\n+")
# Relative clauses and appositions carry background ("which has deployed troops since 2021").
RELATIVE_CLAUSE = re.compile(r",\s+(?:which|who|whose|where)\b[^,;]*?(?=,|;|$)"
                             r"|\s+who\s+(?:was|were|had\s+been|has\s+been|have\s+been)\s+\w+ed\b[^,;]*?(?=,|;|\.?$)")
CLAUSE_BREAK = re.compile(r";\s+|,\s+while\s+|\s+while\s+(?=[A-Z]|the\b|a\b|an\b)|,\s+whereas\s+")
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
QUOTE_START = re.compile(r"^\s*[\"\u201c]")
# A place after these words is where people went, not where the incident was.
NOT_INCIDENT_PLACE = re.compile(
    r"\b(?:fled|fleeing|flee|taken|rushed|evacuated|withdrew|withdrawing|retreated|headed|heading|"
    r"returned|relocated|transferred|sent|moved|displaced|drive|driving|drove|flown)\s+(?:\w+\s+){0,2}"
    r"(?:to|towards?|into|from)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}(?:(?:town|city|village|capital)\s+of\s+)?$"
    r"|\b(?:a\s+)?hospital\s+in\s+$|\bto\s+the\s+town\s+of\s+$",
    re.I,
)
REFERENCE_PLACE = re.compile(
    r"\b(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|"
    r"south-east|south-west)(?:ern)?\s+of\s+(?:the\s+)?(?:capital\s+|city\s+of\s+)?$|\b(?:km|kilometres|kilometers|miles)\)?\s+(?:\w+\s+)?(?:of|from)\s+$"
    r"|,\s+near\s+(?:the\s+(?:\w+\s+)?(?:town|city|village)\s+of\s+)?$|\bfrom\s+$|\bthe\s+capital\s+of\s+$",
    re.I,
)
BETWEEN_PLACES = re.compile(r"\b(?:between|from)\s+(?:the\s+(?:\w+\s+)?(?:towns?|cities|villages)\s+(?:of\s+)?)?$", re.I)
ANAPHORIC_START = re.compile(
    r"^\s*(?:the|these|those|its|their|his|her)\s+(?:\w+\s+){0,2}?(?:attackers?|assailants|gunmen|fighters|"
    r"insurgents|militants|group|strikes?|attack|blast|explosion|shelling|bombing|raid|car|vehicle|convoy|"
    r"victims|dead|bodies|suspects|rebels|kidnappers|crowd|protesters|demonstrators|troops|soldiers|army|"
    r"police|officers|military|missiles?|drones?|bomb|shells|fire)\b|^\s*(?:it|they|he|she)\s+(?:said|added|also)\b",
    re.I,
)
ALSO = re.compile(r"\balso\b|\badditional\b|\banother\b|\bin addition\b", re.I)
STANDALONE_TYPES = {
    "Disrupted weapons use", "Arrests", "Headquarters or base established", "Agreement",
    "Change to group/activity", "Non-violent transfer of territory",
}


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass
class Incident:
    """An event being built; turned into an output dict at the end."""

    cls: Classification
    event_date: date
    precision: int
    dated: bool
    place: gazetteer.Place | None
    iso3: str | None
    actor1: str = ""
    actor2: str = ""
    assoc1: str = ""
    assoc2: str = ""
    inter1: int | None = None
    inter2: int | None = None
    actor1_generic: bool = True
    civilian_targeting: bool = False
    fatalities: int = 0
    vague_count: bool = False  # the figure is a convention for "dozens"/"scores": any exact figure replaces it
    sources: list[tuple[int, int]] = field(default_factory=list)
    group: int = 0
    confidence: float = 0.5
    clause_text: str = ""
    place_text: str = ""


# ----------------------------------------------------------------------------- text units


def split_sentences(body: str) -> list[Sentence]:
    """Sentences with offsets into `body`; paragraph breaks always end a sentence."""
    out: list[Sentence] = []
    start = 0
    for m in SENTENCE_END.finditer(body):
        cut = m.start() + 1 if body[m.start()] in ".!?" else m.start()
        # keep a closing quote/bracket with its sentence
        while cut < len(body) and body[cut] in "\"'\u201d\u2019)":
            cut += 1
        if "\n" not in m.group(0) and body[m.start()] == "." and ABBREVIATIONS.search(body[max(start, m.start() - 6):m.start() + 1]):
            continue
        _append_sentence(out, body, start, cut)
        start = m.end()
    _append_sentence(out, body, start, len(body))
    return out


def _append_sentence(out: list[Sentence], body: str, start: int, end: int) -> None:
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, body[start:end]))


def mask_relative_clauses(text: str) -> str:
    """Blank out ", which ...", ", who ..." clauses, keeping offsets."""
    return RELATIVE_CLAUSE.sub(lambda m: " " * len(m.group(0)), text)


def mask_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """Blank out spans (e.g. "two days after the drone strike", which names another incident)."""
    for s, e in spans:
        text = text[:s] + " " * (e - s) + text[e:]
    return text


def split_clauses(text: str) -> list[tuple[int, int]]:
    """Spans of the independent clauses of a sentence ("X shelled A, while Y fired at B")."""
    spans, start = [], 0
    for m in CLAUSE_BREAK.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


# ----------------------------------------------------------------------------- filters


SUBORDINATE_TAIL = re.compile(r"\b(?:under which|in which|whereby|so that|after accusing|accusing)\b.*$", re.I | re.S)


# "one of the largest protests in the capital this year", "the deadliest attack since 2019": a comparison,
# not a report of earlier events.
SUPERLATIVE = re.compile(
    r"\b(?:the|its|their)\s+(?:\w+est|most\s+\w+|worst|first|second|third)\b(?:\s+[\w'-]+){0,6}?\s+"
    r"(?:(?:in|of)\s+(?:the\s+)?(?:\w+\s+){0,2}?)?(?:this|last|past)\s+year\b", re.I)


def background_reason(text: str, published: date, dates: list[DateMention]) -> str | None:
    """Why a sentence is not a discrete recent incident (None when it may be one)."""
    text = SUPERLATIVE.sub(lambda m: " " * len(m.group(0)), text)
    flags = context_flags(text)
    for name in ("crime", "background"):
        if name in flags:
            return name
    for m in YEAR.finditer(text):
        year_ok = any(d.start <= m.start() < d.end and d.date and abs((published - d.date).days) <= 60 for d in dates)
        if not year_ok:
            return "year"
    return None


def is_unreal(clause: str, cls: Classification) -> bool:
    """Future, planned, threatened or denied: a marker that governs the incident's words.

    Only markers before the last trigger count, so "agreed to a truce under which the group
    will reopen roads" and "beat two men to death after accusing them" stay incidents.
    """
    head = SUBORDINATE_TAIL.sub("", clause[:max(cls.trigger_last, 1)])
    return context_match("future", head) is not None


# ----------------------------------------------------------------------------- countries & places


def mentioned_countries(text: str) -> list[countries.Country]:
    return [c for _, _, _, c in countries.match_countries(text, demonyms=True)]


PROPER = r"(?:[A-Z][\w.\u2019'-]*\s+){0,3}[A-Z][\w.-]*"
PLACE_WORDS = r"(?:towns?|city|cities|villages?|regions?|provinces?|province|state|district|capital|port|border|territory|countryside|county|governorate|department|township|coast|north|south|east|west|northeast|northwest|southeast|southwest)"
LOCATION_COUNTRY = re.compile(
    # "Afghanistan's Kunar province", "Mexico's southern Guerrero state" (not "Russia's defence ministry")
    r"(?P<name>" + PROPER + r")['\u2019]s\s+(?:(?:[a-z]+ern|central|northern|southern|eastern|western)\s+)?(?=[A-Z]|" + PLACE_WORDS + r"\b)"
    r"|\b(?:in|across)\s+(?:the\s+)?(?:(?:north|south|east|west|central|northern|southern|eastern|western|"
    r"north-?eastern|north-?western|south-?eastern|south-?western)\s+)?(?P<in>" + PROPER
    + r")(?=\s*[,.;]|\s+(?:on|late|early|overnight|yesterday|and|as|since|near)\b|\s*$)"
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


def location_country(text: str) -> str | None:
    """A country the text places the incident in ("Afghanistan's Kunar", "in Mali", "the Israeli town of")."""
    best: tuple[int, int, str] | None = None
    for m in LOCATION_COUNTRY.finditer(text):
        for rank, group in enumerate(("name", "in", "demonym")):
            if m.group(group):
                country = _country_named(m.group(group), group == "name")
                if country is not None and (best is None or (rank, m.start()) < best[:2]):
                    best = (rank, m.start(), country.iso3)
    return best[2] if best else None


NAME = (r"(?:(?:[Aa]l|[Ee]l|[Aa]s|[Aa]d|[Aa]r|[Aa]n|[Aa]sh|[Aa]t|[Aa]z)-)?[A-Z][\w'\u2019\u00c0-\u024f-]+"
        r"(?:\s+(?:(?:al|el|de|da|du|des|la|le|di|do)[- ]\s?)?[A-Z][\w'\u2019\u00c0-\u024f-]+){0,2}")
LOCATIVE_FRAMES = [
    re.compile(r"\b(?:town|village|city|port|settlement|neighbou?rhood|township|camp|outskirts|suburb|locality|"
               r"commune|municipality|hamlet|market town|border town|area)s?\s+of\s+(?P<names>" + NAME
               + r"(?:\s*(?:,|and|,\s*and)\s*" + NAME + r")*)"),
    re.compile(r"\bthe\s+(?P<names>" + NAME + r"(?:\s*(?:,|and|,\s*and)\s*" + NAME + r")*)\s+"
               r"(?:districts?|villages?|towns?|areas?|neighbou?rhoods?|townships?|camps?|regency|regencies|"
               r"communes?|municipality|campus)\b"),
    re.compile(r"['\u2019]s\s+(?:[a-z]+ern\s+)?(?P<names>" + NAME + r")\s+(?:district|province|region|state|"
               r"governorate|county|area|township)\b"),
    re.compile(r"\b(?:road|highway|route)\s+(?:between|from|linking)\s+(?P<names>" + NAME + r")\s+(?:and|to)\b"),
    re.compile(r"\b(?:in|near|at)\s+the\s+(?P<names>" + NAME + r")\s+(?:industrial\s+)?(?:belt|zone|suburb|"
               r"neighbou?rhood|district|area|township|camp|valley|desert|mountains|forest)\b"),
    re.compile(r"\b(?:in|near|at)\s+(?:the\s+)?(?P<names>" + NAME + r")\s+(?:desert|valley|mountains|forest|"
               r"countryside|plain|hills)\b"),
    re.compile(r"\b(?i:in|near|outside|at)\s+(?:the\s+)?(?P<names>" + NAME + r")"
               r"(?=\s*[,.;]|\s+(?:on|in|near|late|early|overnight|yesterday|and|as|after|before|when|district|township|area|town|village)\b|\s*$)"),
]
NOT_A_PLACE = re.compile(
    r"\b(?:Army|Forces?|State|Group|Movement|Party|Council|Front|Brigades?|Division|Corps|Ministry|Office|Agency|"
    r"News|Network|Hospital|University|Police|Service|Command|Committee|Organi[sz]ation|Union|Court|Parliament|"
    r"Government|Authority|Mission|Province|Region|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"January|February|March|April|May|June|July|August|September|October|November|December|The|A|An|Red Sea)\b"
)


def unresolved_places(text: str, country: str | None, taken: list[gazetteer.PlaceMention],
                      context: gazetteer.Place | None = None) -> list[gazetteer.PlaceMention]:
    """Places the gazetteer does not know, named in a locative frame ("the village of Mamove").

    They keep the article's spelling, the country in context and the admin1 named
    beside them ("in Hodeidah province"), at geo_precision 2.
    """
    if not country:
        return []
    admin = next((m.place for m in taken if m.place.iso3 == country and m.place.admin1), None)
    if admin is None and context is not None and context.iso3 == country:
        admin = context
    out: list[gazetteer.PlaceMention] = []
    for frame in LOCATIVE_FRAMES:
        for m in frame.finditer(text):
            for name_m in re.finditer(NAME, m.group("names")):
                name = name_m.group(0)
                start = m.start("names") + name_m.start()
                end = start + len(name)
                if NOT_A_PLACE.search(name) or countries.lookup(name) or mentioned_countries(name):
                    continue
                if any(t.start < end and start < t.end for t in taken + out):
                    continue
                known = gazetteer.resolve(name, country)
                if known is not None and known.iso3 == country and \
                        gazetteer.skeleton(known.name) == gazetteer.skeleton(name):
                    out.append(gazetteer.PlaceMention(start, end, name, known))
                    continue
                place = gazetteer.Place(
                    name=name, iso3=country, country=(countries.by_iso3(country).name if countries.by_iso3(country) else country),
                    admin1=admin.admin1 if admin else None, admin2=None,
                    latitude=admin.latitude if admin else None, longitude=admin.longitude if admin else None,
                    geo_precision=2, kind="town",
                )
                out.append(gazetteer.PlaceMention(start, end, name, place))
    return out


ADMIN_SUFFIX = re.compile(r"^\s+(?:province|region|state|governorate|county|department|oblast)\b", re.I)
ADMIN_PREFIX = re.compile(r"\b(?:province|region|state|governorate|county|department|oblast)\s+of\s+$", re.I)


def _names_admin_area(text: str, m: gazetteer.PlaceMention) -> bool:
    """"the province of Deir ez-Zor", "Hodeidah province": the area, not the town of that name."""
    return bool(ADMIN_SUFFIX.match(text[m.end:]) or ADMIN_PREFIX.search(text[max(0, m.start - 30):m.start]))


def find_incident_places(text: str, country: str | None, context: gazetteer.Place | None = None,
                         also: frozenset[str] = frozenset()) -> list[gazetteer.PlaceMention]:
    """Places in a clause that can be the incident's place, most specific first in text order."""
    found = gazetteer.find_places(text, country)
    mentions = [m for m in found if m.place.kind != "country"]
    if country:
        in_country = [m for m in mentions if m.place.iso3 == country]
        foreign = [m for m in mentions if m.place.iso3 != country and _explicitly_foreign(text, m)]
        if not in_country and not foreign and also:
            # "the southeastern city of Diyarbakir" in a story that began in Iraq: a place known by its exact
            # name in another country the article names
            foreign = [m for m in mentions if m.place.iso3 in also and _exact_name(m)]
        mentions = sorted(in_country + foreign, key=lambda m: m.start)
    mentions += unresolved_places(text, country, mentions, context)
    mentions.sort(key=lambda m: m.start)
    # "the southern Gaza city of Khan Younis": the first name only qualifies the town named after it
    mentions = [m for m in mentions if not (
        (QUALIFIES_NEXT.match(text[m.end:]) or (QUALIFIED_NEXT.search(m.text) and re.match(r"\s+of\s+[A-Z]", text[m.end:])))
        and any(o.start > m.end and o.start - m.end <= 25 for o in mentions))] or mentions
    mentions = [_in_named_province(text, m, mentions) for m in mentions]
    # "the University of Texas at Austin": an institution is not a settlement when a town is named too
    mentions = [m for m in mentions if not INSTITUTION.match(m.text)] or mentions
    towns = [m for m in mentions if m.place.kind in ("town", "feature")]
    if len(towns) > 1:
        # "Ras Isa in Hodeidah province": a town named with an admin suffix is the container here
        plain = [m for m in towns if not _names_admin_area(text, m)]
        if plain:
            mentions = [m for m in mentions if not (m.place.kind == "town" and _names_admin_area(text, m))]
    mentions = [m for m in mentions if not NOT_INCIDENT_PLACE.search(text[max(0, m.start - 60):m.start])]
    if len(mentions) > 1:
        kept = [m for m in mentions if not REFERENCE_PLACE.search(text[max(0, m.start - 40):m.start])]
        mentions = kept or mentions[:1]
    mentions = _drop_containers(mentions)
    return mentions


INSTITUTION = re.compile(r"^(?:University|College|Institute|Hospital|School|Academy|Airport|Prison|Stadium)\b", re.I)
QUALIFIES_NEXT = re.compile(r"^\s+(?:city|town|village|port|camp)\s+of\s+[A-Z]")
QUALIFIED_NEXT = re.compile(r"\s(?:city|town|village|port|camp)$", re.I)


def _in_named_province(text: str, mention: gazetteer.PlaceMention,
                       mentions: list[gazetteer.PlaceMention]) -> gazetteer.PlaceMention:
    """"Puncak regency of Central Papua province": a town the gazetteer puts in another province than the
    one named right after it is a namesake; keep the article's name in the province it gives."""
    if mention.place.kind != "town":
        return mention
    for other in mentions:
        if other.place.kind == "admin1" and other.place.iso3 == mention.place.iso3 and 0 < other.start - mention.end <= 30 \
                and re.fullmatch(r"\s*(?:(?:regency|district|county|municipality|commune|area|town|village)\s+)?(?:of|in|,)\s+(?:the\s+)?",
                                 text[mention.end:other.start]) and other.place.admin1 != mention.place.admin1:
            place = dataclasses.replace(mention.place, admin1=other.place.admin1, admin2=None, geo_precision=2,
                                        latitude=other.place.latitude, longitude=other.place.longitude)
            return gazetteer.PlaceMention(mention.start, mention.end, mention.text, place)
    return mention


def _exact_name(mention: gazetteer.PlaceMention) -> bool:
    name = GENERIC_WORDS.sub("", mention.text.strip())
    return gazetteer.place_key(name) == gazetteer.place_key(mention.place.name) or \
        gazetteer.skeleton(name) == gazetteer.skeleton(mention.place.name)


def _explicitly_foreign(text: str, mention: gazetteer.PlaceMention) -> bool:
    window = text[max(0, mention.start - 60):mention.end + 30]
    return location_country(window) == mention.place.iso3


def _drop_containers(mentions: list[gazetteer.PlaceMention]) -> list[gazetteer.PlaceMention]:
    """Drop an admin1 mention when a town inside it is named too."""
    towns = [m for m in mentions if m.place.kind in ("town", "feature")]
    out = []
    for m in mentions:
        if m.place.kind == "admin1" and any(t.place.admin1 in (m.place.admin1, None) for t in towns):
            continue
        out.append(m)
    return out


def incident_places(text: str, country: str | None, context: gazetteer.Place | None = None,
                    also: frozenset[str] = frozenset()) -> list[gazetteer.PlaceMention]:
    """The place(s) of one incident: several when the clause lists them ("A, B and C")."""
    mentions = find_incident_places(text, country, context, also)
    if len(mentions) <= 1:
        return mentions
    if BETWEEN_PLACES.search(text[max(0, mentions[0].start - 40):mentions[0].start]):
        return mentions[:1]
    listed = [mentions[0]]
    for prev, cur in zip(mentions, mentions[1:]):
        between = text[prev.end:cur.start]
        if re.fullmatch(r"\s*(?:,\s*(?:and\s+)?|and\s+|,?\s*as\s+well\s+as\s+|(?:\S+\s+){0,8}?and\s+(?:\S+\s+){0,6}?)", between) \
                and not re.search(r"[;:.]|\bwhile\b", between):
            listed.append(cur)
        else:
            break
    if len(listed) > 1:
        return listed
    return [_most_specific(mentions)]


def _most_specific(mentions: list[gazetteer.PlaceMention]) -> gazetteer.PlaceMention:
    rank = {"town": 0, "feature": 1, "admin1": 2, "country": 3}
    return sorted(mentions, key=lambda m: (rank.get(m.place.kind, 4), m.start))[0]


# ----------------------------------------------------------------------------- dates


def incident_dates(clause_dates: list[DateMention], sentence_dates: list[DateMention], cls_start: int,
                   history: list[Incident], published: date, pub_precision: int) -> tuple[list[tuple[date, int]], bool]:
    """The day(s) of an incident and whether the text dated it; undated -> publication, week precision."""
    statement = next((d for d in sentence_dates if d.statement and d.date), None)
    own = [d for d in clause_dates if d.kind not in ("chain", "possessive") and d.date and not d.statement]
    chains = [d for d in clause_dates if d.kind == "chain"] or [d for d in sentence_dates if d.kind == "chain"]
    for chain in chains:
        resolved = _resolve_chain(chain, cls_start, own or [d for d in sentence_dates if d.date and not d.statement],
                                  statement, history)
        if resolved is not None:
            return [resolved], True
    if own:
        nights = [d for d in own if d.kind == "night"]
        if nights and len(own) == 1:
            anchor = statement.date if statement else published
            return [(anchor, nights[0].precision)], True
        multi = _multi_day(own, clause_dates)
        if multi:
            return multi, True
        return [(own[0].date, own[0].precision)], True
    other = [d for d in sentence_dates if d.kind not in ("chain", "possessive") and d.date and not d.statement]
    if other:
        return [(other[0].date, other[0].precision)], True
    if statement:
        return [(statement.date, statement.precision)], True
    return [(published, max(2, pub_precision))], False


def _multi_day(own: list[DateMention], clause_dates: list[DateMention]) -> list[tuple[date, int]]:
    """"on Tuesday and Wednesday" -> both days (one event per day)."""
    days = [d for d in own if d.kind in ("weekday", "absolute")]
    if len(days) < 2:
        return []
    return sorted({(d.date, d.precision) for d in days})


def _resolve_chain(chain: DateMention, cls_start: int, others: list[DateMention], statement: DateMention | None,
                   history: list[Incident]) -> tuple[date, int] | None:
    if chain.anchor == "clause":
        # "on Monday, the day after militants killed ...": only for the incident after the chain
        if cls_start < chain.start or not others:
            return None
        base = others[0]
        return base.date + timedelta(days=chain.offset_days), base.precision
    if chain.anchor == "statement" and statement is not None:
        return statement.date + timedelta(days=chain.offset_days), statement.precision
    anchor = _anchor_incident(chain.anchor_text, history)
    if anchor is None:
        return None
    return anchor.event_date + timedelta(days=chain.offset_days), anchor.precision


def _anchor_incident(anchor_text: str, history: list[Incident]) -> Incident | None:
    words = [w.lower() for w in re.findall(r"[\w-]+", anchor_text) if len(w) > 2]
    for incident in reversed(history):
        if words and all(w in incident.clause_text.lower() for w in words[-1:]):
            return incident
    return history[-1] if history else None


# ----------------------------------------------------------------------------- fatalities


def clause_deaths(text: str) -> tuple[list[Count], list[Count]]:
    counts = death_counts(text)
    return [c for c in counts if c.role == "death"], [c for c in counts if c.role == "toll"]


PLACE_AFTER_COUNT = re.compile(
    r"^\s+(?:in|at|near)\s+(?:the\s+(?:[\w-]+\s+){0,2}?(?:town|city|village|district)\s+of\s+)?(?P<name>" + NAME + ")")


def deaths_by_place(text: str, deaths: list[Count], places: list[gazetteer.PlaceMention]) -> dict[int, int]:
    """Per-place fatalities when the text splits them ("four people in Kharkiv and a woman in Dnipro")."""
    out: dict[int, int] = {}
    for c in deaths:
        m = PLACE_AFTER_COUNT.match(text[c.end:])
        index = -1
        if m:
            name = m.group("name").lower()
            for i, p in enumerate(places):
                if p.text.lower().startswith(name) or name.startswith(p.text.lower()) \
                        or p.place.name.lower() == name:
                    index = i
                    break
        out[index] = out.get(index, 0) + c.value
    return out


# ----------------------------------------------------------------------------- actors


def _generic(kind: str, iso3: str | None) -> tuple[str, int | None]:
    if actor_dictionary is not None and iso3:
        actor = actor_dictionary.generic(kind, iso3)
        if actor is not None:
            return actor.name, actor.inter
    country = countries.by_iso3(iso3) if iso3 else None
    name = country.name if country else "Unknown"
    table = {
        "state": (f"Military Forces of {name}", 1), "police": (f"Police Forces of {name}", 1),
        "protesters": (f"Protesters ({name})", 6), "rioters": (f"Rioters ({name})", 5),
        "civilians": (f"Civilians ({name})", 7), "unidentified": (f"Unidentified Armed Group ({name})", 3),
    }
    return table[kind]


@dataclass
class ActorRead:
    name: str
    inter: int | None
    start: int
    victim: bool
    generic: bool = False
    end: int = -1


# A definite description of an armed group ("the terrorist organization", "the insurgents") refers back to the
# most recently named non-state armed group of the article.
GROUP_ANAPHOR = re.compile(
    r"\b(?:the|these|those)\s+(?:(?:terrorist|jihadist|jihadi|militant|extremist|armed|insurgent|rebel|islamist|"
    r"radical|outlawed|banned|separatist)\s+)?(?:organi[sz]ation|group|movement|insurgents|militants|rebels|jihadists|"
    r"extremists)\b", re.I)
ANAPHOR_VERB = re.compile(r"(?:\s+(?:also|then|later|again|reportedly|allegedly|had|has|have|subsequently|"
                          r"first|once\s+more))*\s+(\w+)", re.I)
GROUP_INTERS = (2, 3, 4)


def is_armed_group(a: ActorRead) -> bool:
    """A named non-state armed group (rebels, militias, identity militias), not a stand-in label."""
    return (a.inter in GROUP_INTERS and not a.generic and not a.victim
            and not a.name.startswith(("Unidentified", "Pro-Government", "Pro-Gov")))


def _resolve_group_anaphor(text: str, found: list[ActorRead], recent: ActorRead | None) -> list[ActorRead]:
    """"The group also ambushed ...": the definite description that is the subject of an attack verb is the
    group named last before it."""
    if recent is None or actor_dictionary is None:
        return found
    for m in GROUP_ANAPHOR.finditer(text):
        # the subject: no actor named before it in the clause, followed (closely) by an attack verb
        if any(a.start < m.start() and not (m.start() <= a.start < m.end()) for a in found):
            break
        verb = ANAPHOR_VERB.match(text, m.end())
        if verb is None or not _is_attack_verb(verb.group(1)):
            break
        kept = [a for a in found if not (m.start() <= a.start < m.end())]
        ref = ActorRead(recent.name, recent.inter, m.start(), False, False, m.end())
        return sorted(kept + [ref], key=lambda a: a.start)
    return found


def _is_attack_verb(word: str) -> bool:
    try:
        verbs = actor_dictionary._lexicon().attack_verbs  # type: ignore[union-attr]
    except AttributeError:  # pragma: no cover - depends on the dictionary's internals
        verbs = frozenset()
    return word.lower() in verbs or bool(ATTACK_VERB.match(word))


ATTACK_VERB = re.compile(
    r"(?:attack|ambush|kill|shell|bomb|raid|storm|target|stormed|assault|abduct|kidnapp?|seiz|captur|overr[au]n|"
    r"fire|fired|shot|shoot|strik|struck|detonat|launch|clash|fought|fight|execut|behead|massacr|burn|torch|"
    r"hit|besieg|overtook|took|blew|plant|infiltrat|engag)\w*$", re.I)


def find_clause_actors(text: str, iso3: str | None, recent: ActorRead | None = None) -> list[ActorRead]:
    if actor_dictionary is None:
        return []
    out = []
    for m in actor_dictionary.find_actors(text, iso3):
        a = m.actor
        generic = a.name.startswith(("Unidentified", "Civilians", "Protesters", "Rioters"))
        out.append(ActorRead(a.name, a.inter, m.start, bool(m.victim), generic, m.end))
    return _resolve_group_anaphor(text, out, recent)


REPORTED_SPEECH = re.compile(
    r"^.{3,140}?\b(?:said|says|told\s+\w+(?:\s+\w+)?|announced|reported|claimed|alleged|stated)\b[^,;]{0,40}?\bthat\s+"
    r"|^(?:[\w.'\u2019-]+\s+){1,8}?(?:said|says)\s+(?:on\s+\w+\s+)?(?=(?:the|a|an|its|their|his|her)\s)", re.I)
SIDE_BY = re.compile(r"\b(?:backed|supported|joined|accompanied|assisted|aided|reinforced)\s+by\s+(?:the\s+)?$", re.I)
PASSIVE_AGENT = re.compile(r"\b(?:by|when|as)\s+(?:the\s+)?$", re.I)
SPEAKER = re.compile(
    r"^(?P<speaker>.{3,80}?)\s+(?:said|says|claimed|announced|reported)\s+(?:on\s+\w+\s+|in\s+a\s+statement\s+)?(?:that\s+)?"
    r"(?P<own>its|their)\s+(?:\w+\s+)?(?:troops|forces|jets|warplanes|soldiers|fighters|units|aircraft|drones)\b",
    re.I,
)


def assign_actors(incident: Incident, text: str, trigger: int, iso3: str | None, victims_civilian: bool | None,
                  recent: ActorRead | None = None) -> None:
    """actor1 (who acts) / actor2 (the target) for one clause."""
    told = len(ATTRIBUTION_TAIL.sub("", text))
    # "..., police said": whoever reports the incident is not a party to it
    found = find_clause_actors(text, iso3, recent)
    speaker = SPEAKER.match(text)
    if speaker:
        # "Russia's defence ministry said its troops had captured ..." -> the speaker's forces act
        speaker_actors = [a for a in found if a.start < speaker.end("speaker")]
        if speaker_actors:
            found = [a for a in found if a.start >= speaker.end("speaker")] + speaker_actors[:1]
            found.sort(key=lambda a: (a is not speaker_actors[0], a.start))
    else:
        reported = REPORTED_SPEECH.match(text)
        if reported and reported.end() <= trigger:
            # "the Taliban spokesman said on Wednesday that Pakistani aircraft had bombed ...": who speaks
            # is not who acts; the actors of the reported clause come first
            inside = [a for a in found if a.start >= reported.end()]
            if inside:
                found = inside + [a for a in found if a.start < reported.end()]
    sub = incident.cls.sub_event_type
    etype = incident.cls.event_type
    actor_list = _dedupe_actors(found)
    agents = [a for a in actor_list if not a.victim]
    victims = [a for a in actor_list if a.victim]
    # passive voice: "killed by X", "were killed when X landmines exploded"
    passive = [a for a in agents if PASSIVE_AGENT.search(text[max(0, a.start - 12):a.start])
               and not SIDE_BY.search(text[max(0, a.start - 30):a.start])]
    if passive and any(a.start < trigger for a in victims + agents if a not in passive):
        agents = passive + [a for a in agents if a not in passive]
    # "..., police said": whoever reports the incident does not carry it out (at most its target)
    main = [a for a in agents if a.start < told]
    first = main[0] if main else None
    second = next((a for a in agents if a is not first), None)
    if first is not None and second is not None and not _between_before(text, first):
        # "ELN rebels along with FARC dissidents attacked a police station": the group named beside the first
        # is on its side; the target is whoever else the clause names
        side = {id(a) for a in _coordinated(first, [a for a in actor_list if a.start < told], text)}
        if id(second) in side:
            other = next((a for a in agents if a is not first and id(a) not in side), None)
            if other is not None or any(id(v) not in side for v in victims):
                second = other
    if etype in ("Protests", "Riots"):
        crowd_kind = "protesters" if etype == "Protests" else "rioters"
        name, inter = _generic(crowd_kind, iso3)
        incident.actor1, incident.inter1 = name, inter
        state = next((a for a in agents if a.inter == 1), None)
        if state is None and cue_matches("security_forces", text) and (
                sub != "Peaceful protest" or cue_matches("intervention", text)):
            state = ActorRead(*_generic("police", iso3), 0, False)
        if sub == "Mob violence":
            if re.search(r"\b(?:attack\w*|beat\w*|assault\w*|storm\w*)\b.{0,80}\b(?:protesters|protestors|demonstrators|"
                         r"encampment|protest camp|sit-in|marchers)\b", text, re.I):
                incident.actor2, incident.inter2 = _generic("protesters", iso3)
            elif victims or victims_civilian:
                incident.actor2, incident.inter2 = _generic("civilians", iso3)
            elif re.search(r"\brival\b", text, re.I):
                incident.actor2, incident.inter2 = name, inter
        elif state is not None and sub != "Peaceful protest":
            incident.actor2, incident.inter2 = state.name, state.inter
        incident.actor1_generic = True
        return
    if first is not None:
        incident.actor1, incident.inter1 = first.name, first.inter
        incident.actor1_generic = first.generic
    if second is not None and second.name != incident.actor1:
        incident.actor2, incident.inter2 = second.name, second.inter
    if etype == "Violence against civilians" or (victims_civilian and etype == "Explosions/Remote violence"):
        if not incident.actor2 or incident.inter2 != 7:
            if victims_civilian or etype == "Violence against civilians":
                incident.actor2, incident.inter2 = _generic("civilians", iso3)
    elif not incident.actor2 and victims:
        incident.actor2, incident.inter2 = victims[0].name, victims[0].inter
    _assign_associates(incident, text, told, actor_list)
    if not incident.actor1 and sub == "Arrests":
        # "authorities arrested ...": ACLED codes the arresting state as its police
        incident.actor1, incident.inter1 = _generic("police", iso3)
    if not incident.actor1 and etype in ("Violence against civilians", "Battles", "Explosions/Remote violence") \
            and re.search(r"\b(?:gunmen|armed men|assailants|attackers|unknown|unidentified|suspected)\b", text, re.I):
        incident.actor1, incident.inter1 = _generic("unidentified", iso3)


_NUMBER_WORDS = (r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
                 r"dozens|scores|hundreds|thousands|several|some|many|few|a\s+few|\d[\d,]*")
# What may stand between two actors of the same side: "X and members of the Y", "X, as well as three Y",
# "X backed by Y".
COORDINATION = re.compile(
    r"^\s*,?\s*(?:and|as\s+well\s+as|along\s+with|alongside|backed\s+by|supported\s+by|together\s+with|"
    r"with\s+the\s+support\s+of|joined\s+by|,)"
    r"(?:\s+(?:the|a|an|its|their|other|" + _NUMBER_WORDS + r"|members?|fighters?|elements?|units?|of|from|"
    r"affiliated|allied|loyal|local|several))*\s*$", re.I)


def _coordinated(main: ActorRead, reads: list[ActorRead], text: str) -> list[ActorRead]:
    """The actors named together with `main` on its side ("pro-regime militants and members of the 4th Division")."""
    chain, last = [], main
    for a in sorted(reads, key=lambda a: a.start):
        if a.start < last.start or a is last:
            continue
        if last.end < 0 or a.start < last.end:
            break
        if COORDINATION.match(text[last.end:a.start]) is None:
            break
        chain.append(a)
        last = a
    return chain


def _associates(main: ActorRead, chain: list[ActorRead], exclude: set[str] = frozenset()) -> list[str]:
    out: list[str] = []
    for a in chain:
        if a.name == main.name or a.name in exclude or a.name in out or a.name.startswith("Unidentified"):
            continue
        out.append(a.name)
    return out


def _between_before(text: str, a: ActorRead) -> bool:
    """"fighting between the army and the RSF": the actors that follow are opposite sides."""
    return re.search(r"\bbetween\b[^.;,]*$", text[max(0, a.start - 40):a.start], re.I) is not None


def _assign_associates(incident: Incident, text: str, told: int, reads: list[ActorRead]) -> None:
    """Several actors on one side: the first is the main actor, the others are associated actors."""
    reads = [a for a in reads if a.start < told]
    if incident.actor1:
        main = next((a for a in reads if a.name == incident.actor1), None)
        # "fighting between the army and the RSF": the two named are opposite sides
        if main is not None and not _between_before(text, main):
            assoc = _associates(main, _coordinated(main, reads, text), {incident.actor2})
            incident.assoc1 = "; ".join(assoc)
    if incident.actor2:
        main = next((a for a in reads if a.name == incident.actor2), None)
        if main is not None:
            assoc = _associates(main, _coordinated(main, reads, text), {incident.actor1})
            incident.assoc2 = "; ".join(assoc)


def _dedupe_actors(found: list[ActorRead]) -> list[ActorRead]:
    seen, out = set(), []
    for a in found:
        if a.name not in seen:
            seen.add(a.name)
            out.append(a)
    return out


def victims_are_civilian(deaths: list[Count], text: str) -> bool | None:
    """True when the people harmed are civilians, False when combatants, None when unknown."""
    lex = load_lexicon()["victims"]
    nouns = " ".join(c.noun for c in deaths).lower()
    if not nouns.strip():
        m = re.search(r"\b(?:killed|killing|abducted|kidnapped|seized|shot dead|raped|attacked|targeted|stormed)\s+"
                      r"(?:[\w'-]+\s+){0,8}", text, re.I)
        nouns = m.group(0).lower() if m else ""
    if any(re.search(r"\b" + w + r"\b", nouns) for w in lex["combatant"]):
        return False
    if any(re.search(r"\b" + w + r"\b", nouns) for w in lex["civilian"]):
        return True
    return None


# ----------------------------------------------------------------------------- the article walk


@dataclass
class ArticleState:
    published: date
    pub_precision: int
    country: str | None
    last_place: gazetteer.Place | None = None
    last_place_text: str = ""
    incidents: list[Incident] = field(default_factory=list)
    group_counter: int = 0
    sentence_index: int = 0
    mentioned: frozenset[str] = frozenset()  # countries the article names: their places may be incident places
    recent_group: ActorRead | None = None  # the non-state armed group named last ("the group" refers to it)

    def note_groups(self, text: str) -> None:
        groups = [a for a in find_clause_actors(text, self.country, self.recent_group) if is_armed_group(a)]
        if groups:
            self.recent_group = max(groups, key=lambda a: a.start)

    def last_group(self) -> list[Incident]:
        if not self.incidents:
            return []
        g = self.incidents[-1].group
        return [i for i in self.incidents if i.group == g]


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
            return iso
    votes: dict[str, float] = {}
    for m in gazetteer.find_places(title + "\n" + lead):
        if m.place.kind != "country":
            # a fuzzy gazetteer hit ("Boni" -> Bonn) is weak evidence of the country
            exact = gazetteer.place_key(m.text) == gazetteer.place_key(m.place.name)
            votes[m.place.iso3] = votes.get(m.place.iso3, 0) + (1.0 if exact else 0.25)
    for _, _, text, c in countries.match_countries(title + "\n" + lead, demonyms=True):
        named = countries.lookup(text) is not None and text in (c.name, *c.aliases)
        votes[c.iso3] = votes.get(c.iso3, 0) + (2.0 if named else 0.75)
    return max(votes, key=lambda k: votes[k]) if votes else None


def extract(title: str, body: str, published: date, published_precision: str | int = "day") -> list[dict]:
    """Every incident the article reports, as ACLED-style dicts (see module doc)."""
    pub_precision = PRECISION.get(published_precision, 1)
    text = mask_dateline(body)
    country = article_country(title, text)
    if country is None:
        country = dateline_country(body)
    state = ArticleState(published, pub_precision, country)
    state.mentioned = frozenset(c.iso3 for _, _, _, c in countries.match_countries(title + "\n" + text, demonyms=True))
    state.note_groups(title)
    for sentence in split_sentences(text):
        process_sentence(sentence, state)
        state.note_groups(sentence.text)
    events = [to_record(i, body, state) for i in state.incidents]
    return merge_duplicates(events)


def _mask_background_relatives(text: str, published: date) -> str:
    for m in RELATIVE_CLAUSE.finditer(text):
        span = m.group(0)
        if background_reason(span, published, find_dates(span, published)) is not None:
            text = text[:m.start()] + " " * len(span) + text[m.end():]
    return text


def _aggregate_toll(text: str, dates: list[DateMention]) -> bool:
    """"More than 500 people were killed in the crackdown": a hedged toll in the hundreds with no day
    attached, away from the lead, sums up many incidents."""
    if any(d.date is not None or d.kind == "chain" for d in dates):
        return False
    if TOLL_UPDATE.search(text) or re.search(r"\bthe\s+(?:\w+\s+)?(?:attack|strike|bombing|blast|explosion|raid|"
                                          r"massacre|shelling|ambush|assault)\b", text, re.I):
        return False  # an update of the incident just told
    return any(c.value >= 100 and re.search(r"\b(?:more than|over|at least|nearly|some|about|around|almost|"
                                            r"hundreds|thousands|tens of)\b", text[max(0, c.start - 20):c.end], re.I)
               for c in death_counts(text) if c.role in ("death", "toll"))


def mask_dateline(body: str) -> str:
    """Blank out a wire dateline ("KYIV, Ukraine (AP) — "): the city is where the story was filed,
    not where anything happened, so it is never an incident place. Offsets are kept."""
    dateline = find_dateline(body)
    if dateline is None:
        return body
    return " " * dateline.end + body[dateline.end:]


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


def process_sentence(sentence: Sentence, state: ArticleState) -> None:
    text = sentence.text
    masked = mask_relative_clauses(text)
    sentence_dates = find_dates(masked, state.published, state.pub_precision)
    reason = background_reason(masked, state.published, sentence_dates)
    if reason is None and state.sentence_index > 0 and _aggregate_toll(masked, sentence_dates):
        reason = "aggregate"
    state.sentence_index += 1
    # a relative clause telling background ("where more than 570 have been killed since the war began")
    # tells nothing about this incident: hide it from classification and counting too
    text = _mask_background_relatives(text, state.published)
    quoted = bool(QUOTE_START.match(text))
    for c_start, c_end in split_clauses(masked):
        clause = text[c_start:c_end]
        clause_dates = [d for d in sentence_dates if c_start <= d.start < c_end]
        clause_dates = [DateMention(d.start - c_start, d.end - c_start, d.text, d.kind, d.date, d.precision,
                                    d.statement, d.offset_days, d.anchor, d.anchor_text) for d in clause_dates]
        process_clause(clause, sentence.start + c_start, clause_dates, sentence_dates, reason, quoted, state)


def process_clause(clause: str, offset: int, clause_dates: list[DateMention], sentence_dates: list[DateMention],
                   reason: str | None, quoted: bool, state: ArticleState) -> None:
    cls = classify(mask_spans(clause, [(d.start, d.end) for d in clause_dates if d.kind == "chain"]))
    deaths, tolls = clause_deaths(clause)
    if reason is not None:
        return
    if cls is not None and is_unreal(clause, cls):
        return
    here = location_country(clause)
    country = here or state.country
    if here:
        state.country = here
    places = incident_places(mask_spans(clause, [(d.start, d.end) for d in clause_dates if d.kind == "chain"]),
                             country, state.last_place, state.mentioned - {country})
    if cls is not None and cls.event_type == "Strategic developments":
        places = places[:1]
    own_dates = [d for d in clause_dates if d.kind not in ("possessive",) and not d.statement]
    negated = bool(cue_matches("negated", clause)) and cls is not None and cls.sub_event_type == "Arrests"
    previous = state.last_group()

    if cls is None and tolls and previous and (not places or _same_place(places, previous) or all(
            p.place.admin1 and any(i.place and i.place.admin1 == p.place.admin1 for i in previous) for p in places)):
        # "The toll rose to 14 on Tuesday", "It later raised the toll to 38 ... overnight": an update of the
        # incident just told, whatever day the update was given
        continue_incident(previous, clause, offset, places, deaths, tolls, cls, state)
        return
    if cls is None or negated or quoted or _is_claim(clause):
        if previous and not own_dates:
            continue_incident(previous, clause, offset, places, deaths, tolls, cls, state)
        return
    if cls.sub_event_type == "Attack" and not deaths and not own_dates and GENERIC_VIOLENCE_ONLY(clause):
        # "measures have done little to curb the attacks": violence named only as a plural noun, with no
        # day, victim or count, is commentary
        if previous:
            continue_incident(previous, clause, offset, [], deaths, tolls, None, state)
        return
    if previous and is_continuation(cls, clause, own_dates, places, previous):
        continue_incident(previous, clause, offset, places, deaths, tolls, cls, state)
        return
    if cls.sub_event_type == "Disrupted weapons use" and previous and not own_dates and not places \
            and _all_intercepted(clause, previous):
        # "Militants fired two rockets at Ashkelon ... Both were intercepted": the launch was disrupted
        _become_disrupted(previous, clause, offset, cls, state)
        return
    if cls.sub_event_type == "Arrests" and not deaths:
        crowd = _dispersed_crowd(clause, clause_dates, sentence_dates, places, cls, state)
        if crowd is not None:
            # detentions made while a protest was broken up belong to the protest event
            continue_incident([crowd], clause, offset, places, deaths, tolls, cls, state)
            return
    if previous and not own_dates and not places and cls.sub_event_type in STANDALONE_TYPES:
        # "Troops later found and defused a second bomb": a new act at the same time and place
        start_incident(cls, clause, offset, [], deaths, tolls, clause_dates, sentence_dates, state,
                       inherit=previous[0])
        return
    start_incident(cls, clause, offset, places, deaths, tolls, clause_dates, sentence_dates, state)


ALL_INTERCEPTED = re.compile(
    r"^\s*(?:both|all|they|it|the\s+(?:\w+\s+)?(?:rockets?|missiles?|drones?|projectiles?|shells?))\s+(?:\w+\s+){0,2}?"
    r"(?:were|was|had been|have been)\s+(?:\w+\s+)?(?:intercepted|shot down|downed|destroyed in the air)\b", re.I)


def _all_intercepted(clause: str, previous: list[Incident]) -> bool:
    head = previous[0]
    return bool(ALL_INTERCEPTED.match(clause)) and head.cls.event_type == "Explosions/Remote violence" \
        and head.cls.sub_event_type in ("Shelling/artillery/missile attack", "Air/drone strike") and head.fatalities == 0


def _become_disrupted(previous: list[Incident], clause: str, offset: int, cls: Classification, state: ArticleState) -> None:
    for incident in previous:
        launcher, launcher_inter = incident.actor1, incident.inter1
        defender = _generic("state", incident.iso3)
        incident.cls = Classification(cls.event_type, cls.sub_event_type, cls.priority, cls.cues, 0, 0)
        incident.actor1, incident.inter1, incident.actor1_generic = defender[0], defender[1], False
        incident.actor2, incident.inter2 = (launcher, launcher_inter) if launcher else ("", None)
        incident.civilian_targeting = False
        incident.sources.append((offset, offset + len(clause)))


PROTEST_DISPERSED = ("Protest with intervention", "Excessive force against protesters", "Violent demonstration")


def _dispersed_crowd(clause: str, clause_dates: list[DateMention], sentence_dates: list[DateMention], places: list,
                     cls: Classification, state: ArticleState) -> Incident | None:
    """The protest broken up on the day and at the place of these arrests, when the article told one."""
    crowds = [i for i in state.incidents if i.cls.sub_event_type in PROTEST_DISPERSED]
    if not crowds:
        return None
    days, dated = incident_dates(clause_dates, sentence_dates, cls.trigger_start, state.incidents,
                                 state.published, state.pub_precision)
    for crowd in reversed(crowds):
        if dated and crowd.event_date not in [d for d, _ in days]:
            continue
        if places and not _same_place(places, [crowd]) and not (
                crowd.place and re.search(r"\b" + re.escape(crowd.place.name) + r"\b", clause, re.I)):
            continue
        if not dated and not places:
            continue
        return crowd
    return None


def GENERIC_VIOLENCE_ONLY(clause: str) -> bool:  # noqa: N802 - reads as a predicate on the clause
    hits = cue_matches("violence", clause)
    return bool(hits) and all(re.fullmatch(r"attacks|raids|killings", h.group(0), re.I) for h in hits)


def _is_claim(clause: str) -> bool:
    return context_match("claim", clause) is not None and not re.search(
        r"\b(?:killed|killing|struck|shelled|attacked|clashed|abducted|seized|captured)\b.{0,80}\b(?:on|in)\s+[A-Z]", clause)


def is_continuation(cls: Classification, clause: str, own_dates: list[DateMention], places: list, previous: list[Incident]) -> bool:
    if own_dates:
        return False
    if context_match("new_incident", clause) and places and not _same_place(places, previous):
        return False
    if cls.sub_event_type in STANDALONE_TYPES and cls.event_type != previous[0].cls.event_type:
        return False
    if not places:
        return True
    if _same_place(places, previous):
        weak = cls.priority < 70 or cls.sub_event_type == "Looting/property destruction"
        return weak or cls.event_type == previous[0].cls.event_type or bool(ANAPHORIC_START.match(clause))
    if _refers_back(clause, previous[0]) and cls.event_type == previous[0].cls.event_type \
            and _refines(places, previous[0]):
        return True  # "The workers were attacked at a site in the Puncak regency": where it happened, told again
    return bool(ANAPHORIC_START.match(clause)) and cls.priority < 70


def _refers_back(clause: str, head: Incident) -> bool:
    """The clause opens with a definite noun phrase naming the previous incident's people or act."""
    m = re.match(r"\s*(?:the|these|those)\s+(?:\w+\s+){0,2}?([a-z]{4,})\s+(?:were|was|had|have|has)\b", clause, re.I)
    if not m:
        return False
    noun = m.group(1).lower()
    stem = noun[:-1] if noun.endswith("s") else noun
    return bool(re.search(r"\b" + re.escape(stem), head.clause_text, re.I))


def _within(mention: gazetteer.PlaceMention, head: Incident, clause: str) -> bool:
    """The town lies in the head's broad area, or the clause names the town's own province."""
    admin1 = mention.place.admin1
    return admin1 is None or head.place is None or admin1 == head.place.admin1 or admin1.lower() in clause.lower()


def _refines(places: list, head: Incident) -> bool:
    """The new places are more specific than the head's broad one, in the same country."""
    if not places or head.place is None:
        return True
    broad = head.place.kind in ("admin1", "country") or (head.place.kind == "feature" and head.place.geo_precision >= 3)
    return broad and all(p.place.iso3 == head.place.iso3 for p in places)


def _same_place(places: list[gazetteer.PlaceMention], previous: list[Incident]) -> bool:
    prev_places = {(i.place.name, i.place.iso3) for i in previous if i.place}
    prev_admin = {i.place.admin1 for i in previous if i.place}
    for p in places:
        if (p.place.name, p.place.iso3) in prev_places:
            return True
        if p.place.kind == "admin1" and p.place.admin1 in prev_admin:
            return True
    return False


def continue_incident(previous: list[Incident], clause: str, offset: int, places: list, deaths: list[Count],
                      tolls: list[Count], cls: Classification | None, state: ArticleState) -> None:
    """Fold a follow-up clause into the incident it tells more about."""
    targets = previous
    if len(previous) > 1 and places:
        named = [i for i in previous if i.place and any(p.place.name == i.place.name for p in places)]
        targets = named or previous
    for incident in targets:
        incident.sources.append((offset, offset + len(clause)))
    head = targets[0]
    if head.cls.sub_event_type in NON_LETHAL:
        pass  # arrests, agreements, peaceful protests: nobody died in them, whatever the next clause says
    elif tolls:
        _apply_tolls(head, clause, tolls)
    elif deaths:
        _apply_deaths(head, clause, deaths)
    told = len(ATTRIBUTION_TAIL.sub("", clause))
    if cls is not None and places and len(targets) == 1 and _refines(places, head) and head.place is not None \
            and places[0].place.kind in ("town", "feature") and places[0].place is not head.place \
            and places[0].start < told and not QUOTE_START.match(clause) and _within(places[0], head, clause):
        head.place, head.place_text = places[0].place, places[0].text
        head.iso3 = places[0].place.iso3
    if cls is not None and cls.event_type == head.cls.event_type and head.cls.event_type not in ("Protests", "Riots"):
        _refine_actors(targets, clause, state)
    if deaths or tolls:
        _fill_target(targets, clause, state)
    apply_claim(targets, clause, state)
    if cls is not None and not deaths and head.place is None and places:
        head.place = places[0].place


ATTRIBUTION_TAIL = re.compile(
    r",\s*(?:(?:said|says|told|reported|according\s+to)\b(?![^.;]*\bthat\b)[^;]*"
    r"|(?:[\w.'\u2019-]+\s+){1,8}(?:said|says|reported|added)\b(?![^.;]*\bthat\b)(?:\s+[\w.'\u2019-]+){0,8}\s*)\.?\s*$", re.I)
NON_LETHAL = {"Arrests", "Agreement", "Change to group/activity", "Headquarters or base established",
              "Non-violent transfer of territory", "Peaceful protest", "Disrupted weapons use"}


def _refine_actors(targets: list[Incident], clause: str, state: ArticleState) -> None:
    """Named groups told in a follow-up ("fighters from the 444 Brigade battled the Radaa force")
    replace the generic actors of the lead ("rival armed groups")."""
    head = targets[0]
    if not head.actor1_generic and head.actor1:
        return
    told = ATTRIBUTION_TAIL.sub("", clause)
    reported = REPORTED_SPEECH.match(told)
    start = reported.end() if reported else 0
    named = [a for a in _dedupe_actors(find_clause_actors(told, head.iso3))
             if not a.generic and not a.victim and a.inter not in (7, None) and a.start >= start]
    if not named:
        return
    for incident in targets:
        incident.actor1, incident.inter1, incident.actor1_generic = named[0].name, named[0].inter, False
        if len(named) > 1 and (not incident.actor2 or incident.inter2 == 7 or incident.actor2.startswith("Unidentified")):
            incident.actor2, incident.inter2 = named[1].name, named[1].inter


def _fill_target(targets: list[Incident], clause: str, state: ArticleState) -> None:
    """"The attack resulted in the death of 12 regime soldiers": a follow-up naming the dead gives the target
    of an incident whose perpetrator is known and whose target is not."""
    head = targets[0]
    if head.actor2 or not head.actor1 or head.actor1_generic or head.cls.event_type in ("Protests", "Riots"):
        return
    told = ATTRIBUTION_TAIL.sub("", clause)
    reported = REPORTED_SPEECH.match(told)
    start = reported.end() if reported else 0
    reads = [a for a in find_clause_actors(told, head.iso3, state.recent_group) if a.start >= start]
    found = [a for a in reads if a.name != head.actor1 and not a.name.startswith("Unidentified")]
    if not found:
        return
    target = found[0]
    assoc = _associates(target, _coordinated(target, reads, told), exclude={head.actor1})
    for incident in targets:
        if not incident.actor2 and incident.actor1 == head.actor1:
            incident.actor2, incident.inter2 = target.name, target.inter
            incident.assoc2 = incident.assoc2 or "; ".join(assoc)


# A later figure that replaces the earlier one: "the death toll rose to 14", "bringing the toll to 11".
TOLL_UPDATE = re.compile(
    r"\b(?:bring(?:ing|s)?|brought|rais(?:e|es|ed|ing)|rose|risen|rising|climb(?:ed|ing|s)?|increas(?:ed|ing)|"
    r"jump(?:ed|ing)|mount(?:ed|ing)|updated|revised|reached|has\s+(?:now\s+)?(?:reached|hit)|now\s+stands?)\b", re.I)


def _apply_tolls(head: Incident, clause: str, tolls: list[Count]) -> None:
    """A stated toll: an update replaces a lower figure; otherwise the most conservative figure wins."""
    current = [t for t in tolls if not t.early] or tolls
    for toll in current:
        if toll.early and head.fatalities:
            continue  # "a first toll put the dead at 11": superseded by the figure already known
        if head.fatalities == 0 or head.vague_count:
            head.fatalities, head.vague_count = toll.value, toll.vague
        elif TOLL_UPDATE.search(clause):
            head.fatalities = max(head.fatalities, toll.value)
        else:
            head.fatalities = min(head.fatalities, toll.value)


def _apply_deaths(head: Incident, clause: str, deaths: list[Count]) -> None:
    total = sum(c.value for c in deaths)
    vague = all(c.vague for c in deaths)
    if all(c.early for c in deaths) and head.fatalities and not head.vague_count:
        return  # "the ministry initially said 31": the figure already known is the later one
    if head.fatalities == 0:
        head.fatalities, head.vague_count = total, vague
    elif ALSO.search(clause) or _new_victims(deaths, head):
        head.fatalities += total
        head.vague_count = head.vague_count and vague
    elif head.vague_count and not vague:
        head.fatalities, head.vague_count = total, False  # "dozens" in the lead, "31" further down
    elif vague and not head.vague_count:
        return
    else:
        head.fatalities = min(head.fatalities, total)


NEW_VICTIM_NOUNS = re.compile(r"\b(?:attackers?|assailants?|bombers?|gunmen|militants|rebels|insurgents|fighters|soldiers?|troops|policemen|officers?)\b", re.I)


def _new_victims(deaths: list[Count], incident: Incident) -> bool:
    """Deaths on another side than the ones already counted ("one of the attackers was killed")."""
    return any(NEW_VICTIM_NOUNS.search(c.noun) for c in deaths) and not any(
        c.noun and c.noun.lower() in incident.clause_text.lower() for c in deaths)


NO_CLAIM = re.compile(r"\b(?:no|none|nobody|no one)\b(?:\s+\w+){0,2}\s+(?:has\s+|had\s+|have\s+)?(?:yet\s+)?"
                      r"(?:claimed|taken responsibility)|\b(?:did|has|have)\s+not\s+(?:yet\s+)?claimed\b|\bunclaimed\b", re.I)


def apply_claim(targets: list[Incident], clause: str, state: ArticleState) -> None:
    """A named group claiming or blamed for an incident becomes its perpetrator."""
    if context_match("claim", clause) is None or NO_CLAIM.search(clause) or context_match("future", clause) \
            or "background" in context_flags(clause):
        return  # "no group claimed responsibility", "those responsible would be brought to justice"
    targets = [t for t in targets if t.cls.event_type not in ("Protests", "Riots")]
    if not targets:
        return
    named = [a for a in find_clause_actors(clause, state.country) if not a.victim and not a.generic and a.inter != 7]
    if not named:
        return
    group = named[-1] if re.search(r"\bblam", clause, re.I) else named[0]
    for incident in targets:
        if incident.cls.sub_event_type == "Disrupted weapons use":
            if not incident.actor2:
                incident.actor2, incident.inter2 = group.name, group.inter
        elif incident.actor1 == group.name:
            continue
        elif incident.actor1_generic or not incident.actor1:
            incident.actor1, incident.inter1, incident.actor1_generic = group.name, group.inter, False
        elif incident.inter1 == 1 and group.inter != 1 and incident.actor2 in ("", group.name) or (
                incident.inter1 == 1 and incident.inter2 == 7 and group.inter != 1):
            # "a convoy hit a roadside bomb ... JNIM claimed the attack": the state forces were the target
            incident.actor2, incident.inter2 = incident.actor1, incident.inter1
            incident.actor1, incident.inter1, incident.actor1_generic = group.name, group.inter, False


def start_incident(cls: Classification, clause: str, offset: int, places: list, deaths: list[Count],
                   tolls: list[Count], clause_dates: list[DateMention], sentence_dates: list[DateMention],
                   state: ArticleState, inherit: Incident | None = None) -> None:
    if inherit is not None:
        days, dated = [(inherit.event_date, inherit.precision)], inherit.dated
        place_list = [inherit.place]
        place_texts = [inherit.place_text]
        iso3 = inherit.iso3
    else:
        days, dated = incident_dates(clause_dates, sentence_dates, cls.trigger_start, state.incidents,
                                     state.published, state.pub_precision)
        place_list = [p.place for p in places] or [state.last_place]
        place_texts = [p.text for p in places] or [state.last_place_text]
        iso3 = place_list[0].iso3 if place_list[0] else state.country
    civilian = victims_are_civilian(deaths, clause)
    cls = refine_type(cls, civilian, clause)
    per_place = deaths_by_place(clause, deaths, places) if len(places) > 1 else {}
    total = sum(c.value for c in deaths)
    vague = bool(deaths) and all(c.vague for c in deaths)
    if tolls:
        current = [t for t in tolls if not t.early] or tolls
        toll = min(t.value for t in current)
        if TOLL_UPDATE.search(clause) and total:
            total = max(total, toll)
        else:
            total = min(total, toll) if total and not vague else toll
        vague = all(t.vague for t in current)
    state.group_counter += 1
    for day, precision in days:
        for i, place in enumerate(place_list):
            if per_place:
                fatalities = per_place.get(i, 0) + (per_place.get(-1, 0) if i == 0 else 0)
            else:
                fatalities = total if i == 0 else 0
            incident = Incident(cls=cls, event_date=day, precision=precision, dated=dated, place=place,
                                iso3=place.iso3 if place else iso3, fatalities=fatalities, vague_count=vague,
                                sources=[(offset, offset + len(clause))], group=state.group_counter,
                                clause_text=clause, place_text=place_texts[i] or "")
            assign_actors(incident, clause, cls.trigger_start, incident.iso3, civilian, state.recent_group)
            if cls.sub_event_type == "Agreement" and not incident.actor1 and BETWEEN_PARTIES.search(clause):
                fought = next((i for i in reversed(state.incidents) if i.cls.event_type == "Battles" and i.actor1), None)
                if fought is not None:  # "a ceasefire had been agreed between the groups"
                    incident.actor1, incident.inter1 = fought.actor1, fought.inter1
                    incident.actor2, incident.inter2 = fought.actor2, fought.inter2
            incident.civilian_targeting = bool(
                incident.inter2 == 7 or (civilian and cls.event_type != "Battles")) and cls.event_type not in (
                "Protests", "Strategic developments")
            incident.confidence = confidence(incident, dated, bool(places) or inherit is not None)
            state.incidents.append(incident)
    if place_list and place_list[0] is not None:
        state.last_place, state.last_place_text = place_list[0], place_texts[0] or ""


BETWEEN_PARTIES = re.compile(r"\bbetween\s+the\s+(?:two\s+|rival\s+|warring\s+)?(?:groups|sides|factions|parties|"
                             r"militias|forces|camps)\b|\bboth\s+sides\b", re.I)


def refine_type(cls: Classification, civilian: bool | None, clause: str) -> Classification:
    """Generic violence against combatants is a battle; an armed clash with only civilian victims is not."""
    if cls.sub_event_type == "Attack" and civilian is False:
        return Classification("Battles", "Armed clash", cls.priority, cls.cues, cls.trigger_start, cls.trigger_last)
    if cls.sub_event_type == "Attack" and civilian is None and "clash" in cls.cues:
        return Classification("Battles", "Armed clash", cls.priority, cls.cues, cls.trigger_start, cls.trigger_last)
    if cls.sub_event_type == "Non-state actor overtakes territory" and "regain" in cls.cues:
        return Classification("Battles", "Government regains territory", cls.priority, cls.cues, cls.trigger_start, cls.trigger_last)
    return cls


def confidence(incident: Incident, dated: bool, placed: bool) -> float:
    score = 0.45 + 0.15 * dated + 0.15 * placed + 0.1 * bool(incident.actor1)
    score += 0.1 * (incident.cls.priority >= 80)
    return round(min(score, 0.95), 2)


# ----------------------------------------------------------------------------- output


def to_record(incident: Incident, body: str, state: ArticleState) -> dict:
    place = incident.place
    country = countries.by_iso3(incident.iso3) if incident.iso3 else None
    start, end = incident.sources[0]
    interaction = None
    if actor_dictionary is not None and incident.inter1 is not None:
        interaction = actor_dictionary.interaction(incident.inter1, incident.inter2)
    elif incident.inter1 is not None:
        pair = sorted(x for x in (incident.inter1, incident.inter2 or 0))
        interaction = pair[0] * 10 + pair[1] if pair[0] else pair[1] * 10
    record = {
        "event_date": incident.event_date.isoformat(),
        "time_precision": incident.precision,
        "event_type": incident.cls.event_type,
        "sub_event_type": incident.cls.sub_event_type,
        "disorder_type": disorder_type(incident.cls.event_type),
        "actor1": incident.actor1 or None,
        "assoc_actor_1": incident.assoc1 or None,
        "inter1": incident.inter1,
        "actor2": incident.actor2 or None,
        "assoc_actor_2": incident.assoc2 or None,
        "inter2": incident.inter2,
        "interaction": interaction,
        "civilian_targeting": incident.civilian_targeting,
        "iso3": incident.iso3,
        "country": country.name if country else None,
        "admin1": place.admin1 if place else None,
        "admin2": place.admin2 if place else None,
        "location": location_name(incident),
        "latitude": place.latitude if place else None,
        "longitude": place.longitude if place else None,
        "geo_precision": place.geo_precision if place else None,
        "fatalities": incident.fatalities,
        "notes": "",
        "evidence": body[start:end],
        "evidence_start": start,
        "evidence_end": end,
        "confidence": incident.confidence,
        "sources": [{"evidence": body[s:e], "start": s, "end": e} for s, e in incident.sources],
    }
    record["notes"] = summary(record)
    return record


GENERIC_WORDS = re.compile(r"\s+(?:province|region|state|district|governorate|city|town|village|area|countryside|"
                           r"desert|county|township)$", re.I)


def location_name(incident: Incident) -> str | None:
    """The place as the article spells it for towns (what a coder writes), the gazetteer's name otherwise."""
    place = incident.place
    if place is None:
        return None
    if place.kind in ("town", "feature") and incident.place_text:
        return GENERIC_WORDS.sub("", incident.place_text.strip())
    return place.name


def summary(record: dict) -> str:
    who = record["actor1"] or "Unidentified actors"
    whom = f" against {record['actor2']}" if record["actor2"] else ""
    where = ", ".join(x for x in (record["location"], record["admin1"], record["country"]) if x) or "an unknown place"
    return (f"On {record['event_date']}, {who}: {record['sub_event_type'].lower()}{whom} in {where}; "
            f"{record['fatalities']} reported fatalities.")


def dedup_key(event: dict) -> tuple:
    """Same day, place, type, sub-type and actors: the same incident, whichever article told it.

    The sub-type is last so that stored keys could be extended in place (sql/004_review_fixes.sql).
    """
    def norm(value):
        return re.sub(r"\W+", "", str(value or "")).lower()
    return (
        str(event.get("event_date"))[:10], norm(event.get("iso3")), norm(event.get("admin1")),
        norm(event.get("location")), norm(event.get("event_type")),
        tuple(sorted((norm(event.get("actor1")), norm(event.get("actor2"))))), norm(event.get("sub_event_type")),
    )


def merge_duplicates(events: list[dict]) -> list[dict]:
    """One event per incident: later tellings add their evidence to the first."""
    out: dict[tuple, dict] = {}
    for n, event in enumerate(events):
        key = dedup_key(event)
        if not event["location"] and not event["admin1"]:
            key += (n,)  # nothing says two unplaced incidents are the same one
        if key in out:
            kept = out[key]
            known = {(s["start"], s["end"]) for s in kept["sources"]}
            kept["sources"] += [s for s in event["sources"] if (s["start"], s["end"]) not in known]
            kept["fatalities"] = max(kept["fatalities"], event["fatalities"])
            continue
        out[key] = event
    return list(out.values())
