"""Argument: fatalities. Death counts and tolls of a clause, split per place, and how a follow-up's
figure combines with the one already known (an update replaces it, otherwise the lowest wins)."""

from __future__ import annotations

import re

from ..vocab import gazetteer
from .arg_places import NAME
from .document import ArticleState, Incident
from .numbers import Count, death_counts

# A later figure that replaces the earlier one: "the death toll rose to 14", "bringing the toll to 11".
TOLL_UPDATE = re.compile(
    r"\b(?:bring(?:ing|s)?|brought|rais(?:e|es|ed|ing)|rose|risen|rising|climb(?:ed|ing|s)?|increas(?:ed|ing)|"
    r"jump(?:ed|ing)|mount(?:ed|ing)|updated|revised|reached|has\s+(?:now\s+)?(?:reached|hit)|now\s+stands?)\b", re.I)
ALSO_MORE = re.compile(r"\b(?:more|further|additional|another)\b", re.I)
ALSO = re.compile(r"\balso\b|\badditional\b|\banother\b|\bin addition\b|"
                  r"\ba\s+(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b", re.I)
# "The dead were four civilians, two gendarmes ...": the same dead, itemised
BREAKDOWN = re.compile(r"\b(?:the|those)\s+(?:dead|killed|victims|deceased)\s+(?:were|are|included|include)\b"
                       r"|\bamong\s+(?:the\s+)?(?:dead|victims|those\s+killed)\b", re.I)
PLACE_AFTER_COUNT = re.compile(
    r"^\s+(?:in|at|near)\s+(?:the\s+(?:[\w-]+\s+){0,2}?(?:town|city|village|district)\s+of\s+)?(?P<name>" + NAME + ")")
NEW_VICTIM_NOUNS = re.compile(r"\b(?:attackers?|assailants?|bombers?|gunmen|militants|rebels|insurgents|fighters|"
                              r"soldiers?|troops|policemen|officers?|taliban|maoists|naxal\w*|houthis|separatists|"
                              r"extremists|terrorists|jihadists|guerrillas|militiamen|bandits|cadres)\b", re.I)
# Nobody died in these, whatever the next clause says.
NON_LETHAL = {"Arrests", "Agreement", "Change to group/activity", "Headquarters or base established",
              "Non-violent transfer of territory", "Peaceful protest", "Disrupted weapons use"}


def clause_deaths(text: str) -> tuple[list[Count], list[Count]]:
    counts = death_counts(text)
    return [c for c in counts if c.role == "death"], [c for c in counts if c.role == "toll"]


def read_counts(state: ArticleState) -> ArticleState:
    """The death counts and tolls of every clause, and the dead it counts again ("the three protesters")."""
    for clauses in state.clauses:
        for clause in clauses:
            counts = death_counts(_without_chains(clause))
            clause.deaths = [c for c in counts if c.role == "death"]
            clause.tolls = [c for c in counts if c.role == "toll"]
            clause.recounts = [c for c in counts if c.role == "recount"]
    return state


def _without_chains(clause) -> str:
    """"a day after similar explosions had killed nine police": the dead of the incident a date chain names are
    not this clause's (spans blanked, offsets kept)."""
    text = clause.text
    for d in clause.dates:
        if d.kind == "chain":
            # "killed five, a day after similar explosions had killed nine": when the clause's own incident is told
            # first, the other incident runs to the end of its phrase
            told_before = clause.cls is not None and clause.cls.trigger_start < d.start
            end = (re.search(r"[,;]|$", text[d.end:]).start() + d.end) if d.anchor == "clause" and told_before else d.end
            text = text[:d.start] + " " * (end - d.start) + text[end:]
    return text


def deaths_by_place(text: str, deaths: list[Count], places: list[gazetteer.PlaceMention]) -> dict[int, int]:
    """Per-place fatalities when the text splits them ("four people in Kharkiv and a woman in Dnipro")."""
    return {i: sum(c.value for c in counts) for i, counts in dead_by_place(text, deaths, places).items()}


