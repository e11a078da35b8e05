"""Stage: incidents (the rules). Whether a clause tells more about the incident just told, and the
follow-ups that change what that incident was: a launch whose rockets were all intercepted, arrests
made while a protest was dispersed, a town that says where a broadly placed incident happened."""

from __future__ import annotations

import re

from ..vocab import gazetteer
from .arg_actors import ATTRIBUTION_TAIL, generic_actor
from .arg_dates import incident_dates
from .classify import Classification, context_match, cue_matches
from .document import ArticleState, Clause, Incident
from .filters import QUOTE_START, SUMMARY_WORDS
from .mentions import CROWD, STANDALONE_TYPES

ANAPHORIC_START = re.compile(
    r"^\s*(?:the|these|those|its|their|his|her)\s+(?:\w+\s+){0,2}?(?:attackers?|assailants|gunmen|fighters|"
    r"insurgents|militants|group|strikes?|attack|blast|explosion|shelling|bombing|raid|car|vehicle|convoy|"
    r"victims|dead|bodies|suspects|rebels|kidnappers|crowd|protesters|demonstrators|troops|soldiers|army|"
    r"police|officers|military|missiles?|drones?|bomb|shells|fire)\b|^\s*(?:it|they|he|she)\s+(?:said|added|also)\b",
    re.I,
)


def is_continuation(cls: Classification, clause: str, own_dates: list, places: list, previous: list[Incident]) -> bool:
    if _act_just_told_placed(clause) and cls.event_type == previous[0].cls.event_type \
            and _same_region(places, previous[0]) \
            and all(d.date == previous[0].event_date for d in own_dates):
        return True  # "the encounter took place early today in the forests of Abujhmad": the act just told, placed
    if own_dates and not previous[0].dated and THE_ACT_TOLD.search(clause) \
            and (not places or _same_region(places, previous[0])):
        return True  # "six of the attackers were killed in the battle late Tuesday": the undated act just told
    if own_dates:
        return False
    if places and POSSESSIVE_ACT.search(clause) and _same_region(places, previous[0]):
        return True  # "two police were wounded in Saturday's attack, which took place in Spin Boldak"
    if places and SUMMARY_WORDS.search(previous[0].clause_text) and not same_place(places, previous):
        return False  # after "a string of attacks across the province", "in Karak, militants ..." is one of them
    if context_match("new_incident", clause) and places and not same_place(places, previous):
        return False
    if cls.sub_event_type in STANDALONE_TYPES and cls.event_type != previous[0].cls.event_type:
        return False
    if cls.event_type in CROWD and previous[0].cls.event_type not in CROWD and cls.priority >= 70:
        return False  # "residents gathered to protest the attack": the protest is an event of its own
    if not places:
        return True
    if same_place(places, previous):
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


THE_ACT_TOLD = re.compile(r"(?:\b(?:in|during|after)|^\W*)\s*the\s+(?:attack|ambush|assault|raid|battle|fighting|clash(?:es)?|"
                          r"gun\s?battle|firefight|shootout|blast|explosion|bombing)\b", re.I)
# "Saturday's attack", "Monday's ambush": the incident already told, named by its day
POSSESSIVE_ACT = re.compile(r"\b(?:[A-Z][a-z]+day|yesterday|today|last\s+night)['\u2019]s\s+(?:[\w-]+\s+)?(?:attack|ambush|"
                            r"assault|raid|blast|bombing|strike|clash(?:es)?|fighting|shooting)\b", re.I)


def _act_just_told_placed(clause: str) -> bool:
    """"the encounter took place in ...", but not "the most recent attack happened in ..." (which picks one of
    several acts told, not necessarily the last)."""
    m = ACT_PLACED.match(clause)
    return bool(m) and not WHICH_ACT.search(m.group(0))


WHICH_ACT = re.compile(r"\b(?:most\s+recent|latest|first|second|third|earlier|previous|other|last|deadliest|"
                       r"\w+est)\b", re.I)


def _same_region(places: list, head: Incident) -> bool:
    """The places lie in the head's country and, when both have one, its province."""
    return head.place is not None and all(
        p.place.iso3 == head.place.iso3 and (not p.place.admin1 or not head.place.admin1 or p.place.admin1 == head.place.admin1)
        for p in places)


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


def same_place(places: list[gazetteer.PlaceMention], previous: list[Incident]) -> bool:
    prev_places = {(i.place.name, i.place.iso3) for i in previous if i.place}
    prev_admin = {i.place.admin1 for i in previous if i.place}
    for p in places:
        if (p.place.name, p.place.iso3) in prev_places:
            return True
        if p.place.kind == "admin1" and p.place.admin1 in prev_admin:
            return True
    return False


