"""Second-level units (admin2 rows, ISO 3166-2 parents) and ISO 3166-2 names as extra admin1 aliases."""

from __future__ import annotations

import difflib
import re

from .. import countries as _countries
from .build_common import _candidates_raw, _clean_admin2, _unit_centre
from .keys import _skeleton_of_key, place_key, skeleton
from .words import _ADMIN_PREFIX, _ADMIN_SUFFIX


def add_admin2_rows(b, admin2_pts: dict, admin_rows: dict[tuple[str, str], int]) -> None:
    import pycountry

    made: dict[tuple[str, str], int] = {}
    for (iso3, a1, a2), pts in sorted(admin2_pts.items()):
        clean = _clean_admin2(a2)
        if not clean or (iso3, place_key(clean)) in made:
            continue
        ck = place_key(clean)
        lat, lon = _unit_centre(pts, ck)
        row = (clean, iso3, a1, clean, lat, lon, 2, "feature", sum(p[2] for p in pts), 0)
        made[(iso3, ck)] = b.add_row(row, [clean, a2])
    # ISO 3166-2 second-level units whose parent is a known admin1
    iso2_to3 = {c.iso2: c.iso3 for c in _countries.all_countries()}
    code_to_admin1: dict[str, tuple[str, str]] = {}
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None):
            continue
        iso3 = iso2_to3.get(sub.country_code)
        if not iso3:
            continue
        for rid, _q in _candidates_raw(b.keys, place_key(sub.name)):
            r = b.rows[rid]
            if r[7] == "admin1" and r[1] == iso3:
                code_to_admin1[sub.code] = (iso3, r[0])
                break
    for sub in pycountry.subdivisions:
        parent = getattr(sub, "parent_code", None)
        if not parent or parent not in code_to_admin1:
            continue
        iso3, a1 = code_to_admin1[parent]
        clean = _clean_admin2(sub.name)
        ck = place_key(clean)
        if not ck or (iso3, ck) in made:
            if ck and (iso3, ck) in made:
                b.add_names(made[(iso3, ck)], [sub.name])
            continue
        ref = None
        for rid in b.keys.get(ck, ()):
            r = b.rows[rid]
            if r[1] == iso3 and r[7] == "town" and (ref is None or r[8] > b.rows[ref][8]):
                ref = rid
        if ref is None:
            continue
        r = b.rows[ref]
        row = (clean, iso3, a1, clean, r[4], r[5], 2, "feature", 0, 0)
        made[(iso3, ck)] = b.add_row(row, [clean, sub.name])

def add_iso_subdivisions(b, admin_rows: dict[tuple[str, str], int]) -> None:
    import pycountry

    by_country: dict[str, list[tuple[str, int]]] = {}
    for (iso3, clean), rid in admin_rows.items():
        by_country.setdefault(iso3, []).append((clean, rid))
    iso2_to3 = {c.iso2: c.iso3 for c in _countries.all_countries()}
    rid_names: dict[int, set[str]] = {}
    for k, ids in b.keys.items():
        for rid in ids:
            if b.rows[rid][7] == "admin1":
                rid_names.setdefault(rid, set()).add(k)
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None):
            continue
        iso3 = iso2_to3.get(sub.country_code)
        if not iso3 or iso3 not in by_country:
            continue
        name = _ADMIN_SUFFIX.sub("", _ADMIN_PREFIX.sub("", sub.name)).strip() or sub.name
        names = [n.strip() for n in re.split(r"[\[\]();]", name) if n.strip()] or [name]
        k = place_key(names[0])
        if not k:
            continue
        best = None
        cands = by_country[iso3]
        for clean, rid in cands:
            if k in rid_names.get(rid, ()) or k == place_key(clean):
                best = rid
                break
        if best is None:
            sk = skeleton(k)
            hits = [rid for clean, rid in cands if any(_skeleton_of_key(x) == sk for x in rid_names.get(rid, ()))]
            if len(hits) == 1:
                best = hits[0]
        if best is None:
            scored = []
            for clean, rid in cands:
                ck = place_key(clean)
                sm = difflib.SequenceMatcher(None, k, ck)
                if sm.real_quick_ratio() < 0.8 or sm.quick_ratio() < 0.8:
                    continue
                scored.append((sm.ratio(), rid))
            scored.sort(reverse=True)
            if scored and scored[0][0] >= 0.8 and (len(scored) == 1 or scored[1][0] < scored[0][0] - 0.05):
                best = scored[0][1]
        if best is not None:
            b.add_names(best, [sub.name, *names])
