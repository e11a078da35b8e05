"""Civilian nouns that protest or riot: "farmers set fire to tyres" -> Rioters."""

from __future__ import annotations

from .lexicon import _Lexicon
from .model import _PARTICIPANT_SOURCES
from .tokens import _CI, _Tok


def _participant_role(text: str, toks: list[_Tok], first: int, start: int, end: int, parts, lex: _Lexicon) -> str | None:
    """'protest' / 'riot' when the noun phrase at text[start:end] is the subject of a protest or riot verb;
    'armed' when it is armed ("youths armed with machetes")."""
    last = first
    while last + 1 < len(toks) and toks[last + 1].start < end:
        last += 1
    noun = " ".join(t.ci for t in toks[first:last + 1] if t.ci not in lex.prefixes and t.ci not in lex.modifiers)
    words = noun.split()
    if not words or noun in lex.not_participants or words[-1] in lex.not_participants:
        return None
    if last + 2 < len(toks) and toks[last + 1].ci in ("armed", "wielding") and toks[last + 2].ci in ("with", "machetes",
                                                                                                  "knives", "guns"):
        return "armed"  # "men armed with machetes": an armed group, not a crowd
    if first > 0 and toks[first - 1].ci in lex.participles:
        return lex.participles[toks[first - 1].ci]
    # "police moved to disperse dozens of residents"
    k = first - 1
    while k >= 0 and k >= first - 6:
        if toks[k].ci in lex.participant_objects:
            return lex.participant_objects[toks[k].ci]
        if not (toks[k].ci in ("of", "a", "an", "the", "about", "some", "around", "nearly", "over", "more", "than",
                               "crowd", "group", "hundreds", "dozens", "thousands", "scores", "several")
                or toks[k].ci.isdigit() or toks[k].ci in lex.modifiers):
            break
        k -= 1
    other_starts = sorted(p[0] for p in parts if p[0] >= end and p[4] not in _PARTICIPANT_SOURCES)
    limit = other_starts[0] if other_starts else len(text)
    role = None
    k = last + 1
    while k < len(toks) and k <= last + 20 and toks[k].start < limit:
        between = text[toks[k - 1].end:toks[k].start]
        if any(ch in between for ch in ".;:!?"):
            break
        if toks[k].ci in lex.participant_stops:
            break
        passive = toks[k - 1].ci in ("was", "were", "been", "being", "is", "are", "be", "get", "got")
        for _, entries in lex.participant_verbs.walk_field(text, toks, k, _CI):
            if not passive:
                for e in entries:
                    if e.value == "riot":
                        return "riot"
                    role = role or e.value
        k += 1
    return role
