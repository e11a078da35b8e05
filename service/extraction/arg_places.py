"""Argument: places. Where an incident happened (the article's country: arg_countries.py).

The gazetteer (places.py) finds names; the rules here decide which of them is the incident's place:
a place people fled to, a reference point ("40 km north of"), the province around a named town, or a
town in a country the article does not place us in is not. Places the gazetteer does not know are kept
when a locative frame names them ("the village of Mamove").
"""

from __future__ import annotations

import dataclasses
import re

from ..vocab import countries
from ..vocab import gazetteer
from .arg_capital import capital_place
from .arg_countries import location_country, mentioned_countries
from .document import ArticleState, Clause
from .prefilter import finditer, lowered

# A place after these words is where people went, not where the incident was.
NOT_INCIDENT_PLACE = re.compile(
    r"\b(?:fled|fleeing|flee|taken|rushed|evacuated|withdrew|withdrawing|retreated|headed|heading|"
    r"returned|relocated|transferred|sent|moved|displaced|drive|driving|drove|flown)\s+(?:\w+\s+){0,2}"
    r"(?:to|towards?|into|from)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}(?:(?:town|city|village|capital)\s+of\s+)?$"
    r"|\b(?:a\s+)?hospital\s+in\s+$|\bto\s+the\s+town\s+of\s+$"
    # "a rampage in villages around the city of Beni": several places near it, not the town itself
    r"|\bvillages\s+(?:around|near|outside|surrounding)\s+(?:the\s+)?(?:[\w'-]+\s+){0,4}?(?:(?:city|town)\s+of\s+)?$"
    # "as violence escalated amid Israel's war on Gaza": the wider war, not where the incident was
    r"|\b(?:war|offensive|campaign|invasion|bombardment|siege|blockade)\s+(?:on|against)\s+(?:the\s+)?$"
    r"|\bamid\s+(?:the\s+)?(?:[\w'\u2019-]+\s+){0,3}(?:war|conflict|offensive|crisis)\s+(?:in|on|against)\s+(?:the\s+)?$",
    re.I,
)
REFERENCE_PLACE = re.compile(
    r"\b(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|"
    r"south-east|south-west)(?:ern)?\s+of\s+(?:the\s+)?(?:capital\s+|city\s+of\s+)?$|\b(?:km|kilometres|kilometers|miles)\)?\s+(?:\w+\s+)?(?:of|from)\s+$"
    r"|,\s+near\s+(?:the\s+(?:\w+\s+)?(?:town|city|village)\s+of\s+)?$|\bfrom\s+$|\bthe\s+capital\s+of\s+$"
    # "Binh Duong province near Ho Chi Minh City": the unit is placed by the city, which is not the place
    r"|\b(?:province|region|state|district|county|governorate|prefecture)\s+(?:near|outside|close\s+to|bordering)\s+(?:the\s+)?$",
    re.I,
)
BETWEEN_PLACES = re.compile(r"\b(?:between|from)\s+(?:the\s+(?:\w+\s+)?(?:towns?|cities|villages)\s+(?:of\s+)?)?$", re.I)

GENERIC_WORDS = re.compile(r"\s+(?:province|region|state|district|governorate|city|town|village|area|countryside|"
                           r"desert|county|township)$", re.I)



NAME = (r"(?:(?:[Aa]l|[Ee]l|[Aa]s|[Aa]d|[Aa]r|[Aa]n|[Aa]sh|[Aa]t|[Aa]z)-)?[A-Z][\w'\u2019\u00c0-\u024f-]+"
        r"(?:\s+(?:(?:al|el|de|da|du|des|la|le|di|do)[- ]\s?)?[A-Z][\w'\u2019\u00c0-\u024f-]+){0,2}")
