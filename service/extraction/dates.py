"""Find date expressions in a sentence and resolve them against the publication date.

Conventions (ACLED's, as written in the project's codebook):

* a weekday is the latest such day on or before publication ("on Sunday");
* "On December 30" is the latest such date not after publication, so in a January
  article it falls in the previous year;
* "yesterday" is publication - 1; "overnight" / "during the night" is the day of
  the report (publication, or the statement's day when one is named);
* "last week" is publication - 7 (precision 2); "over the weekend" is the last Saturday
  before publication (precision 2); "earlier this month" is day
  pub.day // 2 of the publication month (precision 3);
* chains ("two days after the drone strike", "the following day", "the previous
  night", "two days earlier") are left unresolved here: they carry an offset and
  an anchor that the pipeline resolves against an earlier incident or against
  the day of the statement in the same sentence.

Precision is ACLED's time_precision: 1 day, 2 week, 3 month.
"""

from __future__ import annotations

import re
import dataclasses
from dataclasses import dataclass
from datetime import date, timedelta

from .numbers import ANSWER_WORDS, word_to_int
from .prefilter import finditer, lowered

__all__ = [
    "DateMention",
    "find_dates",
    "resolve_weekday",
    "resolve_month_day",
    "shift_precision",
    "WEEKDAYS",
]

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
MONTH_RE = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
WEEKDAY_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
COUNT_WORD = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})"

# A speech verb a few filler words before a date makes it the day of a statement,
# not of the incident ("said on Tuesday", "said in a statement late on Tuesday").
STATEMENT_BEFORE = re.compile(
    r"\b(?:said|says|told|announced|reported|stated|confirmed|added|claimed|statement|speech|"
    r"address|briefing|tweeted|posted)\b"
    r"(?:\s+(?:in|a|an|the|on|late|early|to|reporters|journalists|news|agency|televised|"
    r"video|press|conference|its|their|his|her|by|phone|website|channel|message|online|"
    r"[A-Z]\w+)){0,6}\s+$"
)


@dataclass(frozen=True)
class DateMention:
    """One date expression in a sentence.

    kind: "absolute" | "month" | "weekday" | "relative" | "vague" | "night" | "possessive" | "chain".
    For chains, ``date`` is None; ``offset_days`` and ``anchor`` say how to resolve it:
    anchor "event" (an earlier incident, optionally the one named by ``anchor_text``),
    "statement" (the statement's day in the sentence, else the earlier incident),
    or "clause" ("on Monday, the day after militants killed ...": the incident in the
    following clause is ``offset_days`` from the sentence's other date).
    """

    start: int
    end: int
    text: str
    kind: str
    date: date | None
    precision: int
    statement: bool = False
    offset_days: int = 0
    anchor: str = ""
    anchor_text: str = ""


def resolve_weekday(name: str, published: date) -> date:
    """The latest `name` day on or before publication."""
    target = WEEKDAYS.index(name.lower())
    return published - timedelta(days=(published.weekday() - target) % 7)


def resolve_month_day(month: int, day: int, published: date, year: int | None = None) -> date | None:
    """Month/day without a year: the latest such date not after publication."""
    try:
        if year is not None:
            return date(year, month, day)
        candidate = date(published.year, month, day)
        if candidate > published:
            candidate = date(published.year - 1, month, day)
        return candidate
    except ValueError:
        return None


def shift_precision(precision: int, published_precision: int) -> int:
    """A date derived from a week-precise publication date is at best week-precise."""
    return max(precision, published_precision)


def _is_statement(sentence: str, start: int) -> bool:
    return bool(STATEMENT_BEFORE.search(sentence[max(0, start - 80):start]))


ABSOLUTE_MD = re.compile(
    r"\b(?P<month>" + MONTH_RE + r")\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{4})\b)?"
)
ABSOLUTE_DM = re.compile(
    r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>" + MONTH_RE + r")(?:,?\s+(?P<year>\d{4})\b)?"
)
WEEKDAY = re.compile(
    r"(?:\b(?:late|early|later|earlier)\s+(?:on\s+)?|\bovernight\s+(?:into|to)\s+|\bon\s+the\s+night\s+of\s+)?"
    # (not a feast or a named day: "the Easter Sunday bombings", "Good Friday", "Bloody Sunday")
    r"(?<!Easter\s)(?<!Palm\s)(?<!Bloody\s)(?<!Good\s)(?<!Black\s)(?<!Ash\s)(?<!Holy\s)(?<!Maundy\s)(?<!Super\s)"
    r"\b(?P<weekday>" + WEEKDAY_RE + r")(?P<possessive>['\u2019]s)?"
    r"(?:\s+(?:night|morning|evening|afternoon))?\b"
)
MONTH_ONLY = re.compile(
    r"\b(?i:in|during|since|until|by|from)\s+(?:(?i:early|late|mid|the\s+middle\s+of|the\s+end\s+of)[\s-]+)?"
    r"(?P<month>" + MONTH_RE + r")(?<!\.)(?!\w)(?!\.?\s+\d{1,2}\b)(?:,?\s+(?P<year>\d{4})\b)?")
