"""Read a seeds directory's ``manifest.json``: facts about articles that the text does not print.

Shape (see seeds/manifest.json)::

    {"files": [{"file": "000_x.txt",
                "articles": [{"title", "outlet", "url", "published", "published_precision"}, ...]}]}

Articles are listed in the order they appear in the file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ArticleFacts", "FileEntry", "read_manifest", "MANIFEST_NAME"]

MANIFEST_NAME = "manifest.json"


@dataclass(frozen=True)
class ArticleFacts:
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None
    published_precision: str


@dataclass(frozen=True)
class FileEntry:
    file: str
    articles: tuple[ArticleFacts, ...]


def _facts(raw: dict) -> ArticleFacts:
    return ArticleFacts(
        title=raw.get("title"),
        outlet=raw.get("outlet"),
        url=raw.get("url"),
        published=raw.get("published"),
        published_precision=raw.get("published_precision") or "day",
    )


def read_manifest(directory: str | Path) -> list[FileEntry]:
    """The manifest's file entries, in order; [] when the directory has no manifest."""
    path = Path(directory) / MANIFEST_NAME
    if not path.is_file():
        return []
    data = json.loads(path.read_text(encoding="utf-8"))
    return [
        FileEntry(file=entry["file"], articles=tuple(_facts(a) for a in entry.get("articles", [])))
        for entry in data.get("files", [])
    ]
