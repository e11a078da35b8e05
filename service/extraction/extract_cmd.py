"""Reading article files for ``eventsvc extract`` and ``eventsvc load``.

``run(paths, published)`` returns one dict per article::

    {"title", "published", "published_precision", "outlet", "url", "file", "events": [...]}

* A directory reads its ``manifest.json`` and parses the files it lists, in order;
  the manifest gives each article's title, outlet, URL and publication date.
  Without a manifest, every ``.txt`` file in name order.
* A plain file is parsed too. Its publication date is, in order: ``--published``;
  the file's own ``published:`` header line; the manifest next to it when that lists
  the file; else today's date with precision "week" (the extractor then codes
  undated incidents at week precision, which is all an unknown date supports).
* ``--published`` overrides the date of every article (precision "day").

A file that cannot be read or parsed is reported (``read_files`` yields it with its
error) and skipped; the other files are still read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterator

from . import ArticleRecord, parse
from .manifest import ArticleFacts, read_manifest

__all__ = ["run", "read_files", "FileResult", "explain_text"]


@dataclass
class FileResult:
    path: Path
    records: list[ArticleRecord] = field(default_factory=list)
    facts: list[ArticleFacts] = field(default_factory=list)
    error: str | None = None

    def articles(self, with_body: bool = False) -> list[dict]:
        out = []
        for i, record in enumerate(self.records):
            fact = self.facts[i] if i < len(self.facts) else None
            url = fact.url if fact else record.header.get("url")
            item = {
                "title": record.title,
                "published": record.published.isoformat(),
                "published_precision": record.precision,
                "outlet": fact.outlet if fact else record.header.get("outlet"),
                "url": url,
                "file": str(self.path),
                "events": record.events,
            }
            if with_body:
                item["body"] = record.body
                # what identifies the article across edits: its URL, else its file and headline
                item["source_key"] = url or f"file:{self.path.name}#{record.title}"
            out.append(item)
        return out


def read_files(paths: list[str], published: str | None = None, explain: bool = False) -> Iterator[FileResult]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _read_directory(path, published, explain)
        else:
            yield _read_file(path, _facts_beside(path), published, explain)


def run(paths: list[str], published: str | None = None, explain: bool = False) -> list[dict]:
    """explain: each event carries an "explain" key (which stage set each field; see explain_text)."""
    out: list[dict] = []
    for result in read_files(paths, published, explain):
        if result.error:
            import sys
            print(f"skipped {result.path}: {result.error}", file=sys.stderr)
            continue
        out += result.articles()
    return out


def _read_directory(directory: Path, published: str | None, explain: bool = False) -> Iterator[FileResult]:
    try:
        entries = read_manifest(directory)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        yield FileResult(directory / "manifest.json", error=f"unreadable manifest: {exc}")
        return
    if not entries:
        for f in sorted(directory.glob("*.txt")):
            yield _read_file(f, [], published, explain)
        return
    for entry in entries:
        yield _read_file(directory / entry.file, list(entry.articles), published, explain)


def _facts_beside(path: Path) -> list[ArticleFacts]:
    try:
        entries = read_manifest(path.parent)
    except (OSError, ValueError, KeyError, TypeError):
        return []
    for entry in entries:
        if entry.file == path.name:
            return list(entry.articles)
    return []


def _read_file(path: Path, facts: list[ArticleFacts], published: str | None, explain: bool = False) -> FileResult:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return FileResult(path, facts=facts, error="file not found")
    except UnicodeDecodeError:
        return FileResult(path, facts=facts, error="not UTF-8 text")
    except OSError as exc:
        return FileResult(path, facts=facts, error=f"unreadable: {exc.strerror}")
    if "\x00" in text:
        return FileResult(path, facts=facts, error="binary content, not an article")
    try:
        records = parse(text, published=published, facts=facts, default_published=date.today().isoformat(),
                        explain=explain)
    except ValueError as exc:  # a bad date in the manifest or header
        return FileResult(path, facts=facts, error=f"cannot parse: {exc}")
    if not records:
        return FileResult(path, facts=facts, error="no article found (a headline and a body are needed)")
    return FileResult(path, records=records, facts=facts)


MAIN_FIELDS = ("event_date", "event_type", "sub_event_type", "actor1", "actor2", "country", "admin1", "location",
               "fatalities")


def explain_text(article: dict) -> str:
    """A readable block per event: its main fields, the stage and words that set each, then what the
    filters dropped in the article and why."""
    lines = [f"# {article['title']} ({article.get('published')})"]
    dropped: list[dict] = []
    for n, ev in enumerate(article["events"], 1):
        trace = ev.get("explain", {})
        fields = trace.get("fields", {})
        dropped = trace.get("dropped", dropped)
        lines.append(f"event {n}: {ev['sub_event_type']} on {ev['event_date']}")
        for name in MAIN_FIELDS:
            set_by = fields.get(name)
            how = f"  <- {set_by['stage']}: \"{set_by['words']}\"" if set_by else ""
            lines.append(f"  {name:<15} {ev.get(name)!s:<40}{how}")
        lines.append(f"  evidence        \"{' '.join(ev['evidence'].split())}\"")
    lines.append("dropped by the filters:" if dropped else "dropped by the filters: nothing")
    lines += [f"  - {d['why']}: \"{d['text']}\"" for d in dropped]
    return "\n".join(lines)
