"""Incident grouping across the article: the same incident told twice, a summary and its details.

Reports open with a general account ("militants attacked troops in the north of Sinai, killing 23")
and give the place further down ("the attack was aimed at a compound in al-Barth"); round-ups open
with a total ("at least 19 were killed on Monday in Guerrero and Michoacan") and then tell each
incident. A coarse mention (no place, or only a region or country) is therefore:

* the same incident as the one finer mention it can be (same country and region, compatible type
  and day): the two are merged, the finer place kept;
* a summary of several finer mentions: it is dropped, and those that have no day of their own take
  its day;
* otherwise an incident of its own, placed at the article's main place at the coarsest precision.

Incidents dated long before publication are background, not news, and are dropped.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date, timedelta

from .admin_fill import article_place, dateline_place, fill_admin1
from .arg_counts import count_bomber
from .arg_actors import generic_actor
from .backdrop import SEPARATE, drop_backdrop, inherit_lead_day, lead_sentence_day
from .filters import SUMMARY_WORDS
from .mentions import CROWD
from .place_index import PlaceIndex
from ..vocab import gazetteer

__all__ = ["group", "group_incidents", "drop_background", "article_place", "BACKGROUND_DAYS"]

# Incidents more than this many days before publication are background ("in June", "last month").
BACKGROUND_DAYS = 14
VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
SPECIFIC_PRIORITY = 80  # a weapon or act named precisely (chemical, air strike, IED, abduction ...)
GENERIC_PRIORITY = 69  # "attacked", "clashes", "killed": the lead's word for what the details name


def group(state):
    """The grouping stage: background incidents out, summaries and their details sorted out, the rest placed."""
    kept = drop_background(state.incidents, state.published, state.dropped)
    lead = state.text.strip().split("\n", 1)[0][:400]  # the first paragraph, not a later reference to the capital
    state.incidents = group_incidents(kept, article_place(state.title, lead, state.country), lead_sentence_day(state, BACKGROUND_DAYS),
                                      dateline_place(state.body, state.country))
    for incident in state.incidents:
        count_bomber(incident, state.body)
    fill_admin1(state.incidents, [state.title] + [s.text for s in state.sentences])
    return state


def drop_background(incidents: list, published: date, dropped: list | None = None) -> list:
    """Keep incidents dated within BACKGROUND_DAYS before publication (and not after it)."""
    earliest = published - timedelta(days=BACKGROUND_DAYS)
    kept = [i for i in incidents if earliest <= i.event_date <= published]
    if dropped is not None:
        kept_ids = {id(i) for i in kept}
        dropped += [(i.clause_text, f"background: dated {i.event_date}, over {BACKGROUND_DAYS} days before publication")
                    for i in incidents if id(i) not in kept_ids]
    return kept


def _coarse(incident) -> bool:
    """No place, a region or the country; or a wide feature with no region of its own ("the West Bank")."""
    place = incident.place
    return place is None or place.kind in ("admin1", "country") \
        or (place.kind == "feature" and place.geo_precision >= 3 and not place.admin1)


def _finer(fine, coarse) -> bool:
    """`fine` names a place inside the coarse incident's area."""
    if fine.place is None or not (_coarse(coarse) and not _coarse(fine) or coarse.place is None):
        return False
    if coarse.place is None:
        return coarse.iso3 in (None, fine.iso3)
    if coarse.place.iso3 != fine.place.iso3:
        return False
    return coarse.place.kind in ("country", "feature") or coarse.place.admin1 == fine.place.admin1


def _types_fit(a, b) -> bool:
    ta, tb = a.cls.event_type, b.cls.event_type
    if a.cls.sub_event_type == b.cls.sub_event_type:
        return True
    if ta == tb == "Strategic developments":
        return False  # an arrest is no looting told again
    if ta == tb == "Explosions/Remote violence":
        return False  # a roadside bomb and a rocket attack at one place are two acts
    if ta == tb:
        return True  # the fighting in which a town was taken; a march and the riot it became
    if ta in VIOLENT and tb in VIOLENT:
        if "Explosions/Remote violence" in (ta, tb) and any(
                i.cls.event_type != "Explosions/Remote violence" and SHOOTING.search(i.clause_text) for i in (a, b)):
            return False  # people shot dead are not the shelling's dead
        return min(a.cls.priority, b.cls.priority) <= GENERIC_PRIORITY
    if ta in CROWD and tb in CROWD:
        return True  # a march and the riot it became
    if ta in VIOLENT | CROWD and tb in VIOLENT | CROWD and "Peaceful protest" not in (a.cls.sub_event_type, b.cls.sub_event_type):
        if any(i.cls.event_type in VIOLENT and i.inter1 in (2, 3, 4) for i in (a, b)):
            return False  # an armed group's attack and the crowd that protested it
        # "six were killed around the country" before the riots and the shootings of protesters it sums up
        return min(a.cls.priority, b.cls.priority) <= GENERIC_PRIORITY
    return False