LOCATIVE_FRAMES = [
    re.compile(r"\b(?:town|village|city|port|settlement|neighbou?rhood|township|camp|outskirts|suburb|locality|"
               r"commune|municipality|hamlet|market town|border town|area|district|count(?:y|ie))s?\s+of\s+(?P<names>" + NAME
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
    # "stormed Birnin Zarma village": a settlement named before its kind, after the act that struck it
    re.compile(r"\b(?:in|at|near|into|on|stormed|attacked|raided|invaded|struck|hit|besieged|bombed|shelled|targeted)\s+"
               r"(?:the\s+)?(?P<names>" + NAME
               + r")\s+(?:village|town|community|settlement|camp|market|district)\b"),
    # "an Israeli strike on Maaroub, close to ...": the place an act was aimed at
    re.compile(r"\b(?:strikes?|attacks?|raids?|assaults?|shelling|bombardment|bombing)\s+on\s+(?P<names>" + NAME + r")"
               r"(?=\s*[,.;]|\s+(?:on|in|near|late|early|overnight|and|killed|wounded|injured|left)\b)"),
    # "in Mashegu and Munya districts": several units named before their plural kind
    re.compile(r"\bin\s+(?P<names>" + NAME + r"(?:\s*(?:,|and|,\s*and)\s*" + NAME + r")+)\s+"
               r"(?:districts|provinces|states|regions|villages|towns|counties|areas|departments|municipalities)\b"),
]
NOT_A_PLACE = re.compile(
    r"\b(?:Army|Forces?|State|Group|Movement|Party|Council|Front|Brigades?|Division|Corps|Ministry|Office|Agency|"
    r"News|Network|Hospital|University|Police|Service|Command|Committee|Organi[sz]ation|Union|Court|Parliament|"
    r"Government|Authority|Mission|Province|Region|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"January|February|March|April|May|June|July|August|September|October|November|December|The|A|An|Red Sea)\b"
)


# What may follow a later name of a listed set of places ("the villages of A, B and C.")
LIST_ITEM_END = re.compile(r"\s*(?:[,.;:)]|and\b|or\b|in\b|on\b|near\b|$|(?:districts|provinces|states|regions|villages|towns|"
                           r"counties|areas|departments|municipalities)\b)")


def _fits_context(known: gazetteer.Place, name: str, admin: gazetteer.Place | None) -> bool:
    """A namesake spelled only alike ("Kolodiazne" / "Kolodeznoye") in another region than the one the clause
    names is not the place meant; the same name spelled the same way is."""
    same_name = gazetteer.place_key(known.name) == gazetteer.place_key(name)
    return same_name or admin is None or admin.admin1 is None or known.admin1 == admin.admin1


def _hamlet_elsewhere(known: gazetteer.Place, admin: gazetteer.Place | None) -> bool:
    """A small namesake in another region than the one the story is in ("the neighbourhood of al-Aumd" in a
    story about Marib is not the hamlet of that name in Hadramawt)."""
    return admin is not None and bool(admin.admin1) and known.admin1 != admin.admin1 and (known.population or 0) < 10000


def unresolved_places(text: str, country: str | None, taken: list[gazetteer.PlaceMention],
                      context: gazetteer.Place | None = None) -> list[gazetteer.PlaceMention]:
    """Places the gazetteer does not know, named in a locative frame ("the village of Mamove").

    They keep the article's spelling, the country in context and the admin1 named
    beside them ("in Hodeidah province"), at geo_precision 2.
    """
    if not country:
        return []
    units = [m for m in taken if m.place.iso3 == country and m.place.admin1
             and not ORIGIN_BEFORE.search(text, max(0, m.start - 14), m.start)]
    clause_admin = units[0].place if units else None
    out: list[gazetteer.PlaceMention] = []
    low = lowered(text)
    for frame in LOCATIVE_FRAMES:
        for m in finditer(frame, text, low):  # (no matches at once when the text lacks the frame's words)
            for n, name_m in enumerate(re.finditer(NAME, m.group("names"))):
                name = name_m.group(0)
                start = m.start("names") + name_m.start()
                end = start + len(name)
                admin = _container(units, end, context, country)
                if NOT_A_PLACE.search(name) or countries.lookup(name) or mentioned_countries(name):
                    continue
                if n and not LIST_ITEM_END.match(text, end):
                    continue  # "the town of David, Indigenous marchers ...": a word that starts the next phrase
                if any(t.start < end and start < t.end for t in taken + out):
                    continue
                known = gazetteer.resolve(name, country)
                if known is not None and known.iso3 == country and \
                        gazetteer.skeleton(known.name) == gazetteer.skeleton(name) and _fits_context(known, name, clause_admin) \
                        and not _hamlet_elsewhere(known, admin):
                    out.append(gazetteer.PlaceMention(start, end, name, known))
                    continue
                if gazetteer.place_key(name) in gazetteer.load_index().stop_words:
                    continue  # "confirmed the attack on Twitter": a word that is never an unknown place
                place = gazetteer.Place(
                    name=name, iso3=country, country=(countries.by_iso3(country).name if countries.by_iso3(country) else country),
                    admin1=admin.admin1 if admin else None, admin2=None,
                    latitude=admin.latitude if admin else None, longitude=admin.longitude if admin else None,
                    geo_precision=2, kind="town",
                )
                out.append(gazetteer.PlaceMention(start, end, name, place))
    return out


