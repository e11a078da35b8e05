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

from datetime import date, timedelta

from ..vocab import countries
from ..vocab import gazetteer

__all__ = ["group", "group_incidents", "drop_background", "article_place", "BACKGROUND_DAYS"]

# Incidents more than this many days before publication are background ("in June", "last month").
BACKGROUND_DAYS = 14
VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
CROWD = {"Protests", "Riots"}
GENERIC_PRIORITY = 70  # "attacked", "clashes", "killed": the lead's word for what the details name


def group(state):
    """The grouping stage: background incidents out, summaries and their details sorted out, the rest placed."""
    kept = drop_background(state.incidents, state.published, state.dropped)
    state.incidents = group_incidents(kept, article_place(state.title, state.text[:400], state.country))
    return state


def drop_background(incidents: list, published: date, dropped: list | None = None) -> list:
    """Keep incidents dated within BACKGROUND_DAYS before publication (and not after it)."""
    earliest = published - timedelta(days=BACKGROUND_DAYS)
    kept = [i for i in incidents if earliest <= i.event_date <= published + timedelta(days=1)]
    if dropped is not None:
        dropped += [(i.clause_text, f"background: dated {i.event_date}, over {BACKGROUND_DAYS} days before publication")
                    for i in incidents if i not in kept]
    return kept


def _coarse(incident) -> bool:
    return incident.place is None or incident.place.kind in ("admin1", "country")


def _finer(fine, coarse) -> bool:
    """`fine` names a place inside the coarse incident's area."""
    if fine.place is None or not (_coarse(coarse) and not _coarse(fine) or coarse.place is None):
        return False
    if coarse.place is None:
        return coarse.iso3 in (None, fine.iso3)
    if coarse.place.iso3 != fine.place.iso3:
        return False
    return coarse.place.kind == "country" or coarse.place.admin1 == fine.place.admin1


def _types_fit(a, b) -> bool:
    ta, tb = a.cls.event_type, b.cls.event_type
    if ta == tb:
        return True
    if ta in VIOLENT and tb in VIOLENT:
        return min(a.cls.priority, b.cls.priority) <= GENERIC_PRIORITY
    return ta in CROWD and tb in CROWD


def _days_fit(coarse, fine) -> bool:
    if coarse.event_date == fine.event_date or not coarse.dated or not fine.dated:
        return True
    # a statement made a day or two after the incident it reports
    return timedelta(0) <= coarse.event_date - fine.event_date <= timedelta(days=2) and coarse.statement_dated


def _candidates(coarse, incidents: list) -> list:
    return [i for i in incidents if i is not coarse and _finer(i, coarse) and _types_fit(coarse, i)
            and _days_fit(coarse, i)]


def _merge_into(fine, coarse) -> None:
    """One incident told twice: the finer telling keeps its place; the fields it lacks come from the other."""
    if not fine.dated and coarse.dated:
        fine.event_date, fine.precision, fine.dated = coarse.event_date, coarse.precision, True
    fine.fatalities = max(fine.fatalities, coarse.fatalities)
    if coarse.cls.priority > fine.cls.priority and coarse.cls.event_type == fine.cls.event_type:
        fine.cls = coarse.cls
    if not fine.actor1 or fine.actor1_generic and not coarse.actor1_generic and coarse.actor1:
        fine.actor1, fine.inter1, fine.actor1_generic = coarse.actor1, coarse.inter1, coarse.actor1_generic
    if not fine.actor2 and coarse.actor2:
        fine.actor2, fine.inter2 = coarse.actor2, coarse.inter2
    fine.sources = sorted(set(coarse.sources + fine.sources))
    for name, how in coarse.trace.items():
        fine.trace.setdefault(name, how)
    fine.note("location admin1", "grouping", f"(the same incident told in general terms first) {coarse.clause_text[:80]}")


def _split_summary(coarse, incidents: list) -> bool:
    """The coarse mention named several regions at once: its figure is a total, not one incident's."""
    return any(i is not coarse and i.group == coarse.group and i.place is not coarse.place for i in incidents)


def _summarised(coarse, details: list) -> None:
    """A summary's day goes to the details that have none of their own."""
    if not coarse.dated or coarse.statement_dated:
        return
    for d in details:
        if not d.dated:
            d.event_date, d.precision, d.dated = coarse.event_date, coarse.precision, True
            d.note("event_date time_precision", "grouping", f"(the day of the summary) {coarse.clause_text[:80]}")


def group_incidents(incidents: list, fallback) -> list:
    """Merge each coarse incident into its single finer telling, drop summaries, place the rest."""
    kept = list(incidents)
    for coarse in [i for i in incidents if _coarse(i)]:
        if coarse not in kept:
            continue
        found = _candidates(coarse, kept)
        if found and _split_summary(coarse, incidents):
            _summarised(coarse, found)  # "19 killed in Guerrero and Michoacan": a total over both states
            kept.remove(coarse)
        elif len(found) == 1:
            _merge_into(found[0], coarse)
            kept.remove(coarse)
        elif len(found) > 1:
            _summarised(coarse, found)
            kept.remove(coarse)
    for incident in kept:
        if incident.place is None and fallback is not None and incident.iso3 in (None, fallback.iso3):
            incident.place, incident.iso3 = fallback, fallback.iso3
            incident.note("location admin1 iso3", "grouping", f"(no place in the text: the article's) {fallback.name}")
    return kept


def article_place(title: str, lead: str, country: str | None):
    """Where the article as a whole happens: the headline's place, else the lead's region, else the country."""
    for text in (title, lead):
        found = [m.place for m in gazetteer.find_places(text, country)
                 if m.place.kind != "country" and (country is None or m.place.iso3 == country)]
        if found:
            place = found[0]
            return gazetteer.Place(name=place.admin1 or place.name, iso3=place.iso3, country=place.country,
                                   admin1=place.admin1, admin2=None, latitude=place.latitude,
                                   longitude=place.longitude, geo_precision=3, kind="admin1")
    c = countries.by_iso3(country) if country else None
    if c is None:
        return None
    return gazetteer.Place(name=c.name, iso3=c.iso3, country=c.name, admin1=None, admin2=None,
                           latitude=None, longitude=None, geo_precision=3, kind="country")