def _days_fit(coarse, fine) -> bool:
    if coarse.event_date == fine.event_date or not coarse.dated:
        return True
    if coarse.precision >= 2 and fine.dated and abs((coarse.event_date - fine.event_date).days) <= 3:
        return True  # "at the weekend" sums up Friday night's attack and Sunday's
    if not fine.dated:
        # an undated telling happened in the report's week: "earlier this month" is another incident
        return abs((coarse.event_date - fine.event_date).days) <= 7
    # a statement made a day or two after the incident it reports
    return timedelta(0) <= coarse.event_date - fine.event_date <= timedelta(days=2) and coarse.statement_dated


def _candidates(coarse, incidents: list) -> list:
    """The finer tellings a coarse mention can be: not those told as another incident ("In another attack"),
    and none when the coarse mention is itself told as another ("Also on Friday, militants ambushed ...")."""
    if TOLD_AS_ANOTHER.match(coarse.clause_text):
        return []
    iso3 = coarse.place.iso3 if coarse.place is not None else None  # (a finer place is in the same country)
    return [i for i in incidents if i.place is not None and iso3 in (None, i.place.iso3) and i is not coarse
            and _finer(i, coarse) and _types_fit(coarse, i) and _days_fit(coarse, i)
            and not SEPARATE.search(i.clause_text[:80])]


def _merge_into(fine, coarse) -> None:
    """One incident told twice: the finer telling keeps its place; the fields it lacks come from the other."""
    if not fine.dated and coarse.dated:
        fine.event_date, fine.precision, fine.dated = coarse.event_date, coarse.precision, True
    fine.fatalities = combined_toll(fine.fatalities, coarse.fatalities)
    riot_over_march = coarse.cls.event_type == "Riots" and fine.cls.event_type == "Protests"
    if riot_over_march or coarse.cls.priority > fine.cls.priority and (coarse.cls.event_type == fine.cls.event_type
                                                                      or fine.cls.priority <= GENERIC_PRIORITY):
        if fine.cls.event_type == "Violence against civilians" and fine.inter2 == 7 and coarse.actor2:
            fine.actor2, fine.inter2 = coarse.actor2, coarse.inter2  # civilians were only that type's default
        # "attacks on Odesa" told first, "a missile strike on the city" after; a protest that turned violent
        fine.cls = coarse.cls
        if riot_over_march and fine.inter1 == 6:
            fine.actor1, fine.inter1 = generic_actor("rioters", fine.iso3)
    if (not fine.actor1 or fine.actor1_generic and not coarse.actor1_generic and coarse.actor1) \
            and coarse.actor1 != fine.actor2:  # never an actor on both sides
        fine.actor1, fine.inter1, fine.actor1_generic = coarse.actor1, coarse.inter1, coarse.actor1_generic
    if not fine.actor2 and coarse.actor2:
        fine.actor2, fine.inter2 = coarse.actor2, coarse.inter2
    fine.sources = sorted(set(coarse.sources + fine.sources))
    for name, how in coarse.trace.items():
        fine.trace.setdefault(name, how)
    fine.note("location admin1", "grouping", f"(the same incident told in general terms first) {coarse.clause_text[:80]}")


def combined_toll(a: int, b: int) -> int:
    """Two figures for one incident: conflicting reports of the same toll keep the lower (ACLED's most
    conservative); a figure under half the other counts only some of the dead ("a captain died" beside "seven
    soldiers and six attackers were killed"), so the whole wins."""
    if not a or not b:
        return a or b
    low, high = sorted((a, b))
    return low if low * 2 >= high else high