# "labourers from Punjab province were killed in X": where the victims came from, not where X is
ORIGIN_BEFORE = re.compile(r"\b(?:from|native\s+of|natives\s+of|hailing\s+from)\s+(?:the\s+)?$", re.I)


def _container(units: list[gazetteer.PlaceMention], end: int, context: gazetteer.Place | None,
               country: str) -> gazetteer.Place | None:
    """The known place whose first-level unit an unknown one takes: the first named after it ("the Malangzai
    area of Kalat's Mangochar city"), else the one named before it, else the place in context."""
    after = [m for m in units if m.start >= end]
    if after or units:
        return (after or units)[0].place
    return context if context is not None and context.iso3 == country else None


ADMIN_SUFFIX = re.compile(r"^\s+(?:province|region|state|governorate|county|department|oblast)\b", re.I)
ADMIN_PREFIX = re.compile(r"\b(?:province|region|state|governorate|county|department|oblast)\s+of\s+$", re.I)


def _names_admin_area(text: str, m: gazetteer.PlaceMention) -> bool:
    """"the province of Deir ez-Zor", "Hodeidah province": the area, not the town of that name."""
    return bool(ADMIN_SUFFIX.match(text[m.end:]) or ADMIN_PREFIX.search(text[max(0, m.start - 30):m.start]))


# "the Assam Rifles", "Kharkiv Regional Administration": a place's name inside an organisation's
ORGANISATION_AFTER = re.compile(r"\s+(?:Rifles|Regiment|Brigade|Battalion|Division|Army|Police|Forces?|Corps|Guards?|"
                                # "Yesagyo People's Defense Force", "Myaing PDF", "the Kalay Special Taskforce"
                                r"People['\u2019]s\s+Defen[cs]e|PDFs?\b|(?:Special\s+)?Task\s?[Ff]orce|Defen[cs]e\s+Force|"
                                r"Self-Defen[cs]e|Militia|Liberation|Resistance|Revolutionary|Vigilantes?|Youth\s+Wing|"
                                r"Party|Front|Movement|Council|University|Airport|Hospital|Times|Post|News|Agency|"
                                r"Ministry|Regional\s+Administration|Province\s+Governor|Tribune|Television|Radio|"
                                # "Kira Municipality legislator Ibrahim Ssemujju": whom the person represents
                                r"(?i:legislators?|lawmakers?|MPs?|senators?|councill?ors?|congress(?:man|woman)))\b")


def find_incident_places(text: str, country: str | None, context: gazetteer.Place | None = None,
                         also: frozenset[str] = frozenset()) -> list[gazetteer.PlaceMention]:
    """Places in a clause that can be the incident's place, most specific first in text order."""
    found = gazetteer.find_places(text, country)
    mentions = [m for m in found if m.place.kind != "country" and not ORGANISATION_AFTER.match(text, m.end)
                and not dateline_elsewhere(text, m)]
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
    mentions = [_as_region(text, m) for m in mentions]
    mentions = [m for m in mentions if not NOT_INCIDENT_PLACE.search(text[max(0, m.start - 60):m.start])]
    if len(mentions) > 1:
        kept = [m for m in mentions if not REFERENCE_PLACE.search(text[max(0, m.start - 40):m.start])]
        mentions = kept or mentions[:1]
    mentions = _drop_containers(mentions)
    return mentions


