"""Is a candidate span a place?  The filters of `find_places` (cues, neighbouring names, populations)."""

from __future__ import annotations

from dataclasses import dataclass

from .. import countries as _countries
from .index import _Index
from .keys import place_key
from .score import _foreign_ok, _near_hint, _prefer_town, _score
from .tokens import _sentence_initial, _Tok
from .words import _ADMIN2_SUFFIX, _BREAK, _CUES, _PLACE_SUFFIX_ADMIN, _PLACE_SUFFIX_TOWN, _PLURAL_ADMIN, _STRONG_CUES


@dataclass
class _Span:
    """What the text says around a candidate span."""
    key: str
    want: str | None
    single: bool  # one capitalised token
    title_case: bool
    cue: bool  # "in", "near", "village of" ... before it
    strong_cue: bool
    prev_is_name: bool  # next to another capitalised word: part of a longer name ("Ali Hassan", "Hotel Aleppo")
    next_is_name: bool
    initial: bool  # sentence-initial
    lower_elsewhere: bool  # the head word occurs in lower case in the text
    possessive_country: bool  # "Cameroon's North-West"


def _next_is_name(idx: _Index, nxt: _Tok | None) -> bool:
    return (nxt is not None and nxt.cap and not _BREAK.search(nxt.sep)
            and nxt.low not in _PLACE_SUFFIX_ADMIN and nxt.low not in _PLACE_SUFFIX_TOWN
            and nxt.low not in _PLURAL_ADMIN and nxt.low not in _ADMIN2_SUFFIX
            and nxt.low not in idx.stop_words and nxt.low.rstrip(".") not in idx.person_titles
            and _countries.lookup(nxt.text) is None
            and not (nxt.text.isupper() and len(nxt.text) <= 5))


def _span_context(idx: _Index, toks: list[_Tok], i: int, j: int, key: str, want: str | None, lowers: set[str],
                  title_case: bool, single: bool) -> _Span | None:
    """None after a person title ("President X")."""
    prev = toks[i - 1] if i > 0 else None
    sep_break = bool(_BREAK.search(toks[i].sep))
    cue = prev is not None and prev.low in _CUES and not sep_break
    if prev is not None and prev.low.rstrip(".") in idx.person_titles and not sep_break:
        return None
    prev_is_name = (prev is not None and prev.cap and not sep_break and prev.low not in idx.stop_words
                    and not _countries.lookup(prev.text))
    head = next((toks[k] for k in range(i, j + 1) if toks[k].cap), toks[i])
    return _Span(
        key=key, want=want, single=single, title_case=title_case, cue=cue,
        strong_cue=cue and prev.low in _STRONG_CUES,
        prev_is_name=prev_is_name,
        next_is_name=_next_is_name(idx, toks[j + 1] if j + 1 < len(toks) else None),
        initial=_sentence_initial(toks, i),
        lower_elsewhere=head.low in lowers,
        possessive_country=prev is not None and not sep_break and _countries.lookup(prev.text) is not None,
    )


def _town_ok(idx: _Index, rid: int, sp: _Span, hints: dict[str, float], hinted: bool, primary: bool,
             curated: int, pop: int) -> bool:
    """Population a town needs: low in the hinted country or after a cue, high abroad or sentence-initially."""
    if not primary and not curated and not hinted and pop < 200_000:
        return False  # an alternate spelling of a foreign town: too often a false friend
    cue, single = sp.cue, sp.single
    border = not hinted and hints and primary and _near_hint(idx, rid, hints, 1)
    if hinted:
        need = 0 if cue else 1000
    elif border:
        need = 1000 if cue else 20_000  # cross-border: 'rockets hit Metula'
    else:
        need = 15_000 if cue else 100_000
    if single and not hinted and not border:
        need = max(need, 50_000)
    if sp.initial and single and not cue:
        need = max(need, 20_000 if hinted else 300_000)
    if sp.title_case and not cue:
        need = max(need, 30_000 if hinted else 500_000)
    return pop >= need


def _candidate_ok(idx: _Index, rid: int, sp: _Span, hints: dict[str, float]) -> bool:
    name, iso3, a1, a2, lat, lon, prec, kind, pop, curated = idx.rows[rid]
    key, single, want = sp.key, sp.single, sp.want
    hinted = iso3 in hints
    primary = place_key(name) == key
    if curated:
        pop = max(pop, 50_000)  # curated places are known conflict locations
    strong = (kind == "country" or (kind == "town" and pop >= 500_000 and primary)
              or (curated and (hinted or not single)))
    if kind == "admin1" and key in idx.qualified_admin1 and want != "admin1":
        # generic admin1 names ("North-West", "Centre") need a suffix or "Cameroon's North-West"
        if not (hinted and sp.possessive_country):
            return False
    if kind == "admin1" and not hinted and want != "admin1" and single and len(key) < 6:
        return False
    if hints and not hinted and not _foreign_ok(idx, rid, key, hints):
        return False  # far from every country in play
    if kind == "town" and not _town_ok(idx, rid, sp, hints, hinted, primary, curated, pop):
        return False
    if kind == "feature" and not hinted and not curated:
        return False
    if single and sp.lower_elsewhere and not (kind == "country" or (pop >= 500_000 and primary)):
        return False  # the same word occurs in lower case in the text: an ordinary word
    if (sp.prev_is_name or sp.next_is_name) and single and not (strong or kind == "admin1" or (hinted and sp.cue)):
        return False
    if sp.next_is_name and single and kind in ("country", "town") and not sp.strong_cue:
        return False  # 'Jordan Peterson', 'Paris Hilton', 'Chad Smith'
    return True


def _accept(idx: _Index, toks: list[_Tok], i: int, j: int, key: str, cands: list[tuple[int, float]],
            hints: dict[str, float], want: str | None, lowers: set[str], title_case: bool,
            single: bool, ctx: frozenset) -> int | None:
    sp = _span_context(idx, toks, i, j, key, want, lowers, title_case, single)
    if sp is None:
        return None
    best: tuple[float, int] | None = None
    scored: list[tuple[int, float]] = []
    for rid, q in cands:
        if not _candidate_ok(idx, rid, sp, hints):
            continue
        sc = _score(idx, rid, hints, want, q, ctx)
        scored.append((rid, sc))
        if best is None or sc > best[0]:
            best = (sc, rid)
    if best is None:
        return None
    if want is None:
        return _prefer_town(idx, (best[1], best[0]), scored)[0]
    return best[1]
