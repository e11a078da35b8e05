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

from .prefilter import LiteralScan, needed, possible

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


# A group's patterns, each with the literal strings one of which its matches contain (prefilter.py), and all
# those strings together (None when a pattern has none). The cue and context tables skip a group none of whose
# strings the lower-cased clause holds, and a pattern none of whose strings it holds: only possible matches
# run the regex. Which strings a clause holds is found once for both tables (``_scan``).
_Group = tuple[frozenset[str] | None, list[tuple[re.Pattern[str], frozenset[str] | None]]]


def _group(patterns: list[str]) -> _Group:
    pats = [(p, needed(p.pattern)) for p in _compile(patterns)]
    needs = [need for _p, need in pats]
    if not needs or any(n is None for n in needs):
        return None, pats
    return frozenset().union(*needs), pats


@lru_cache(maxsize=1)
def _cue_groups() -> dict[str, _Group]:
    return {name: _group(pats) for name, pats in load_lexicon()["cues"].items()}


@lru_cache(maxsize=1)
def _context_groups() -> dict[str, _Group]:
    return {name: _group(pats) for name, pats in load_lexicon()["context"].items()}


@lru_cache(maxsize=1)
def _scan() -> LiteralScan:
    groups = list(_cue_groups().values()) + list(_context_groups().values())
    return LiteralScan(need for _union, pats in groups for _p, need in pats)


def _possible(group: _Group, text: str) -> list[re.Pattern[str]]:
    """The patterns of `group`, in order, less those that cannot match `text`."""
    present = _scan().present(text)
    union, pats = group
    if present is not None and union is not None and union.isdisjoint(present):
        return []
    return [p for p, need in pats if possible(need, present)]


@lru_cache(maxsize=1)
def _sorted_rules() -> tuple[dict, ...]:
    rules = load_lexicon()["rules"]
    return tuple(sorted(rules, key=lambda r: -r["priority"]))


def _rules() -> list[dict]:
    return list(_sorted_rules())


def cue_matches(name: str, text: str) -> list[re.Match[str]]:
    """Every match of one cue in `text`."""
    return [m for p in _possible(_cue_groups()[name], text) for m in p.finditer(text)]


def _matched_cues(text: str) -> dict[str, tuple[int, int]]:
    """cue name -> (first, last) match position."""
    out = {}
    for name, group in _cue_groups().items():
        starts = [m.start() for p in _possible(group, text) for m in p.finditer(text)]
        if starts:
            out[name] = (min(starts), max(starts))
    return out


def classify(text: str) -> Classification | None:
    """The highest-priority lexicon rule that fires on `text`, or None."""
    matched = _matched_cues(text)
    for rule in _sorted_rules():
        if all(c in matched for c in rule["all"]) and not any(c in matched for c in rule.get("none", [])):
            return Classification(
                rule["event_type"], rule["sub_event_type"], rule["priority"],
                frozenset(matched), *matched[rule["all"][0]],
            )
    return None


def context_flags(text: str) -> set[str]:
    """Names of the lexicon's context groups that match `text` (background, future, crime...)."""
    flags = set()
    for name, group in _context_groups().items():
        if any(p.search(text) for p in _possible(group, text)):
            flags.add(name)
    return flags


def context_match(name: str, text: str) -> re.Match[str] | None:
    """The first pattern of context group `name` (in lexicon order) that matches, its first match."""
    for p in _possible(_context_groups()[name], text):
        m = p.search(text)
        if m:
            return m
    return None


def context_matches(name: str, text: str) -> list[re.Match[str]]:
    """Every match of every pattern of context group `name`."""
    return [m for p in _possible(_context_groups()[name], text) for m in p.finditer(text)]


def disorder_type(event_type: str) -> str:
    return DISORDER[event_type]
