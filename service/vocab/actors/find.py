"""`find_actors`: every actor of a sentence, one rule at a time, then overlaps and sentence-level passes."""

from __future__ import annotations

from collections import OrderedDict
from typing import Iterable

from .generic import _choose_named, _generic_for, _iso, generic
from .lexicon import _country_label, _Entry, _lexicon, _Lexicon
from .model import _PARTICIPANT_SOURCES, _PSEUDO_QUALIFIERS, _RESOLVABLE_INTER, _UNKNOWN_PREFIXES, Actor, ActorMention
from .participants import _participant_role
from .qualified import qualified
from .sentence import _Cand, _Sentence
from .tokens import _CI

_Part = tuple[int, int, Actor, bool, str]  # start, end, actor, victim, source kind


def _government_forces(st: _Sentence, i: int) -> list[_Cand]:
    """"government shelling", "regime airstrikes": the event country's forces."""
    toks = st.toks
    if not (toks[i].ci in _PSEUDO_QUALIFIERS and i + 1 < st.n and not st.negated(i) and st.tight(i, i + 1)):
        return []
    noun = st.farthest_noun(i + 1, kinds=("qnoun",))
    if noun is None or noun[1].value != "state":
        return []
    s, end = toks[i].start, toks[noun[0] - 1].end
    return [_Cand(s, end, 2, [(s, end, _generic_for("state", st.iso3, st.lex), False, "qualified")])]


def _named(st: _Sentence, i: int, j: int, actor: Actor | None) -> list[_Cand]:
    """Rule 1: a named alias ("ISWAP", "Ansar Allah"), absorbing trailing words such as "fighters"."""
    if actor is None or st.linked(j - 1) or st.negated(i):
        return []
    toks, lex = st.toks, st.lex
    k, last = j, j
    for _ in range(4):
        if k < st.n and st.tight(k - 1, k) and (toks[k].ci in lex.absorb or toks[k].ci in lex.modifiers):
            if toks[k].ci in lex.absorb:
                last = k + 1
            k += 1
        else:
            break
    s, end = toks[i].start, toks[last - 1].end
    return [_Cand(s, end, 3, [(s, end, actor, actor.inter == 7, "named")])]


def _qualifier(st: _Sentence, i: int, j: int, entries: list[_Entry]) -> list[_Cand]:
    """Rule 2: qualifier (+ coordination) + noun."""
    quals = [x for x in entries if x.kind == "qualifier"]
    if not quals:
        return []
    q = quals[0]
    q_iso = st.qualifier_iso(q, st.text[st.toks[i].start:st.toks[j - 1].end])
    return qualified(st, i, j, q, q_iso)


def _generic_noun(st: _Sentence, i: int, j: int, g: _Entry) -> list[_Cand] | None:
    """Rule 3: a generic noun filled with the event country ("gunmen", "villagers").  None: the noun is part of
    something else and no later rule may use this phrase either."""
    toks, lex = st.toks, st.lex
    if st.inside_name(i, j):
        return None  # part of a proper name we do not know ("Kosovo Liberation Army")
    if (g.value in ("civilians", "protesters") and j < st.n and st.tight(j - 1, j)
            and toks[j].ci in lex.generic_blockers):
        return None  # "refugee camp", "farmers' union"
    start_tok = i
    while start_tok > 0 and toks[start_tok - 1].ci in lex.prefixes and st.tight(start_tok - 1, start_tok):
        start_tok -= 1
    s2, e_ = toks[start_tok].start, toks[j - 1].end
    act = _generic_for(g.value, st.iso3, lex)
    return [_Cand(s2, e_, 1, [(s2, e_, act, g.value == "civilians", g.value)])]


def _people(st: _Sentence, i: int, j: int, entries: list[_Entry]) -> list[_Cand]:
    """Rule 3b: "three Palestinians" are civilians of that country; "Israelis struck" its forces."""
    peoples = [x for x in entries if x.kind == "people"]
    if not peoples:
        return []
    who = peoples[0].value
    s, e_ = st.toks[i].start, st.toks[j - 1].end
    if j < st.n and st.sep(j - 1, j) == " " and st.toks[j].ci in st.lex.attack_verbs:
        return [_Cand(s, e_, 1, [(s, e_, generic("state", who), False, "qualified")])]
    return [_Cand(s, e_, 1, [(s, e_, generic("civilians", who), True, "qualified:civilians")])]


