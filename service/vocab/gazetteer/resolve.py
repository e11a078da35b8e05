"""Name -> Place: `resolve` (with suffixes and qualifiers), admin1 names, reverse geocoding."""

from __future__ import annotations

import dataclasses
import re

from .. import countries as _countries
from .index import load_index
from .keys import _display, fold, place_key
from .model import Place
from .score import _best, _hint_weights
from .words import _ADMIN2_SUFFIX, _QUALIFIERS, _RESOLVE_SUFFIX_ADMIN, _RESOLVE_SUFFIX_TOWN


def _split_suffix(name: str) -> tuple[str, str | None, int]:
    """Strip qualifiers/suffixes; return (core, wanted kind, precision override)."""
    s = fold(name).strip().replace("’", "'")
    s = re.sub(r"'s\b", "", s)
    toks = s.split()
    want = None
    prec = 0
    while toks and toks[-1].lower().strip(",.") in _RESOLVE_SUFFIX_ADMIN | _RESOLVE_SUFFIX_TOWN:
        w = toks.pop().lower().strip(",.")
        if w in _RESOLVE_SUFFIX_ADMIN:
            want = want or "admin1"
            if w == "countryside":
                prec = 2
        elif w in _ADMIN2_SUFFIX:
            want = want or "admin2"
            prec = 2
        else:
            want = want or "town"
            if w in {"area", "border", "suburb"}:
                prec = 2
    while toks and toks[0].lower().strip(",.") in _QUALIFIERS:
        w = toks.pop(0).lower().strip(",.")
        if w in {"near", "suburbs", "countryside"}:
            prec = 2
        if w in {"province", "governorate", "region"}:
            want = want or "admin1"
        if w in {"city", "town", "village"}:
            want = want or "town"
    return " ".join(toks), want, prec


def resolve(name: str, country: str | None = None, *, admin1: str | None = None) -> Place | None:
    """Best gazetteer match for a place name; `country` (ISO3) is a hint that wins ties;
    `admin1` (optional) prefers towns inside that first-level unit."""
    if not name or not name.strip():
        return None
    idx = load_index()
    hints = _hint_weights(country)
    ctx = frozenset()
    if admin1 and hints:
        ctx = frozenset((iso, admin1) for iso in hints)
        a1 = resolve(admin1, country)
        if a1 is not None and a1.kind == "admin1":
            ctx = frozenset({(a1.iso3, a1.admin1)})
    key = place_key(name)
    if not key:
        return None
    # 1. the name as given (covers 'Niger State', 'Upper Nile', 'Red Sea', 'Gaza City', 'South Lebanon')
    hit = _best(idx, key, hints, None, loose=False, admin_ctx=ctx)
    # 2. without qualifiers / suffixes ('Homs province', 'eastern Homs countryside', 'Idlib city')
    core, want, prec = _split_suffix(name)
    core_key = place_key(core) if core else ""
    if core_key and core_key != key:
        hit2 = _best(idx, core_key, hints, want, loose=False, admin_ctx=ctx)
        if hit2 is not None and (hit is None or (hints and idx.rows[hit[0]][1] not in hints
                                                 and idx.rows[hit2[0]][1] in hints)):
            hit = hit2
        else:
            prec = 0
    else:
        prec = 0 if want is None else prec
    if hit is None:
        target = core or name
        hit = _best(idx, place_key(target), hints, want, loose=True, admin_ctx=ctx)
    if hit is None:
        return None
    place = idx.place(hit[0])
    if prec and place.kind == "town" and prec > place.geo_precision:
        place = dataclasses.replace(place, geo_precision=prec)
    return place


def admin1_names(iso3: str) -> list[str]:
    """All admin1 names of a country as the gazetteer writes them."""
    idx = load_index()
    iso3 = iso3.upper()
    return sorted({r[0] for r in idx.rows if r[7] == "admin1" and r[1] == iso3})



def nearest_admin1(lat: float, lon: float) -> tuple[str, str] | None:
    """(iso3, admin1) of the town nearest to a coordinate, via reverse_geocode."""
    try:
        import reverse_geocode
    except ImportError:  # pragma: no cover
        return None
    try:
        res = reverse_geocode.get((float(lat), float(lon)))
    except Exception:
        return None
    if not res:
        return None
    c = _countries.by_iso3(res.get("country_code", ""))
    if c is None:
        return None
    idx = load_index()
    city = res.get("city") or ""
    key = place_key(city)
    for rid in idx.keys.get(key, ()):
        r = idx.rows[rid]
        if r[7] == "town" and abs(r[4] - res["latitude"]) < 1e-3 and abs(r[5] - res["longitude"]) < 1e-3:
            return (r[1], r[2]) if r[2] else None
    st = res.get("state")
    return (c.iso3, _display(st)) if st else None
