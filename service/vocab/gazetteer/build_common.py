"""Helpers of the index build: unit centres, display names of towns and admin2 units."""

from __future__ import annotations

import re

from .keys import _display, place_key


def _unit_centre(pts: list, key: str) -> tuple[float, float]:
    """An admin unit's point: its namesake town (the most populous), else the median of its towns."""
    same = [p for p in pts if p[3] == key]
    if same:
        best = max(same, key=lambda p: p[2])
        return best[0], best[1]
    return round(_median([p[0] for p in pts]), 5), round(_median([p[1] for p in pts]), 5)


def _median(vals: list[float]) -> float:
    vals = sorted(vals)
    n = len(vals)
    return vals[n // 2] if n % 2 else (vals[n // 2 - 1] + vals[n // 2]) / 2


_ADMIN2_STRIP = re.compile(
    r"^(province of|provincia de|caza de|qada of|département du|département de la|département de|"
    r"département des|departement du|departement de|concelho de|concelho do|concelho da|distrito de|"
    r"cercle de|ville de|municipio de|municipality of|city of)\s+|"
    r"\s+(district|districts|territory|cercle|raion|rayon|zone|sub-?county|county|province|municipality|"
    r"prefecture|department|departement|tehsil|taluk|upazila|division|agency|lga|"
    r"local government area|mis'?krada|miskrada)$", re.I)


_ARTICLE_START = re.compile(r"^(?:al|el|ad|as|ar|ash|az|at|an|ad|adh|ath|aş|az)[\s\-]", re.I)


def _english_name(city: str, alts: list[str]) -> str:
    """Display name: GeoNames' primary name, unless it is a scholarly transliteration
    ('Ţūlkarm', 'Ar Raqqah', 'Hamah') and a plain spelling with the same key exists ('Tulkarm',
    'Raqqa', 'Hama')."""
    name = _display(city)
    if not alts or not (not city.isascii() or _ARTICLE_START.match(city) or city.endswith("ah")):
        return name
    key = place_key(city)
    best = None
    for a in alts:
        if len(a) >= 4 and a[0].isupper() and "'" not in a and place_key(a) == key:
            if best is None or len(a) < len(best):
                best = a
    return best or name


def _clean_admin2(name: str) -> str:
    s = _display(name)
    for _ in range(2):
        s = _ADMIN2_STRIP.sub("", s).strip()
    return s


def _candidates_raw(keys: dict, key: str) -> list[tuple[int, float]]:
    return [(rid, 0.0) for rid in keys.get(key, ())]
