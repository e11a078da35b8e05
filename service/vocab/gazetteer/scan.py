"""`find_places`: the place mentions of a text (tokens, candidate spans, suffix words)."""

from __future__ import annotations

import dataclasses
from .. import countries as _countries
from .accept import _accept
from .index import _Index, load_index
from .keys import place_key
from .model import PlaceMention
from .score import _exact_candidates, _hint_weights
from .tokens import _span_ok, _Tok, _tokenize
from .words import (
    _ADMIN2_SUFFIX,
    _AREA_SUFFIX,
    _ARABIC_START,
    _BREAK,
    _CONNECT_START,
    _NEAR_CUES,
    _PLACE_SUFFIX_ADMIN,
    _PLACE_SUFFIX_TOWN,
    _PLURAL_ADMIN,
    _PLURAL_ADMIN2,
)

def find_places(text: str, country: str | None = None) -> list[PlaceMention]:
    """Every place named in `text` (towns, admin1 units, features, countries), non-overlapping,
    longest match first, with character offsets into `text`.

    Only capitalised tokens (and Arabic articles glued to them: "al-Sukhna") can start a
    mention. Ordinary capitalised words are filtered by a stoplist, by their lower-case use
    elsewhere in the text, by person titles ("President X"), and by population thresholds
    that depend on the country hint and on cue words ("in", "near", "village of")."""
    if not text:
        return []
    idx = load_index()
    hints = _hint_weights(country)
    # soft hints from the countries named in the text itself
    for _s, _e, _t, c in _countries.match_countries(text, demonyms=True):
        hints[c.iso3] = max(hints.get(c.iso3, 0.0), 2.5)
    toks = _tokenize(text)
    first = _scan(idx, text, toks, hints, frozenset())
    ctx = frozenset((m.place.iso3, m.place.admin1) for m in first
                    if m.place.admin1 and (m.place.kind == "admin1"
                                           or (m.place.kind == "town" and m.place.iso3 in hints)))
    if not ctx:
        return first
    # second pass: towns inside the admin1 units named in the text win ties
    return _scan(idx, text, toks, hints, ctx)


def _scan(idx: _Index, text: str, toks: list[_Tok], hints: dict[str, float],
          ctx: frozenset) -> list[PlaceMention]:
    n = len(toks)
    lowers = {t.low for t in toks if not t.cap}
    title_case = n >= 4 and sum(1 for t in toks if t.cap) >= 0.7 * n
    out: list[PlaceMention] = []
    i = 0
    while i < n:
        t = toks[i]
        starts_ok = t.cap or (t.low in _CONNECT_START and i + 1 < n and toks[i + 1].cap
                              and (toks[i + 1].sep in ("-", "‑")
                                   or (toks[i + 1].sep == " " and t.low in _ARABIC_START)))
        if not starts_ok or (t.cap and len(t.text) <= 1) or t.low == "the":
            i += 1
            continue
        found = _match_at(idx, text, toks, i, hints, lowers, title_case, ctx)
        if found is None:
            i += 1
            continue
        j, rid, want_prec = found
        if rid < 0:
            i = j + 1
            continue
        place = idx.place(rid)
        if want_prec and place.kind in ("town", "feature") and want_prec > place.geo_precision:
            place = dataclasses.replace(place, geo_precision=want_prec)
        s, e = toks[i].start, toks[j].end
        out.append(PlaceMention(start=s, end=e, text=text[s:e], place=place))
        i = j + 1
    return out