def _militia_noun_end(st: _Sentence, j: int) -> int | None:
    """End token of a militia noun right after token j (up to two modifiers between)."""
    p, best = j, None
    for _ in range(3):
        if p >= st.n or not st.tight(p - 1, p):
            break
        for jj, _entries in st.lex.militia_nouns.walk_field(st.text, st.toks, p, _CI):
            best = jj if best is None or jj > best else best
        if st.toks[p].ci in st.lex.modifiers:
            p += 1
        else:
            break
    return best


def _ethnic(st: _Sentence, i: int, j: int, entries: list[_Entry]) -> list[_Cand]:
    """Rule 4: an ethnic / clan label before a militia noun ("Fulani gunmen" -> Fulani Ethnic Militia)."""
    eths = [x for x in entries if x.kind == "ethnic"]
    label = _country_label(st.iso3) if eths else None
    if not label:
        return []
    eth = eths[0]
    s, e_ = st.toks[i].start, st.toks[j - 1].end
    best = _militia_noun_end(st, j)
    act = Actor(f"{eth.value} {eth.extra} Militia ({label})", 4, st.iso3)
    if best is not None:
        end = st.toks[best - 1].end
        return [_Cand(s, end, 2, [(s, end, act, False, "ethnic")])]
    if eth.bare:
        return [_Cand(s, e_, 2, [(s, e_, act, False, "ethnic")])]
    return []


def _phrase_candidates(st: _Sentence, i: int, j: int, entries: list[_Entry]) -> list[_Cand]:
    """Every rule on the lexicon phrase of tokens i..j."""
    actor = _choose_named(entries, st.iso3, st.lex)
    out = _named(st, i, j, actor) + _qualifier(st, i, j, entries)
    gens = [x for x in entries if x.kind == "generic" and (x.countries is None or st.iso3 in x.countries)]
    if gens and actor is None:
        got = _generic_noun(st, i, j, gens[0])
        if got is None:
            return out
        out += got
    if actor is None and not gens:
        out += _people(st, i, j, entries)
    return out + _ethnic(st, i, j, entries)


def _candidates(st: _Sentence) -> list[_Cand]:
    cands: list[_Cand] = []
    for i in range(st.n):
        cands += _government_forces(st, i)
        for j, entries in st.hits[i]:
            cands += _phrase_candidates(st, i, j, entries)
    return cands


def _longest_first(text: str, cands: list[_Cand]) -> list[_Part]:
    """Non-overlapping candidates, longest (then named, then earliest) first; their parts in text order."""
    chosen: list[_Cand] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), -c.prio, c.start)):
        if all(c.end <= o.start or c.start >= o.end for o in chosen):
            chosen.append(c)
    parts = sorted((p for c in chosen for p in c.parts), key=lambda p: p[0])
    # "U.S" -> "U.S.": keep the period of a trailing initial
    return [(s, e_ + 1 if e_ < len(text) and text[e_] == "." and e_ >= 2 and text[e_ - 2] == "." else e_, a, v, src)
            for s, e_, a, v, src in parts]


def _armed_groups(parts: list[_Part], context, lex: _Lexicon) -> tuple[dict[str, Actor], bool]:
    """The named armed groups "the militants" may refer to, and whether only a definite form may (context)."""
    groups = {p[2].name: p[2] for p in parts if p[4] == "named" and p[2].inter in _RESOLVABLE_INTER}
    if groups:
        return groups, False
    for c in context or ():
        a = c.actor if isinstance(c, ActorMention) else c
        if a.inter in _RESOLVABLE_INTER and a.name in lex.named and not a.name.startswith(("Unidentified", "Pro-Gov")):
            groups[a.name] = a
    return groups, True


def _refers_back(st: _Sentence, first_tok: int, source: str, groups: dict[str, Actor], definite: bool) -> bool:
    """May "the militants" / "gangs" at first_tok stand for the sentence's one named group?"""
    if len(groups) != 1 or not (source == "armed" or next(iter(groups.values())).inter == 3):
        return False
    toks = st.toks
    ok = toks[first_tok].ci not in _UNKNOWN_PREFIXES
    if definite:
        ok = ok and first_tok > 0 and toks[first_tok - 1].ci in ("the", "these", "those")
    return ok


