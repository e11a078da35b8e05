"""The on-disk layout of the gazetteer cache: loaded lazily, a row or a key bucket at a time.

One file: a 16-byte header (magic, length of the table of contents), a ``marshal``ed table of contents
(the small stop lists, the counts, and (offset, length) of each section), then the sections: every row
``marshal``ed on its own with a table of their offsets, the key -> row ids maps in ``_KEY_BUCKETS`` buckets
(by a CRC of the key) with a table of their offsets, the 1-degree cells, and the consonant-skeleton maps of
loose matching, one per country and one for the worldwide pool, with a table of their offsets. The
file is memory-mapped and an object is unmarshalled when a lookup first needs it: coding an article reads
the few thousand rows and keys it looks at, not the blocks around them (the first articles of a process
used to spend ~0.3 s unmarshalling blocks of 4,096 rows and buckets of ~500 keys).
"""

from __future__ import annotations

import marshal
import mmap
import struct
import zlib
from pathlib import Path

from .keys import _skeleton_of_key, place_key

_MAGIC = b"EVGZ0003"
_HEADER = struct.Struct("<8sQ")
_OFFSETS = struct.Struct("<QQ")  # an object's start and the next one's, in an offset table
_KEY_BUCKETS = 65536


def _bucket(key: str) -> int:
    return zlib.crc32(key.encode("utf-8")) % _KEY_BUCKETS


def _table(objects: list[bytes]) -> bytes:
    """Offset table (n + 1 little-endian uint64) followed by the objects."""
    offsets, at = [], 0
    for o in objects:
        offsets.append(at)
        at += len(o)
    offsets.append(at)
    return struct.pack(f"<{len(offsets)}Q", *offsets) + b"".join(objects)


def dump(data: dict) -> bytes:
    """The cache file's bytes for a built index (the dict of `_Builder.build`)."""
    rows = data["rows"]
    buckets: list[dict[str, tuple[int, ...]]] = [{} for _ in range(_KEY_BUCKETS)]
    for k, ids in data["keys"].items():
        buckets[_bucket(k)][k] = tuple(ids)
    groups = group_rows(rows)
    tags = sorted(groups)
    sections = [_table([marshal.dumps(r) for r in rows]), _table([marshal.dumps(b) for b in buckets]),
                marshal.dumps(data["cells"]), _table([marshal.dumps(skeleton_map(rows, groups[t])) for t in tags])]
    toc, offset = [], 0
    for s in sections:
        toc.append((offset, len(s)))
        offset += len(s)
    meta = {k: data[k] for k in ("stop_words", "stop_phrases", "qualified_admin1", "person_titles")}
    meta.update(nrows=len(rows), nkeys=len(data["keys"]), toc=toc, skeleton_tags=tags)
    head = marshal.dumps(meta)
    return b"".join([_HEADER.pack(_MAGIC, len(head)), head, *sections])


def group_rows(rows) -> dict[str, list[int]]:
    """Row ids by country, and under "*" the countries, admin1 units and towns >= 50k worldwide (the pools
    of loose matching, ``_Index.skeleton_index``; the cache stores each pool's ``skeleton_map``)."""
    groups: dict[str, list[int]] = {"*": []}
    worldwide = groups["*"].append
    get = groups.get
    for rid, r in enumerate(rows):
        ids = get(r[1])
        if ids is None:
            ids = groups[r[1]] = []
        ids.append(rid)
        if r[7] in ("admin1", "country") or r[8] >= 50_000:
            worldwide(rid)
    return groups


def skeleton_map(rows, rids) -> dict[str, list[int]]:
    """Consonant skeleton -> row ids, of the rows `rids` (one group of ``group_rows``): the pool of loose
    matching, ``_Index.skeleton_index``; stored in the cache per group, as building it for a large country
    reads and keys thousands of rows."""
    out: dict[str, list[int]] = {}
    for rid in rids:
        k = _skeleton_of_key(place_key(rows[rid][0]))
        if len(k) >= 3:
            out.setdefault(k, []).append(rid)
    return out


class _Store:
    def __init__(self, path: Path) -> None:
        with open(path, "rb") as fh:
            self._mm = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        magic, head_len = _HEADER.unpack_from(self._mm, 0)
        if magic != _MAGIC:
            raise ValueError(f"{path}: not a gazetteer cache")
        base = _HEADER.size
        self.meta = marshal.loads(self._mm[base:base + head_len])
        self._base = base + head_len

    def section(self, n: int):
        """Section n, unmarshalled whole."""
        off, length = self.meta["toc"][n]
        start = self._base + off
        return marshal.loads(self._mm[start:start + length])

    def item(self, n: int, count: int, i: int):
        """Object i of the `count` objects of table section n."""
        start = self._base + self.meta["toc"][n][0]
        a, b = _OFFSETS.unpack_from(self._mm, start + 8 * i)
        data = start + 8 * (count + 1)
        return marshal.loads(self._mm[data + a:data + b])


class LazyRows:
    """The row list, a row unmarshalled on first access."""

    def __init__(self, store: _Store) -> None:
        self._store = store
        self._n = store.meta["nrows"]
        self._rows: dict[int, tuple] = {}

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, rid: int) -> tuple:
        row = self._rows.get(rid)
        if row is None:
            if not 0 <= rid < self._n:
                raise IndexError(rid)
            row = self._rows[rid] = self._store.item(0, self._n, rid)
        return row

    def __iter__(self):
        for rid in range(self._n):
            yield self[rid]


class LazyKeys:
    """key -> row ids, a bucket unmarshalled on first access."""

    def __init__(self, store: _Store) -> None:
        self._store = store
        self._buckets: dict[int, dict[str, tuple[int, ...]]] = {}

    def __len__(self) -> int:
        return self._store.meta["nkeys"]

    def get(self, key: str, default=None):
        b = _bucket(key)
        bucket = self._buckets.get(b)
        if bucket is None:
            bucket = self._buckets[b] = self._store.item(1, _KEY_BUCKETS, b)
        return bucket.get(key, default)

    def __contains__(self, key: str) -> bool:
        return self.get(key) is not None


class LazyCells:
    """1-degree cell -> ISO3 codes of its towns, unmarshalled on first access."""

    def __init__(self, store: _Store) -> None:
        self._store = store
        self._cells: dict | None = None

    def get(self, cell: tuple[int, int], default=None):
        if self._cells is None:
            self._cells = self._store.section(2)
        return self._cells.get(cell, default)


def load(path: Path) -> dict:
    """The index parts of a cache file, rows / keys / cells / skeleton maps lazy."""
    store = _Store(path)
    meta = store.meta
    data = {k: meta[k] for k in ("stop_words", "stop_phrases", "qualified_admin1", "person_titles")}
    data["rows"] = LazyRows(store)
    data["keys"] = LazyKeys(store)
    data["cells"] = LazyCells(store)
    tags = {t: i for i, t in enumerate(meta["skeleton_tags"])}
    data["skeletons"] = lambda tag: store.item(3, len(tags), tags[tag]) if tag in tags else {}  # on first loose match
    return data
