"""Where the vocabularies keep their compiled forms between processes.

``$XDG_CACHE_HOME/eventsvc`` (default ``~/.cache/eventsvc``); ``EVENTSVC_PLACES_CACHE=0`` disables the
cache, any other value is used as the cache directory.  Files are written atomically, and into the temp
directory when the cache directory is read-only."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def cache_dir() -> Path | None:
    setting = os.environ.get("EVENTSVC_PLACES_CACHE", "").strip()
    if setting.lower() in {"0", "false", "no", "off"}:
        return None
    if setting and setting.lower() not in {"1", "true", "yes", "on"}:
        return Path(setting)
    return Path(os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "eventsvc")


def fallback(path: Path) -> Path:
    """The same file name in the temp-directory fallback."""
    return Path(tempfile.gettempdir()) / "eventsvc-cache" / path.name


def existing(path: Path | None) -> Path | None:
    """`path` or its temp-directory fallback, whichever exists."""
    if path is None:
        return None
    for p in (path, fallback(path)):
        if p.exists():
            return p
    return None


def write(path: Path, payload: bytes, stale_glob: str) -> None:
    """Write atomically; remove the older files of the same kind (`stale_glob`) next to it."""
    for target in (path, fallback(path)):
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(f".tmp{os.getpid()}")
            with open(tmp, "wb") as fh:
                fh.write(payload)
            os.replace(tmp, target)
        except OSError:
            continue
        for old in target.parent.glob(stale_glob):
            if old != target:
                try:
                    old.unlink()
                except OSError:
                    pass
        return
