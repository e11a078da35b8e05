"""Stage: mentions. Each clause -> at most one event mention (type, sub-type, trigger positions).

The lexicon rules live in classify.py and its data files; this stage applies them to a clause read
without its date chains, and holds the few type rules that need the clause's arguments.
"""

from __future__ import annotations

import re

from .classify import Classification, classify, cue_matches
from .document import ArticleState, Clause
from .segment import mask_chains

# Acts that are events of their own even when told right after another incident, at its time and place.
CROWD = {"Protests", "Riots"}  # the event types of crowds
STANDALONE_TYPES = {
    "Disrupted weapons use", "Arrests", "Headquarters or base established", "Agreement",
    "Change to group/activity", "Non-violent transfer of territory",
}


def read_mentions(state: ArticleState) -> ArticleState:
    """Classify every clause of the article, and tell whether the article is about unrest."""
    for clauses in state.clauses:
        for clause in clauses:
            read = without_purpose(classify(mask_chains(clause)), mask_chains(clause))
            clause.cls = without_grievance(read, mask_chains(clause))
            if clause.cls is not read:
                _mask_grievance(clause)
    lead = state.sentences[0].text if state.sentences else ""
    frames = {is_crowd_frame(state.title), is_crowd_frame(lead)}
    state.crowd_frame = "protest" if "protest" in frames else "unrest" if "unrest" in frames else ""
    return state


# What a crowd protests about: violence named after these words is the grievance, not an act of this day
GRIEVANCE = re.compile(
    r"\b(?:(?:demand\w*|call\w*\s+for|seek\w*)\s+justice|in\s+protest\s+(?:at|against|over)|to\s+protest\s+(?:against|over)?|"
    r"protest\w*\s+(?:against|over|at)\s+the|denounc\w+|condemn\w+|in\s+memory\s+of|mourn\w*|over\s+the\s+(?:killing|death|"
    r"murder|shooting|arrest|abduction)s?\s+of)\b", re.I)


# "detained 200 activists in an attempt to thwart protests": the protest is what the act prevented
PURPOSE = re.compile(r"\b(?:to|in\s+an?\s+(?:attempt|bid|effort)\s+to)\s+(?:thwart|prevent|stop|block|head\s+off|"
                     r"pre-?empt|forestall|ban|deter)\b", re.I)


def without_purpose(cls: Classification | None, text: str) -> Classification | None:
    """A crowd mention that only names the protest an act was meant to prevent reads as that act."""
    if cls is None or cls.event_type not in ("Protests", "Riots"):
        return cls
    marker = PURPOSE.search(text)
    if marker is None or cue_matches("protest", text[:marker.start()]):
        return cls
    head = classify(text[:marker.start()])
    return head if head is not None else cls


def without_grievance(cls: Classification | None, text: str) -> Classification | None:
    """"marchers walked to the courthouse demanding justice for a man killed last month": the march is the
    event; the killing is what it is about."""
    if cls is None or cls.event_type in ("Protests", "Riots") or not cue_matches("protest", text):
        return cls
    marker = GRIEVANCE.search(text)
    if marker is None or marker.start() > cls.trigger_start:
        return cls
    head = classify(text[:marker.start()])
    return head if head is not None and head.event_type in ("Protests", "Riots") else cls


def _mask_grievance(clause: Clause) -> None:
    """The grievance's own day, place and dead are not the crowd's: blank them out of the clause."""
    cut = GRIEVANCE.search(clause.text).start()
    clause.text = clause.text[:cut] + " " * (len(clause.text) - cut)
    clause.dates = [d for d in clause.dates if d.end <= cut]


def is_crowd_frame(text: str) -> str:
    """A headline or lead about protests ("protest"), or riots and unrest ("unrest"): its violence is a crowd's
    unless arms are named. "" when it is about neither."""
    return "protest" if cue_matches("protest", text) else "unrest" if cue_matches("unrest", text) else ""


def state_acts(cls: Classification, text: str) -> bool:
    """Security forces are named before the act, as the ones who did it ("police raided ...")."""
    return any(m.start() < cls.trigger_start for m in cue_matches("security_forces", text))


