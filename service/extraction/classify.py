"""Clause -> ACLED event type / sub-event type, driven by ``service/data/event_lexicon.yaml``.

The lexicon names cues (regex lists: weapons, acts, crowds, police intervention...)
and rules that combine them with priorities. ``classify`` returns the best rule
that fires; ``context_flags`` says whether a clause is background, future, crime
or an accident, which the pipeline uses to drop non-events.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from ..vocab.alternation import alternation
from .prefilter import LiteralScan, lowered, may_match, needed

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


# The cue and context tables: every pattern of both, in lexicon order, with the literal strings one of which its
# matches contain (prefilter.py), and each group's span of them. Only the patterns whose strings the lower-cased
# clause holds run their regex. Which they are is found in one pass over the clause when all the groups are
# asked about (``LiteralScan``), and for one group by a regex of its strings, then the strings of each pattern.
@dataclass(frozen=True)
class _Table:
    patterns: tuple[re.Pattern[str], ...]
    needs: tuple[frozenset[str] | None, ...]
    names: tuple[str, ...]  # each pattern's group
    cues: dict[str, tuple[int, int]]  # group name -> (first pattern, end); the cue groups come first
    context: dict[str, tuple[int, int]]
    cue_end: int  # the first context pattern
    scan: LiteralScan
    any_of: dict[tuple[int, int], re.Pattern[str] | None]  # a group's strings (None: a pattern has none)


@lru_cache(maxsize=1)
def _table() -> _Table:
    patterns: list[re.Pattern[str]] = []
    names: list[str] = []
    spans: dict[str, dict[str, tuple[int, int]]] = {"cues": {}, "context": {}}
    for kind, groups in spans.items():
        for name, pats in load_lexicon()[kind].items():
            start = len(patterns)
            patterns += _compile(pats)
            names += [name] * len(pats)
            groups[name] = (start, len(patterns))
    cue_end = max((end for _start, end in spans["cues"].values()), default=0)
    needs = tuple(needed(p.pattern) for p in patterns)
    any_of = {span: _any_of(needs[span[0]:span[1]]) for groups in spans.values() for span in groups.values()}
    return _Table(tuple(patterns), needs, tuple(names), spans["cues"], spans["context"], cue_end,
                  LiteralScan(needs), any_of)


def _any_of(needs: tuple[frozenset[str] | None, ...]) -> re.Pattern[str] | None:
    """A regex finding any string of `needs` in a lowered text (None when a pattern has none): when it finds
    none, no pattern of the group can match."""
    if not needs or any(n is None for n in needs):
        return None
    words = sorted(set().union(*needs), key=lambda w: (-len(w), w))  # type: ignore[arg-type]
    return re.compile(alternation(words, ignore_case=False, spaces=re.escape(" ")))


def _possible(span: tuple[int, int], text: str) -> list[re.Pattern[str]]:
    """The patterns of one group, in order, less those that cannot match `text`."""
    table = _table()
    start, end = span
    low = lowered(text)
    group = table.any_of[span]
    if low is not None and group is not None and group.search(low) is None:
        return []
    return [p for p, need in zip(table.patterns[start:end], table.needs[start:end]) if may_match(need, low)]


@lru_cache(maxsize=1)
def _sorted_rules() -> tuple[dict, ...]:
    rules = load_lexicon()["rules"]
    return tuple(sorted(rules, key=lambda r: -r["priority"]))


def _rules() -> list[dict]:
    return list(_sorted_rules())


def cue_matches(name: str, text: str) -> list[re.Match[str]]:
    """Every match of one cue in `text`."""
    return [m for p in _possible(_table().cues[name], text) for m in p.finditer(text)]


def _matched_cues(text: str) -> dict[str, tuple[int, int]]:
    """cue name -> (first, last) match position (the names in lexicon order)."""
    table = _table()
    ids = table.scan.candidates(text)
    out: dict[str, tuple[int, int]] = {}
    for i in range(table.cue_end) if ids is None else ids[:bisect.bisect_left(ids, table.cue_end)]:
        starts = [m.start() for m in table.patterns[i].finditer(text)]
        if starts:
            name = table.names[i]
            first, last = out.get(name, (starts[0], starts[0]))
            out[name] = (min(first, *starts), max(last, *starts))
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
    table = _table()
    ids = table.scan.candidates(text)
    flags = set()
    for i in range(table.cue_end, len(table.patterns)) if ids is None else ids[bisect.bisect_left(ids, table.cue_end):]:
        if table.names[i] not in flags and table.patterns[i].search(text):
            flags.add(table.names[i])
    return flags


def context_match(name: str, text: str) -> re.Match[str] | None:
    """The first pattern of context group `name` (in lexicon order) that matches, its first match."""
    for p in _possible(_table().context[name], text):
        m = p.search(text)
        if m:
            return m
    return None


def context_matches(name: str, text: str) -> list[re.Match[str]]:
    """Every match of every pattern of context group `name`."""
    return [m for p in _possible(_table().context[name], text) for m in p.finditer(text)]


def disorder_type(event_type: str) -> str:
    return DISORDER[event_type]
