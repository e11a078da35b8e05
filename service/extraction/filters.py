"""Stage: filters. Why a sentence or clause is not a discrete, recent, real incident.

A sentence is background (a lexicon cue, or a year that is not this one), a crime story, or an
aggregate toll summing up many incidents; a clause is future/planned/denied, commentary on
violence in general, or a claim of responsibility (which adds to an incident, never starts one).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from .arg_counts import TOLL_UPDATE
from .classify import Classification, context_flags, context_match, context_matches, cue_matches
from .dates import DateMention
from .document import ArticleState, Clause
from .numbers import death_counts
from .prefilter import lowered, may_match, needed

# (not a figure of people or things: "holding more than 2000 inmates")
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b(?!\s+(?:[a-z]+\s+)?(?:people|inmates|prisoners|troops|soldiers|"
                  r"police(?:men)?|officers|fighters|residents|families|households|homes|houses|students|workers|"
                  r"protesters|demonstrators|refugees|migrants|civilians|members|men|women|children)\b)")
QUOTE_START = re.compile(r"^\s*[\"\u201c]")
SUBORDINATE_TAIL = re.compile(r"\b(?:under which|in which|whereby|so that|after accusing|accusing)\b.*$", re.I | re.S)
# "one of the largest protests in the capital this year", "the deadliest attack since 2019": a comparison,
# not a report of earlier events.
SUPERLATIVE = re.compile(
    r"\b(?:the|its|their)\s+(?:\w+est|most\s+\w+|worst|first|second|third)\b(?:\s+[\w'-]+){0,6}?\s+"
    r"(?:(?:in|of)\s+(?:the\s+)?(?:\w+\s+){0,2}?)?(?:this|last|past)\s+year\b", re.I)
# "a fresh wave of attacks", "a string of violent incidents", "clashes around the country": many incidents
# "the latest in a string of attacks" compares the incident with others; it sums none of them up
SUMMARY_WORDS = re.compile(r"(?<!latest in a )(?<!latest in the )(?<!latest of a )\b(?:wave|series|string|spate|spree|round|surge)\s+of\b|\b(?:across|around|throughout)\s+the\s+"
                           r"(?:country|province|region|state)\b|\bnationwide\b|\b(?:various|several|different|many|other)\s+"
                           r"(?:parts|areas|places|towns|cities|districts)\b"
                           # "a fresh attack on three villages": several incidents summed up
                           r"|\b(?:attacks?|raids?)\s+on\s+(?:two|three|four|five|six|seven|eight|nine|ten|several|\d+)\s+"
                           r"(?:villages|towns|communities|localities|settlements)\b", re.I)
HEDGE = re.compile(r"\b(?:more than|over|at least|nearly|some|about|around|almost|hundreds|thousands|tens of)\b", re.I)
HEDGE_NEEDS = needed(HEDGE.pattern, HEDGE.flags)  # the words a hedge is written with (prefilter.py)
THE_INCIDENT = re.compile(r"\bthe\s+(?:\w+\s+)?(?:attack|strike|bombing|blast|explosion|raid|"
                          r"massacre|shelling|ambush|assault)\b", re.I)


# "... were killed in one of the deadliest ambushes in recent years": the incident compared with others, in a
# sentence that reports it; not a sentence about the years before
COMPARED = re.compile(
    r"\b(?:in\s+|as\s+|was\s+)?one\s+of\s+the\s+(?:\w+est|worst|most\s+\w+)\b(?:\s+[\w'-]+){0,6}?\s+"
    r"(?:in\s+(?:recent\s+)?(?:years|decades|months)|in\s+(?:\w+\s+){0,3}history|on\s+record|"
    r"since\s+(?:\w+\s+)?(?:19|20)\d\d)\b"
    # "..., the deadliest day so far of the protests", "the worst attack yet"
    r"|\b(?:the|its|their)\s+(?:\w+est|worst|most\s+\w+)\s+(?:[\w'-]+\s+){0,3}?(?:so\s+far|yet|to\s+date)\b", re.I)


# "Rebels of the ADF, an Islamist group that has operated in the region since the 1990s, carried out ...": the
# history of a group named in passing, not the sentence's news
ACTOR_ASIDE = re.compile(r",\s+(?:an?|the)\s+[^,;]{0,140}?\b(?:that|which|who)\s+(?:has|have|had)\s+[^,;]{0,140},", re.I)
# "..., the latest in a series of targeted attacks over the last 18 months": the incident set among others
LATEST_TAIL = re.compile(r",\s+(?:in\s+)?(?:the|a)\s+latest\s+(?:in|of)\s+[^.;]*", re.I)


def background_reason(text: str, published: date, dates: list[DateMention]) -> str | None:
    """Why a sentence is not a discrete recent incident (None when it may be one)."""
    text = SUPERLATIVE.sub(lambda m: " " * len(m.group(0)), text)
    text = ACTOR_ASIDE.sub(lambda m: " " * len(m.group(0)), text)
    # (the masks first asked about: they rarely match, and without a match the counts are not needed)
    if (COMPARED.search(text) or LATEST_TAIL.search(text)) and (death_counts(text) or cue_matches("clash", text)):
        text = COMPARED.sub(lambda m: " " * len(m.group(0)), text)
        text = LATEST_TAIL.sub(lambda m: " " * len(m.group(0)), text)
    flags = context_flags(text)
    if "background" in flags and _dated_with_aside(text, published, dates):
        flags.discard("background")
    for name in ("crime", "background", "scope"):
        if name in flags:
            return name
    for m in YEAR.finditer(text):
        if int(m.group(1)) >= published.year and re.search(r"\bthe\s+$", text[max(0, m.start() - 4):m.start()]):
            continue  # a year naming a thing to come: "cuts in the 2021 budget"
        year_ok = any(d.start <= m.start() < d.end and d.date and abs((published - d.date).days) <= 60 for d in dates)
        if not year_ok:
            return "year"
    return None


# Time words that place an aside in the past ("protested the seizure of power last year")
TIMELINE = re.compile(r"^(?:last|this|past)\s+year$|^since$|^for\s+", re.I)


def _dated_with_aside(text: str, published: date, dates: list[DateMention]) -> bool:
    """"Police fired tear gas Saturday at activists who protested the king's seizure of power last year": a day of
    this week comes first, and the only background words are a time aside after it."""
    recent = [d for d in dates if d.date and not d.statement and d.kind in ("weekday", "absolute", "relative", "night")
              and timedelta(0) <= published - d.date <= timedelta(days=7)]
    if not recent:
        return False
    cues = context_matches("background", text)
    return bool(cues) and all(TIMELINE.match(m.group(0)) and m.start() > recent[0].end for m in cues)


def aggregate_toll(text: str, dates: list[DateMention]) -> bool:
    """"More than 500 people were killed in the crackdown": a hedged toll in the hundreds with no day
    attached, away from the lead, sums up many incidents."""
    if any(d.date is not None or d.kind == "chain" for d in dates):
        return False
    if TOLL_UPDATE.search(text) or THE_INCIDENT.search(text):
        return False  # an update of the incident just told
    if not may_match(HEDGE_NEEDS, lowered(text)):
        return False  # no hedge word anywhere, so none before any figure
    return any(c.value >= 100 and HEDGE.search(text[max(0, c.start - 20):c.end])
               for c in death_counts(text) if c.role in ("death", "toll"))


def sentence_reason(masked: str, dates: list[DateMention], published: date, index: int) -> str | None:
    """Background, year or crime; else an aggregate toll (never in the lead sentence)."""
    reason = background_reason(masked, published, dates)
    if reason == "scope" and index <= 1 and any(d.date and not d.statement and 0 <= (published - d.date).days <= 7
                                                 for d in dates):
        reason = None  # "security forces killed three yesterday as protesters marched across the country"
    if reason is None and index > 0 and aggregate_toll(masked, dates):
        reason = "aggregate"
    if reason is None and index > 0 and TALLY_SPAN.search(masked) \
            and not any(c.role == "death" for c in death_counts(masked)):
        reason = "aggregate"  # "15 people were arrested in three townships during two days of operations"
    return reason


# a figure summed over several days of operations or unrest
TALLY_SPAN = re.compile(r"\b(?:during|over|in|after)\s+(?:the\s+)?(?:two|three|four|five|six|seven|several|few|\d+)\s+days?\s+of\b",
                        re.I)


def filter_sentences(state: ArticleState) -> ArticleState:
    """Mark every clause of a background, year, crime or aggregate sentence with the reason."""
    told: list[str] = []  # the sentences so far, with their reasons
    reasons: list[str | None] = []
    for index, clauses in enumerate(state.clauses):
        if not clauses:
            continue
        first = clauses[0]
        reason = sentence_reason(first.masked_sentence, first.sentence_dates, state.published, index)
        if reason is None and reasons and reasons[-1] == "background" and _tells_more_of(first, told):
            reason = "background"
        for clause in clauses:
            clause.reason = reason
        told.append(first.masked_sentence)
        reasons.append(reason)
    return state


# "the ambush", "the attack": an act named again by a definite noun
THE_ACT = re.compile(r"\bthe\s+(?:[\w-]+\s+)?(attack|ambush|strike|bombing|blast|explosion|raid|massacre|shelling|"
                     r"assault|encounter|clash|fighting|killing|shooting)(?:e?s)?\b", re.I)


def _tells_more_of(clause: Clause, told: list[str]) -> bool:
    """"This comes days after twelve soldiers were killed in an ambush. Five others were injured in the ambush":
    an undated sentence that names again, by a definite noun, the act of the background sentence just before it
    (and not one told earlier) tells more of that background."""
    if any(d.date for d in clause.sentence_dates):
        return False
    acts = {m.group(1).lower() for m in THE_ACT.finditer(clause.masked_sentence)}
    if not acts or len(told) < 1:
        return False
    background, earlier = told[-1].lower(), " ".join(told[:-1]).lower()
    return any(re.search(r"\b" + act, background) and not re.search(r"\b" + act, earlier) for act in acts)


def is_unreal(clause: str, cls: Classification) -> bool:
    """Future, planned, threatened or denied: a marker that governs the incident's words.

    Only markers before the last trigger count, so "agreed to a truce under which the group
    will reopen roads" and "beat two men to death after accusing them" stay incidents.
    """
    head = SUBORDINATE_TAIL.sub("", clause[:max(cls.trigger_last, 1)])
    return context_match("future", head) is not None


def dropped(clause: Clause) -> bool:
    """The clause tells no incident at all: its sentence is filtered, or its mention is unreal."""
    return clause.reason is not None or (clause.cls is not None and is_unreal(clause.text, clause.cls))


def drop_reason(clause: Clause) -> str:
    """Why a dropped clause tells no incident, in words (for --explain)."""
    if clause.reason is not None:
        return {"year": "background: a year other than this one", "aggregate": "an aggregate toll of many incidents",
                "crime": "crime, not political violence", "background": "background",
                "scope": "a summary of many places"}.get(clause.reason, clause.reason)
    return "future, planned, threatened or denied"


def follow_up_reason(clause: Clause) -> str:
    """Why a clause with an event mention only adds to the previous incident (for --explain)."""
    if clause.quoted:
        return "a quote: added to the previous incident, not an incident of its own"
    if is_claim(clause.text):
        return "a claim of responsibility: added to the previous incident"
    if is_retelling(clause):
        return "a funeral, picture or video of an act already told, or people who fled it: added to it"
    return "no arrest reported"


def generic_violence_only(clause: str) -> bool:
    """"measures have done little to curb the attacks": violence named only as a plural noun."""
    hits = cue_matches("violence", clause)
    return bool(hits) and all(re.fullmatch(r"attacks|raids|killings", h.group(0), re.I) for h in hits)


def is_retelling(clause: Clause, cue: str = "retelling") -> bool:
    """A funeral, a photograph or a video of an act already told, or those who fled it (cue "retelling"); a
    statement about it, or a toll naming no figure (cue "restated"): no new act (a crowd at a funeral is one)."""
    return clause.cls is not None and (cue == "restated" or clause.cls.event_type not in ("Protests", "Riots")) \
        and context_match(cue, clause.text) is not None


ACT_TOLD = re.compile(r"\b(?:killed|killing|struck|shelled|attacked|clashed|abducted|kidnapped|seized|captured|stormed|"
                      r"ambushed|arrested|detained|apprehended)\b", re.I)


def is_claim(clause: str) -> bool:
    """A claim of responsibility that does not itself tell the act with a place, nor tell the act before the
    blame ("gunmen killed a dozen people on Sunday, the latest of attacks blamed on rebels")."""
    found = context_matches("claim", clause)
    return bool(found) and not re.search(
        r"\b(?:killed|killing|struck|shelled|attacked|clashed|abducted|seized|captured)\b.{0,80}\b(?:on|in)\s+[A-Z]", clause) \
        and not ACT_TOLD.search(clause[:min(m.start() for m in found)])
