"""Generic actors of a country ("Protesters (Kenya)", state forces), the named-alias choice and ACLED
interaction codes."""

from __future__ import annotations

from .. import countries as _countries
from .lexicon import _country_label, _Entry, _lexicon, _Lexicon
from .model import _GENERIC, _GENERIC_NO_COUNTRY, Actor


def _iso(country: str | None) -> str | None:
    if not country:
        return None
    c = _countries.by_iso3(country) if len(country.strip()) in (2, 3) else None
    if c is None:
        c = _countries.lookup(country)
    return c.iso3 if c else None


def generic(kind: str, country: str | None) -> Actor:
    """The generic actor of a kind for a country: generic("protesters", "KEN") -> Protesters (Kenya)."""
    if kind not in _GENERIC:
        raise ValueError(f"unknown generic actor kind {kind!r}; expected one of {sorted(_GENERIC)}")
    lex = _lexicon()
    iso3 = _iso(country)
    if kind in ("state", "police") and iso3:
        if iso3 in lex.police_states:
            kind = "police"
        return lex.state_names[f"{kind}:{iso3}"]
    label = _country_label(iso3)
    if label is None:
        return Actor(_GENERIC_NO_COUNTRY[kind], _GENERIC[kind][1], None)
    name = _GENERIC[kind][0].format(the="", c=label)
    return lex.named.get(name) or Actor(name, _GENERIC[kind][1], iso3)


def interaction(inter1: int | None, inter2: int | None) -> str | None:
    """ACLED interaction code: both inter codes, lowest first ("13"); one side alone is its code and 0 ("60")."""
    codes = []
    for code in (inter1, inter2):
        if code is None:
            continue
        if not isinstance(code, int) or isinstance(code, bool) or not 1 <= code <= 8:
            raise ValueError(f"inter code must be an integer 1-8, got {code!r}")
        codes.append(code)
    if not codes:
        return None
    if len(codes) == 1:
        return f"{codes[0]}0"
    return "".join(str(c) for c in sorted(codes))


def all_actors() -> list[Actor]:
    """The named dictionary (named groups, then state forces of every country), sorted by name."""
    return sorted(_lexicon().named.values(), key=lambda a: a.name)


def _choose_named(entries: list[_Entry], iso3: str | None, lex: _Lexicon) -> Actor | None:
    named = [e for e in entries if e.kind == "named"]
    if iso3:
        for e in named:
            if e.countries and iso3 in e.countries:
                return lex.named[e.value]
    for e in named:
        if not e.countries:
            return lex.named[e.value]
    return None


def _generic_for(kind: str, iso3: str | None, lex: _Lexicon) -> Actor:
    if kind == "state" and iso3 in lex.police_states:
        kind = "police"
    return generic(kind, iso3)
