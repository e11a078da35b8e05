"""Every resource's named queries, for a Database used outside the app (the loader)."""
from __future__ import annotations


def all_queries() -> dict[str, str]:
    from . import actors, articles, auth, events

    merged: dict[str, str] = {}
    for module in (events, actors, articles, auth):
        clash = set(merged) & set(module.QUERIES)
        if clash:
            raise ValueError(f"query names defined twice: {sorted(clash)}")
        merged.update(module.QUERIES)
    return merged