ALL_INTERCEPTED = re.compile(
    r"^\s*(?:both|all|they|it|the\s+(?:\w+\s+)?(?:rockets?|missiles?|drones?|projectiles?|shells?))\s+(?:\w+\s+){0,2}?"
    r"(?:were|was|had been|have been)\s+(?:\w+\s+)?(?:intercepted|shot down|downed|destroyed in the air)\b", re.I)


def all_intercepted(clause: str, previous: list[Incident]) -> bool:
    head = previous[0]
    return bool(ALL_INTERCEPTED.match(clause)) and head.cls.event_type == "Explosions/Remote violence" \
        and head.cls.sub_event_type in ("Shelling/artillery/missile attack", "Air/drone strike") and head.fatalities == 0


def become_disrupted(previous: list[Incident], clause: Clause) -> None:
    """The launch was stopped: the defending state acts, the launcher is the target, nobody was targeted."""
    cls = clause.cls
    for incident in previous:
        launcher, launcher_inter = incident.actor1, incident.inter1
        defender = generic_actor("state", incident.iso3)
        incident.cls = Classification(cls.event_type, cls.sub_event_type, cls.priority, cls.cues, 0, 0)
        incident.actor1, incident.inter1, incident.actor1_generic = defender[0], defender[1], False
        incident.actor2, incident.inter2 = (launcher, launcher_inter) if launcher else ("", None)
        incident.civilian_targeting = False
        incident.sources.append(clause.span)
        incident.note("event_type sub_event_type actor1 actor2", "incidents.continuation", clause.text)




def dispersed_crowd(clause: Clause, state: ArticleState) -> Incident | None:
    """The protest broken up on the day and at the place of these arrests, when the article told one."""
    places = clause.places
    crowds = [i for i in state.incidents if i.cls.event_type in ("Protests", "Riots")]
    if not crowds:
        return None
    days, dated = incident_dates(clause.dates, clause.sentence_dates, clause.cls.trigger_start, state.incidents,
                                 state.published, state.pub_precision)
    for crowd in reversed(crowds):
        if dated and crowd.event_date not in [d for d, _ in days]:
            continue
        if places and not same_place(places, [crowd]) and not (
                crowd.place and re.search(r"\b" + re.escape(crowd.place.name) + r"\b", clause.text, re.I)):
            continue
        if not dated and not places and not (crowd is state.incidents[-1] or names_crowd(clause.text)):
            continue
        return crowd
    return None


def names_crowd(text: str) -> bool:
    """"police arrested dozens of protesters": the people detained were in the crowd."""
    return bool(cue_matches("protest", text) or cue_matches("crowd", text))


def same_area(places: list[gazetteer.PlaceMention], previous: list[Incident]) -> bool:
    """No place, the same place, or only places in the provinces of the previous incident."""
    return not places or same_place(places, previous) or all(
        p.place.admin1 and any(i.place and i.place.admin1 == p.place.admin1 for i in previous) for p in places)


# "The attack began when trucks of gunmen drove into Petionville": the act just told, placed
ACT_PLACED = re.compile(r"^\s*(?:according\s+to\s+[^,]{1,60},\s*|(?:[\w.'\u2019-]+\s+){1,4}(?:said|says|say)\s+"
                        r"(?:that\s+)?)?the\s+(?:[\w-]+\s+){0,2}?"
                        r"(?:attack|assault|raid|ambush|fighting|clash(?:es)?|offensive|encounter|gun ?fight|"
                        r"gun ?battle|fire ?fight|incident)\s+"
                        r"(?:began|started|took\s+place|happened|occurred|unfolded|was\s+carried\s+out)\b", re.I)


def moved_to_town(head: Incident, clause: Clause) -> bool:
    """The follow-up names the town, in the head's broad area, where the incident happened: it is told before
    any attribution and not in a quote; or it places the act just told in a neighbouring town of the region."""
    places = clause.places
    told = len(ATTRIBUTION_TAIL.sub("", clause.text))
    nearby = bool(places) and head.place is not None and head.place.kind == "town" and bool(ACT_PLACED.match(clause.text)) \
        and places[0].place.iso3 == head.place.iso3 and places[0].place.admin1 == head.place.admin1
    return bool(places) and (_refines(places, head) or nearby) and head.place is not None \
        and places[0].place.kind in ("town", "feature") and places[0].place is not head.place \
        and places[0].start < told and not QUOTE_START.match(clause.text) and _within(places[0], head, clause.text)
