"""A regex alternation of words, factored into a trie: the same matches as ``"|".join(words)``, found faster.

Python's regex engine tries the alternatives of ``a|b|c...`` one after another at every position, and with
IGNORECASE it cannot skip an alternative by its first letter: a list of a few hundred nouns costs a few
hundred steps at each word of the text. Factored by common prefixes (``sol(?:diers?|...)``) only the branch
of the letter in the text is followed.

The order in which alternatives are tried decides which match is found when several can match at one place
("police" or "police officer" before a word boundary). Only a word and its extensions can match at the same
place, so the factoring keeps their order: alternatives that start with different characters (different
letters, under IGNORECASE) are grouped freely, and a word that ends at a node stays between the words told
before it and those told after it.
"""

from __future__ import annotations

import re

__all__ = ["alternation"]


def _units(word: str, spaces: str) -> tuple[str, ...]:
    """The word as regex pieces: a space matches `spaces`, everything else itself."""
    return tuple(spaces if ch == " " else re.escape(ch) for ch in word)


def alternation(words, ignore_case: bool, spaces: str = r"\s+") -> str:
    """Regex source matching what ``"|".join(re.escape(w).replace(r"\\ ", spaces) for w in words)`` matches
    (a space in a word matches any run of whitespace by default), trying the words in the same order wherever
    that order can matter."""
    words = list(words)
    if ignore_case and not all(w.isascii() for w in words):
        # (only ASCII letters are sure to have one case partner each)
        return "|".join("".join(_units(w, spaces)) for w in words)
    return _emit([_units(w, spaces) for w in words], ignore_case)


def _emit(seqs: list[tuple[str, ...]], ignore_case: bool) -> str:
    if () in seqs:
        end = seqs.index(())
        before, after = seqs[:end], [s for s in seqs[end + 1:] if s]
        alts = _grouped(before, ignore_case) + [""] + _grouped(after, ignore_case)
    else:
        alts = _grouped(seqs, ignore_case)
    if len(alts) == 1:
        return alts[0]
    return "(?:" + "|".join(alts) + ")"


def _grouped(seqs: list[tuple[str, ...]], ignore_case: bool) -> list[str]:
    """One alternative per first piece (in order of first appearance), its words' rests factored below it."""
    groups: dict[str, list[tuple[str, ...]]] = {}
    for s in seqs:
        groups.setdefault(s[0].lower() if ignore_case else s[0], []).append(s)
    return [group[0][0] + _emit([s[1:] for s in group], ignore_case) for group in groups.values()]
