"""Stage: incidents. The article walk: each clause that tells an act either starts a new incident or
continues the one just told.

* it continues the previous incident when it has no date of its own and names no other place (or names
  the same place and tells nothing of a different kind); continuations add evidence, casualties
  ("the attacker also died"), conflicting tolls (lowest wins) and claims;
* otherwise it is a new incident, split into one event per place it names ("struck Kharkiv, Dnipro and
  Odesa") and per day ("on Tuesday and Wednesday").

The walk is sequential because each clause's arguments read what the earlier ones set: the article's
country, the last place, the armed group named last, the incidents a date chain refers to.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import timedelta
from functools import lru_cache

from .arg_countries import location_country
from .arg_actors import assign_actors, find_clause_actors, generic_actor, note_groups, victims_are_civilian
from .arg_claims import agreement_parties, apply_claim, fill_target, refine_actors
from .arg_counts import add_follow_up_deaths, dead_by_place, deaths_by_place, incident_toll, place_fatalities
from .arg_dates import LATER_DEATH, act_day, date_reading, own_dates, statement_dated
from .arg_places import GENERIC_WORDS, REFERENCE_PLACE, clause_places, region_of
from .classify import Classification, context_match, cue_matches
from .continuation import (all_intercepted, become_disrupted, dispersed_crowd, is_continuation, moved_to_town,
                           same_area)
from .document import ArticleState, Clause, Incident
from .filters import SUMMARY_WORDS, drop_reason, dropped, follow_up_reason, generic_violence_only, is_claim, is_retelling
from .mentions import STANDALONE_TYPES, is_negated_arrest, refine_type, riot_in_frame
from .segment import mask_chains


def walk(state: ArticleState) -> ArticleState:
    """Read the clauses in order; after each sentence, remember the armed group it named last."""
    note_groups(state, state.title)
    for sentence, clauses in zip(state.sentences, state.clauses):
        for clause in clauses:
            process_clause(clause, state)
        note_groups(state, sentence.text)
    return state


def process_clause(clause: Clause, state: ArticleState) -> None:
    """A clause the filters keep: a follow-up of the incident just told, or a new act."""
    if dropped(clause):
        if clause.cls is not None:
            state.dropped.append((clause.text, drop_reason(clause)))
        return
    clause.places = clause_places(clause, mask_chains(clause), state)
    own = own_dates(clause)
    previous = _named_incident(clause, state) or state.last_group()
    if previous and _in_another_country(clause, previous):
        previous = []  # "... killed in Mali in recent times", after an attack in Benin: not more about it
    if not _told_as_follow_up(clause, own, previous, state):
        _told_as_new_act(clause, own, previous, state)


def _told_as_follow_up(clause: Clause, own: list, previous: list[Incident], state: ArticleState) -> bool:
    """Apply the rules under which a clause adds to the previous incident (or to nothing); True if one did."""
    cls = clause.cls
    if clause.tolls and previous and (cls is None or cls.priority < 70) \
            and (same_area(clause.places, previous) or all(i.place is None for i in previous)):
        # "The toll rose to 14 on Tuesday", "the provisional toll stood at three shot dead in Lome": an update
        # of the incident just told, whatever day the update was given
        continue_incident(previous, clause, state)
        return True
    if cls is None and previous and _another_death_elsewhere(clause, previous):
        # "Another protester died in Hpakant": the same kind of act, in another place
        start_incident(dataclasses.replace(clause, cls=_kind_of_death(clause, previous[0], state)), state)
        return True
    if cls is None or is_negated_arrest(clause) or clause.quoted or is_claim(clause.text) or _retold(clause, own, previous):
        if cls is not None:
            state.dropped.append((clause.text, follow_up_reason(clause)))
        if previous and (not own or _later_death(clause, previous) or (
                cls is None and not clause.quoted and clause.places and len(previous) == 1
                and _day_of(own, previous[0]) and _may_place(clause, previous[0]))):
            # "The troops came under fire late Wednesday in Dioungani": where and when the incident began
            continue_incident(previous, clause, state)
        elif not previous and clause.places and cls is None and not clause.quoted:
            # "soldiers spotted huts in a forest in Ukhrul": where the story is, before any incident is told
            where = _most_specific_mention(clause.places)
            state.last_place, state.last_place_text = where.place, where.text
        return True
    if cls.sub_event_type == "Attack" and not clause.deaths and not own and generic_violence_only(clause.text):
        # "measures have done little to curb the attacks": violence named only as a plural noun, with no
        # day, victim or count, is commentary
        state.dropped.append((clause.text, "commentary: violence named only in general"))
        if previous:
            continue_incident(previous, dataclasses.replace(clause, places=[], cls=None), state)
        return True
    if previous and is_continuation(cls, clause.text, own, clause.places, previous):
        continue_incident(previous, clause, state)
        return True
    return False


def _later_death(clause: Clause, previous: list[Incident]) -> bool:
    """"Two of the wounded died of their injuries on Wednesday": the toll of the act just told, a day later."""
    return clause.cls is None and bool(clause.deaths) and not clause.quoted and len(previous) == 1 \
        and bool(LATER_DEATH.search(clause.text)) and (not clause.places or same_area(clause.places, previous))


def _in_another_country(clause: Clause, previous: list[Incident]) -> bool:
    here = location_country(clause.text)
    return here is not None and all(i.iso3 and i.iso3 != here for i in previous)


def _retold(clause: Clause, own: list, previous: list[Incident]) -> bool:
    """Footage or a funeral of the act just told; footage of another day ("video from Monday's march showed
    troops firing") tells an act of its own."""
    if is_retelling(clause, "restated"):
        return True
    if not is_retelling(clause):
        return False
    cue = context_match("retelling", clause.text)
    # the day after the cue is the day shown ("videos from Monday's march"); one before it is when it was shown
    shown = [d for d in own if d.start > cue.start()]
    return not shown or not previous or all(d.date == previous[0].event_date for d in shown)


ANOTHER = re.compile(r"^\s*(?:\w+\s+){0,3}?(?:another|a\s+further|one\s+more)\b", re.I)


def _another_death_elsewhere(clause: Clause, previous: list[Incident]) -> bool:
    return bool(clause.deaths) and bool(clause.places) and ANOTHER.match(clause.text) is not None \
        and not same_area(clause.places, previous) and not clause.quoted


def _kind_of_death(clause: Clause, head: Incident, state: ArticleState) -> Classification:
    """The act behind "another protester died in X": protesters killed in a story about protests were met with
    excessive force; otherwise the same kind of act as the one told before."""
    if state.crowd_frame and cue_matches("protest", clause.text):
        return Classification("Protests", "Excessive force against protesters", head.cls.priority,
                              head.cls.cues | {"protest", "lethal"}, 0, 0)
    return head.cls


# how many of the latest incidents a later clause may name by their town: a report's retellings refer back a
# few incidents, and looking further would make a long document cost time quadratic in its length
RECALL_WINDOW = 40


def _named_incident(clause: Clause, state: ArticleState) -> list[Incident]:
    """"The first toll from Coyuca was 11 dead, but ...": a clause with no act of its own (or only a toll) that
    names the town of an earlier incident, not of the last one told, tells more about that incident."""
    if (clause.cls is not None and not clause.tolls) or not state.incidents:
        return []
    last = state.last_group()
    if any(i.place is not None and _names(clause.text, i) for i in last):
        return []
    for incident in reversed(state.incidents[-RECALL_WINDOW:]):
        if incident.place is not None and incident.place.kind in ("town", "feature") and _names(clause.text, incident):
            return [i for i in state.group_of(incident.group) if i.place is incident.place]
    return []


def _names(text: str, incident: Incident) -> bool:
    # (the substring test first: most clauses name none of the recent towns, and it is what the regex needs)
    return any(name in text and re.search(r"\b" + re.escape(name) + r"\b", text)
               for name in _place_names(incident.place.name, incident.place_text))


@lru_cache(maxsize=1024)  # asked for each recent incident at every clause
def _place_names(name: str, place_text: str) -> frozenset[str]:
    """The names an incident's place goes by: the gazetteer's and the text's, without its generic word."""
    return frozenset({name, GENERIC_WORDS.sub("", place_text.strip())} - {""})


def _most_specific_mention(places: list):
    rank = {"town": 0, "feature": 1, "admin1": 2, "country": 3}
    return min(places, key=lambda m: (rank.get(m.place.kind, 4), m.start))


def _told_as_new_act(clause: Clause, own: list, previous: list[Incident], state: ArticleState) -> None:
    """A new act: a disrupted launch, arrests at a dispersed protest, a standalone act, or a new incident."""
    sub = clause.cls.sub_event_type
    if sub == "Disrupted weapons use" and previous and not own and not clause.places \
            and all_intercepted(clause.text, previous):
        # "Militants fired two rockets at Ashkelon ... Both were intercepted": the launch was disrupted
        become_disrupted(previous, clause)
        return
    if sub == "Arrests" and not clause.deaths:
        crowd = dispersed_crowd(clause, state)
        if crowd is not None:
            # detentions made while a protest was broken up belong to the protest event
            continue_incident([crowd], clause, state)
            return
    if previous and not own and not clause.places and clause.cls.event_type == "Protests" \
            and sub != "Peaceful protest" and all(i.cls.sub_event_type == "Arrests" for i in previous):
        # "Lissu was arrested in Mbinga on Wednesday. Police used tear gas to disperse his followers."
        continue_incident(previous, clause, state)
        return
    if previous and not own and not clause.places and sub in STANDALONE_TYPES:
        # "Troops later found and defused a second bomb": a new act at the same time and place
        start_incident(dataclasses.replace(clause, places=[]), state, inherit=previous[0])
        return
    start_incident(clause, state)


def _incident_days(clause: Clause, state: ArticleState, inherit: Incident | None) -> tuple[list, bool, str]:
    """The days, whether the text dated them, and the words that did."""
    if inherit is not None:
        words = inherit.trace.get("event_date", ("", ""))[1]
        return [(inherit.event_date, inherit.precision)], inherit.dated, f"(as the act before) {words}"
    return act_day(clause) or date_reading(clause.dates, clause.sentence_dates, clause.cls.trigger_start, state.incidents,
                        state.published, state.pub_precision)


UNNAMED_PLACE = re.compile(r"\b(?:on|in|at|near|through)\s+(?:an?|two|three|four|five|six|several|some|\d+)\s+(?:[\w-]+\s+)?"
                           r"(?:villages?|towns?|settlements?|hamlets?|camps?|regions?|areas?|communities|localities)\b", re.I)


def _incident_places(clause: Clause, state: ArticleState, inherit: Incident | None) -> tuple[list, list, str | None]:
    """The places (one event each), the words naming them and the country; the last place when none."""
    if inherit is not None:
        return [inherit.place], [inherit.place_text], inherit.iso3
    unnamed = not clause.places and UNNAMED_PLACE.search(clause.text)  # "an attack on a village": not the last place
    if not clause.places and not unnamed and state.last_place is not None and context_match("new_incident", clause.text):
        # "Also on Friday, militants ambushed a police vehicle": another incident, somewhere in the same region
        return [region_of(state.last_place)], [""], state.last_place.iso3
    place_list = [p.place for p in clause.places] or [None if unnamed else state.last_place]
    place_texts = [p.text for p in clause.places] or ["" if unnamed else state.last_place_text]
    return place_list, place_texts, place_list[0].iso3 if place_list[0] else state.country


def start_incident(clause: Clause, state: ArticleState, inherit: Incident | None = None) -> None:
    """One new incident per day and place the clause names; the dead go to the places they were counted in."""
    days, dated, date_words = _incident_days(clause, state, inherit)
    place_list, place_texts, iso3 = _incident_places(clause, state, inherit)
    civilian = victims_are_civilian(clause.deaths, clause.text)
    total, vague = incident_toll(clause.text, clause.deaths or clause.recounts, clause.tolls)
    cls = riot_in_frame(refine_type(clause.cls, civilian, clause.text, total), state.crowd_frame, clause.text)
    per_place = deaths_by_place(clause.text, clause.deaths, clause.places) if len(clause.places) > 1 else {}
    place_cls = _type_per_place(clause, cls) if per_place else {}
    state.group_counter += 1
    for day, precision in days:
        for i, place in enumerate(place_list):
            incident = Incident(cls=place_cls.get(i, cls), event_date=day, precision=precision, dated=dated, place=place,
                                iso3=place.iso3 if place else iso3, fatalities=place_fatalities(i, total, per_place),
                                vague_count=vague, sources=[clause.span], group=state.group_counter,
                                clause_text=clause.text, place_text=place_texts[i] or "",
                                place_own=bool(clause.places) or inherit is not None,
                                statement_dated=inherit is None and statement_dated(days, clause))
            _note_start(incident, clause, date_words, place_texts[i] if clause.places else "")
            _code_actors(incident, clause, civilian, state)
            state.incidents.append(incident)
    if place_list and place_list[0] is not None and (state.published - days[0][0]).days <= 14:
        # (an incident of last month is background: the next "a mine exploded" is not where it was)
        state.last_place, state.last_place_text = place_list[0], place_texts[0] or ""


def _type_per_place(clause: Clause, cls: Classification) -> dict[int, Classification]:
    """"Twelve police officers were shot dead in A, and one more person was killed in B": who died in each place
    decides whether the generic violence there was a clash or an attack on civilians."""
    if cls.sub_event_type not in ("Attack", "Armed clash") or "clash" in cls.cues:
        return {}
    base = Classification("Violence against civilians", "Attack", cls.priority, cls.cues, cls.trigger_start,
                          cls.trigger_last)
    out = {}
    for i, counts in dead_by_place(clause.text, clause.deaths, clause.places).items():
        here = victims_are_civilian(counts, "")
        if i >= 0 and here is not None:
            out[i] = refine_type(base, here, "")
    return out


def _note_start(incident: Incident, clause: Clause, date_words: str, place_words: str) -> None:
    """The trace of a new incident: the trigger, the date, the place and the count that set its fields."""
    trigger = re.match(r"[\w'-]+", clause.text[incident.cls.trigger_start:])
    words = trigger.group(0) if trigger else clause.text
    if incident.cls != clause.cls:
        words += f" (read as {incident.cls.sub_event_type.lower()} from who the victims are)"
    incident.note("event_type sub_event_type", "mentions", words)
    incident.note("event_date time_precision", "arguments.dates", date_words)
    if place_words:
        incident.note("location admin1 iso3", "arguments.places", place_words)
    elif incident.place is not None:
        incident.note("location admin1 iso3", "arguments.places", f"(the place told before) {incident.place_text}")
    elif incident.iso3:
        incident.note("iso3", "arguments.places", "(the article's country)")
    counted = [clause.text[c.start:c.end] for c in clause.deaths + clause.tolls]
    if incident.fatalities and counted:
        incident.note("fatalities", "arguments.counts", "; ".join(counted))


def _code_actors(incident: Incident, clause: Clause, civilian: bool | None, state: ArticleState) -> None:
    """Actors of a new incident, and whether it targets civilians."""
    cls = incident.cls
    assign_actors(incident, clause.text, cls.trigger_start, incident.iso3, civilian, state.recent_group)
    agreement_parties(incident, clause.text, state)
    incident.civilian_targeting = bool(
        incident.inter2 == 7 or (civilian and cls.event_type != "Battles")) and cls.event_type not in (
        "Protests", "Strategic developments")


def continue_incident(previous: list[Incident], clause: Clause, state: ArticleState) -> None:
    """Fold a follow-up clause into the incident it tells more about."""
    targets = previous
    if len(previous) > 1 and clause.places:
        named = [i for i in previous if i.place and any(p.place.name == i.place.name for p in clause.places)]
        targets = named or previous
    for incident in targets:
        incident.sources.append(clause.span)
    head = targets[0]
    cls, places, text = clause.cls, clause.places, clause.text
    counted = "; ".join(text[c.start:c.end] for c in clause.deaths + clause.tolls)
    if clause.deaths and head.cls.sub_event_type == "Attack" and victims_are_civilian(clause.deaths, text) is False:
        # "militants went after a vehicle ... three soldiers died": the dead were combatants, a clash
        head.cls = refine_type(head.cls, False, text)
        head.note("event_type sub_event_type", "mentions", f"(the dead were combatants) {counted}")
        sides = [a for a in find_clause_actors(text, head.iso3) if a.inter == 1 and a.name != head.actor1]
        if head.inter2 == 7 and sides:
            head.actor2, head.inter2 = sides[0].name, sides[0].inter  # the civilians were that type's default
    _arrests_at_protest(head, cls, text)
    if cls is not None and head.cls.event_type == cls.event_type == "Protests" and cls.priority > head.cls.priority:
        # "the crowd gathered ... police opened fire to disperse it, killing a young man": the protest met force
        lethal = clause.deaths and {"lethal", "security_forces"} <= cls.cues
        head.cls = Classification("Protests", "Excessive force against protesters", cls.priority, cls.cues,
                                  cls.trigger_start, cls.trigger_last) if lethal else cls
        head.note("event_type sub_event_type", "mentions", f"(the protest met force) {text}")
        force = [a for a in find_clause_actors(text, head.iso3) if a.inter == 1]
        if force and (not head.actor2 or head.inter2 == 7):
            head.actor2, head.inter2 = force[0].name, force[0].inter
    _traced([head], "arguments.counts", counted, lambda: add_follow_up_deaths(head, text, clause.deaths, clause.tolls))
    if cls is not None and len(targets) == 1 and moved_to_town(head, clause):
        head.place, head.place_text, head.place_own = places[0].place, places[0].text, True
        head.iso3 = places[0].place.iso3
        head.note("location admin1 iso3", "arguments.places", places[0].text)
    if cls is not None and cls.event_type == head.cls.event_type and head.cls.event_type not in ("Protests", "Riots"):
        _traced(targets, "arguments.actors", text, lambda: refine_actors(targets, text, state))
    if clause.deaths or clause.tolls:
        _traced(targets, "arguments.actors", text, lambda: fill_target(targets, text, state))
    _traced(targets, "arguments.claims", text, lambda: apply_claim(targets, text, state))
    if not clause.deaths and head.place is None and places and not clause.quoted \
            and (cls is not None or not SUMMARY_WORDS.search(head.clause_text)) \
            and not REFERENCE_PLACE.search(text[max(0, places[0].start - 40):places[0].start]):
        # (not "reinforcements were sent to a sector 370 km north of the capital Bamako")
        head.place, head.place_own = places[0].place, True
        head.note("location admin1", "arguments.places", places[0].text)
    _dated_by_follow_up(targets, clause)


def _arrests_at_protest(head: Incident, cls: Classification | None, text: str) -> None:
    """"X was arrested at a rally ... Police used tear gas to disperse his followers": arrests made while a
    protest was broken up belong to the protest event."""
    if cls is None or head.cls.sub_event_type != "Arrests" or cls.event_type != "Protests" \
            or cls.sub_event_type == "Peaceful protest":
        return
    head.cls = cls
    head.note("event_type sub_event_type", "mentions", f"(the arrests were made at a protest) {text}")
    head.actor1, head.inter1 = generic_actor("protesters", head.iso3)
    head.actor2, head.inter2 = generic_actor("police", head.iso3)


def _may_place(clause: Clause, head: Incident) -> bool:
    """The clause's places can be where the head happened: it has none yet, or only its region or country."""
    return head.place is None or head.place.kind in ("admin1", "country") or same_area(clause.places, [head])


def _day_of(own: list, head: Incident) -> bool:
    """Every day the clause gives is the incident's day or the one before (an overnight attack begun late on
    the eve)."""
    return all(d.date is not None and timedelta(0) <= head.event_date - d.date <= timedelta(days=1) for d in own)


def _dated_by_follow_up(targets: list[Incident], clause: Clause) -> None:
    """"Friday's attack", "the abductions took place on Saturday": a follow-up that dates the incident told
    with only the day of a statement, or with none."""
    told = [d for d in clause.dates if d.date and not d.statement and (d.kind == "possessive" or d.kind == "weekday")]
    if len(told) != 1 or told[0].date > targets[0].event_date:
        return
    for incident in targets:
        if incident.statement_dated or not incident.dated:
            incident.event_date, incident.precision = told[0].date, told[0].precision
            incident.dated, incident.statement_dated = True, False
            incident.note("event_date time_precision", "arguments.dates", told[0].text)


def _traced(targets: list[Incident], stage: str, words: str, step) -> None:
    """Run one rule on the incidents and record the fields it changed (for --explain)."""
    before = [i.fields() for i in targets]
    step()
    for incident, fields in zip(targets, before):
        incident.note_changes(fields, stage, words)
