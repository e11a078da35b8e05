"""Stage: mentions. Each clause -> at most one event mention (type, sub-type, trigger positions).

The lexicon rules live in classify.py and its data files; this stage applies them to a clause read
without its date chains, and holds the few type rules that need the clause's arguments.
"""

from __future__ import annotations

from .classify import Classification, classify, cue_matches
from .document import ArticleState, Clause
from .segment import mask_chains

# Acts that are events of their own even when told right after another incident, at its time and place.
STANDALONE_TYPES = {
    "Disrupted weapons use", "Arrests", "Headquarters or base established", "Agreement",
    "Change to group/activity", "Non-violent transfer of territory",
}


def read_mentions(state: ArticleState) -> ArticleState:
    """Classify every clause of the article, and tell whether the article is about unrest."""
    for clauses in state.clauses:
        for clause in clauses:
            clause.cls = classify(mask_chains(clause))
    lead = state.sentences[0].text if state.sentences else ""
    state.crowd_frame = is_crowd_frame(state.title) or is_crowd_frame(lead)
    return state


def is_crowd_frame(text: str) -> bool:
    """A headline or lead about protests, riots or unrest: its violence is a crowd's unless arms are named."""
    return bool(cue_matches("protest", text) or cue_matches("unrest", text))


def riot_in_frame(cls: Classification, frame: bool) -> Classification:
    """In a story about unrest, clashes and attacks on property with no armed group or firearm named are
    the crowd's violence: a violent demonstration, not a battle or an attack on civilians."""
    if not frame or {"armed_group", "firearms", "lethal"} & cls.cues:
        return cls
    if (cls.event_type, cls.sub_event_type) in (("Battles", "Armed clash"), ("Violence against civilians", "Attack")):
        return Classification("Riots", "Violent demonstration", cls.priority, cls.cues, cls.trigger_start, cls.trigger_last)
    return cls


def is_negated_arrest(clause: Clause) -> bool:
    """"no one has been arrested": an arrest mention that reports none."""
    return bool(cue_matches("negated", clause.text)) and clause.cls is not None \
        and clause.cls.sub_event_type == "Arrests"


def refine_type(cls: Classification, civilian: bool | None, clause: str) -> Classification:
    """Generic violence against combatants is a battle; an armed clash with only civilian victims is not;
    crowds fighting police or each other without guns riot, they do not battle."""
    if cls.event_type == "Battles" and cls.sub_event_type == "Armed clash" and crowd_fight(cls):
        return Classification("Riots", "Violent demonstration", cls.priority, cls.cues, cls.trigger_start, cls.trigger_last)
    if cls.sub_event_type == "Attack" and civilian is False:
        return Classification("Battles", "Armed clash", cls.priority, cls.cues, cls.trigger_start, cls.trigger_last)
    if cls.sub_event_type == "Attack" and civilian is None and "clash" in cls.cues:
        return Classification("Battles", "Armed clash", cls.priority, cls.cues, cls.trigger_start, cls.trigger_last)
    if cls.sub_event_type == "Non-state actor overtakes territory" and "regain" in cls.cues:
        return Classification("Battles", "Government regains territory", cls.priority, cls.cues, cls.trigger_start, cls.trigger_last)
    return cls


def crowd_fight(cls: Classification) -> bool:
    """Protesters, supporters or residents (not armed men) are the ones fighting, and no firearm is named."""
    return bool({"crowd", "protest"} & cls.cues) and not {"armed_group", "firearms"} & cls.cues