# "BANGKOK: Five rangers were killed ... in Thailand's restive south": the town the report was filed from is not
# where the incident was when the lead places it in a region of the country
DATELINE_AFTER = re.compile(r"^\s*(?::|\s[-\u2013\u2014]|\(|,\s*[A-Z][\w ]+\s*(?:\(|[-\u2013\u2014:]))")
COMPASS_REGION = re.compile(
    r"\b(?:in|across)\s+(?:the\s+)?(?:[A-Z][\w-]+'s\s+)?(?:[\w-]+\s+){0,2}?(?:far\s+|deep\s+)?"
    r"(?:south|north|east|west|south-?east|south-?west|north-?east|north-?west)\b(?!\s+of\b)"
    r"|\b(?:southern|northern|eastern|western|south-?eastern|south-?western|north-?eastern|north-?western)\s+"
    r"(?-i:[A-Z])\w+", re.I)


def dateline_elsewhere(text: str, mention: gazetteer.PlaceMention) -> bool:
    return mention.start == 0 and bool(DATELINE_AFTER.match(text[mention.end:])) \
        and bool(COMPASS_REGION.search(text, mention.end))


INSTITUTION = re.compile(r"^(?:University|College|Institute|Hospital|School|Academy|Airport|Prison|Stadium)\b", re.I)
QUALIFIES_NEXT = re.compile(r"^\s+(?:city|town|village|port|camp)\s+of\s+[A-Z]")
QUALIFIED_NEXT = re.compile(r"\s(?:city|town|village|port|camp)$", re.I)


def region_of(place: gazetteer.Place) -> gazetteer.Place:
    """The region a place lies in, at region precision (the place itself when it is a region or has none);
    the town's coordinates stand for it, as the gazetteer has none for regions."""
    if place.kind in ("admin1", "country") or not place.admin1:
        return place
    return dataclasses.replace(place, name=place.admin1, kind="admin1", admin2=None, geo_precision=3)


def _as_region(text: str, m: gazetteer.PlaceMention) -> gazetteer.PlaceMention:
    """"the central province of Marib" names the province, not the town it is named after."""
    place = m.place
    if place.kind != "town" or not place.admin1 or not _names_admin_area(text, m) \
            or gazetteer.skeleton(place.admin1) != gazetteer.skeleton(place.name):
        return m
    return gazetteer.PlaceMention(m.start, m.end, m.text, region_of(place))


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
        if other.place.kind == "town" and other.place.iso3 == mention.place.iso3 and 0 < other.start - mention.end <= 60 \
                and TOWN_IN.fullmatch(text[mention.end:other.start]) and other.place.admin1 != mention.place.admin1:
            # "El Aguaje, a town in the municipality of Aguililla": not the namesake the gazetteer found elsewhere
            place = dataclasses.replace(other.place, name=mention.text.strip(), admin2=None, geo_precision=2)
            return gazetteer.PlaceMention(mention.start, mention.end, mention.text, place)
    return mention


TOWN_IN = re.compile(r"\s*,\s*(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:town|village|city|community|hamlet|settlement)\s+"
                     r"(?:in|of|near|outside)\s+(?:the\s+)?(?:(?:municipality|district|township|county|commune)\s+of\s+)?",
                     re.I)


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
    speech = SPEAKER_SPAN.match(text)
    if speech and any(m.start >= speech.end() for m in mentions):
        # "an official in Mogadishu told dpa that the group has retaken Janaale": where the speaker sits is not
        # where the act was
        mentions = [m for m in mentions if m.start >= speech.end()]
    if len(mentions) <= 1:
        return mentions
    if BETWEEN_PLACES.search(text[max(0, mentions[0].start - 40):mentions[0].start]):
        return mentions[:1]
    listed, last_end = [mentions[0]], mentions[0].end
    for cur in mentions[1:]:
        between = text[last_end:cur.start]
        last_end = cur.end
        if _contains(cur, listed[-1]) and re.fullmatch(r"\s*,?\s*(?:in|of)\s+(?:the\s+)?", between):
            continue  # "Tayaran Square in Baghdad": the container, not another place
        if re.fullmatch(r"\s*,\s*", between) and _encloses(cur, listed[-1]) and not re.match(r"\s*,?\s*(?:and|or)\b", text[cur.end:]):
            continue  # "in Sarangi Adda, Bannu": the district that holds the village named first
        if (LIST_GAP.fullmatch(between) or LOOSE_LIST_GAP.fullmatch(between) or UNKNOWN_LIST_ITEM.fullmatch(between)) \
                and not re.search(r"[;:.]|\bwhile\b", between):
            listed.append(cur)
        else:
            break
    if len(listed) > 1:
        return listed
    return [_most_specific(mentions)]


