"""The shared document every extraction stage reads and annotates.

An article goes through ``segment -> mentions -> arguments -> incidents -> filters -> records``
(see pipeline.py). What a stage learns is written onto these objects, never into module globals:

* Sentence: a sentence of the body, with offsets;
* Clause: one independent clause of a sentence, with what the segment, filter and mention
  stages found in it (dates, the sentence's filter reason, its event classification, death counts);
* Incident: an event being built, turned into an output dict by records.py;
* ArticleState: the article being read (its country, the incidents so far, the last place and group).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..vocab import gazetteer
from .classify import Classification
from .dates import DateMention
from .numbers import Count

PRECISION = {"day": 1, "week": 2, "month": 3, 1: 1, 2: 2, 3: 3}


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass
class Clause:
    """An independent clause: the unit a mention (and so an incident or a continuation) is read from."""

    text: str
    offset: int  # into the article body
    dates: list[DateMention]  # the clause's own dates, offsets relative to the clause
    sentence_dates: list[DateMention]
    reason: str | None = None  # why the sentence is not a discrete incident (filters.py)
    quoted: bool = False
    masked_sentence: str = ""  # the whole sentence without its relative clauses, as the filters read it
    cls: Classification | None = None  # the event mention (mentions.py)
    deaths: list[Count] = field(default_factory=list)
    tolls: list[Count] = field(default_factory=list)
    recounts: list[Count] = field(default_factory=list)  # "the three protesters": the dead told before
    places: list = field(default_factory=list)  # gazetteer.PlaceMention, set by the places argument

    @property
    def span(self) -> tuple[int, int]:
        return self.offset, self.offset + len(self.text)


@dataclass
class ActorRead:
    """An actor the dictionary found in a clause."""

    name: str
    inter: int | None
    start: int
    victim: bool
    generic: bool = False
    end: int = -1


@dataclass
class Incident:
    """An event being built; turned into an output dict at the end."""

    cls: Classification
    event_date: date
    precision: int
    dated: bool
    place: gazetteer.Place | None
    iso3: str | None
    actor1: str = ""
    actor2: str = ""
    assoc1: str = ""
    assoc2: str = ""
    inter1: int | None = None
    inter2: int | None = None
    actor1_generic: bool = True
    civilian_targeting: bool = False
    fatalities: int = 0
    vague_count: bool = False  # the figure is a convention for "dozens"/"scores": any exact figure replaces it
    sources: list[tuple[int, int]] = field(default_factory=list)
    group: int = 0
    clause_text: str = ""
    place_text: str = ""
    place_own: bool = True  # the clause names the place itself (not the place told before)
    statement_dated: bool = False  # the only day the text gives is the day a statement was made
    # provenance for --explain: output field -> (stage, the words that set it); never in the normal output
    trace: dict[str, tuple[str, str]] = field(default_factory=dict, repr=False, compare=False)

    def note(self, fields: str, stage: str, words: str) -> None:
        """Record which stage set these (space-separated) fields, from which words."""
        for name in fields.split() + (["country"] if "iso3" in fields.split() else []):
            self.trace[name] = (stage, " ".join(words.split()))

    def fields(self) -> dict:
        """The fields a trace is kept for, to see what a step changed."""
        return {"event_type": self.cls.sub_event_type, "actor1": self.actor1, "actor2": self.actor2,
                "fatalities": self.fatalities, "location": self.place, "iso3": self.iso3,
                "assoc_actor_1": self.assoc1, "assoc_actor_2": self.assoc2}

    def note_changes(self, before: dict, stage: str, words: str) -> None:
        """Record `stage` for every traced field that differs from `before`."""
        changed = [k for k, v in self.fields().items() if before.get(k) != v]
        if "location" in changed:
            changed += ["admin1"]
        if "event_type" in changed:
            changed += ["sub_event_type"]
        if changed:
            self.note(" ".join(changed), stage, words)


@dataclass
class ArticleState:
    published: date
    pub_precision: int
    country: str | None
    last_place: gazetteer.Place | None = None
    last_place_text: str = ""
    incidents: list[Incident] = field(default_factory=list)
    group_counter: int = 0
    mentioned: frozenset[str] = frozenset()  # countries the article names: their places may be incident places
    recent_group: ActorRead | None = None  # the non-state armed group named last ("the group" refers to it)
    title: str = ""
    body: str = ""  # as published: evidence offsets point into it
    text: str = ""  # the body with the dateline blanked out
    sentences: list[Sentence] = field(default_factory=list)
    clauses: list[list[Clause]] = field(default_factory=list)  # per sentence
    records: list[dict] = field(default_factory=list)
    explain: bool = False  # add each incident's trace to its record
    crowd_frame: str = ""  # "protest" or "unrest" when the headline or lead is about them
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (clause, why the filters dropped it)

    def last_group(self) -> list[Incident]:
        if not self.incidents:
            return []
        return self.group_of(self.incidents[-1].group)

    def group_of(self, group: int) -> list[Incident]:
        """The incidents of one group, in order. The walk appends a group's incidents together, with a group
        number higher than any before: the group is read back from the end, not found among all incidents."""
        out = []
        for incident in reversed(self.incidents):
            if incident.group < group:
                break
            if incident.group == group:
                out.append(incident)
        out.reverse()
        return out
