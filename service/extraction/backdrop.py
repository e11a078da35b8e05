"""Stage: grouping. Incidents with no place of their own that are the story's backdrop, beside incidents told
with their places: crowds with only a week to go by ("the protests started again over the weekend") and tallies
over the whole country ("police had arrested nearly 50 people across the country"); and the day of details told
without one (the story's day)."""

from __future__ import annotations

import re
from datetime import timedelta

SEPARATE = re.compile(r"\b(?:another|second|third|fourth|separate|fresh|further|other)\s+(?:[\w-]+\s+)?(?:attacks?|incidents?|"
                      r"clash(?:es)?|strikes?|bombings?|raids?|blasts?|explosions?|shootings?|ambush(?:es)?|protests?|"
                      r"demonstrations?|riots?|killings?|assaults?)\b"
                      # "Also on Friday, militants ambushed ...", "Separately, ...", "Elsewhere, ...": told as another
                      r"|^\W*(?:also\s+on|separately|elsewhere|meanwhile)\b", re.I)
NATIONWIDE = re.compile(r"\b(?:across|around|throughout|all\s+over)\s+the\s+country\b|\bnationwide\b", re.I)


def _unplaced(incident) -> bool:
    return not (incident.place is not None and incident.place_own)


def _backdrop(incident) -> bool:
    if incident.precision == 2 and not incident.fatalities and incident.cls.event_type in ("Protests", "Riots"):
        return True
    return bool(NATIONWIDE.search(incident.clause_text)) and not incident.fatalities


def drop_backdrop(incidents: list) -> list:
    """The incidents but the backdrop, when some incident is placed."""
    if not any(not _unplaced(i) for i in incidents):
        return incidents
    return [i for i in incidents if not (_unplaced(i) and _backdrop(i))]


def inherit_lead_day(incidents: list, lead_sentence_day=None) -> None:
    """Details told without a day happened on the day the story is about: the day of its first incident, or,
    when that incident has none, the day its first sentence gives ("Last week, soldiers spotted huts ...")."""
    if not incidents:
        return
    lead = min(incidents, key=lambda i: i.sources[0])
    if lead.dated and not lead.statement_dated:
        day, precision, words = lead.event_date, lead.precision, lead.clause_text[:80]
    elif not lead.dated and lead_sentence_day is not None:
        day, precision, words = lead_sentence_day
    else:
        return  # the story opens on the report's own day
    for incident in incidents:
        if not incident.dated and incident.event_date >= day and not SEPARATE.search(incident.clause_text[:80]):
            got = _story_day(incident, incidents, (day, precision, words))
            incident.event_date, incident.precision = got[0], got[1]
            incident.note("event_date time_precision", "grouping", f"(the day of the story) {got[2]}")


def _story_day(incident, incidents: list, lead: tuple) -> tuple:
    """"Yesterday, police arrested ... Today, protesters vandalised ... In the capital, protesters massed": the
    day the story has reached when the undated detail is told, else the lead's."""
    before = [i for i in incidents if i.dated and not i.statement_dated and i.sources[0] < incident.sources[0]]
    near = max(before, key=lambda i: i.sources[0], default=None)
    if near is not None and near.event_date > lead[0] and near.precision == 1:
        return near.event_date, near.precision, near.clause_text[:80]
    return lead


def lead_sentence_day(state, background_days: int):
    """The day the article's first sentence gives (not a statement's), if recent: (day, precision, words)."""
    if not state.clauses or not state.clauses[0]:
        return None
    for d in state.clauses[0][0].sentence_dates:
        if d.date and not d.statement and d.kind not in ("chain", "possessive") \
                and timedelta(0) <= state.published - d.date <= timedelta(days=background_days):
            return d.date, d.precision, d.text
    return None
