"""Coding articles off the request threads, so that writes never starve reads.

Extraction is CPU-bound Python: run in a web worker's thread it holds the GIL and the reads of that worker wait
behind it. Here it runs in a small pool of separate processes (EXTRACT_PROCESSES per web worker, started on first
use, at a lower CPU priority), while the request thread waits without the GIL and without a database connection.
With EXTRACT_PROCESSES=0 articles are coded in the request thread, as the command-line loader does.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from ..errors import Unavailable
from ..extraction import extract

log = logging.getLogger(__name__)
# seconds one article may take to code (2 MB, the largest body, takes about 16 s) before the request gets a 503
CODING_TIMEOUT = 120
NICENESS = 10  # below the web workers: a read gets the CPU before another sentence is coded

_pools: dict[int, ProcessPoolExecutor] = {}
_lock = threading.Lock()


def _lower_priority() -> None:
    try:
        os.nice(NICENESS)
    except OSError:  # not permitted here: run at the same priority
        pass


def _pool(processes: int) -> ProcessPoolExecutor:
    with _lock:
        pool = _pools.get(processes)
        if pool is None:
            # spawn, not fork: the web worker has threads, and a forked copy of a held lock never unlocks
            pool = ProcessPoolExecutor(max_workers=processes, mp_context=multiprocessing.get_context("spawn"),
                                       initializer=_lower_priority)
            _pools[processes] = pool
        return pool


def _reset(processes: int, broken: ProcessPoolExecutor) -> None:
    with _lock:
        if _pools.get(processes) is broken:
            del _pools[processes]
    broken.shutdown(wait=False, cancel_futures=True)


def _extract(title: str, body: str, published, precision: int) -> list[dict]:
    """extract(), except that an article dated at the edge of the calendar (year 1 or 9999), where the dates it
    would resolve fall outside what a date can hold, is stored without events rather than failing."""
    try:
        return extract(title, body, published, precision)
    except OverflowError:
        log.warning("article published %s: its dates cannot be resolved; coded no events", published)
        return []


def extract_events(title: str, body: str, published, precision: int, processes: int) -> list[dict]:
    """The incidents of one article, coded in the pool (or here, with processes=0)."""
    if processes <= 0:
        return _extract(title, body, published, precision)
    pool = _pool(processes)
    try:
        try:
            return pool.submit(_extract, title, body, published, precision).result(timeout=CODING_TIMEOUT)
        except BrokenProcessPool:  # a coding process died (killed, out of memory): start afresh, once
            _reset(processes, pool)
            pool = _pool(processes)
            return pool.submit(_extract, title, body, published, precision).result(timeout=CODING_TIMEOUT)
    except (BrokenProcessPool, TimeoutError) as exc:
        _reset(processes, pool)  # a pool that hangs or keeps dying is replaced; the article is not stored
        raise Unavailable("the article could not be coded now; try again later",
                          headers={"Retry-After": "30"}) from exc
