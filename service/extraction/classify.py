"""Clause -> ACLED event type / sub-event type, driven by ``service/data/event_lexicon.yaml``.

The lexicon names cues (regex lists: weapons, acts, crowds, police intervention...)
and rules that combine them with priorities. ``classify`` returns the best rule
that fires; ``context_flags`` says whether a clause is background, future, crime
or an accident, which the pipeline uses to drop non-events.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

__all__ = [
    "Classification",
    "load_lexicon",
    "classify",
    "cue_matches",
    "context_flags",
    "disorder_type",
    "EVENT_TYPES",
]

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

EVENT_TYPES = {
    "Battles": ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"],
    "Explosions/Remote violence": [
        "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED", "Grenade",
    ],
    "Violence against civilians": ["Sexual violence", "Attack", "Abduction/forced disappearance"],
    "Protests": ["Peaceful protest", "Protest with intervention", "Excessive force against protesters"],
    "Riots": ["Violent demonstration", "Mob violence"],
    "Strategic developments": [
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other",
    ],
}
DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}


@dataclass(frozen=True)
class Classification:
    event_type: str
    sub_event_type: str
    priority: int
    cues: frozenset[str]  # every cue that matched the clause
    trigger_start: int  # first match of the rule's main cue (where the incident is told)
    trigger_last: int = 0  # last match of the rule's main cue


@lru_cache(maxsize=1)
def load_lexicon() -> dict:
    """The parsed lexicon YAML (cached)."""
    text = (DATA_DIR / "event_lexicon.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _compile(patterns: list[str]) -> list[re.Pattern[str]]:
    return [re.compile(p, re.I) for p in patterns]


@lru_cache(maxsize=1)
def _cues() -> dict[str, list[re.Pattern[str]]]:
    return {name: _compile(pats) for name, pats in load_lexicon()["cues"].items()}


@lru_cache(maxsize=1)
def _context() -> dict[str, list[re.Pattern[str]]]:
    return {name: _compile(pats) for name, pats in load_lexicon()["context"].items()}


def _rules() -> list[dict]:
    rules = load_lexicon()["rules"]
    return sorted(rules, key=lambda r: -r["priority"])


def cue_matches(name: str, text: str) -> list[re.Match[str]]:
    """Every match of one cue in `text`."""
    return [m for p in _cues()[name] for m in p.finditer(text)]


def _matched_cues(text: str) -> dict[str, tuple[int, int]]:
    """cue name -> (first, last) match position."""
    out = {}
    for name, pats in _cues().items():
        starts = [m.start() for p in pats for m in p.finditer(text)]
        if starts:
            out[name] = (min(starts), max(starts))
    return out


def classify(text: str) -> Classification | None:
    """The highest-priority lexicon rule that fires on `text`, or None."""
    matched = _matched_cues(text)
    for rule in _rules():
        if all(c in matched for c in rule["all"]) and not any(c in matched for c in rule.get("none", [])):
            return Classification(
                rule["event_type"], rule["sub_event_type"], rule["priority"],
                frozenset(matched), *matched[rule["all"][0]],
            )
    return None


def context_flags(text: str) -> set[str]:
    """Names of the lexicon's context groups that match `text` (background, future, crime...)."""
    flags = set()
    for name, pats in _context().items():
        if any(p.search(text) for p in pats):
            flags.add(name)
    return flags


def context_match(name: str, text: str) -> re.Match[str] | None:
    for p in _context()[name]:
        m = p.search(text)
        if m:
            return m
    return None


def disorder_type(event_type: str) -> str:
    return DISORDER[event_type]
