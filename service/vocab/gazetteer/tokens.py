"""Tokens of `find_places`: words with their case, the text before them, and which spans may be one name."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .words import _ABBREV, _BREAK, _CONNECT_MID


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    text: str
    low: str
    cap: bool
    sep: str  # text between the previous token and this one
    # set by _tokenize for _span_ok: how many following tokens a name starting here may run over (no
    # punctuation between, inner tokens capitalised or connectors)
    ahead: int = 0


_WORD = re.compile(r"[^\s\-–—/,;:!?()\[\]\"“”«»]+")
_POSSESSIVE = ("'s", "’s")  # (a token holds no line break, so this is the regex ['’]s$)
_KEEP_DOT = re.compile(r"(?:[A-Z]\.)+|St\.|Ste\.|Mt\.|Ft\.")


def _tokenize(text: str) -> list[_Tok]:
    toks: list[_Tok] = []
    prev_end = 0
    for m in _WORD.finditer(text):
        raw = m.group(0)
        s, e = m.span()
        if raw[0].isalnum() and raw[-1].isalnum():
            w = raw  # a plain word (most): no punctuation to strip, no final period
        else:
            # strip leading/trailing punctuation
            while s < e and not (text[s].isalnum()):
                s += 1
            while e > s and not (text[e - 1].isalnum() or text[e - 1] == "."):
                e -= 1
            w = text[s:e]
        if w.endswith(_POSSESSIVE):
            e -= 2
            w = text[s:e]
        if w.endswith(".") and not _KEEP_DOT.fullmatch(w):
            e -= 1
            w = text[s:e]
        if not w:
            continue
        toks.append(_Tok(s, e, w, w.lower(), w[0].isupper(), text[prev_end:s]))
        prev_end = e
    _set_ahead(toks)
    return toks


@lru_cache(maxsize=1024)  # separators are mostly a space; a pure function of one
def _breaks(sep: str) -> bool:
    return _BREAK.search(sep) is not None


def _joins(prev: _Tok, tok: _Tok) -> bool:
    """May a name run from `prev` on to `tok`?  No punctuation between, no sentence-ending period."""
    return not (_breaks(tok.sep) or (prev.text.endswith(".") and not _ABBREV.fullmatch(prev.text)))


def _set_ahead(toks: list[_Tok]) -> None:
    """tok.ahead, from the end: a name may run on over a joined next token, and past it if that one is
    capitalised or a connector."""
    ahead = 0
    for k in range(len(toks) - 2, -1, -1):
        nxt = toks[k + 1]
        if _joins(toks[k], nxt):
            ahead = ahead + 1 if (nxt.cap or nxt.low in _CONNECT_MID) else 1  # (capitalised or _is_conn)
        else:
            ahead = 0
        toks[k].ahead = ahead


def _is_conn(tok: _Tok) -> bool:
    return not tok.cap and tok.low in _CONNECT_MID


def _sentence_initial(toks: list[_Tok], i: int) -> bool:
    if i == 0:
        return True
    sep = toks[i].sep
    prev = toks[i - 1].text
    return bool(re.search(r"[.!?\n]", sep)) or (prev.endswith(".") and not re.fullmatch(r"[A-Z]\.|St\.|Mt\.", prev))


def _span_ok(toks: list[_Tok], i: int, j: int) -> bool:
    """May tokens i..j be one name?  Spans cannot cross punctuation; inner tokens must be capitalised or
    connectors; the last one capitalised."""
    return j - i <= toks[i].ahead and toks[j].cap
