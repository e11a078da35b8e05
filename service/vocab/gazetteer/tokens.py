"""Tokens of `find_places`: words with their case, the text before them, and which spans may be one name."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .words import _ABBREV, _BREAK, _CONNECT_MID


@dataclass
class _Tok:
    start: int
    end: int
    text: str
    low: str
    cap: bool
    sep: str  # text between the previous token and this one


def _tokenize(text: str) -> list[_Tok]:
    toks: list[_Tok] = []
    prev_end = 0
    for m in re.finditer(r"[^\s\-–—/,;:!?()\[\]\"“”«»]+", text):
        raw = m.group(0)
        s, e = m.start(), m.end()
        # strip leading/trailing punctuation and possessive 's
        while s < e and not (text[s].isalnum()):
            s += 1
        while e > s and not (text[e - 1].isalnum() or text[e - 1] == "."):
            e -= 1
        w = text[s:e]
        pm = re.search(r"['’]s$", w)
        if pm:
            e -= 2
            w = text[s:e]
        if w.endswith(".") and not re.fullmatch(r"(?:[A-Z]\.)+|St\.|Ste\.|Mt\.|Ft\.", w):
            e -= 1
            w = text[s:e]
        if not w or raw is None:
            continue
        first = w[0]
        cap = first.isupper() or first.isdigit() and False
        toks.append(_Tok(s, e, w, w.lower(), cap, text[prev_end:s]))
        prev_end = e
    return toks


def _is_conn(tok: _Tok) -> bool:
    return not tok.cap and tok.low in _CONNECT_MID


def _sentence_initial(toks: list[_Tok], i: int) -> bool:
    if i == 0:
        return True
    sep = toks[i].sep
    prev = toks[i - 1].text
    return bool(re.search(r"[.!?\n]", sep)) or (prev.endswith(".") and not re.fullmatch(r"[A-Z]\.|St\.|Mt\.", prev))


def _span_ok(toks: list[_Tok], i: int, j: int) -> bool:
    # spans cannot cross punctuation; inner tokens must be capitalised or connectors
    for k in range(i + 1, j + 1):
        if _BREAK.search(toks[k].sep):
            return False
        prev = toks[k - 1].text
        if prev.endswith(".") and not _ABBREV.fullmatch(prev):
            return False
    if not toks[j].cap:
        return False
    for k in range(i + 1, j):
        if not (toks[k].cap or _is_conn(toks[k])):
            return False
    return True
