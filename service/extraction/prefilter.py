"""Cheap literal prefilters for the lexicon's case-insensitive regexes.

Most cue and context patterns cannot match most clauses, and Python's regex engine finds that out by
trying every pattern at every position. ``needed(pattern)`` reads the pattern's syntax tree and returns
lower-case strings one of which must occur in any text the pattern matches ("kill" for
``\\bkill(?:ed|ing|s)?\\b``, {"ied", "improvised explosive device"} for ``\\b(?:IEDs?|improvised explosive
devices?)\\b``); ``may_match`` then rules a pattern out with a substring test on the lower-cased text. It
only ever skips patterns that cannot match, so every match the callers see is the regex's own.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from ..vocab.alternation import alternation

try:  # the stdlib regex parser (sre_parse); without it every pattern is simply run
    from re import _constants as _C
    from re import _parser as _P
except ImportError:  # pragma: no cover
    _C = _P = None

__all__ = ["needed", "lowered", "may_match", "finditer", "LiteralScan"]

# The only non-ASCII characters that re.IGNORECASE matches to an ASCII character (İ ı ſ K), checked over
# all of Unicode; str.lower() does not map the first three to that character, so such texts skip the test.
_UNSAFE = re.compile("[\u0130\u0131\u017f\u212a]")


def needed(pattern: str, flags: int = re.I) -> frozenset[str] | None:
    """Strings (lower-case ASCII) one of which occurs in ``m.group().lower()`` of any match; None: unknown."""
    if _P is None:
        return None
    try:
        return _seq(_P.parse(pattern, flags))
    except Exception:  # an unexpected tree shape: no prefilter, the pattern always runs
        return None


def _seq(items) -> frozenset[str] | None:
    """The best requirement of a sequence: its longest run of literal characters, or a required group."""
    options: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is _C.LITERAL and av < 128:
            run.append(chr(av).lower())
            continue
        if run:
            options.append(frozenset(["".join(run)]))
            run = []
        sub = _item(op, av)
        if sub is not None:
            options.append(sub)
    if run:
        options.append(frozenset(["".join(run)]))
    options = [o for o in options if o and all(o)]
    if not options:
        return None
    return max(options, key=lambda o: (min(map(len, o)), -len(o)))


def _item(op, av) -> frozenset[str] | None:
    if op is _C.SUBPATTERN:
        return _seq(av[-1])
    if op is _C.BRANCH:
        alts = [_seq(b) for b in av[1]]
        if any(a is None for a in alts):
            return None
        return frozenset().union(*alts)
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT, getattr(_C, "POSSESSIVE_REPEAT", None)) and av[0] >= 1:
        return _seq(av[2])
    if op is getattr(_C, "ATOMIC_GROUP", None):
        return _seq(av)
    return None  # character classes, anchors, lookarounds, any character: no literal requirement


def lowered(text: str) -> str | None:
    """`text` lower-cased for ``may_match``, or None when it holds a character the test cannot handle."""
    if not text.isascii() and _UNSAFE.search(text):
        return None
    return text.lower()


def may_match(need: frozenset[str] | None, low: str | None) -> bool:
    """False only when no string of `need` occurs in `low` (so the pattern cannot match)."""
    if need is None or low is None:
        return True
    for s in need:
        if s in low:
            return True
    return False


_NEEDS: dict[re.Pattern[str], frozenset[str] | None] = {}


def finditer(pattern: re.Pattern[str], text: str, low: str | None):
    """``pattern.finditer(text)``, or no matches at once when `low` (= lowered(text)) lacks every literal
    string the pattern's matches contain."""
    try:
        need = _NEEDS[pattern]
    except KeyError:
        need = _NEEDS[pattern] = needed(pattern.pattern, pattern.flags)
    return pattern.finditer(text) if may_match(need, low) else iter(())


class LiteralScan:
    """Which patterns of a table may match a text, from the literal strings of all of them found in one pass.

    Testing each pattern's strings (``needed``) with ``may_match`` costs hundreds of substring tests per clause.
    Here one regex, every table string factored into a trie (alternation.py) and tried at every position (a
    lookahead, so overlapping occurrences are all seen), finds at each position the longest string starting
    there; the strings of the table that are prefixes of it occur there too. ``candidates(text)`` is the sorted
    tuple of the ids (positions in `needs`) of the patterns with no strings or with one that occurs in
    ``lowered(text)``: exactly those ``may_match`` lets run. None when `text` cannot be tested (``lowered``):
    then every pattern may match.
    """

    def __init__(self, needs: Sequence[frozenset[str] | None]) -> None:
        self._always = tuple(i for i, need in enumerate(needs) if need is None)
        users: dict[str, list[int]] = {}
        for i, need in enumerate(needs):
            for s in need or ():
                users.setdefault(s, []).append(i)
        # longest first: at each position the regex reports the longest string starting there
        strings = sorted(users, key=lambda s: (-len(s), s))
        source = alternation(strings, ignore_case=False, spaces=re.escape(" ")) if strings else "(?!)"
        self._regex = re.compile("(?=(" + source + "))")
        self._users = {s: frozenset(i for k in range(1, len(s) + 1) for i in users.get(s[:k], ())) for s in strings}
        # the same clause is asked about by several groups and callers (lru_cache: safe across threads)
        self.candidates = lru_cache(maxsize=16)(self._candidates)

    def _candidates(self, text: str) -> tuple[int, ...] | None:
        low = lowered(text)
        if low is None:
            return None
        ids = set(self._always)
        for m in self._regex.finditer(low):
            ids.update(self._users[m.group(1)])
        return tuple(sorted(ids))