def dead_by_place(text: str, deaths: list[Count], places: list[gazetteer.PlaceMention]) -> dict[int, list[Count]]:
    """The counts of dead that go to each place (-1: to no place in particular)."""
    out: dict[int, list[Count]] = {}
    for n, c in enumerate(deaths):
        m = PLACE_AFTER_COUNT.match(text[c.end:])
        index = -1
        if m:
            name = m.group("name").lower()
            for i, p in enumerate(places):
                if p.text.lower().startswith(name) or name.startswith(p.text.lower()) \
                        or p.place.name.lower() == name:
                    index = i
                    break
        else:
            index = _next_place(text, c, deaths[n + 1].start if n + 1 < len(deaths) else len(text), places)
        out.setdefault(index, []).append(c)
    return out


def _next_place(text: str, count: Count, limit: int, places: list[gazetteer.PlaceMention]) -> int:
    """"one more person was killed in Chilpancingo": the first place told after the count, before the next."""
    for i, p in enumerate(places):
        if count.end <= p.start < limit and p.start - count.end <= 60 and not re.search(r"[;.]", text[count.end:p.start]):
            return i
    return -1


def incident_toll(clause: str, deaths: list[Count], tolls: list[Count]) -> tuple[int, bool]:
    """A new incident's fatalities and whether the figure is vague: the counted dead, or the stated toll
    (an update wins over the count, otherwise the lower figure). A figure given first and then corrected
    ("initially said 53 were killed, later that 26 had been") counts once, as corrected."""
    deaths = [c for c in deaths if not c.early] or deaths
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
    return total, vague


def place_fatalities(index: int, total: int, per_place: dict[int, int]) -> int:
    """The dead of the index-th place; deaths with no place of their own go to the first."""
    if per_place:
        return per_place.get(index, 0) + (per_place.get(-1, 0) if index == 0 else 0)
    return total if index == 0 else 0


def apply_tolls(head: Incident, clause: str, tolls: list[Count]) -> None:
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


def _also_near(clause: str, deaths: list[Count]) -> bool:
    """"Two more soldiers also died": the addition is said of the dead, not of another act in the clause ("the
    rebels also ransacked the health centre, said an official, who said 13 people were killed")."""
    start, end = min(c.start for c in deaths), max(c.end for c in deaths)
    return ALSO.search(clause[max(0, start - 40):end + 40]) is not None


def apply_deaths(head: Incident, clause: str, deaths: list[Count]) -> None:
    """Deaths told in a follow-up: more victims add up, a vague figure gives way to an exact one; a figure
    corrected in the same clause ("initially said 53, later 26") counts as corrected."""
    if any(not c.early for c in deaths):
        deaths = [c for c in deaths if not c.early]
    total = sum(c.value for c in deaths)
    vague = all(c.vague for c in deaths)
    if all(c.early for c in deaths) and head.fatalities and not head.vague_count:
        return  # "the ministry initially said 31": the figure already known is the later one
    if head.fatalities == 0:
        head.fatalities, head.vague_count = total, vague
    elif BREAKDOWN.search(clause):
        head.fatalities = min(head.fatalities, total)
    elif total == head.fatalities and len(deaths) > 1 and not _also_near(clause, deaths):
        return  # "killing five people", then "two policemen and three civilians were killed": the five, itemised
    elif OTHER_SOURCE.search(clause) and not MORE_DEAD.search(OTHER_SOURCE.sub(" ", clause)):
        head.fatalities = min(head.fatalities, total)  # "another source said 10 troops and an assailant died"
    elif _part_of_total(head, clause, deaths):
        return  # "18 people dead" first, then "we lost five soldiers", "our troops killed 13 militants"
    elif _also_near(clause, deaths) or new_victims(deaths, head):
        head.fatalities += total
        head.vague_count = head.vague_count and vague
    elif head.vague_count and not vague:
        head.fatalities, head.vague_count = total, False  # "dozens" in the lead, "31" further down
    elif vague and not head.vague_count:
        return
    else:
        head.fatalities = min(head.fatalities, total)