def _split_summary(coarse, incidents: list) -> bool:
    """The coarse mention named several regions at once, or says it sums up many incidents: its figure is a
    total, not one incident's."""
    return SUMMARY_WORDS.search(coarse.clause_text) is not None or any(
        i is not coarse and i.group == coarse.group and i.place is not coarse.place for i in incidents)


def _summarised(coarse, details: list) -> None:
    """A summary's named perpetrator goes to the details that name only "the insurgents"; its day to those
    that have none of their own."""
    for d in details:
        named = coarse.actor1 and not coarse.actor1_generic and (d.actor1_generic or not d.actor1)
        # a generic perpetrator ("rebels went on a rampage") still names who acted in details that name no one
        if (named or coarse.actor1 and not d.actor1) and coarse.actor1 != d.actor2:
            d.actor1, d.inter1, d.actor1_generic = coarse.actor1, coarse.inter1, coarse.actor1_generic
            d.note("actor1 inter1", "grouping", f"(the perpetrator the summary names) {coarse.clause_text[:80]}")
    if not coarse.dated or coarse.statement_dated:
        return
    for d in details:
        if not d.dated:
            d.event_date, d.precision, d.dated = coarse.event_date, coarse.precision, True
            d.note("event_date time_precision", "grouping", f"(the day of the summary) {coarse.clause_text[:80]}")


# "The attack was carried out ...", "Friday's ambush left ...": a definite mention of an incident already told
REFERS_BACK = re.compile(
    r"(?:^|[,;]\s*|\bthat\s+|\bsaid\s+)(?:the|this|that|these|those|its|their|\w+day['\u2019]s)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:attacks?|ambush|raid|strikes?|bombing|blast|explosion|assault|incident|violence|clash(?:es)?|fighting|"
    r"killings?|shooting|abductions?|kidnapping|protests?|rally|march|demonstrations?|unrest|offensive|shelling)\b",
    re.I)
# The openings of the lexicon's new_incident group that say "another incident" (not its "In <Place>, ..."):
# a coarse telling that opens so is not the lead told in general terms.
TOLD_AS_ANOTHER = re.compile(r"^\W*(?:also\s+on|separately|elsewhere|meanwhile|in\s+(?:another|a\s+separate)\s+"
                             r"(?:incident|attack|development))\b", re.I)
SHOOTING = re.compile(r"\b(?:shot|gunned\s+down|opened\s+fire|shooting|shootings)\b", re.I)


def _same_place(a, b) -> bool:
    if a.place is None or b.place is None or a.place.iso3 != b.place.iso3:
        return False
    if a.place.kind in ("admin1", "country") or b.place.kind in ("admin1", "country"):
        return a.place.kind == b.place.kind and a.place.admin1 == b.place.admin1
    if gazetteer.place_key(a.place.name) == gazetteer.place_key(b.place.name):
        return True
    return _inside(a, b) or _inside(b, a)


def _neighbour_town(later, earlier) -> bool:
    """`later` names another town of the same region as `earlier` (a suburb of the city told first)."""
    if later.place is None or earlier.place is None or not later.place_own:
        return False
    if "admin1" in (later.place.kind, earlier.place.kind) or "country" in (later.place.kind, earlier.place.kind):
        return False
    return later.place.iso3 == earlier.place.iso3 and later.place.admin1 == earlier.place.admin1


def _inside(small, town) -> bool:
    """`small` is a square or neighbourhood told as lying in `town` ("Tayaran Square in Baghdad")."""
    return small.place.population == 0 and small.place.admin1 == town.place.admin1 and town.place.population > 0 \
        and re.search(r"\b(?:in|of)\s+(?:the\s+)?(?:\w+\s+)?" + re.escape(town.place.name) + r"\b", small.clause_text) is not None


