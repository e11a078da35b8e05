"""The on-disk layout of the gazetteer cache: loaded lazily, a shard at a time.

One file: a 16-byte header (magic, length of the table of contents), a ``marshal``ed table of contents
(the small stop lists, the number of rows, and (offset, length) of every shard), then the shards, each a
``marshal``ed object: blocks of ``_ROWS_PER_BLOCK`` rows, key -> row ids maps bucketed by a CRC of the key,
and the 1-degree cells.  The file is memory-mapped and a shard is unmarshalled when a lookup first needs it,
so a process that codes one article reads a few MB instead of the whole index (~0.4 s).
"""

from __future__ import annotations

import marshal
import mmap
import struct
import zlib
from pathlib import Path

_MAGIC = b"EVGZ0001"
_HEADER = struct.Struct("<8sQ")
_ROWS_PER_BLOCK = 4096
_KEY_BUCKETS = 1024


def _bucket(key: str) -> int:
    return zlib.crc32(key.encode("utf-8")) % _KEY_BUCKETS


def dump(data: dict) -> bytes:
    """The cache file's bytes for a built index (the dict of `_Builder.build`)."""
    rows = data["rows"]
    buckets: list[dict[str, tuple[int, ...]]] = [{} for _ in range(_KEY_BUCKETS)]
    for k, ids in data["keys"].items():
        buckets[_bucket(k)][k] = tuple(ids)
    shards = [marshal.dumps(rows[i:i + _ROWS_PER_BLOCK]) for i in range(0, len(rows), _ROWS_PER_BLOCK)]
    shards += [marshal.dumps(b) for b in buckets]
    shards.append(marshal.dumps(data["cells"]))
    toc, offset = [], 0
    for s in shards:
        toc.append((offset, len(s)))
        offset += len(s)
    meta = {k: data[k] for k in ("stop_words", "stop_phrases", "qualified_admin1", "person_titles")}
    meta.update(nrows=len(rows), nkeys=len(data["keys"]), toc=toc)
    head = marshal.dumps(meta)
    return b"".join([_HEADER.pack(_MAGIC, len(head)), head, *shards])


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

    def shard(self, n: int):
        off, length = self.meta["toc"][n]
        start = self._base + off
        return marshal.loads(self._mm[start:start + length])


class LazyRows:
    """The row list, a block unmarshalled on first access."""

    def __init__(self, store: _Store) -> None:
        self._store = store
        self._n = store.meta["nrows"]
        self._blocks: dict[int, list[tuple]] = {}

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, rid: int) -> tuple:
        b = rid // _ROWS_PER_BLOCK
        block = self._blocks.get(b)
        if block is None:
            block = self._blocks[b] = self._store.shard(b)
        return block[rid - b * _ROWS_PER_BLOCK]

    def __iter__(self):
        for rid in range(self._n):
            yield self[rid]


class LazyKeys:
    """key -> row ids, a bucket unmarshalled on first access."""

    def __init__(self, store: _Store, first_shard: int) -> None:
        self._store = store
        self._first = first_shard
        self._buckets: dict[int, dict[str, tuple[int, ...]]] = {}

    def __len__(self) -> int:
        return self._store.meta["nkeys"]

    def get(self, key: str, default=None):
        b = _bucket(key)
        bucket = self._buckets.get(b)
        if bucket is None:
            bucket = self._buckets[b] = self._store.shard(self._first + b)
        return bucket.get(key, default)

    def __contains__(self, key: str) -> bool:
        return self.get(key) is not None


class LazyCells:
    """1-degree cell -> ISO3 codes of its towns, unmarshalled on first access."""

    def __init__(self, store: _Store, shard: int) -> None:
        self._store = store
        self._shard = shard
        self._cells: dict | None = None

    def get(self, cell: tuple[int, int], default=None):
        if self._cells is None:
            self._cells = self._store.shard(self._shard)
        return self._cells.get(cell, default)


def load(path: Path) -> dict:
    """The index parts of a cache file, rows / keys / cells lazy."""
    store = _Store(path)
    meta = store.meta
    nblocks = (meta["nrows"] + _ROWS_PER_BLOCK - 1) // _ROWS_PER_BLOCK
    data = {k: meta[k] for k in ("stop_words", "stop_phrases", "qualified_admin1", "person_titles")}
    data["rows"] = LazyRows(store)
    data["keys"] = LazyKeys(store, nblocks)
    data["cells"] = LazyCells(store, nblocks + _KEY_BUCKETS)
    return data
