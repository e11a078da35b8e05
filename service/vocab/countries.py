"""Country table for the extractor: ACLED-style short names, aliases and demonyms.

Pure Python, no database.  Built once from ``pycountry`` (all 249 ISO 3166-1
entries, plus Kosovo) and the hand table in :mod:`.country_table`, which gives for every
country the ACLED short name where it differs from pycountry, extra aliases and
the English demonyms (adjectives / nouns).

>>> lookup("DR Congo").iso3
'COD'
>>> lookup("Syrian").name
'Syria'
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import pycountry

from .country_table import _EXTRA, _TABLE, _WORDY_CODES

__all__ = [
    "Country",
    "all_countries",
    "by_iso3",
    "lookup",
    "normalize",
    "demonym_pattern",
    "name_pattern",
    "country_pattern",
    "match_countries",
]


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    iso2: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()


_TRANS = str.maketrans({"’": "'", "‘": "'", "`": "'", "‐": "-", "‑": "-", "–": "-", "—": "-"})


def normalize(text: str) -> str:
    """Case/accent/punctuation-insensitive key: 'Côte d’Ivoire' -> 'cote divoire'."""
    s = unicodedata.normalize("NFKD", text.translate(_TRANS))
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.casefold().replace("'", "").replace(".", "")
    s = re.sub(r"[^0-9a-z]+", " ", s).strip()
    if s.startswith("the "):
        s = s[4:]
    return s


def _split(field: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in field.split(";") if x.strip())


@lru_cache(maxsize=1)
def _build() -> tuple[list[Country], dict[str, Country], dict[str, Country], dict[str, Country]]:
    rows: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {}
    for line in _TABLE.strip().splitlines():
        iso3, name, aliases, demonyms = (line.split("|") + ["", "", ""])[:4]
        rows[iso3.strip()] = (name.strip(), _split(aliases), _split(demonyms))

    entries: list[tuple[str, str, str, tuple[str, ...]]] = []  # iso3, iso2, name, pycountry names
    for c in pycountry.countries:
        base = getattr(c, "common_name", None) or c.name
        py_names = tuple(dict.fromkeys(
            n for n in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)) if n
        ))
        entries.append((c.alpha_3, c.alpha_2, base, py_names))
    for iso3, (iso2, name) in _EXTRA.items():
        entries.append((iso3, iso2, name, ()))

    countries: list[Country] = []
    for iso3, iso2, base, py_names in entries:
        override, aliases, demonyms = rows.get(iso3, ("", (), ()))
        name = override or base
        alias_list = [a for a in (*aliases, *py_names) if a and a != name]
        countries.append(Country(
            iso3=iso3, name=name, iso2=iso2,
            aliases=tuple(dict.fromkeys(alias_list)),
            demonyms=demonyms,
        ))
    countries.sort(key=lambda c: c.name)

    by_code: dict[str, Country] = {}
    for c in countries:
        by_code[c.iso3.upper()] = c
        by_code.setdefault(c.iso2.upper(), c)

    # names / aliases first (first writer wins, table order handles ambiguity),
    # then demonyms, which never override a name.
    names: dict[str, Country] = {}
    demo: dict[str, Country] = {}
    ordered = sorted(countries, key=lambda c: c.iso3)
    for c in ordered:
        names.setdefault(normalize(c.name), c)
    for c in ordered:
        for a in c.aliases:
            names.setdefault(normalize(a), c)
    for c in ordered:
        for d in c.demonyms:
            demo.setdefault(normalize(d), c)
    return countries, by_code, names, demo


def all_countries() -> list[Country]:
    """Every country (ISO 3166-1 plus Kosovo), sorted by name."""
    return list(_build()[0])


def by_iso3(code: str) -> Country | None:
    """Country by ISO3 (or ISO2) code, case-insensitive."""
    if not code:
        return None
    return _build()[1].get(code.strip().upper())


def _strip_plural(key: str) -> list[str]:
    out = []
    if key.endswith("es"):
        out.append(key[:-2])
    if key.endswith("s"):
        out.append(key[:-1])
    return out


@lru_cache(maxsize=8192)  # a pure function of a name; the extractor asks about the same words again and again
def lookup(text: str) -> Country | None:
    """Country from a name, alias, ISO3 code or demonym ("syria", "Syrian", "SYR", "DR Congo")."""
    if not text or not text.strip():
        return None
    _, codes, names, demo = _build()
    raw = text.strip()
    key = normalize(raw)
    if not key:
        return None
    if key in names:
        return names[key]
    if key in demo:
        return demo[key]
    for k in _strip_plural(key):
        if k in demo:
            return demo[k]
    compact = raw.replace(".", "")
    if len(compact) == 3 and compact.isalpha():
        if compact.isupper() or compact.lower() not in _WORDY_CODES:
            c = codes.get(compact.upper())
            if c is not None and c.iso3 == compact.upper():
                return c
    return None


# ---------------------------------------------------------------- regexes

# Context guards for names that are also parts of other names.
_NEG_BEFORE = {
    "America": r"(?<!Latin )(?<!South )(?<!North )(?<!Central )",
    "Jersey": r"(?<!New )",
    "Guinea": r"(?<!New )",
    "Georgia": r"(?<!South )",
    "Wales": r"(?<!New South )",
    "Niger": "",
}
_NEG_AFTER = {
    "Niger": r"(?! Delta)(?! State)(?! River)",
    "Congo": r"(?! River)(?! Basin)",
    "Jordan": r"(?! River)(?! Valley)",
    "Chad": r"(?! Basin)",
    "Georgia": r"(?! Tech)",
    "America": r"(?!n)",
}


def _alt(forms: list[str], plural: bool = False) -> str:
    forms = sorted(set(forms), key=lambda s: (-len(s), s))
    parts = []
    for f in forms:
        esc = re.escape(f).replace(r"\ ", r"[ \-]")
        suffix = ""
        if plural and not re.search(r"(s|sh|ch|se|ese|x|z)$", f):
            suffix = "s?"
        parts.append(_NEG_BEFORE.get(f, "") + esc + suffix + _NEG_AFTER.get(f, ""))
    return "|".join(parts)


def _name_forms() -> list[str]:
    forms = []
    for c in _build()[0]:
        for f in (c.name, *c.aliases):
            if "," in f or "(" in f:
                continue  # "Korea, Republic of" style entries never occur in prose
            forms.append(f)
    return forms


@lru_cache(maxsize=1)
def name_pattern() -> re.Pattern[str]:
    """Regex matching any country name or alias as written (case-sensitive), longest first."""
    return re.compile(r"(?<![\w\-])(?:" + _alt(_name_forms()) + r")(?![\w\-])")


@lru_cache(maxsize=1)
def demonym_pattern() -> re.Pattern[str]:
    """Regex matching any demonym (optionally plural, case-sensitive), longest first."""
    forms = [d for c in _build()[0] for d in c.demonyms]
    return re.compile(r"(?<![\w\-])(?:" + _alt(forms, plural=True) + r")(?![\w\-])")


@lru_cache(maxsize=1)
def country_pattern() -> re.Pattern[str]:
    """Names, aliases and demonyms together, longest first."""
    forms = _name_forms()
    demos = [d for c in _build()[0] for d in c.demonyms]
    return re.compile(
        r"(?<![\w\-])(?:" + _alt(forms + demos, plural=False) + r")(?![\w\-])"
    )


def _word_starts(forms: list[str]) -> re.Pattern[str] | None:
    """Where a name or demonym pattern can match: a word start (its own lookbehind) at one of the forms'
    first letters.  None (scan everywhere) if a form is empty or starts with a space (written "[ -]")."""
    if not all(f and not f[0].isspace() for f in forms):
        return None
    firsts = "".join(sorted({re.escape(f[0]) for f in forms}))
    # the letter first (the engine then skips to candidate letters), then "no word character before it"
    return re.compile("[" + firsts + r"](?<![\w\-][\s\S])")


def _heads(forms: list[str]) -> tuple[frozenset[str], ...]:
    """How the forms can begin in a text: their first three characters (a shorter form whole), a space in them
    written as a space or a hyphen, as the patterns allow. (heads of 1, 2 and 3 characters)"""
    heads: tuple[set[str], ...] = (set(), set(), set())
    for f in forms:
        variants = [""]
        for ch in f[:3]:
            variants = [v + c for v in variants for c in ((" ", "-") if ch == " " else (ch,))]
        heads[len(f[:3]) - 1].update(variants)
    return tuple(frozenset(h) for h in heads)


_Scanner = tuple[re.Pattern[str], re.Pattern[str] | None, tuple[frozenset[str], ...]]


@lru_cache(maxsize=1)
def _scanners() -> tuple[_Scanner, _Scanner]:
    """(names, their word starts, their heads), (demonyms, their word starts, their heads)."""
    demos = [d for c in _build()[0] for d in c.demonyms]
    return ((name_pattern(), _word_starts(_name_forms()), _heads(_name_forms())),
            (demonym_pattern(), _word_starts(demos), _heads(demos)))


def _finditer(pat: re.Pattern[str], starts: re.Pattern[str] | None, text: str,
              heads: tuple[frozenset[str], ...] = (frozenset(), frozenset(), frozenset())):
    """``pat.finditer(text)``, trying `pat` only where `starts` says a match can begin and the text there
    begins as a form does (`heads`).

    The big alternations start with a lookbehind, which keeps the regex engine from skipping ahead to a
    possible first letter: it tries ~1,000 alternatives at every character. Same matches, same order."""
    if starts is None:
        yield from pat.finditer(text)
        return
    one, two, three = heads
    pos = 0
    while (c := starts.search(text, pos)) is not None:
        at = c.start()
        m = None
        if text[at:at + 3] in three or text[at:at + 2] in two or text[at] in one:
            m = pat.match(text, at)
        if m is None:
            pos = at + 1
            continue
        yield m
        pos = max(m.end(), m.start() + 1)


def match_countries(text: str, demonyms: bool = False) -> list[tuple[int, int, str, Country]]:
    """(start, end, matched text, Country) for each country name (and optionally demonym) in text."""
    out: list[tuple[int, int, str, Country]] = []
    scanners = _scanners()[:2 if demonyms else 1]
    # the spans taken so far, disjoint and sorted by start (so their ends are sorted too): a match overlaps one
    # of them exactly when it overlaps the last one that starts before it ends
    starts_taken: list[int] = []
    ends_taken: list[int] = []
    for pat, starts, heads in scanners:
        for m in _finditer(pat, starts, text, heads):
            k = bisect.bisect_left(starts_taken, m.end())
            if k and ends_taken[k - 1] > m.start():
                continue
            c = lookup(m.group(0))
            if c is not None:
                out.append((m.start(), m.end(), m.group(0), c))
                starts_taken.insert(k, m.start())
                ends_taken.insert(k, m.end())
    out.sort(key=lambda t: t[0])
    return out