YESTERDAY = re.compile(r"\b(?:yesterday|the\s+day\s+before\s+yesterday)\b", re.I)
TODAY = re.compile(r"\b(?:today|this\s+morning|this\s+afternoon|this\s+evening|tonight)\b", re.I)
NIGHT = re.compile(r"\b(?:overnight|during\s+the\s+night|last\s+night|in\s+the\s+early\s+hours)\b(?!['\u2019]s)", re.I)
VAGUE = [
    (re.compile(r"\b(?:(?:over|at|during)\s+the|last|this\s+past|this)\s+weekend\b", re.I), "weekend"),
    (re.compile(r"\blast\s+week\b", re.I), "last_week"),
    (re.compile(r"\b(?:earlier\s+)?this\s+week\b", re.I), "this_week"),
    (re.compile(r"\bearlier\s+this\s+month\b", re.I), "earlier_this_month"),
    (re.compile(r"\blast\s+month\b", re.I), "last_month"),
    (re.compile(r"\b(?:the\s+)?(?:beginning|start)\s+of\s+(?:the|this)\s+year\b", re.I), "year_start"),
    (re.compile(r"\b(?:the\s+)?(?:beginning|start)\s+of\s+(?:the|this)\s+month\b", re.I), "month_start"),
]
CHAIN_FORWARD = re.compile(
    r"\b(?:(?P<n>" + COUNT_WORD + r")\s+days?\s+later|the\s+(?:following|next)\s+(?:day|night|morning)"
    r"|(?:on\s+)?the\s+morning\s+after|(?:a|one)\s+day\s+later)\b",
    re.I,
)
CHAIN_BACKWARD = re.compile(
    r"\b(?:(?P<n>" + COUNT_WORD + r")\s+days?\s+(?:earlier|before(?!\s+(?:the|a|an|his|her|its|their)\b))"
    r"|the\s+(?:previous|preceding)\s+(?:day|night|evening|morning)|the\s+(?:day|night)\s+before(?!\s+(?:the|a|an)\b))\b",
    re.I,
)
CHAIN_SAME_DAY = re.compile(r"\b(?:earlier|later)\s+(?:that|the\s+same)\s+day\b|\bthe\s+same\s+day\b", re.I)
# "two days after the drone strike" (anchored on an earlier incident) or
# "the day after militants killed ..." (the following clause is the earlier incident).
CHAIN_AFTER = re.compile(
    r"\b(?:(?P<n>" + COUNT_WORD + r")\s+days?|the\s+day|the\s+night)\s+(?P<dir>after|before)\s+"
    r"(?P<rest>[\w'\u2019-]+(?:\s+[\w'\u2019-]+){0,3})",
    re.I,
)
# "hours after the shelling", "shortly after the attack": the same day as the act it names
CHAIN_HOURS = re.compile(
    r"\b(?:(?:(?:a\s+few|several|some|" + COUNT_WORD + r")\s+)?hours?|(?:a\s+few\s+)?minutes|moments|shortly|soon|"
    r"an\s+hour)\s+after\s+(?P<det>the|a|an|this|that|these|those|his|her|its|their)\s+"
    r"(?P<rest>[\w'\u2019-]+(?:\s+[\w'\u2019-]+){0,2})", re.I)
ANCHOR_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their"}


def _count(word: str | None) -> int:
    if not word:
        return 1
    return word_to_int(word) or 1


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(start < e and s < end for s, e in spans)


