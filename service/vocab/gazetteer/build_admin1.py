"""First-level units: cleaned admin1 names, the towns placed in them, and one admin1 row per unit."""

from __future__ import annotations

import math

from .keys import _display, _PROVINCE_OF, place_key
from .words import _ADMIN_PREFIX, _ADMIN_SUFFIX

_Pts = list[tuple[float, float, int, str]]  # lat, lon, population, place key of each town of a unit


def _clean_admin(rename: dict, iso3: str, raw: str, siblings: set[str]) -> str:
    ren = rename.get(iso3, {})
    if raw in ren:
        return ren[raw]
    d = _display(raw)
    if d in ren:
        return ren[d]
    s = _ADMIN_PREFIX.sub("", d)
    s2 = _ADMIN_SUFFIX.sub("", s).strip()
    if s2 and s2 != s:
        # keep the suffix when stripping it collides with another unit (Moscow / Moscow Oblast)
        if not any(_display(o) == s2 for o in siblings if o != raw):
            s = s2
    return ren.get(s, s)


def clean_admin1_names(towns: list[tuple], country_of2: dict, rename: dict) -> dict[tuple[str, str], str]:
    """(ISO2, raw admin1 name) -> the ACLED-style name ('Muhafazat Halab' -> 'Aleppo')."""
    raw_admins: dict[str, set[str]] = {}
    for t in towns:
        st = t[5]
        if st:
            raw_admins.setdefault(t[0], set()).add(st)
    admin_clean: dict[tuple[str, str], str] = {}
    for cc, raws in raw_admins.items():
        c = country_of2.get(cc)
        if c is None:
            continue
        for raw in raws:
            admin_clean[(cc, raw)] = _clean_admin(rename, c.iso3, raw, raws)
    return admin_clean


def _nearest_unit(units: list[dict] | None, lat: float, lon: float, region: str | None) -> dict | None:
    """Nearest-centre admin1 assignment (Palestinian governorates)."""
    if not units:
        return None
    cands = [u for u in units if not region or u.get("region") in (None, region)] or units
    return min(cands, key=lambda u: (u["lat"] - lat) ** 2 + ((u["lon"] - lon) * math.cos(math.radians(lat))) ** 2)


class TownPass:
    """Pass 2 of the build: a row per town, with its admin1 / admin2, and the points of every unit."""

    def __init__(self, b, admin_clean: dict, reassign_map: dict, nearest_units: dict) -> None:
        self.b = b
        self.admin_clean = admin_clean
        self.reassign_map = reassign_map
        self.nearest_units = nearest_units
        self.from_admin2: dict = b.cfg.get("admin1_from_admin2", {}) or {}
        self.admin_pts: dict[tuple[str, str], _Pts] = {}
        self.admin2_pts: dict[tuple[str, str, str], _Pts] = {}

    def units_of(self, cc: str, iso3: str, lat: float, lon: float, raw_state, admin2):
        """(iso3, admin1, admin2) of a town after renames, reassignments and nearest-centre units."""
        admin1 = self.admin_clean.get((cc, raw_state)) if raw_state else None
        admin2 = _display(_PROVINCE_OF.sub("", admin2)) if admin2 else None
        if (cc, raw_state) in self.reassign_map:
            r = self.reassign_map[(cc, raw_state)]
            iso3 = r["to_iso3"]
            admin1 = r.get("to_admin1")
        a2map = self.from_admin2.get(iso3)
        if a2map and admin2 and admin2 in a2map:
            admin1 = a2map[admin2]
        if iso3 in self.nearest_units:
            region = admin1
            u = _nearest_unit(self.nearest_units.get(iso3), lat, lon, region)
            if u is not None:
                admin1 = u["name"]
                admin2 = u.get("region") or region
        return iso3, admin1, admin2

    def run(self, towns: list[tuple], english_name) -> None:
        for t in towns:
            cc, city, lat, lon, pop, raw_state, admin2, alts = t
            c = self.b.country_of2.get(cc)
            if c is None:
                continue
            iso3, admin1, admin2 = self.units_of(cc, c.iso3, lat, lon, raw_state, admin2)
            name = english_name(city, alts)
            row = (name, iso3, admin1, admin2, lat, lon, 1, "town", pop, 0)
            self.b.add_row(row, [name, city, *alts] if alts else (name, city))
            if admin1:
                self.admin_pts.setdefault((iso3, admin1), []).append((lat, lon, pop, place_key(name)))
                if admin2 and iso3 not in self.nearest_units:
                    self.admin2_pts.setdefault((iso3, admin1, admin2), []).append((lat, lon, pop, place_key(name)))


def _raw_names_by_unit(p: TownPass) -> dict[tuple[str, str], set[str]]:
    raw_by_clean: dict[tuple[str, str], set[str]] = {}
    for (cc, raw), clean in p.admin_clean.items():
        c = p.b.country_of2.get(cc)
        if c is not None and c.iso3 not in p.nearest_units and (cc, raw) not in p.reassign_map:
            raw_by_clean.setdefault((c.iso3, clean), set()).add(raw)
    for iso3, units in p.nearest_units.items():
        for u in units:
            raw_by_clean.setdefault((iso3, u["name"]), set())
    for (iso3, clean), pts in p.admin_pts.items():
        raw_by_clean.setdefault((iso3, clean), set())
    return raw_by_clean


def add_admin1_rows(p: TownPass, unit_centre) -> dict[tuple[str, str], int]:
    """One admin1 row per unit: curated coordinates, else the nearest-centre unit, else its towns' centre."""
    cfg = p.b.cfg
    admin_alias_cfg: dict = cfg.get("admin1_aliases", {}) or {}
    admin_coords_cfg: dict = cfg.get("admin1_coords", {}) or {}
    admin_rows: dict[tuple[str, str], int] = {}
    for (iso3, clean), raws in sorted(_raw_names_by_unit(p).items()):
        pts = p.admin_pts.get((iso3, clean), [])
        lat = lon = None
        coords = (admin_coords_cfg.get(iso3) or {}).get(clean)
        unit = next((u for u in p.nearest_units.get(iso3, []) if u["name"] == clean), None)
        if coords:
            lat, lon = float(coords[0]), float(coords[1])
        elif unit is not None:
            lat, lon = unit["lat"], unit["lon"]
        elif pts:
            lat, lon = unit_centre(pts, place_key(clean))
        pop = sum(pt[2] for pt in pts)
        names = [clean, *raws, *(_display(r) for r in raws)]
        names += list((admin_alias_cfg.get(iso3) or {}).get(clean, []) or [])
        if unit is not None:
            names += list(unit.get("aliases", []))
        row = (clean, iso3, clean, None, lat, lon, 3, "admin1", pop, 0)
        admin_rows[(iso3, clean)] = p.b.add_row(row, names)
    return admin_rows
