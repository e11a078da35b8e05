"""Argument: actors told after the lead. A claim or blame names the perpetrator, named groups in a
follow-up replace the lead's generic actors, the dead named in a follow-up are the target, and an
agreement "between the two sides" is between the parties of the last battle."""

from __future__ import annotations

import re

from .arg_actors import (ATTRIBUTION_TAIL, REPORTED_SPEECH, associates, coordinated, dedupe_actors,
                         find_clause_actors)
from .classify import context_flags, context_match
from .document import ArticleState, Incident

BETWEEN_PARTIES = re.compile(r"\bbetween\s+the\s+(?:two\s+|rival\s+|warring\s+)?(?:groups|sides|factions|parties|"
                             r"militias|forces|camps)\b|\bboth\s+sides\b", re.I)
NO_CLAIM = re.compile(r"\b(?:no|none|nobody|no one)\b(?:\s+\w+){0,2}\s+(?:has\s+|had\s+|have\s+)?(?:yet\s+)?"
                      r"(?:claimed|taken responsibility)|\b(?:did|has|have)\s+not\s+(?:yet\s+)?claimed\b|\bunclaimed\b", re.I)


def apply_claim(targets: list[Incident], clause: str, state: ArticleState) -> None:
    """A named group claiming or blamed for an incident becomes its perpetrator."""
    if context_match("claim", clause) is None or NO_CLAIM.search(clause) or context_match("future", clause) \
            or {"background", "scope"} & context_flags(clause):
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


def refine_actors(targets: list[Incident], clause: str, state: ArticleState) -> None:
    """Named groups told in a follow-up ("fighters from the 444 Brigade battled the Radaa force")
    replace the generic actors of the lead ("rival armed groups")."""
    head = targets[0]
    if not head.actor1_generic and head.actor1:
        return
    told = ATTRIBUTION_TAIL.sub("", clause)
    reported = REPORTED_SPEECH.match(told)
    start = reported.end() if reported else 0
    named = [a for a in dedupe_actors(find_clause_actors(told, head.iso3))
             if not a.generic and not a.victim and a.inter not in (7, None) and a.start >= start
             and a.name != head.actor2]  # "the police were lured into an ambush": the target, told again
    if not named:
        return
    for incident in targets:
        incident.actor1, incident.inter1, incident.actor1_generic = named[0].name, named[0].inter, False
        if len(named) > 1 and (not incident.actor2 or incident.inter2 == 7 or incident.actor2.startswith("Unidentified")):
            incident.actor2, incident.inter2 = named[1].name, named[1].inter


def fill_target(targets: list[Incident], clause: str, state: ArticleState) -> None:
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
    assoc = associates(target, coordinated(target, reads, told), exclude={head.actor1})
    for incident in targets:
        if not incident.actor2 and incident.actor1 == head.actor1:
            incident.actor2, incident.inter2 = target.name, target.inter
            incident.assoc2 = incident.assoc2 or "; ".join(assoc)




def agreement_parties(incident: Incident, clause: str, state: ArticleState) -> None:
    """"a ceasefire had been agreed between the groups": the parties of the last battle told."""
    if incident.cls.sub_event_type != "Agreement" or incident.actor1 or not BETWEEN_PARTIES.search(clause):
        return
    fought = next((i for i in reversed(state.incidents) if i.cls.event_type == "Battles" and i.actor1), None)
    if fought is not None:
        incident.actor1, incident.inter1 = fought.actor1, fought.inter1
        incident.actor2, incident.inter2 = fought.actor2, fought.inter2
