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

__all__ = ["RawArticle", "split_articles", "clean_article", "read_header"]

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
    r"^(?:TT|T\s*T|Share|Advertisement|Read more|Related|Print|Email|Comments?|\W*)$", re.I
)
HEADER_LINE = re.compile(r"^(source|published|url|outlet|title|date)\s*:\s*(.*)$", re.I)
URL_LINE = re.compile(r"^https?://\S+$")


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
    return RawArticle(title=title, body="\n\n".join(paragraphs))


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
        out[0].header = header
    return out
