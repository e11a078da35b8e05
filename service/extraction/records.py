"""Stage: records. Incidents -> ACLED-style output dicts (with evidence, confidence and a one-line summary),
the same incident told twice merged into one."""

from __future__ import annotations

import math
import re
from functools import lru_cache

import yaml

from ..vocab import actors as actor_dictionary
from ..vocab import countries
from .arg_places import GENERIC_WORDS
from .classify import DATA_DIR, disorder_type
from .document import ArticleState, Incident


@lru_cache(maxsize=1)
def _confidence_model() -> dict:
    with open(DATA_DIR / "confidence.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def confidence(record: dict) -> float:
    """The chance the event matches a careful coder's, from what the record shows (service/data/confidence.yaml)."""
    model = _confidence_model()
    features = {
        "town": record["geo_precision"] == 1, "coarse": record["geo_precision"] == 3,
        "dated": record["time_precision"] == 1, "fatal": record["fatalities"] > 0,
        "told3": len(record["sources"]) >= 3, "vac": record["event_type"] == "Violence against civilians",
        "crowd": record["event_type"] in ("Protests", "Riots"),
        "lead": record["evidence_start"] < model["lead_chars"],
    }
    score = model["bias"] + sum(w for name, w in model["weights"].items() if features[name])
    return round(1 / (1 + math.exp(-score)), 2)


# ACLED codes these territories inside the state that holds them, with the territory as admin1.
TERRITORIES = {"HKG": ("CHN", "Hong Kong"), "MAC": ("CHN", "Macau")}


def _as_acled_codes_territories(record: dict) -> None:
    held = TERRITORIES.get(record["iso3"] or "")
    if held is None:
        return
    state = countries.by_iso3(held[0])
    record["iso3"], record["country"], record["admin1"] = held[0], state.name if state else held[0], held[1]


def to_record(incident: Incident, body: str, state: ArticleState) -> dict:
    place = incident.place
    country = countries.by_iso3(incident.iso3) if incident.iso3 else None
    start, end = incident.sources[0]
    interaction = actor_dictionary.interaction(incident.inter1, incident.inter2) if incident.inter1 is not None else None
    record = {
        "event_date": incident.event_date.isoformat(),
        "time_precision": incident.precision,
        "event_type": incident.cls.event_type,
        "sub_event_type": incident.cls.sub_event_type,
        "disorder_type": disorder_type(incident.cls.event_type),
        "actor1": incident.actor1 or None,
        "assoc_actor_1": incident.assoc1 or None,
        "inter1": incident.inter1,
        "actor2": incident.actor2 or None,
        "assoc_actor_2": incident.assoc2 or None,
        "inter2": incident.inter2,
        "interaction": interaction,
        "civilian_targeting": incident.civilian_targeting,
        "iso3": incident.iso3,
        "country": country.name if country else None,
        "admin1": place.admin1 if place else None,
        "admin2": place.admin2 if place else None,
        "location": location_name(incident),
        "latitude": place.latitude if place else None,
        "longitude": place.longitude if place else None,
        "geo_precision": place.geo_precision if place else None,
        "fatalities": incident.fatalities,
        "notes": "",
        "evidence": body[start:end],
        "evidence_start": start,
        "evidence_end": end,
        "confidence": 0.0,
        "sources": [{"evidence": body[s:e], "start": s, "end": e} for s, e in incident.sources],
    }
    _as_acled_codes_territories(record)
    record["notes"] = summary(record)
    return record



def location_name(incident: Incident) -> str | None:
    """The place as the article spells it for towns (what a coder writes), the gazetteer's name otherwise."""
    place = incident.place
    if place is None:
        return None
    if place.kind in ("town", "feature") and incident.place_text:
        return GENERIC_WORDS.sub("", incident.place_text.strip())
    return place.name


def summary(record: dict) -> str:
    who = record["actor1"] or "Unidentified actors"
    whom = f" against {record['actor2']}" if record["actor2"] else ""
    where = ", ".join(x for x in (record["location"], record["admin1"], record["country"]) if x) or "an unknown place"
    return (f"On {record['event_date']}, {who}: {record['sub_event_type'].lower()}{whom} in {where}; "
            f"{record['fatalities']} reported fatalities.")


def dedup_key(event: dict) -> tuple:
    """Same day, place, type, sub-type and actors: the same incident, whichever article told it.

    The sub-type is last so that stored keys could be extended in place (sql/004_review_fixes.sql).
    """
    def norm(value):
        return re.sub(r"\W+", "", str(value or "")).lower()
    return (
        str(event.get("event_date"))[:10], norm(event.get("iso3")), norm(event.get("admin1")),
        norm(event.get("location")), norm(event.get("event_type")),
        tuple(sorted((norm(event.get("actor1")), norm(event.get("actor2"))))), norm(event.get("sub_event_type")),
    )


def merge_duplicates(events: list[dict]) -> list[dict]:
    """One event per incident: later tellings add their evidence to the first."""
    out: dict[tuple, dict] = {}
    for n, event in enumerate(events):
        key = dedup_key(event)
        if not event["location"] and not event["admin1"]:
            key += (n,)  # nothing says two unplaced incidents are the same one
        if key in out:
            kept = out[key]
            known = {(s["start"], s["end"]) for s in kept["sources"]}
            kept["sources"] += [s for s in event["sources"] if (s["start"], s["end"]) not in known]
            kept["fatalities"] = max(kept["fatalities"], event["fatalities"])
            continue
        out[key] = event
    return list(out.values())


def make_records(state: ArticleState) -> ArticleState:
    """Every incident as an output dict, duplicates merged."""
    events = [to_record(i, state.body, state) for i in state.incidents]
    if state.explain:
        for incident, event in zip(state.incidents, events):
            event["explain"] = explanation(incident, state)
    state.records = merge_duplicates(events)
    for record in state.records:
        record["confidence"] = confidence(record)
    return state


def explanation(incident: Incident, state: ArticleState) -> dict:
    """Which stage set each field, from which words, and what the filters dropped in the article."""
    return {
        "fields": {name: {"stage": stage, "words": words} for name, (stage, words) in incident.trace.items()},
        "dropped": [{"text": " ".join(text.split()), "why": why} for text, why in state.dropped],
    }