ALL_SIDES = re.compile(r"\b(?:\d[\d,]*|\w+)\s+(?:people|persons)\s+(?:dead|were\s+killed|have\s+been\s+killed|killed)\b"
                       r"|\bleft\s+(?:at\s+least\s+|more\s+than\s+)?\w+\s+(?:people\s+)?dead\b", re.I)
ADDED_SIDE = re.compile(r"\b(?:attackers?|assailants?|bombers?|gunmen)\b", re.I)
# a figure given by another source is a conflicting report of the same dead
OTHER_SOURCE = re.compile(r"\b(?:another|a|an|one|other|a\s+second)\s+(?:[\w-]+\s+){0,2}?(?:source|official|witness|"
                          r"medic|doctor|resident|report)s?\s+(?:said|says|put|gave|reported|told|counted|cited)\b", re.I)
MORE_DEAD = re.compile(r"\b(?:more|further|additional|another)\b(?!\s+than)|\balso\b", re.I)
QUOTED = re.compile(r"[\"\u201c\u201d]")


def _part_of_total(head: Incident, clause: str, deaths: list[Count]) -> bool:
    """The lead counted everyone dead ("left 18 people dead"); a side's dead told after it are among them,
    unless the clause says they are more or they are the attackers."""
    more = MORE_DEAD.search(clause)
    if more and more.group(0).lower() == "also" and QUOTED.search(clause):
        more = None  # '"We lost five soldiers. Our troops also killed 13 militants," an officer said': both sides
    return bool(ALL_SIDES.search(head.clause_text)) and not more \
        and not any(ADDED_SIDE.search(c.noun) for c in deaths) and all(c.noun for c in deaths)


def new_victims(deaths: list[Count], incident: Incident) -> bool:
    """Deaths on another side than the ones already counted ("one of the attackers was killed")."""
    return any(NEW_VICTIM_NOUNS.search(c.noun) for c in deaths) and not any(
        c.noun and c.noun.lower() in incident.clause_text.lower() for c in deaths)


def add_follow_up_deaths(head: Incident, clause: str, deaths: list[Count], tolls: list[Count]) -> None:
    """A follow-up's figures go to the incident it continues, unless nobody can have died in it."""
    if head.cls.sub_event_type in NON_LETHAL:
        return  # arrests, agreements, peaceful protests
    if tolls and deaths and all(t.early for t in tolls) and ALSO_MORE.search(clause):
        # "the first toll was 11, but two more police officers died": the later figure is 11 + 2
        later = min(t.value for t in tolls) + sum(c.value for c in deaths)
        head.fatalities = min(head.fatalities, later) if head.fatalities else later
        return
    if tolls:
        apply_tolls(head, clause, tolls)
    elif deaths:
        apply_deaths(head, clause, deaths)


# The bomber died with the bomb: ACLED counts suicide bombers among the dead.
BOMBER_DIED = re.compile(
    r"\bblew\s+(?:himself|herself|themselves)\s+up\b|\bdetonated\s+(?:himself|herself|themselves)\b"
    r"|\b(?:blew\s+up|detonated|set\s+off|exploded)\s+(?:a|an|his|her|the)\s+(?:\w+\s+)?(?:suicide\s+)?(?:vest|belt|explosives?)\b",
    re.I)
BOMBER_NOUN = re.compile(r"\b(?:bombers?|attackers?|assailants?)\b", re.I)


def count_bomber(incident: Incident, body: str) -> None:
    """A suicide bombing whose bomber blew himself up counts the bomber, unless a figure already does."""
    if incident.cls.sub_event_type != "Suicide bomb":
        return
    told = [body[s:e] for s, e in incident.sources]
    if not any(BOMBER_DIED.search(t) for t in told):
        return
    if any(BOMBER_NOUN.search(c.noun) for t in told for c in death_counts(t)):
        return
    incident.fatalities += 1
    incident.note("fatalities", "arguments.counts", "(the suicide bomber died too)")
