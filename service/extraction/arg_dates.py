"""Argument: dates. The day(s) of an incident: its own date, a chain ("the day after the attack")
resolved against an earlier incident or the statement's day, several days (one event per day), or
the publication week when the text gives none."""

from __future__ import annotations

import re
from datetime import date, timedelta

from .dates import DateMention
from .document import Clause, Incident


def own_dates(clause: Clause) -> list[DateMention]:
    """The dates that can be the clause's own incident's: not a possessive ("Monday's attack") nor a
    statement's day."""
    return [d for d in clause.dates if d.kind not in ("possessive",) and not d.statement
            and not SINCE.search(clause.text[max(0, d.start - 12):d.start])]


# "an armed group that has operated in the region since the 1990s": where a span of time starts, never the day
# of the incident told
SINCE = re.compile(r"\bsince\s+(?:the\s+)?$", re.I)


def incident_dates(clause_dates: list[DateMention], sentence_dates: list[DateMention], cls_start: int,
                   history: list[Incident], published: date, pub_precision: int) -> tuple[list[tuple[date, int]], bool]:
    """The day(s) of an incident and whether the text dated it; undated -> publication, week precision."""
    days, dated, _words = date_reading(clause_dates, sentence_dates, cls_start, history, published, pub_precision)
    return days, dated


def date_reading(clause_dates: list[DateMention], sentence_dates: list[DateMention], cls_start: int,
                 history: list[Incident], published: date, pub_precision: int) -> tuple[list[tuple[date, int]], bool, str]:
    """incident_dates, with the words that gave the day (for --explain)."""
    statement = next((d for d in sentence_dates if d.statement and d.date), None)
    own = [d for d in clause_dates if d.kind not in ("chain", "possessive") and d.date and not d.statement]
    chains = [d for d in clause_dates if d.kind == "chain"] or [d for d in sentence_dates if d.kind == "chain"]
    for chain in chains:
        if own and chain.anchor == "event" and chain.offset_days == 0:
            continue  # "shortly after the march set off this morning": the day the clause gives
        resolved = _resolve_chain(chain, cls_start, own or [d for d in sentence_dates if d.date and not d.statement],
                                  statement, history)
        if resolved is not None:
            return [resolved], True, chain.text
    if own:
        # "overnight on Monday", "Monday night": the weekday names the night
        own = [d for d in own if d.kind != "night"] or own
        nights = [d for d in own if d.kind == "night"]
        if nights and len(own) == 1:
            anchor = statement.date if statement else nights[0].date
            return [(anchor, nights[0].precision)], True, nights[0].text
        multi = _multi_day(own, clause_dates)
        if multi:
            return multi, True, ", ".join(d.text for d in own)
        return [(own[0].date, own[0].precision)], True, own[0].text
    other = [d for d in sentence_dates if d.kind not in ("chain", "possessive") and d.date and not d.statement]
    if other:
        return [(other[0].date, other[0].precision)], True, other[0].text
    if statement:
        return [(statement.date, statement.precision)], True, statement.text
    return [(published, max(2, pub_precision))], False, "(undated: the publication week)"


# "died of wounds received when troops shelled the village on Monday", "wounded in Monday's raid, died on
# Thursday": a death told on a later day belongs to the act, whose day is the earliest one the clause gives
LATER_DEATH = re.compile(r"\b(?:died|succumbed|passed\s+away)\b[^.;]{0,60}?\b(?:wounds?|injur(?:y|ies))\b"
                         r"|\b(?:wounded|injured|hurt)\b[^.;]{0,80}?\b(?:died|succumbed)\b", re.I)


def act_day(clause: Clause) -> tuple[list[tuple[date, int]], bool, str] | None:
    """The day of the act behind a later death, when the clause names the act's day as well."""
    m = LATER_DEATH.search(clause.text)
    if m is None:
        return None
    days = [d for d in clause.dates if d.date and d.kind != "chain" and not d.statement]
    if not days or not any(d.end > m.start() for d in days):
        return None
    first = min(days, key=lambda d: d.date)
    return [(first.date, first.precision)], True, first.text


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


def statement_dated(days: list[tuple[date, int]], clause: Clause) -> bool:
    """The incident's only day is the day someone spoke ("the ministry said on Saturday that ...")."""
    statement = next((d for d in clause.sentence_dates if d.statement and d.date), None)
    if statement is None or len(days) != 1 or days[0][0] != statement.date:
        return False
    return not any(d.date == statement.date and not d.statement for d in clause.dates + clause.sentence_dates)