def _resolve_parts(st: _Sentence, parts: list[_Part], context) -> list[ActorMention]:
    """Sentence-level passes: anaphoric "the militants", and civilians who protest or riot."""
    groups, definite = _armed_groups(parts, context, st.lex)
    starts = {t.start: k for k, t in enumerate(st.toks)}
    out = []
    for s, e_, actor, victim, source in parts:
        first_tok = starts.get(s)
        if source in ("armed", "gang"):
            if first_tok is not None and _refers_back(st, first_tok, source, groups, definite):
                actor = next(iter(groups.values()))
        elif source in _PARTICIPANT_SOURCES and first_tok is not None:
            role = _participant_role(st.text, st.toks, first_tok, s, e_, parts, st.lex)
            if role == "armed":
                actor, victim = generic("armed", actor.iso3), False
            elif role == "riot" or (role == "protest" and source.endswith("civilians")):
                actor = generic("rioters" if role == "riot" else "protesters", actor.iso3)
                victim = False
        out.append(ActorMention(s, e_, st.text[s:e_], actor, victim))
    return out


def find_actors(text: str, country: str | None = None,
                context: Iterable[Actor | ActorMention] = ()) -> list[ActorMention]:
    """Every actor mentioned in `text` (a sentence), non-overlapping (longest first), in text order.

    `country` (ISO3 or name) is where the event happens: it fills generic actors ("gunmen" ->
    Unidentified Armed Group (Mali)) and selects country-conditional aliases ("ADF" in Cameroon).
    "The militants"/"insurgents"/"rebels" are resolved to the one named armed group of the sentence; when the
    sentence names none, optional `context` (actors or mentions of the preceding sentences) may supply it for a
    definite "the militants".  Civilian nouns that protest or riot ("farmers set fire to tyres") become
    Protesters/Rioters of their country.
    """
    if not text:
        return []
    st, parts = _read(text, _iso(country), _lexicon())
    return _resolve_parts(st, list(parts), context)


def names_specific_actor(text: str, country: str | None = None) -> bool:
    """Whether ``find_actors(text, country)`` (without context) can find more than generic actors of a kind and
    state forces: only a named alias, an ethnic label or a "-backed" qualifier yield other actors. False tells
    that without reading the candidates."""
    if not text:
        return False
    lex = _lexicon()
    st = _sentence(text, _iso(country), lex)
    return any(e.kind in ("named", "ethnic") for hits in st.hits for _j, entries in hits for e in entries) \
        or any(t.ci in lex.backed_words for t in st.toks)


# The pipeline asks for the actors of one sentence several times (the walk, "the group", the actor
# roles), with different context; the sentence's tokens, lexicon hits and candidates do not depend on it.
# A few recent sentences are kept: enough for one article, not a cache of the corpus.
_RECENT: OrderedDict[tuple[str, str | None], tuple[_Lexicon, _Sentence, tuple[_Part, ...]]] = OrderedDict()
_SENTENCES: OrderedDict[tuple[str, str | None], tuple[_Lexicon, _Sentence]] = OrderedDict()
_RECENT_MAX = 64


def _remember(cache: OrderedDict, key, value) -> None:
    """Keep `value`, dropping the oldest entry of a full cache (an OrderedDict: a dict would search past the
    slots of the entries dropped before). Another thread may empty it first: then nothing needs dropping."""
    if len(cache) >= _RECENT_MAX:
        try:
            cache.popitem(last=False)
        except KeyError:
            pass
    cache[key] = value


def _sentence(text: str, iso3: str | None, lex: _Lexicon) -> _Sentence:
    """The sentence as the rules see it (recent ones reused)."""
    key = (text, iso3)
    got = _SENTENCES.get(key)
    if got is not None and got[0] is lex:
        return got[1]
    st = _Sentence(text, iso3, lex)
    _remember(_SENTENCES, key, (lex, st))
    return st


def _read(text: str, iso3: str | None, lex: _Lexicon) -> tuple[_Sentence, tuple[_Part, ...]]:
    """The sentence as the rules see it and its non-overlapping candidate parts (recent ones reused)."""
    key = (text, iso3)
    got = _RECENT.get(key)
    if got is not None and got[0] is lex:
        return got[1], got[2]
    st = _sentence(text, iso3, lex)
    parts = tuple(_longest_first(text, _candidates(st)))
    _remember(_RECENT, key, (lex, st, parts))
    return st, parts
