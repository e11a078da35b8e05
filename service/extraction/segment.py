"""Stage 1, segment: the article body -> sentences -> clauses, with the spans that must not be read masked.

Masking blanks text out with spaces so that every offset still points into the body:
a wire dateline (where the story was filed), relative clauses (background about a name),
and spans such as date chains ("two days after the drone strike") that name another incident.
"""

from __future__ import annotations

import re

from .articles import find_dateline
from .dates import DateMention, find_dates
from .document import ArticleState, Clause, Sentence
from .filters import QUOTE_START, background_reason

# Abbreviations whose final period does not end a sentence.
ABBREVIATIONS = re.compile(
    r"(?:\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mr|Mrs|Ms|Dr|Gen|Col|Lt|Maj|Capt|Sgt|"
    r"Cpl|Gov|Sen|Rep|Rev|St|No|Jr|Sr|Prof|Brig|Adm|Cmdr|vs|etc|approx|Mt|Ft)|\b[A-Z]|\b[a-z]\.[a-z]|\bU\.S|\bU\.N)\.$"
)
SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])|\n+")
# Relative clauses and appositions carry background ("which has deployed troops since 2021").
# ", where last week gunmen raided a camp": a place's relative clause that tells a dated act is an incident
TIMED = r"(?:last|on|this|early|late|earlier|yesterday|overnight|hours|days|a\s+day)\b"
RELATIVE_CLAUSE = re.compile(r",\s+(?:which|who|whom|whose|where(?!\s+" + TIMED + r"))\b[^,;]*?(?=,|;|$)"
                             # ", a town that has been attacked by militants in the past": what the place is
                             r"|,\s+(?:an?|the)\s+(?:[\w'\u2019-]+\s+){0,3}?(?:town|city|village|district|region|area|"
                             r"province|state|country|camp|community|locality|settlement|neighbou?rhood)\s+"
                             r"(?:that|which|where(?!\s+" + TIMED + r"))\b[^,;]*?(?=,|;|$)"
                             r"|\s+who\s+(?:was|were|had\s+been|has\s+been|have\s+been)\s+\w+ed\b[^,;]*?(?=,|;|\.?$)")
CLAUSE_BREAK = re.compile(r";\s+|,\s+while\s+|\s+while\s+(?=(?-i:[A-Z])|the\b|a\b|an\b)|,\s+whereas\s+"
                          # "shelling killed six in A, and an air strike on B killed four": a second incident
                          r"|,\s+(?:and|while)\s+(?=(?:an?|another|the)\s+(?:[\w-]+\s+){0,2}?(?:air\s?strikes?|strikes?|"
                          r"shelling|bombs?|bombings?|explosions?|blasts?|raids?|rockets?|missiles?|drones?|attacks?)\s+"
                          r"(?:on|in|at|near|hit|struck|killed|targeted|exploded|wounded)\b)", re.I)


def split_sentences(body: str) -> list[Sentence]:
    """Sentences with offsets into `body`; paragraph breaks always end a sentence."""
    out: list[Sentence] = []
    start = 0
    for m in SENTENCE_END.finditer(body):
        cut = m.start() + 1 if body[m.start()] in ".!?" else m.start()
        # keep a closing quote/bracket with its sentence
        while cut < len(body) and body[cut] in "\"'\u201d\u2019)":
            cut += 1
        if "\n" not in m.group(0) and body[m.start()] == "." and ABBREVIATIONS.search(body[max(start, m.start() - 6):m.start() + 1]):
            continue
        _append_sentence(out, body, start, cut)
        start = m.end()
    _append_sentence(out, body, start, len(body))
    return out


def _append_sentence(out: list[Sentence], body: str, start: int, end: int) -> None:
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, body[start:end]))


def mask_relative_clauses(text: str) -> str:
    """Blank out ", which ...", ", who ..." clauses, keeping offsets."""
    return RELATIVE_CLAUSE.sub(lambda m: " " * len(m.group(0)), text)


# ", leaving 10 people dead": the toll of the background act the relative clause before it told
TRAILING_TOLL = re.compile(r",\s+(?:leaving|killing|wounding|injuring|claiming)\b[^;]*?(?=[,;]\s+(?:and|but|while)\b|;|$)")