def riot_in_frame(cls: Classification, frame: str, text: str = "") -> Classification:
    """In a story about unrest, clashes and attacks on property with no armed group or firearm named are
    the crowd's violence: a violent demonstration, not a battle or an attack on civilians."""
    if frame and (cls.event_type, cls.sub_event_type) == ("Violence against civilians", "Attack") \
            and "lethal" in cls.cues and ("protest" in cls.cues or frame == "protest") \
            and not {"armed_group", "firearms"} & cls.cues:
        # "the three protesters were killed by gunfire", "three were killed after defying a curfew" in a story
        # about protests: people killed at a protest
        return Classification("Protests", "Excessive force against protesters", cls.priority, cls.cues,
                              cls.trigger_start, cls.trigger_last)
    if not frame or {"armed_group", "firearms"} & cls.cues:
        return cls
    if "lethal" in cls.cues and cls.sub_event_type != "Armed clash":
        return cls  # a killing in the story is not the crowd's unless told as a clash ("twelve died in clashes")
    if cls.sub_event_type == "Looting/property destruction":
        # "at least three shops were torched", in a story about mobs or riots: the crowd's destruction
        sub = "Violent demonstration" if frame == "protest" or cue_matches("protest", text) else "Mob violence"
        return Classification("Riots", sub, cls.priority, cls.cues, cls.trigger_start, cls.trigger_last)
    if state_acts(cls, text) and not {"crowd", "protest", "unrest"} & cls.cues:
        return cls  # "police officers raided the favela": the state's act, not the crowd's
    if (cls.event_type, cls.sub_event_type) in (("Battles", "Armed clash"), ("Violence against civilians", "Attack")):
        return Classification("Riots", "Violent demonstration", cls.priority, cls.cues, cls.trigger_start, cls.trigger_last)
    return cls


def is_negated_arrest(clause: Clause) -> bool:
    """"no one has been arrested": an arrest mention that reports none."""
    return bool(cue_matches("negated", clause.text)) and clause.cls is not None \
        and clause.cls.sub_event_type == "Arrests"


def refine_type(cls: Classification, civilian: bool | None, clause: str, killed: int = 0) -> Classification:
    """Generic violence against combatants is a battle; an armed clash with only civilian victims is not;
    crowds fighting police or each other without guns riot, they do not battle."""
    if cls.event_type == "Battles" and cls.sub_event_type == "Armed clash" and crowd_fight(cls):
        return Classification("Riots", "Violent demonstration", cls.priority, cls.cues, cls.trigger_start, cls.trigger_last)
    if cls.sub_event_type == "Arrests" and ARRESTED_FOR_RIOT.search(clause):
        # "police arrested 950 people for rioting in industrial parks on Tuesday": the riot is what happened
        return Classification("Riots", "Violent demonstration", cls.priority, cls.cues, cls.trigger_start, cls.trigger_last)
    if cls.sub_event_type == "Abduction/forced disappearance" and killed and "violence" in cls.cues:
        # "cut off the heads of three residents and carried off a number of women": the killing is the attack
        return Classification("Violence against civilians", "Attack", cls.priority, cls.cues, cls.trigger_start,
                              cls.trigger_last)
    if cls.sub_event_type == "Attack" and civilian is False:
        return Classification("Battles", "Armed clash", cls.priority, cls.cues, cls.trigger_start, cls.trigger_last)
    if cls.sub_event_type == "Attack" and civilian is None and "clash" in cls.cues:
        return Classification("Battles", "Armed clash", cls.priority, cls.cues, cls.trigger_start, cls.trigger_last)
    if cls.sub_event_type == "Non-state actor overtakes territory" and "regain" in cls.cues:
        return Classification("Battles", "Government regains territory", cls.priority, cls.cues, cls.trigger_start, cls.trigger_last)
    return cls


ARRESTED_FOR_RIOT = re.compile(r"\b(?:arrested|detained|held|rounded\s+up)\b[^.;]{0,60}?\bfor\s+(?:taking\s+part\s+in\s+|"
                               r"their\s+(?:role|part)\s+in\s+|participating\s+in\s+)?(?:the\s+)?(?:[\w-]+\s+){0,2}?"
                               r"(?:riot(?:s|ing)?|arson|looting)\b", re.I)


def crowd_fight(cls: Classification) -> bool:
    """Protesters, supporters or residents (not armed men) are the ones fighting, and no firearm is named."""
    return bool({"crowd", "protest"} & cls.cues) and not {"armed_group", "firearms"} & cls.cues
