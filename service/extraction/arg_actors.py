"""Argument: actors. Who acts (actor1) and who is targeted (actor2) in a clause, with the actors named on
each side (associated actors).

The actor dictionary (actors.py) finds the names; the rules here read the clause: the speaker of
"..., police said" is not a party, a passive agent ("killed by X") acts, actors coordinated with the
main one ("X along with Y") are on its side, a definite description ("the group") refers back to the
armed group named last, and crowds, civilians and the police get the generic actors ACLED codes.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..vocab import countries
from .classify import cue_matches, load_lexicon
from .document import ActorRead, ArticleState, Incident
from .numbers import Count
from .actor_patterns import (ATTRIBUTION_TAIL, ENCOUNTER, HIT_AFTER, HIT_BEFORE, MOB_ATTACKS_CROWD, OPERATION,
                             PASSIVE_AGENT, RECIPROCAL, REPORTED_SPEECH, SIDE_BY, SPEAKER, UNIDENTIFIED_ATTACKERS)

from ..vocab import actors as actor_dictionary

# "that" opens what was said, unless it points at a place ("the army's spokesman in that province")
def generic_actor(kind: str, iso3: str | None) -> tuple[str, int | None]:
    if iso3:
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
    if recent is None:
        return found
    for m in GROUP_ANAPHOR.finditer(text):
        # "killed in an attack by the militants": the agent, wherever the clause names it; otherwise the subject:
        # no actor named before it in the clause, followed (closely) by an attack verb
        if not re.search(r"\bby\s+$", text[max(0, m.start() - 4):m.start()]):
            if any(a.start < m.start() and not (m.start() <= a.start < m.end()) for a in found):
                return found
            verb = ANAPHOR_VERB.match(text, m.end())
            if verb is None or not _is_attack_verb(verb.group(1)):
                return found
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
    out = []
    for m in actor_dictionary.find_actors(text, iso3):
        a = m.actor
        generic = a.name.startswith(("Unidentified", "Civilians", "Protesters", "Rioters"))
        out.append(ActorRead(a.name, a.inter, m.start, bool(m.victim), generic, m.end))
    return _resolve_group_anaphor(text, out, recent)


def note_groups(state: ArticleState, text: str) -> None:
    """Remember the armed group named last: "the group" in a later sentence refers to it."""
    if not actor_dictionary.names_specific_actor(text, state.country) and not (
            state.recent_group is not None and GROUP_ANAPHOR.search(text)):
        return  # generic actors and state forces at most: no armed group (is_armed_group) to remember
    groups = [a for a in find_clause_actors(text, state.country, state.recent_group) if is_armed_group(a)]
    if groups:
        state.recent_group = max(groups, key=lambda a: a.start)


def assign_actors(incident: Incident, text: str, trigger: int, iso3: str | None, victims_civilian: bool | None,
                  recent: ActorRead | None = None) -> None:
    """actor1 (who acts) / actor2 (the target) for one clause."""
    # "..., police said": whoever reports the incident is not a party to it
    told = len(ATTRIBUTION_TAIL.sub("", text))
    actor_list = dedupe_actors(_speaker_last(text, find_clause_actors(text, iso3, recent), trigger))
    _assign_roles(incident, text, trigger, iso3, victims_civilian, actor_list, told)
    note_actor_words(incident, text, actor_list)


def _assign_roles(incident: Incident, text: str, trigger: int, iso3: str | None, victims_civilian: bool | None,
                  actor_list: list[ActorRead], told: int) -> None:
    agents = _agents_first(text, trigger, actor_list)
    victims = [a for a in actor_list if a.victim]
    if incident.cls.event_type in ("Protests", "Riots"):
        _assign_crowd(incident, text, iso3, agents, victims, victims_civilian)
        return
    # "set off explosives in a crowd", "fired into the crowd": outside a protest, a crowd is who was hit
    agents = [a for a in agents if not CROWD_WORD.fullmatch(text[a.start:a.end])]
    first, second = _actor_and_target(text, told, actor_list, agents, victims)
    if first is not None:
        incident.actor1, incident.inter1 = first.name, first.inter
        incident.actor1_generic = first.generic
    if second is not None and second.name != incident.actor1 and first is not None and first.inter in (1, 8) \
            and second.inter in (2, 3, 4) and _state_forces_were_hit(text, first):
        # "Five military police have been killed in an attack ... where separatists are fighting": the forces hit
        # are the target of the armed group named with them
        incident.actor1, incident.inter1, incident.actor1_generic = second.name, second.inter, second.generic
        incident.actor2, incident.inter2 = first.name, first.inter
    elif second is not None and second.name != incident.actor1:
        incident.actor2, incident.inter2 = second.name, second.inter
    elif first is not None and (second is None or second.name == first.name) and first.inter in (1, 8) \
            and _state_forces_were_hit(text, first):
        # "Four policemen were killed in an attack": the forces named alone are the target of someone unnamed
        incident.actor2, incident.inter2 = first.name, first.inter
        incident.actor1, incident.inter1 = generic_actor("unidentified", iso3)
        incident.actor1_generic = True
    elif first is not None and second is None and first.inter in (2, 3, 4) \
            and incident.cls.sub_event_type == "Armed clash" and (ENCOUNTER.search(text) or OPERATION.search(text)):
        # "ten Maoists were killed in an encounter" (South Asian usage: a gunfight with the police), "nine
        # militants were killed in an operation": the group named alone fought the state's forces
        incident.actor2, incident.inter2 = first.name, first.inter
        incident.actor1, incident.inter1 = generic_actor("police" if ENCOUNTER.search(text) else "state", iso3)
        incident.actor1_generic = True
    _civilian_or_victim_target(incident, iso3, victims, victims_civilian)
    _assign_associates(incident, text, told, actor_list)
    _default_perpetrator(incident, text, iso3)


def note_actor_words(incident: Incident, text: str, reads: list[ActorRead]) -> None:
    """The trace of the actors: the words naming each, or the rule that gave a generic actor."""
    for fields, name in (("actor1 inter1", incident.actor1), ("actor2 inter2", incident.actor2),
                         ("assoc_actor_1", incident.assoc1), ("assoc_actor_2", incident.assoc2)):
        if not name:
            continue
        words = [text[a.start:a.end] for a in reads if a.name in name.split("; ") and a.end > a.start]
        incident.note(fields, "arguments.actors", "; ".join(words) or f"(generic actor for this event type: {name})")


def _speaker_last(text: str, found: list[ActorRead], trigger: int) -> list[ActorRead]:
    """Who speaks is not who acts, unless the speaker's own forces act."""
    speaker = SPEAKER.match(text)
    if speaker:
        # "Russia's defence ministry said its troops had captured ..." -> the speaker's forces act
        speaker_actors = [a for a in found if a.start < speaker.end("speaker")]
        if speaker_actors:
            found = [a for a in found if a.start >= speaker.end("speaker")] + speaker_actors[:1]
            found.sort(key=lambda a: (a is not speaker_actors[0], a.start))
        return found
    reported = REPORTED_SPEECH.match(text)
    if reported and reported.end() <= trigger:
        # "the Taliban spokesman said on Wednesday that Pakistani aircraft had bombed ...": the actors of the
        # reported clause come first
        inside = [a for a in found if a.start >= reported.end()]
        if inside and not re.match(r"(?:it|they|we)\b", text[reported.end():], re.I):
            # "Police said the rangers were travelling when the bomb exploded": who reports is no party
            found = inside
        elif inside:
            found = inside + [a for a in found if a.start < reported.end()]
    return found


