"""Curated places of ``place_aliases.yaml``: towns, features and regions in conflict areas."""

from __future__ import annotations

from .keys import place_key


def add_curated(b, admin_rows: dict[tuple[str, str], int]) -> None:
    cfg = b.cfg
    # extra spellings for admin1 units given as {ISO3: {admin1: [aliases]}} are handled in build;
    for entry in cfg.get("places", []) or []:
        iso3 = entry["iso3"]
        kind = entry.get("kind", "town")
        name = entry["name"]
        aliases = list(entry.get("aliases", []) or [])
        lat, lon = entry.get("lat"), entry.get("lon")
        admin1 = entry.get("admin1")
        admin2 = entry.get("admin2")
        pop = int(entry.get("population", 0) or 0)
        same_as = entry.get("same_as")
        if kind == "admin1":
            rid = admin_rows.get((iso3, name))
            if rid is not None:
                b.add_names(rid, [name, *aliases])
                continue
        if lat is None or admin1 is None or same_as:
            ref = _find_town(b, iso3, same_as or name, admin1)
            if ref is not None:
                r = b.rows[ref]
                lat = r[4] if lat is None else lat
                lon = r[5] if lon is None else lon
                admin1 = admin1 or r[2]
                admin2 = admin2 or r[3]
                pop = pop or r[8]
        if admin1 is None and lat is not None and kind not in ("admin1", "region"):
            admin1 = _nearest_admin1_rows(b, iso3, float(lat), float(lon))
        prec = int(entry.get("geo_precision", {"town": 1, "feature": 2, "admin1": 3, "region": 3}.get(kind, 1)))
        if kind == "region":
            kind = "feature"
        row = (name, iso3, admin1 if kind != "admin1" else name, admin2,
               float(lat) if lat is not None else None, float(lon) if lon is not None else None,
               prec, kind, pop, 1)
        rid = b.add_row(row, [name, *aliases])
        if kind == "admin1":
            admin_rows[(iso3, name)] = rid

def _find_town(b, iso3: str, name: str, admin1: str | None) -> int | None:
    best = None
    for rid in b.keys.get(place_key(name), ()):
        r = b.rows[rid]
        if r[1] != iso3 or r[7] != "town":
            continue
        if admin1 and r[2] != admin1:
            continue
        if best is None or r[8] > b.rows[best][8]:
            best = rid
    if best is None and admin1:
        return _find_town(b, iso3, name, None)
    return best

def _nearest_admin1_rows(b, iso3: str, lat: float, lon: float) -> str | None:
    best, bd = None, 1e18
    for r in b.rows:
        if r[1] == iso3 and r[7] == "town" and r[2]:
            d = (r[4] - lat) ** 2 + (r[5] - lon) ** 2
            if d < bd:
                best, bd = r[2], d
    return best