# What stands between two places of one list: "A, B and C", "A, a town west of X, and B", "A, and in southern
# cities such as B", "A as well as in B".
# ", West Panama, ": a name the gazetteer does not know, inside a list of places it does
UNKNOWN_LIST_ITEM = re.compile(r"\s*,\s*(?:[A-Z][\w'\u2019-]+\s+){0,2}[A-Z][\w'\u2019-]+\s*,\s*(?:and\s+)?")
LIST_GAP = re.compile(
    r"\s*(?:,\s*(?:(?:a|an|the|to|close|near|north|south|east|west|some|about|its|their)\b[^,;:.]{0,60},\s*)?"
    r"(?:(?:and|or|as\s+well\s+as)\s+)?|(?:and|or|as\s+well\s+as)\s+)(?:also\s+)?(?:(?:in|at)\s+)?"
    r"(?:(?:the\s+)?(?:[a-z]+\s+){0,2}(?:cities|towns|provinces|regions|states|districts|villages|areas|suburbs)"
    r"\s+(?:of\s+|such\s+as\s+|including\s+|like\s+)?)?(?:the\s+)?")
LOOSE_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|,?\s*as\s+well\s+as\s+|(?:\S+\s+){0,8}?and\s+(?:\S+\s+){0,6}?)")


def _contains(outer: gazetteer.PlaceMention, inner: gazetteer.PlaceMention) -> bool:
    """`outer` is the town or region `inner` lies in."""
    o, i = outer.place, inner.place
    return o.iso3 == i.iso3 and o.admin1 is not None and o.admin1 == i.admin1 and (
        o.kind == "admin1" or (o.kind == "town" and i.kind in ("feature", "town")))


def _encloses(outer: gazetteer.PlaceMention, inner: gazetteer.PlaceMention) -> bool:
    """`outer` is a region, or a far bigger town of the same region, written after `inner` as its address."""
    o, i = outer.place, inner.place
    if o.iso3 != i.iso3 or (i.admin1 and o.admin1 != i.admin1):
        return False
    return o.kind == "admin1" or (o.kind == "town" and o.population >= 20 * max(i.population, 1000))


def _most_specific(mentions: list[gazetteer.PlaceMention]) -> gazetteer.PlaceMention:
    rank = {"town": 0, "feature": 1, "admin1": 2, "country": 3}
    return sorted(mentions, key=lambda m: (rank.get(m.place.kind, 4), m.start))[0]


# ----------------------------------------------------------------------------- dates


# Developments that happen in each place a list names ("arrests in A and B", "shops looted in A and B").
LISTABLE_DEVELOPMENTS = {"Arrests", "Looting/property destruction"}


SPEAKER_SPAN = re.compile(r"^.{3,140}?\b(?:said|says|say|told\s+\w+(?:\s+\w+)?|announced|reported|confirmed|added)\b"
                          r"[^,;]{0,40}?\bthat\s+", re.I)


def clause_places(clause: Clause, masked: str, state: ArticleState) -> list[gazetteer.PlaceMention]:
    """The incident places of a clause; a country it names ("in Mali") becomes the article's country."""
    here = location_country(clause.text)
    country = here or state.country
    if here:
        state.country = here
    places = incident_places(masked, country, state.last_place, state.mentioned - {country})
    if not places and clause.cls is not None:
        capital = capital_place(masked, country, state.last_place is None)  # "gunfire in the Angolan capital"
        places = [capital] if capital is not None else []
    if clause.cls is not None and clause.cls.event_type == "Strategic developments" \
            and clause.cls.sub_event_type not in LISTABLE_DEVELOPMENTS:
        places = places[:1]  # "handed control from A to B": one act, not one per place
    return places
