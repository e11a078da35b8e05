"""Article -> ACLED-style incident records, as a pipeline of stages run in a declared order.

Each stage is a function that takes the ArticleState (document.py), writes what it learns onto it and
returns it:

    segment   sentences and clauses, the dateline and background relative clauses masked   segment.py
    filters   why a sentence is not a discrete incident (background, year, aggregate toll)  filters.py
    mentions  each clause's event mention (type, sub-type, trigger)                         mentions.py
    counts    each clause's death counts and tolls                                          arg_counts.py
    setting   the article's country and the countries it names                           arg_countries.py
    incidents the walk: new incident or continuation, with places, dates and actors        incidents.py
    grouping  background out; a general account merged with its detail, summaries dropped    coref.py
    records   incidents -> output dicts, duplicates merged                                  records.py

The first stages read each clause on its own; the walk is sequential (a clause's place, date chain and
"the group" read what the earlier clauses set), so the per-clause arguments are attached there.
"""

from __future__ import annotations

from datetime import date
from typing import Callable

from . import arg_counts, arg_countries, coref, filters, incidents, mentions, records, segment
from .arg_actors import find_clause_actors
from .document import PRECISION, ActorRead, ArticleState, Incident, Sentence
from .records import dedup_key
from .segment import mask_dateline, split_sentences

__all__ = ["extract", "split_sentences", "dedup_key", "Sentence", "PIPELINE",
           "ActorRead", "Incident", "find_clause_actors", "mask_dateline"]

Stage = Callable[[ArticleState], ArticleState]

PIPELINE: list[tuple[str, Stage]] = [
    ("segment", segment.segment),
    ("filters", filters.filter_sentences),
    ("mentions", mentions.read_mentions),
    ("counts", arg_counts.read_counts),
    ("setting", arg_countries.place_article),
    ("incidents", incidents.walk),
    ("grouping", coref.group),
    ("records", records.make_records),
]


def extract(title: str, body: str, published: date, published_precision: str | int = "day",
            explain: bool = False) -> list[dict]:
    """Every incident the article reports, as ACLED-style dicts.

    explain: add to each event an "explain" key: which stage set each field from which words, and the
    clauses the filters dropped and why.
    """
    state = ArticleState(published, PRECISION.get(published_precision, 1), None, title=title, body=body,
                         explain=explain)
    for _name, stage in PIPELINE:
        state = stage(state)
    return state.records