def _retelling(later, earlier, lead_group: int = 0) -> bool:
    """`later` tells `earlier` again: same place, a day that fits, a type that fits, not 'another attack'."""
    if later.group == earlier.group or not _types_fit(later, earlier) or SEPARATE.search(later.clause_text[:80]):
        return False
    if later.event_date == earlier.event_date and REFERS_BACK.match(later.clause_text) \
            and _neighbour_town(later, earlier):
        return True  # "gangs attacked the capital ... The attack began when trucks entered Petionville"
    if not _same_place(later, earlier):
        return False
    if later.event_date == earlier.event_date and (later.dated == earlier.dated or REFERS_BACK.search(later.clause_text)
                                                    or later.cls.event_type in CROWD):
        return True  # a crowd at one place on one day is one event, however often it is told
    if not later.dated and REFERS_BACK.search(later.clause_text):
        return True  # "the ambush took place in Tillaberi": the incident just told, placed
    if (not later.dated or not earlier.dated) and later.cls.sub_event_type == earlier.cls.sub_event_type \
            and (later.cls.priority >= SPECIFIC_PRIORITY or later.event_date == earlier.event_date):
        # chlorine bombs on one district, told once without its day and once with it; a night raid on a
        # district told undated beside the same day's attack on it
        return True
    if earlier.group == lead_group and not earlier.dated and later.dated \
            and 0 <= (earlier.event_date - later.event_date).days <= 7 \
            and (later.cls.sub_event_type == earlier.cls.sub_event_type
                 or min(later.cls.priority, earlier.cls.priority) <= GENERIC_PRIORITY):
        # "four groups launched an attack on a police outpost in X" (the undated lead), then "they attacked on
        # Sunday morning": the lead's act, now dated
        return True
    if _within_week(later, earlier) or _within_week(earlier, later):
        return True  # "last week's unrest in X", then "protesters dispersed there last Friday"
    stated = [i for i in (later, earlier) if i.statement_dated]
    return bool(stated) and abs((later.event_date - earlier.event_date).days) <= 2


def _within_week(week, day) -> bool:
    """`week` is dated only to a week ("last week") and `day` is a day of it."""
    return week.dated and week.precision == 2 and day.dated and day.precision == 1 \
        and -3 <= (day.event_date - week.event_date).days <= 6


def _keep_of(a, b):
    """Of two tellings, the one whose type is more specific (a protest turned violent wins over the march)."""
    rank = lambda i: (i.cls.event_type == "Riots", i.cls.priority, i.dated and not i.statement_dated)  # noqa: E731
    return (a, b) if rank(a) >= rank(b) else (b, a)


def merge_retellings(incidents: list) -> list:
    """One event per incident, day and place: a later telling at the same place folds into the first (only
    the incidents of its country and region or name can be it: place_index.py)."""
    kept: list = []
    index = PlaceIndex()
    lead_group = min((i.group for i in incidents), default=0)
    for incident in incidents:
        at = next((p for p in index.candidates(incident) if _retelling(incident, kept[p], lead_group)), None)
        if at is None:
            index.add(incident, len(kept))
            kept.append(incident)
            continue
        keep, other = _keep_of(kept[at], incident)
        _fold(keep, other)
        kept[at] = keep
        index.add(keep, at)
    return kept


def _fold(keep, other) -> None:
    """`other` told the same incident: its evidence, day and figure complete `keep`."""
    if (not keep.dated or keep.statement_dated) and other.dated and not other.statement_dated:
        keep.event_date, keep.precision, keep.dated, keep.statement_dated = \
            other.event_date, other.precision, True, False
    keep.fatalities = combined_toll(keep.fatalities, other.fatalities)
    if (not keep.actor1 or keep.actor1_generic and other.actor1 and not other.actor1_generic) \
            and other.actor1 != keep.actor2:
        keep.actor1, keep.inter1, keep.actor1_generic = other.actor1, other.inter1, other.actor1_generic
    if not keep.actor2 and other.actor2:
        keep.actor2, keep.inter2 = other.actor2, other.inter2
    finer = max((keep, other), key=lambda i: i.sources[0])
    if finer.place is not None and keep.place is not None and finer.place.name != keep.place.name \
            and REFERS_BACK.match(finer.clause_text) and _neighbour_town(finer, keep):
        keep.place, keep.place_text = finer.place, finer.place_text  # the place the later telling gives
    keep.sources = sorted(set(keep.sources + other.sources))
    keep.note("sources", "grouping", f"(the same incident told again) {other.clause_text[:80]}")


TERRITORY = ("Government regains territory", "Non-state actor overtakes territory")


def _territory_taker(incident) -> None:
    """Who takes the ground decides the sub-type: "al-Shabaab has retaken Janaale" is a rebel group overtaking
    it; the country's own forces taking a town regain it (foreign forces overtake, as ACLED codes them)."""
    own = {generic_actor(kind, incident.iso3)[0] for kind in ("state", "police")} if incident.iso3 else set()
    if incident.cls.sub_event_type == TERRITORY[0] and incident.inter1 == 2:
        incident.cls = dataclasses.replace(incident.cls, sub_event_type=TERRITORY[1])
    elif incident.cls.sub_event_type == TERRITORY[1] and incident.actor1 in own:
        incident.cls = dataclasses.replace(incident.cls, sub_event_type=TERRITORY[0])


