"""`eventsvc import acled FILE.csv`: an ACLED-layout file into the normalized schema, in one transaction.

Rows are read and checked in Python (acled_rows.py: a bad row is reported with its line number and skipped),
streamed into a staging table with COPY, then turned into places, actors, events, actor links and history
entries by a few set-based statements (queries.sql). Importing is idempotent by `event_id_cnty`: the events a
file brought are updated by the next import of it, never added again, and an event deleted here stays deleted.
"""
from __future__ import annotations

import csv
import time
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from ..db import Database
from . import QUERIES
from .acled_rows import BadRow, staging_row
from .bulk import indexes_set_aside, wanted
from .fast_rows import FastRows

MAX_REPORTED = 50  # bad rows listed one by one; the rest are counted
PROGRESS_EVERY = 1000  # rows between two updates of the progress bar
# Named statements of queries.sql run after the file's events are stored, linked and logged (import_touched then
# holds every created or changed event: event_id, external_id, action), before bulk mode rebuilds indexes and
# rollups: the place for a set-based step over the imported events that a disabled trigger would have done.
AFTER_STORE: tuple[str, ...] = ("refresh_imported_search",)


@dataclass
class ImportSummary:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted_here: int = 0
    duplicates: int = 0
    places: int = 0
    actors: int = 0
    bad: list[tuple[int, str]] = field(default_factory=list)
    bad_count: int = 0
    seconds: float = 0.0
    bulk: bool = False

    def describe(self) -> str:
        rate = self.rows / self.seconds if self.seconds else 0
        text = (f"rows: {self.rows} read in {self.seconds:.1f} s ({rate:,.0f} rows/s); events: {self.created} created, "
                f"{self.updated} updated, {self.unchanged} unchanged; {self.places} new places, {self.actors} new "
                f"actors{' (bulk mode: indexes rebuilt)' if self.bulk else ''}")
        if self.deleted_here:
            text += f"; {self.deleted_here} deleted here and left deleted"
        if self.duplicates:
            text += f"; {self.duplicates} earlier rows of a repeated event_id_cnty ignored"
        if self.bad_count:
            text += f"; {self.bad_count} bad rows skipped:"
            text += "".join(f"\n  line {line}: {reason}" for line, reason in self.bad)
            if self.bad_count > len(self.bad):
                text += f"\n  ... and {self.bad_count - len(self.bad)} more"
        return text


def _rows_of(reader) -> Iterator[list[str]]:
    """The reader's rows (blank lines skipped, as a DictReader skips them); a row csv itself cannot read (a field
    over its size limit) stops the file with the number of the line it starts on rather than a traceback."""
    last = reader.line_num
    try:
        for cells in reader:
            if cells:
                yield cells
            last = reader.line_num
    except csv.Error as exc:
        raise BadRow(f"line {last + 1}: {exc}") from None


def _as_dict(header: list[str], cells: list[str]) -> dict:
    """The row as csv.DictReader gives it: missing cells None, extra ones in a list under None."""
    row = dict(zip(header, cells))
    if len(cells) < len(header):
        row.update((name, None) for name in header[len(cells):])
    elif len(cells) > len(header):
        row[None] = cells[len(header):]
    return row


def _rows(path: Path, summary: ImportSummary, progress) -> Iterator[tuple]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if not header or "event_id_cnty" not in header:
            raise BadRow("the header has no event_id_cnty column: not an ACLED-layout file")
        fast = FastRows(header)
        for cells in _rows_of(reader):
            summary.rows += 1
            if summary.rows % PROGRESS_EVERY == 0:
                progress.update(PROGRESS_EVERY)
            line = reader.line_num
            staged = fast.row(line, cells)
            if staged is not None:
                yield staged
                continue
            try:
                yield staging_row(line, _as_dict(header, cells))
            except BadRow as exc:
                summary.bad_count += 1
                if len(summary.bad) < MAX_REPORTED:
                    summary.bad.append((line, str(exc)))
        progress.update(summary.rows % PROGRESS_EVERY)


def import_acled(url: str, path: str | Path, *, who: str | None = None, progress: bool = True,
                 bulk: bool | None = None) -> ImportSummary:
    """Import one file; raises BadRow when the file is not ACLED-layout at all (nothing is changed then).

    `bulk`: set indexes and foreign keys aside while loading (bulk.py); None decides by the file's size."""
    from tqdm import tqdm

    path = Path(path)
    who = " ".join((who or f"import:{path.name}").split())[:200]  # the history's limit
    summary = ImportSummary()
    started = time.monotonic()
    database = Database(url, min_size=1, max_size=1, statement_timeout_ms=0, queries=dict(QUERIES))
    try:
        with database.session() as s, tqdm(desc="rows", unit=" rows", disable=not progress) as bar:
            s.one("import_work_memory")
            s.execute("create_import_staging")
            s.execute("create_import_touched")
            staged = s.copy_rows("copy_import_staging", _rows(path, summary, bar))
            summary.bulk = wanted(s, staged, bulk)
            bar.set_description("storing")
            with indexes_set_aside(s) if summary.bulk else nullcontext():
                _store(s, summary, who)
    finally:
        database.close()
    summary.seconds = time.monotonic() - started
    return summary


def _store(s, summary: ImportSummary, who: str) -> None:
    summary.duplicates = s.execute("keep_last_row_per_id")
    summary.places = s.one("import_locations")["n"]
    summary.actors = s.one("import_actors", {"who": who})["n"]
    s.execute("snapshot_import_targets")
    s.execute("insert_imported_events")
    s.execute("update_imported_events")
    s.execute("unlink_updated_imports")
    s.execute("link_imported_actors")
    s.execute("log_created_imports", {"who": who})
    s.execute("log_updated_imports", {"who": who})
    for name in AFTER_STORE:
        s.execute(name)
    counts = s.one("import_counts")
    summary.created, summary.updated, summary.deleted_here = counts["created"], counts["updated"], counts["deleted_here"]
    summary.unchanged = summary.rows - summary.bad_count - summary.duplicates - summary.created - summary.updated \
        - summary.deleted_here