def _suffix_after(toks: list[_Tok], j: int) -> tuple[str | None, int, int]:
    """A suffix word right after the span ("Homs province", "Idlib city", "Bajaur district"):
    (wanted kind, last token to swallow, precision override)."""
    n = len(toks)
    want, jj, prec = None, j, 0
    if not (j + 1 < n and not _BREAK.search(toks[j + 1].sep)):
        return want, jj, prec
    nxt = toks[j + 1].low
    if nxt in _PLACE_SUFFIX_ADMIN or nxt in _PLURAL_ADMIN:
        want, jj = "admin1", j + 1
        if nxt == "countryside":
            prec = 2
    elif (nxt in ("and", "or", "&") and j + 3 < n and toks[j + 2].cap
          and toks[j + 3].low in _PLURAL_ADMIN and not _BREAK.search(toks[j + 3].sep)):
        want = "admin1"  # "the Belgorod and Kursk regions"
    elif nxt in _ADMIN2_SUFFIX:
        want, jj = "admin2", j + 1
        prec = 2
    elif nxt in _PLURAL_ADMIN2:
        want, jj, prec = "admin2", j + 1, 2
    elif (nxt in ("and", "or", "&") and j + 3 < n and toks[j + 2].cap
          and toks[j + 3].low in _PLURAL_ADMIN2 and not _BREAK.search(toks[j + 3].sep)):
        want, prec = "admin2", 2  # "Churachandpur and Bishnupur districts"
    elif nxt in _PLACE_SUFFIX_TOWN:
        want, jj = "town", j + 1
        if nxt in _AREA_SUFFIX:
            prec = 2
    return want, jj, prec


def _head_of_longer_name(idx: _Index, text: str, toks: list[_Tok], i: int, j: int) -> bool:
    """Is the span the head of a longer non-place name ('Syrian Observatory ...')?"""
    n = len(toks)
    return any(place_key(text[toks[i].start:toks[k].end]) in idx.stop_phrases
               for k in range(j + 1, min(n, j + 5)) if _span_ok(toks, i, k))


def _settle(idx: _Index, toks: list[_Tok], i: int, j: int, rid: int, want: str | None, jj: int,
            prec: int) -> tuple[int, int, int]:
    """Swallow the suffix word when it agrees with the resolved kind; proximity cues ("near X")."""
    kind = idx.rows[rid][7]
    if want is not None:
        row_prec = idx.rows[rid][6]
        if ((want == "admin1" and kind == "admin1")
                or (want in ("town", "admin2") and (kind == "town" or (kind == "feature" and row_prec <= 2)))):
            j = jj
        else:
            prec = 0
    # proximity cues before the span: "near X", "outskirts of X"
    if i >= 1 and toks[i - 1].low in _NEAR_CUES:
        prec = max(prec, 2)
    elif i >= 2 and toks[i - 1].low == "of" and toks[i - 2].low in _NEAR_CUES:
        prec = max(prec, 2)
    return j, rid, prec


def _match_at(idx: _Index, text: str, toks: list[_Tok], i: int, hints: dict[str, float],
              lowers: set[str], title_case: bool, ctx: frozenset) -> tuple[int, int, int] | None:
    """The longest place span starting at token i: (last token, row id, precision); row id -1 skips a
    non-place name ('Islamic State', 'Al Jazeera', 'Red Cross')."""
    n = len(toks)
    jmax = min(n - 1, i + idx.max_tokens - 1, i + toks[i].ahead)  # (no span runs further: _span_ok)
    for j in range(jmax, i - 1, -1):
        if not _span_ok(toks, i, j):
            continue
        key = place_key(text[toks[i].start:toks[j].end])
        if not key:
            continue
        if key in idx.stop_phrases:
            return j, -1, 0
        cands = _exact_candidates(idx, key)  # (first: most spans name nothing, and the tests below are pure)
        if not cands or _head_of_longer_name(idx, text, toks, i, j):
            continue
        want, jj, prec = _suffix_after(toks, j)
        single = sum(1 for k in range(i, j + 1) if toks[k].cap) == 1
        if single and key in idx.stop_words:
            # an ordinary word ("Unity", "Delta", "Sahel") is a place only as "<word> State/region"
            if want != "admin1":
                continue
            cands = [(rid, q) for rid, q in cands if idx.rows[rid][7] == "admin1"]
            if not cands:
                continue
        rid = _accept(idx, toks, i, j, key, cands, hints, want, lowers, title_case, single, ctx)
        if rid is not None:
            return _settle(idx, toks, i, j, rid, want, jj, prec)
    return None