def group_incidents(incidents: list, fallback, lead_sentence_day=None, filed_from=None) -> list:
    """Merge each coarse incident into its single finer telling, drop summaries, merge retellings, place the rest."""
    kept = list(incidents)
    for coarse in [i for i in incidents if _coarse(i)]:
        if _index_of(kept, coarse) < 0:
            continue
        found = _candidates(coarse, kept)
        if found and _split_summary(coarse, incidents):
            _summarised(coarse, found)  # "19 killed in Guerrero and Michoacan": a total over both states
            del kept[_index_of(kept, coarse)]
        elif len(found) == 1:
            _merge_into(found[0], coarse)
            del kept[_index_of(kept, coarse)]
        elif len(found) > 1:
            _summarised(coarse, found)
            del kept[_index_of(kept, coarse)]
    for town in [i for i in kept if not _coarse(i) and i.fatalities]:
        parts = _districts(town, kept)
        if parts:
            _summarised(town, parts)  # "two killed in Bujumbura ... one in Ngagara and the other in Musaga"
            for part in parts:
                if town.cls.event_type == "Riots" and part.cls.event_type in CROWD:
                    part.cls = town.cls
                    if part.inter1 == 6:
                        part.actor1, part.inter1 = generic_actor("rioters", part.iso3)
            del kept[_index_of(kept, town)]
    inherit_lead_day(kept, lead_sentence_day)
    kept = merge_retellings(kept)
    kept = drop_backdrop(kept)
    for incident in kept:
        if incident.cls.sub_event_type == "Abduction/forced disappearance" and incident.fatalities:
            # killed and kidnapped, the dead told in a follow-up: the killing is the attack
            incident.cls = dataclasses.replace(incident.cls, event_type="Violence against civilians", sub_event_type="Attack")
        elif incident.cls.sub_event_type == "Protest with intervention" and incident.fatalities:
            # police broke up the protest and people died: lethal force against protesters
            incident.cls = dataclasses.replace(incident.cls, sub_event_type="Excessive force against protesters")
        elif incident.cls.sub_event_type in TERRITORY:
            _territory_taker(incident)
        _fall_back(incident, fallback, filed_from)
    return kept


def _fall_back(incident, fallback, filed_from) -> None:
    """An incident the text places nowhere: a crowd or an arrest where the story was filed, when the headline and
    lead name no region; otherwise the article's place."""
    if incident.place is not None:
        return
    if filed_from is not None and (fallback is None or fallback.kind == "country") and incident.iso3 in (None, filed_from.iso3) \
            and (incident.cls.event_type in CROWD or incident.cls.sub_event_type == "Arrests"):
        incident.place, incident.iso3 = filed_from, filed_from.iso3
        incident.note("location admin1 iso3", "grouping", f"(no place in the text: the dateline's) {filed_from.name}")
    elif fallback is not None and incident.iso3 in (None, fallback.iso3):
        incident.place, incident.iso3 = fallback, fallback.iso3
        incident.note("location admin1 iso3", "grouping", f"(no place in the text: the article's) {fallback.name}")


def _districts(town, incidents: list) -> list:
    """Two or more incidents in unlisted quarters of `town`'s unit, told after it on its day, whose dead add up
    to its toll: the town's incident was their sum."""
    parts = [i for i in incidents if i is not town and i.place is not None and i.place.population == 0
             and i.place.kind != "admin1" and i.place.admin1 == town.place.admin1 and i.sources[0] > town.sources[0]
             and _types_fit(town, i) and (i.event_date == town.event_date or not i.dated)]
    return parts if len(parts) >= 2 and sum(i.fatalities for i in parts) == town.fatalities else []


def _index_of(incidents: list, incident) -> int:
    """``incidents.index(incident)`` (-1 when absent): the first that is it or equals it field by field, the
    costly comparison made only with those of its group (equal incidents are of one group)."""
    return next((n for n, i in enumerate(incidents) if i is incident or (i.group == incident.group and i == incident)),
                -1)