def _agents_first(text: str, trigger: int, actor_list: list[ActorRead]) -> list[ActorRead]:
    """The actors who are not victims, a passive agent first ("killed by X", "were killed when X landmines
    exploded") when someone else is named before the trigger."""
    agents = [a for a in actor_list if not a.victim]
    victims = [a for a in actor_list if a.victim]
    passive = [a for a in agents if PASSIVE_AGENT.search(text[max(0, a.start - 40):a.start])
               and not SIDE_BY.search(text[max(0, a.start - 30):a.start])]
    if passive and any(a.start < trigger for a in victims + agents if a not in passive):
        agents = passive + [a for a in agents if a not in passive]
    return agents


A_PERSON = re.compile(r"\b(?:an?|one)\s+(?:[\w-]+\s+){0,2}$", re.I)


def _actor_and_target(text: str, told: int, actor_list: list[ActorRead], agents: list[ActorRead],
                      victims: list[ActorRead]) -> tuple[ActorRead | None, ActorRead | None]:
    """The first agent told before any attribution acts; the next agent not on its side is the target."""
    main = [a for a in agents if a.start < told]
    first = main[0] if main else None
    # "..., according to Ko Zaw, an anti-coup fighter" names a person as the source, not the target; a party
    # named in the attribution ("..., the US military and the Houthi movement said") may be the target
    told_by = [a for a in agents if a.start < told or not A_PERSON.search(text[max(0, a.start - 30):a.start])]
    second = next((a for a in told_by if a is not first), None)
    if first is not None and second is not None and not _between_before(text, first) \
            and not RECIPROCAL.match(text, second.end):
        # "ELN rebels along with FARC dissidents attacked a police station": the group named beside the first
        # is on its side; the target is whoever else the clause names
        side = {id(a) for a in coordinated(first, [a for a in actor_list if a.start < told], text)}
        if id(second) in side:
            other = next((a for a in told_by if a is not first and id(a) not in side), None)
            if other is not None or any(id(v) not in side for v in victims):
                second = other
    return first, second


CROWD_WORD = re.compile(r"crowds?", re.I)