# "after the latest death in unrest that has killed 75 people since April": a 'that' clause of background
THAT_RELATIVE = re.compile(r"\s+that\s+(?:has|have|had)\s+[^,;]*?(?=,|;|$)", re.I)


def mask_background_relatives(text: str, published) -> str:
    """Blank out the relative clauses that tell background (the filters say which), with the toll that
    trails them."""
    for m in [*RELATIVE_CLAUSE.finditer(text), *THAT_RELATIVE.finditer(text)]:
        span = m.group(0)
        if background_reason(span, published, find_dates(span, published)) is not None:
            end = m.end()
            trail = TRAILING_TOLL.match(text, end)
            end = trail.end() if trail else end
            text = text[:m.start()] + " " * (end - m.start()) + text[end:]
    return text


def mask_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """Blank out spans (e.g. "two days after the drone strike", which names another incident)."""
    for s, e in spans:
        text = text[:s] + " " * (e - s) + text[e:]
    return text


def mask_chains(clause: Clause) -> str:
    """The clause without its date chains: "the day after militants killed ..." tells another incident."""
    return mask_spans(clause.text, [(d.start, d.end) for d in clause.dates if d.kind == "chain"])


PLACE_BEFORE = re.compile(r"(?:the\s+)?(?:[A-Z][\w'\u2019-]*\s*){1,4}(?:region|province|state|district|area|town|city|"
                          r"village|camp|county)?\s*$")
TIMED_WHERE = re.compile(r",\s+where\s+(?=" + TIMED + r")", re.I)


def split_clauses(text: str) -> list[tuple[int, int]]:
    """Spans of the independent clauses of a sentence ("X shelled A, while Y fired at B"). A dated act told in
    a place's relative clause is a clause of its own that starts at the place ("the Tahoua region, where
    last week gunmen raided a camp")."""
    spans, start = [], 0
    breaks = sorted([(m.start(), m.end(), None) for m in CLAUSE_BREAK.finditer(text)]
                    + [(m.start(), m.end(), m) for m in TIMED_WHERE.finditer(text)])
    for b_start, b_end, where in breaks:
        if b_start < start:
            continue
        spans.append((start, b_start))
        start = b_end
        if where is not None:
            place = PLACE_BEFORE.search(text, 0, b_start)
            start = place.start() if place else b_end
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def mask_dateline(body: str) -> str:
    """Blank out a wire dateline ("KYIV, Ukraine (AP) — "): the city is where the story was filed,
    not where anything happened, so it is never an incident place. Offsets are kept."""
    dateline = find_dateline(body)
    if dateline is None:
        return body
    return " " * dateline.end + body[dateline.end:]


def _clause_dates(sentence_dates: list[DateMention], c_start: int, c_end: int) -> list[DateMention]:
    """The sentence's dates inside one clause, with offsets made relative to the clause."""
    inside = [d for d in sentence_dates if c_start <= d.start < c_end]
    return [DateMention(d.start - c_start, d.end - c_start, d.text, d.kind, d.date, d.precision,
                        d.statement, d.offset_days, d.anchor, d.anchor_text) for d in inside]


def sentence_clauses(sentence: Sentence, state: ArticleState) -> list[Clause]:
    """The clauses of one sentence, split where the sentence reads without its relative clauses."""
    masked = mask_relative_clauses(sentence.text)
    sentence_dates = find_dates(masked, state.published, state.pub_precision)
    # a relative clause telling background ("where more than 570 have been killed since the war began")
    # tells nothing about this incident: hide it from classification and counting too
    text = mask_background_relatives(sentence.text, state.published)
    quoted = bool(QUOTE_START.match(text))
    return [Clause(text[s:e], sentence.start + s, _clause_dates(sentence_dates, s, e), sentence_dates,
                   quoted=quoted, masked_sentence=masked)
            for s, e in split_clauses(masked)]


def segment(state: ArticleState) -> ArticleState:
    """Sentences and clauses of the body, the dateline blanked out."""
    state.text = mask_dateline(state.body)
    state.sentences = split_sentences(state.text)
    state.clauses = [sentence_clauses(s, state) for s in state.sentences]
    return state
