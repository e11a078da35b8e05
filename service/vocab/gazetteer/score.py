"""Candidates of a key and their scores: kind, population, country hints, wanted kind, admin1 context."""

from __future__ import annotations

import difflib
import math

from .. import countries as _countries
from .index import _Index
from .keys import _fused_variants, _skeleton_of_key, place_key

_KIND_BASE = {"country": 8.0, "admin1": 5.0, "feature": 4.5, "town": 0.0}


def _score(idx: _Index, rid: int, hints: dict[str, float], want: str | None, quality: float,
           admin_ctx: frozenset = frozenset()) -> float:
    name, iso3, a1, a2, lat, lon, prec, kind, pop, curated = idx.rows[rid]
    s = quality
    if admin_ctx and (iso3, a1) in admin_ctx and kind != "admin1":
        s += 2.0
    if kind == "town":
        s += math.log10(max(pop, 50_000 if curated else 0) + 10)
        if pop == 0 and not curated:
            s += 0.5  # GeoNames has many conflict-area towns with unknown population
    elif kind == "feature" and not curated:
        s += 3.0  # districts (admin2): a town of the same name usually wins
    else:
        s += _KIND_BASE.get(kind, 0.0)
    if curated:
        s += 3.0
    s += hints.get(iso3, 0.0)
    if want == "admin1":
        s += 6.0 if kind == "admin1" else (-4.0 if kind == "town" else 0.0)
    elif want == "admin2":
        s += 6.0 if (kind == "feature" and prec == 2) else (3.0 if kind == "town" else -2.0)
    elif want == "town":
        s += 6.0 if kind in ("town", "feature") else -2.0
    if lat is None:
        s -= 0.3
    return s


_EXACT_LIMIT = 100_000  # keys whose exact candidates an index keeps


def _exact_candidates(idx: _Index, key: str) -> tuple[tuple[int, float], ...]:
    """The rows of a key, then those of its fused-article variants (kept per index: every clause asks again
    about the same names)."""
    got = idx.exact.get(key)
    if got is not None:
        return got
    out: list[tuple[int, float]] = []
    seen: set[int] = set()
    for rid in idx.keys.get(key, ()):
        out.append((rid, 0.0))
        seen.add(rid)
    for v in _fused_variants(key):
        for rid in idx.keys.get(v, ()):
            if rid not in seen:
                out.append((rid, -0.5))
                seen.add(rid)
    got = tuple(out)
    if len(idx.exact) < _EXACT_LIMIT:
        idx.exact[key] = got
    return got


def _candidates(idx: _Index, key: str, loose: bool,
                hints: dict[str, float] | None = None) -> list[tuple[int, float]]:
    out = list(_exact_candidates(idx, key))
    seen: set[int] = set()  # (the loose pool is read only when there is no exact candidate)
    if not out and loose:
        sk = _skeleton_of_key(key)
        if len(sk) >= 3:
            flat = key.replace(" ", "")
            pool: list[int] = []
            for iso in (hints or [None]):
                pool.extend(idx.skeleton_index(iso).get(sk, ()))
            for rid in pool:
                if rid in seen:
                    continue
                other = place_key(idx.rows[rid][0]).replace(" ", "")
                if other[:1] == flat[:1] and difflib.SequenceMatcher(None, flat, other).ratio() >= 0.75:
                    out.append((rid, -2.0))
                    seen.add(rid)
    return out


def _near_hint(idx: _Index, rid: int, hints: dict[str, float], radius: int = 2) -> bool:
    """True when the place lies within ~`radius` degrees of a town of a hinted country."""
    row = idx.rows[rid]
    if row[4] is None:
        return False
    la, lo = int(math.floor(row[4])), int(math.floor(row[5]))
    return not idx.countries_near(la, lo, radius).isdisjoint(hints)


def _foreign_ok(idx: _Index, rid: int, key: str, hints: dict[str, float]) -> bool:
    """With a country hint, a candidate elsewhere must be a country, a distinctive admin1 name,
    or a place near the hinted country named by its own primary name (cross-border events),
    or a very large city."""
    row = idx.rows[rid]
    if not hints or row[1] in hints or row[7] == "country":
        return True
    if row[7] == "admin1":
        return key not in idx.qualified_admin1 and (_near_hint(idx, rid, hints, 4) or len(key) >= 8)
    if row[8] >= 1_000_000 and place_key(row[0]) == key:
        return True
    if row[9] and " " in key:
        return True  # distinctive multi-word curated name ('Jisr al-Shughur', 'Kiryat Shmona')
    return (place_key(row[0]) == key or row[9]) and _near_hint(idx, rid, hints)


def _best(idx: _Index, key: str, hints: dict[str, float], want: str | None, loose: bool,
          admin_ctx: frozenset = frozenset()) -> tuple[int, float] | None:
    best = None
    scored: list[tuple[int, float]] = []
    for rid, q in _candidates(idx, key, loose, hints):
        row = idx.rows[rid]
        if not _foreign_ok(idx, rid, key, hints):
            continue
        if q <= -2.0 and (row[1] not in hints if hints else (row[7] == "town" and row[8] < 50_000)):
            continue  # loose (transliteration) matches only inside the hinted country
        sc = _score(idx, rid, hints, want, q, admin_ctx)
        scored.append((rid, sc))
        if best is None or sc > best[1]:
            best = (rid, sc)
    if best is not None and want is None:
        best = _prefer_town(idx, best, scored)
    return best


def _prefer_town(idx: _Index, best: tuple[int, float], scored: list[tuple[int, float]]) -> tuple[int, float]:
    """A bare name shared by an admin1 and its capital ('Deir Ezzor', 'Idlib') means the town."""
    row = idx.rows[best[0]]
    if row[7] != "admin1":
        return best
    towns = [(rid, sc) for rid, sc in scored if idx.rows[rid][7] == "town" and idx.rows[rid][1] == row[1]
             and idx.rows[rid][2] == row[2] and (idx.rows[rid][8] >= 20_000 or idx.rows[rid][9])]
    return max(towns, key=lambda t: t[1]) if towns else best


def _hint_weights(country: str | None) -> dict[str, float]:
    if not country:
        return {}
    c = _countries.by_iso3(country) or _countries.lookup(country)
    return {c.iso3: 4.0} if c else {}

