"""Split a text file into articles and strip page furniture.

A file holds one or more articles separated by runs of two or more blank lines.
Each article starts with its headline; the publisher's page may then repeat the
headline, print photo captions (often twice) and a ``TT`` marker before the body.
Only body paragraphs are kept, so that a caption's date or place is never coded
as an incident. Evidence offsets refer to the cleaned ``body`` returned here.

A file may also open with a metadata header (``published: 2024-03-18``,
``source: ...``, a URL line) followed by a blank line, as the dev set does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..vocab import countries as _countries

__all__ = ["RawArticle", "Dateline", "split_articles", "clean_article", "read_header", "find_dateline"]

# Two or more blank lines separate articles; one blank line separates paragraphs.
ARTICLE_BREAK = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")

# Lines a page prints around the body: photo credits, layout markers, share bars.
CAPTION_PATTERNS = [
    re.compile(r"\((?:[^()]*\b(?:photo|photograph|file|pic|image)s?\b[^()]*)\)\s*$", re.I),
    re.compile(r"\((?:Reuters|AFP|AP|EPA|Getty Images|Anadolu|Xinhua|WANA|SANA)[^()]*\)\s*$", re.I),
    re.compile(r"^(?:photo|file photo|picture|image)\s*:", re.I),
    re.compile(r"\bPhoto(?:graph)?\s*(?:by|:|/)\s*.+$", re.I),
]
MARKER_LINES = re.compile(
    r"^(?:TT|T\s*T|Share|Advertisement|Read more|Related|Print|Email|Comments?|[\W_]*)$", re.I
)
# Lines a wire service prints around the story: bylines, credits, trailers, slugs, links.
WIRE_FURNITURE = [
    re.compile(r"^By\s+[A-Z][\w.'\u2019-]+(?:\s+(?:[A-Z][\w.'\u2019-]+|and|&|,))*(?:\s*,?\s*(?:Associated Press|"
               r"Reuters|AFP|Al Jazeera|Staff Writer|Correspondent))?\s*$"),
    re.compile(r"^(?:The\s+)?(?:Associated Press|AP|Reuters|AFP)\s+(?:writers?|reporters?|journalists?|correspondents?|"
               r"video\s*journalists?|photographers?)\b.*\bcontributed\b", re.I),
    re.compile(r"^[A-Z][\w.'\u2019-]+(?:\s+[A-Z][\w.'\u2019-]+)*\s+(?:reported|wrote)\s+(?:from|this report from)\s+[A-Z][^.]*\.?$"),
    re.compile(r"\bcontributed(?:\s+(?:to\s+)?(?:this\s+)?(?:report|reporting|story))?\.?$", re.I),
    re.compile(r"^\(?\s*(?:Reporting|Writing|Additional reporting|Editing|Compiled)\s+by\b.*\)?\s*$", re.I),
    re.compile(r"^(?:Read|Watch|See)\s+(?:more|also)\s*[:\-\u2013\u2014]", re.I),
    re.compile(r"^(?:Follow|Find more of)\s+(?:AP|Reuters|AFP|Al Jazeera|us)\b.*(?:https?://|\bat\s+\S+\.\w+)", re.I),
    re.compile(r"^Source\s*:\s*(?:Al Jazeera|News agencies|AFP|Reuters|AP)\b.*$", re.I),
    re.compile(r"^(?:Editor['\u2019]s\s+note|EDITOR['\u2019]S\s+NOTE)\s*[:\-\u2013\u2014]", re.I),
    re.compile(r"^This (?:story|article|version) (?:has been|was) (?:corrected|updated)\b", re.I),
    re.compile(r"^[a-z]{1,4}(?:-[a-z]{1,4})?(?:/[a-z]{1,4}(?:-[a-z]{1,4})?)+$"),  # AFP slugs: "bur-jd/sbk"
    re.compile(r"^(?:FILE|EDS?|CORRECTS?)\s*[-\u2013\u2014:]\s+.*\(AP Photo\b", re.I),
]
HEADER_LINE = re.compile(r"^(source|published|url|outlet|title|date)\s*:\s*(.*)$", re.I)
URL_LINE = re.compile(r"^https?://\S+$")


# A wire dateline opening the first paragraph: "KYIV, Ukraine (AP) — ", "BEIRUT (Reuters) -",
# "KHARTOUM, Sudan, March 3 (Reuters) -", "Kabul (AFP) - ", "NAIROBI/KHARTOUM, Feb 2 (Reuters) -".
# The city is where the reporter filed from, not where anything happened.
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
          r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
# the agency, or any short parenthesised credit: "(AP)", "(ANI/Xinhua)", "(UrduPoint News / Sputnik - 12th October, 2020)"
_AGENCY = r"\([^()\n]{1,70}\)"
_BRACKET = r"(?:\s*\[[^\]\n]{1,40}\])?"  # "Manila [Philippines], November 4 (ANI/Xinhua):"
_CITY_CAPS = r"[A-Z][A-Z.'\u2019-]+(?:\s+[A-Z][A-Z.'\u2019-]+){0,3}(?:\s*/\s*[A-Z][A-Z.'\u2019-]+(?:\s+[A-Z][A-Z.'\u2019-]+){0,3})*"
_CITY_ANY = r"[A-Z][\w.'\u2019-]+(?:\s+[A-Z][\w.'\u2019-]+){0,3}(?:\s*/\s*[A-Z][\w.'\u2019-]+(?:\s+[A-Z][\w.'\u2019-]+){0,3})*"
_REGION = r"[A-Z][\w.'\u2019-]*(?:\s+(?:[A-Z][\w.'\u2019-]*|of|and|the)){0,4}"
_DASH = r"\s*(?:--|[-\u2013\u2014:])+\s*"
DATELINE = re.compile(
    r"^(?P<city>" + _CITY_CAPS + r")" + _BRACKET + r"(?:,\s*(?P<region>" + _REGION + r"))?"
    r"(?:,?\s+(?P<date>" + _MONTH + r"\s+\d{1,2}))?"
    r"\s*(?:(?P<agency>" + _AGENCY + r")(?:" + _DASH + r"|\s+)|" + _DASH + r")"
    + r"|^(?P<city2>" + _CITY_ANY + r")" + _BRACKET + r"(?:,\s*(?P<region2>" + _REGION + r"))?"
    r"(?:,?\s+(?P<date2>" + _MONTH + r"\s+\d{1,2}))?"
    r"\s*(?P<agency2>" + _AGENCY + r")(?:" + _DASH + r"|\s+(?=[A-Z]))"
    # "Kabul, Afghanistan – " (Al Jazeera): a place, its country and a long dash
    + r"|^(?P<city3>" + _CITY_ANY + r"),\s*(?P<region3>" + _REGION + r")\s*[\u2013\u2014]\s*"
    # "Maputo - Terrorists beheaded ...", "Khartoum: At least 31 ...": a known town alone, a spaced dash or a colon
    + r"|^(?P<city4>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})(?:\s+(?:--|[-\u2013\u2014])\s+|\s*:\s+)(?=[A-Z])"
)


@dataclass(frozen=True)
class Dateline:
    """A dateline at the start of a body: its text span, city, region/country and date as written."""

    end: int
    city: str
    region: str | None
    date_text: str | None
    agency: str | None


def _known_town(name: str) -> bool:
    from ..vocab import gazetteer  # the gazetteer loads lazily; only a bare "Town - " needs it
    return any(m.place.kind == "town" and m.start == 0 and m.end == len(name) for m in gazetteer.find_places(name, None))


def find_dateline(body: str) -> Dateline | None:
    """The wire dateline opening `body`, if any (its span is ``body[:end]``)."""
    m = DATELINE.match(body)
    if not m:
        return None
    if m.group("city3") and _countries.lookup(m.group("region3")) is None:
        return None
    if m.group("city4") and not _known_town(m.group("city4")):
        return None
    city = m.group("city") or m.group("city2") or m.group("city3") or m.group("city4")
    region = m.group("region") or m.group("region2") or m.group("region3")
    agency = m.group("agency") or m.group("agency2")
    if m.group("city") and not agency and not region and len(city.replace(" ", "")) < 3:
        return None  # "A -" / "US -": too short to be a dateline without an agency
    if m.group("city") and not agency and city.isupper() and not re.search(r"[\u2013\u2014]|--", m.group(0)) \
            and not region and "/" not in city:
        return None  # "UPDATE - ...": a capitalised word and a plain hyphen alone is too weak ("A/B -" is two cities)
    return Dateline(m.end(), city.strip(), region.strip() if region else None,
                    m.group("date") or m.group("date2"), agency.strip("()") if agency else None)


@dataclass
class RawArticle:
    """One article as found in a file: headline, cleaned body, and any header fields."""

    title: str
    body: str
    header: dict = field(default_factory=dict)


def read_header(text: str) -> tuple[dict, str]:
    """Split a leading ``key: value`` / URL header (ended by a blank line) from the text."""
    lines = text.split("\n")
    header: dict = {}
    i = 0
    while i < len(lines) and lines[i].strip():
        line = lines[i].strip()
        m = HEADER_LINE.match(line)
        if m:
            header[m.group(1).lower()] = m.group(2).strip()
        elif URL_LINE.match(line):
            header["url"] = line
        else:
            return {}, text  # not a header: the first line is already a headline
        i += 1
    if not header or i >= len(lines):
        return {}, text
    return header, "\n".join(lines[i + 1:])


def is_caption(line: str) -> bool:
    return any(p.search(line) for p in CAPTION_PATTERNS)


def is_furniture(line: str, title: str) -> bool:
    """A line the page prints around the body rather than body text."""
    stripped = line.strip()
    if not stripped:
        return True
    if MARKER_LINES.match(stripped):
        return True
    if _same_text(stripped, title):
        return True
    if any(p.search(stripped) for p in WIRE_FURNITURE):
        return True
    return is_caption(stripped)


def _same_text(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        return re.sub(r"\W+", "", s.replace("\u2019", "'")).lower()
    return norm(a) == norm(b)


def clean_article(chunk: str) -> RawArticle | None:
    """Headline + body paragraphs of one article chunk (``None`` when it has no body)."""
    lines = [line.rstrip() for line in chunk.strip("\n").split("\n")]
    nonblank = [line.strip() for line in lines if line.strip()]
    if not nonblank:
        return None
    title = nonblank[0]
    seen: set[str] = set()
    paragraphs: list[str] = []
    for line in nonblank[1:]:
        if is_furniture(line, title) or line in seen:
            continue  # captions and headlines are printed twice; body lines never repeat
        seen.add(line)
        paragraphs.append(re.sub(r"[ \t]+", " ", line))
    article = RawArticle(title=title, body="\n\n".join(paragraphs))
    dateline = find_dateline(article.body)
    if dateline is not None:
        article.header["dateline"] = article.body[:dateline.end].strip(" -\u2013\u2014")
        day = _dateline_day(dateline.date_text)
        if day is not None:
            article.header["dateline_date"] = day.isoformat()
    return article


def _dateline_day(text: str | None, today: date | None = None) -> date | None:
    """A dateline's "March 3" as the latest such day not after today (wire datelines carry no year)."""
    if not text:
        return None
    from .dates import MONTHS, resolve_month_day  # dates imports numbers -> classify; no cycle with articles
    m = re.match(r"([A-Za-z]+)\.?\s+(\d{1,2})", text)
    if not m or m.group(1)[:3].lower() not in MONTHS:
        return None
    return resolve_month_day(MONTHS[m.group(1)[:3].lower()], int(m.group(2)), today or date.today())


def split_articles(text: str) -> list[RawArticle]:
    """Every article in a file's text, in order, with furniture removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    header, text = read_header(text)
    out = []
    for chunk in ARTICLE_BREAK.split(text):
        article = clean_article(chunk)
        if article is not None and article.body:
            out.append(article)
    if header and out:
        out[0].header = {**out[0].header, **header}
    for article in out:
        if "published" not in article.header and article.header.get("dateline_date"):
            # a wire dateline's date is the day the story was filed: the best publication hint left
            article.header["published"] = article.header["dateline_date"]
    return out