def _assign_crowd(incident: Incident, text: str, iso3: str | None, agents: list[ActorRead],
                  victims: list[ActorRead], victims_civilian: bool | None) -> None:
    """Protesters or rioters act; the security forces facing them (or the mob's victims) are the target."""
    sub = incident.cls.sub_event_type
    name, inter = generic_actor("protesters" if incident.cls.event_type == "Protests" else "rioters", iso3)
    incident.actor1, incident.inter1 = name, inter
    state = next((a for a in agents if a.inter == 1), None)
    if state is None and cue_matches("security_forces", text) and (
            sub != "Peaceful protest" or cue_matches("intervention", text)):
        state = ActorRead(*generic_actor("police", iso3), 0, False)
    if sub == "Mob violence":
        if MOB_ATTACKS_CROWD.search(text):
            incident.actor2, incident.inter2 = generic_actor("protesters", iso3)
        elif victims or victims_civilian:
            incident.actor2, incident.inter2 = generic_actor("civilians", iso3)
        elif re.search(r"\brival\b", text, re.I):
            incident.actor2, incident.inter2 = name, inter
    elif state is not None and sub != "Peaceful protest":
        incident.actor2, incident.inter2 = state.name, state.inter
    incident.actor1_generic = True


def _civilian_or_victim_target(incident: Incident, iso3: str | None, victims: list[ActorRead],
                               victims_civilian: bool | None) -> None:
    """Violence against civilians targets civilians; otherwise a named victim is the target."""
    etype = incident.cls.event_type
    if etype == "Violence against civilians" or (victims_civilian and etype == "Explosions/Remote violence"):
        if not incident.actor2 or incident.inter2 != 7:
            if victims_civilian or etype == "Violence against civilians":
                incident.actor2, incident.inter2 = generic_actor("civilians", iso3)
    elif not incident.actor2 and victims:
        incident.actor2, incident.inter2 = victims[0].name, victims[0].inter


# the forces are the subject of the passive ("policemen on patrol were killed"), not the ones reporting it
# ("police said two suspects were killed")
def _state_forces_were_hit(text: str, forces: ActorRead) -> bool:
    """The state forces are the ones killed or attacked: "soldiers were killed", "killing four policemen"."""
    return bool(HIT_AFTER.search(text[forces.end:forces.end + 80])
                or HIT_BEFORE.search(text[max(0, forces.start - 50):forces.start]))


def _default_perpetrator(incident: Incident, text: str, iso3: str | None) -> None:
    """No named actor: arrests are the police's; "gunmen", "unknown attackers" are an unidentified group."""
    etype = incident.cls.event_type
    if not incident.actor1 and incident.cls.sub_event_type == "Arrests":
        # "authorities arrested ...": ACLED codes the arresting state as its police
        incident.actor1, incident.inter1 = generic_actor("police", iso3)
    if not incident.actor1 and etype in ("Violence against civilians", "Battles", "Explosions/Remote violence") \
            and UNIDENTIFIED_ATTACKERS.search(text):
        incident.actor1, incident.inter1 = generic_actor("unidentified", iso3)


_NUMBER_WORDS = (r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
                 r"dozens|scores|hundreds|thousands|several|some|many|few|a\s+few|\d[\d,]*")
# What may stand between two actors of the same side: "X and members of the Y", "X, as well as three Y",
# "X backed by Y".
COORDINATION = re.compile(
    r"^\s*,?\s*(?:and|as\s+well\s+as|along\s+with|alongside|backed\s+by|supported\s+by|together\s+with|"
    r"with\s+the\s+support\s+of|joined\s+by|,)"
    r"(?:\s+(?:the|a|an|its|their|other|" + _NUMBER_WORDS + r"|members?|fighters?|elements?|units?|of|from|"
    r"affiliated|allied|loyal|local|several))*\s*$", re.I)


def coordinated(main: ActorRead, reads: list[ActorRead], text: str) -> list[ActorRead]:
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


def associates(main: ActorRead, chain: list[ActorRead], exclude: set[str] = frozenset()) -> list[str]:
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
            assoc = associates(main, coordinated(main, reads, text), {incident.actor2})
            incident.assoc1 = "; ".join(assoc)
    if incident.actor2:
        main = next((a for a in reads if a.name == incident.actor2), None)
        if main is not None:
            assoc = associates(main, coordinated(main, reads, text), {incident.actor1})
            incident.assoc2 = "; ".join(assoc)


def dedupe_actors(found: list[ActorRead]) -> list[ActorRead]:
    seen, out = set(), []
    for a in found:
        if a.name not in seen:
            seen.add(a.name)
            out.append(a)
    return out


VICTIMS_AFTER = re.compile(r"\b(?:killed|killing|abducted|kidnapped|seized|shot dead|raped|attacked|targeted|stormed)\s+"
                           r"(?:[\w'-]+\s+){0,8}", re.I)


@lru_cache(maxsize=1)
def _victim_words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The combatant and the civilian words: each list one regex, found where any one of its words is."""
    lex = load_lexicon()["victims"]
    return tuple(re.compile("|".join(r"(?:\b" + w + r"\b)" for w in lex[kind]) or "(?!)")  # type: ignore[return-value]
                 for kind in ("combatant", "civilian"))


def victims_are_civilian(deaths: list[Count], text: str) -> bool | None:
    """True when the people harmed are civilians, False when combatants, None when unknown."""
    nouns = " ".join(c.noun for c in deaths).lower()
    if not nouns.strip():
        m = VICTIMS_AFTER.search(text)
        nouns = m.group(0).lower() if m else ""
    combatant, civilian = _victim_words()
    if combatant.search(nouns):
        return False
    if civilian.search(nouns):
        return True
    return None
