"""Word tokens of the actor finder: accents, apostrophes and a possessive 's do not matter."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

_APOS = "'’‘`ʼ"
_TOKEN_RE = re.compile(r"[^\W_]+(?:[" + _APOS + r"][^\W_]+)*")
_HYPHENS = ("-", "‐", "‑")
_SEP_OK = re.compile(r"^[ \t\-‐‑–—/()'’&]{0,4}$")
_SEP_TIGHT = re.compile(r"^[ \t\-‐‑–—]{1,3}$")

class _Tok(NamedTuple):  # (a tuple: a sentence has many and they are made for every sentence read)
    start: int
    end: int
    raw: str
    cs: str  # accents and apostrophes removed, possessive dropped, case kept
    ci: str  # same, lower-cased


@lru_cache(maxsize=16384)  # a pure function of one word; news prose repeats its words
def _fold(raw: str) -> str:
    if len(raw) > 2 and raw[-2] in _APOS and raw[-1] in "sS":
        raw = raw[:-2]
    s = unicodedata.normalize("NFKD", raw)
    s = "".join(ch for ch in s if not unicodedata.combining(ch) and ch not in _APOS)
    return s


@lru_cache(maxsize=16384)
def _forms(raw: str) -> tuple[str, str]:
    """(cs, ci) of a word."""
    f = _fold(raw)
    return f, f.lower()


_CS, _CI = _Tok._fields.index("cs"), _Tok._fields.index("ci")  # for _Trie.walk_field
_new_tok = tuple.__new__  # (_Tok(...) goes through the NamedTuple's Python-level __new__)


def _tokenize(text: str) -> list[_Tok]:
    return [_new_tok(_Tok, (m.start(), m.end(), raw, *_forms(raw)))
            for m in _TOKEN_RE.finditer(text) if (raw := m.group(0))]


def _phrase_keys(phrase: str, cs: bool) -> tuple[str, ...]:
    toks = _tokenize(phrase)
    return tuple(t.cs if cs else t.ci for t in toks)


@lru_cache(maxsize=1024)  # separators are few (mostly a space)
def _sep_kind(sep: str) -> tuple[bool, bool]:
    """(a phrase may run over it, it may after an initial)."""
    return _SEP_OK.match(sep) is not None, re.fullmatch(r"\.\s?", sep) is not None


def _sep_ok(text: str, a: _Tok, b: _Tok) -> bool:
    """May tokens a and b belong to one phrase?  (hyphens, spaces, slashes; '.' only after an initial)."""
    ok, after_initial = _sep_kind(text[a.end:b.start])
    # "U.S. forces", "D.R.C.": a period after a single letter
    return ok or (len(a.raw) == 1 and after_initial)


def _tight(text: str, a: _Tok, b: _Tok) -> bool:
    """Adjacent words of one noun phrase: only spaces or hyphens between them."""
    return _SEP_TIGHT.match(text[a.end:b.start]) is not None


def _is_acronym(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(letters) <= 6