def find_dates(sentence: str, published: date, published_precision: int = 1) -> list[DateMention]:
    """Every date expression in `sentence`, in text order; the first reading of a span wins."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def add(mention: DateMention) -> None:
        if not _overlaps(taken, mention.start, mention.end):
            found.append(mention)
            taken.append((mention.start, mention.end))

    low = lowered(sentence)  # (for the prefilter, once for the three readings)
    _add_chains(sentence, low, add)
    _add_calendar_dates(sentence, low, published, add)
    _add_relative_dates(sentence, low, published, published_precision, add)
    found.sort(key=lambda d: d.start)
    return [_another_act(sentence, d) for d in found]


# "with the dead buried on Sunday", "retaliation for the death Tuesday of a member": the day of a burial, or of
# the act this one answered, names another act than the clause's own, as "Monday's attack" does
BURIAL = re.compile(r"\b(?:buried|burials?|funerals?|laid\s+to\s+rest|interred|mourn(?:ed|ers|ing))\b[^,;.]{0,30}$", re.I)
MOTIVE = re.compile(r"\b(?:" + ANSWER_WORDS + r"|avenge)\s+(?:for|to)?\s*(?:the\s+|a\s+|an\s+)?"
                    r"(?:[\w'\u2019-]+\s+){0,4}$", re.I)


def _another_act(sentence: str, d: DateMention) -> DateMention:
    if d.kind in ("chain", "possessive") or d.statement:
        return d
    before = sentence[max(0, d.start - 60):d.start]
    if BURIAL.search(before) or MOTIVE.search(before):
        return dataclasses.replace(d, kind="possessive")
    return d


def _add_chains(sentence: str, low: str | None, add) -> None:
    """"two days after the attack", "three days later", "the same day": a day counted from another."""
    for m in finditer(CHAIN_AFTER, sentence, low):
        words = m.group("rest").split()
        sign = 1 if m.group("dir").lower() == "after" else -1
        n = _count(m.group("n"))
        if words and words[0].lower() in ANCHOR_DETERMINERS:
            add(DateMention(m.start(), m.end(), m.group(0), "chain", None, 1,
                            offset_days=sign * n, anchor="event", anchor_text=" ".join(words[1:])))
        else:
            add(DateMention(m.start(), m.start() + len(m.group(0)) - len(m.group("rest")), m.group(0),
                            "chain", None, 1, offset_days=-sign * n, anchor="clause"))
    for m in finditer(CHAIN_HOURS, sentence, low):
        add(DateMention(m.start(), m.end(), m.group(0), "chain", None, 1, offset_days=0, anchor="event",
                        anchor_text=m.group("rest")))
    for m in finditer(CHAIN_FORWARD, sentence, low):
        add(DateMention(m.start(), m.end(), m.group(0), "chain", None, 1,
                        offset_days=_count(m.group("n")), anchor="event"))
    for m in finditer(CHAIN_BACKWARD, sentence, low):
        add(DateMention(m.start(), m.end(), m.group(0), "chain", None, 1,
                        offset_days=-_count(m.group("n")), anchor="statement"))
    for m in finditer(CHAIN_SAME_DAY, sentence, low):
        add(DateMention(m.start(), m.end(), m.group(0), "chain", None, 1, offset_days=0, anchor="statement"))


def _add_calendar_dates(sentence: str, low: str | None, published: date, add) -> None:
    """"March 3", "3 March 2024", "on Tuesday", "Tuesday's attack"."""
    for pattern in (ABSOLUTE_MD, ABSOLUTE_DM):
        for m in finditer(pattern, sentence, low):
            month = MONTHS[m.group("month")[:3].lower()]
            year = int(m.group("year")) if m.group("year") else None
            resolved = resolve_month_day(month, int(m.group("day")), published, year)
            if resolved is not None:
                add(DateMention(m.start(), m.end(), m.group(0), "absolute", resolved, 1,
                                statement=_is_statement(sentence, m.start())))

    for m in finditer(MONTH_ONLY, sentence, low):
        # "in September", "since early March": that month, the latest one not after publication
        month = MONTHS[m.group("month")[:3].lower()]
        year = int(m.group("year")) if m.group("year") else published.year - (month > published.month)
        add(DateMention(m.start(), m.end(), m.group(0), "month", min(date(year, month, 15), published), 3,
                        statement=_is_statement(sentence, m.start())))

    for m in finditer(WEEKDAY, sentence, low):
        resolved = resolve_weekday(m.group("weekday"), published)
        kind = "possessive" if m.group("possessive") else "weekday"
        # The gold keeps day precision for a weekday resolved against a week-precise date.
        add(DateMention(m.start(), m.end(), m.group(0), kind, resolved, 1,
                        statement=_is_statement(sentence, m.start())))


def _add_relative_dates(sentence: str, low: str | None, published: date, published_precision: int, add) -> None:
    """"yesterday", "today", "overnight", "last week": days counted from publication."""
    for m in finditer(YESTERDAY, sentence, low):
        days = 2 if "before" in m.group(0).lower() else 1
        add(DateMention(m.start(), m.end(), m.group(0), "relative", published - timedelta(days=days),
                        shift_precision(1, published_precision)))
    for m in finditer(TODAY, sentence, low):
        add(DateMention(m.start(), m.end(), m.group(0), "relative", published,
                        shift_precision(1, published_precision)))
    for m in finditer(NIGHT, sentence, low):
        # "last night" in a report is the evening before it; "overnight" ends on the report's day
        day = published - timedelta(days=1) if m.group(0).lower().startswith("last") else published
        add(DateMention(m.start(), m.end(), m.group(0), "night", day, shift_precision(1, published_precision)))
    for pattern, name in VAGUE:
        for m in finditer(pattern, sentence, low):
            resolved, precision = _resolve_vague(name, published)
            add(DateMention(m.start(), m.end(), m.group(0), "vague", resolved,
                            shift_precision(precision, published_precision)))


def _resolve_vague(name: str, published: date) -> tuple[date, int]:
    if name == "last_week":
        return published - timedelta(days=7), 2
    if name == "weekend":
        # the Saturday of the last weekend before the report, at week precision
        return published - timedelta(days=(published.weekday() - 5) % 7 or 7), 2
    if name == "this_week":
        return published - timedelta(days=min(published.weekday(), 3)), 2
    if name == "earlier_this_month":
        return published.replace(day=max(1, published.day // 2)), 3
    if name == "last_month":
        first = published.replace(day=1)
        return (first - timedelta(days=1)).replace(day=15), 3
    if name == "year_start":
        # The first days of January: the third, within the week ACLED would code.
        return min(published, date(published.year, 1, 3)), 2
    if name == "month_start":
        return min(published, published.replace(day=3)), 2
    raise ValueError(name)
