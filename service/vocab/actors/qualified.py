"""Rule 2 of the finder: a country name or demonym qualifying something ("Russian warplanes",
"Iran-backed militias", "Saudi-led coalition", "Russian and Syrian jets", "Israel struck ...")."""

from __future__ import annotations

from .generic import _generic_for, generic
from .lexicon import _Entry
from .model import _PSEUDO_QUALIFIERS
from .sentence import _Cand, _Sentence
from .tokens import _HYPHENS


def _led(st: _Sentence, s: int, j: int, q_iso: str) -> list[_Cand]:
    """"Saudi-led coalition": the sponsor's state forces."""
    p = j + 1
    for _ in range(3):
        if p < st.n and st.toks[p].ci in st.lex.led_nouns:
            end = st.toks[p].end
            return [_Cand(s, end, 2, [(s, end, generic("state", q_iso), False, "qualified")])]
        if p < st.n and st.toks[p].ci in st.lex.modifiers:
            p += 1
        else:
            break
    return []


def _backed(st: _Sentence, s: int, j: int, q_iso: str) -> list[_Cand]:
    """"Iran-backed militias": the sponsored group of the event country, else a generic group."""
    from .canonical import canonical  # canonical() itself runs the finder

    best = st.farthest_noun(j + 1, kinds=("generic",))
    if best is None:
        return []  # "Iran-backed Hezbollah": the named group stands on its own
    jj, e = best
    iso3, lex = st.iso3, st.lex
    target = lex.backed.get((q_iso, iso3 or ""))
    if target:
        act = lex.named.get(target) or canonical(target) or generic("unidentified", iso3)
    elif e.value in ("armed", "unidentified"):
        act = generic("unidentified", iso3)
    else:
        act = _generic_for(e.value, iso3, lex)
    end = st.toks[jj - 1].end
    return [_Cand(s, end, 2, [(s, end, act, False, "backed")])]


def _chain(st: _Sentence, i: int, j: int, q_iso: str) -> tuple[list[tuple[int, int, str | None]], int]:
    """Coordinated qualifiers: "Russian and Syrian warplanes", "U.S., British and French jets"."""
    toks, n = st.toks, st.n
    chain: list[tuple[int, int, str | None]] = [(i, j, q_iso)]
    if i >= 2 and toks[i - 1].ci in ("and", "or") and toks[i - 2].ci in _PSEUDO_QUALIFIERS:
        chain.insert(0, (i - 2, i - 1, None))
    p = j
    while p < n:
        nxt = p
        if toks[p].ci in ("and", "or"):
            nxt = p + 1
        elif not st.sep(p - 1, p).strip().startswith(","):
            break
        if nxt < n and toks[nxt].ci == "and" and nxt == p:
            nxt += 1
        quals = [(jj, x) for jj, es in (st.hits[nxt] if nxt < n else ()) for x in es if x.kind == "qualifier"]
        if not quals:
            break
        jj, x = max(quals, key=lambda t: t[0])
        if jj < n and st.sep(jj - 1, jj) in _HYPHENS:
            break
        chain.append((nxt, jj, st.qualifier_iso(x, st.text[toks[nxt].start:toks[jj - 1].end])))
        p = jj
    return chain, p


def _coordinated(st: _Sentence, chain: list[tuple[int, int, str | None]], p: int) -> list[_Cand] | None:
    """The qualifiers of `chain` and the noun at p: one part per qualifier (None: no noun there)."""
    toks = st.toks
    noun = st.farthest_noun(p) if p < st.n and st.tight(p - 1, p) else None
    if noun is None or st.inside_name(p, noun[0]):
        return None
    jj, e = noun
    noun_ci = " ".join(t.ci for t in toks[p:jj])
    parts = []
    for k, (a, b, c_iso) in enumerate(chain):
        got = st.qualified_actor(e, c_iso, noun_ci.split(" ")[-1] if e.kind == "qnoun" else noun_ci)
        if got is None:
            return []
        st_ = toks[a].start
        en = toks[jj - 1].end if k == len(chain) - 1 else toks[b - 1].end
        parts.append((st_, en, got[0], got[1], "qualified:" + e.value))
    return [_Cand(parts[0][0], toks[jj - 1].end, 2, parts)]


def _country_acts(st: _Sentence, s: int, j: int, q_iso: str) -> list[_Cand]:
    """"Israel struck ...", "Russia has shelled ...": a country name before an attack verb is its forces."""
    toks, n = st.toks, st.n
    p = j
    for _ in range(2):
        if p < n and toks[p].ci in st.lex.aux_words and p + 1 < n and st.sep(p, p + 1) == " ":
            p += 1
    if p < n and toks[p].ci in st.lex.attack_verbs:
        end = toks[j - 1].end
        return [_Cand(s, end, 2, [(s, end, generic("state", q_iso), False, "qualified")])]
    return []


def qualified(st: _Sentence, i: int, j: int, q: _Entry, q_iso: str) -> list[_Cand]:
    """Candidates for a qualifier at tokens i..j: "-led", "-backed", coordinated lists, country + verb."""
    s = st.toks[i].start
    if j < st.n and st.sep(j - 1, j) in _HYPHENS:
        word = st.toks[j].ci
        if word == "led":
            return _led(st, s, j, q_iso)
        if word in st.lex.backed_words:
            return _backed(st, s, j, q_iso)
        return []  # "Russian-made", "Israeli-Palestinian"
    chain, p = _chain(st, i, j, q_iso)
    got = _coordinated(st, chain, p)
    if got is not None:
        return got
    if len(chain) == 1 and q.extra == "name" and j < st.n and st.sep(j - 1, j) == " ":
        return _country_acts(st, s, j, q_iso)
    return []
