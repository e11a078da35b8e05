"""Name normalisation: fold, place_key (the lookup key), skeleton (loose transliteration) and display forms."""

from __future__ import annotations

import re
import unicodedata

_CHAR_MAP = str.maketrans({
    "ʼ": "'", "ʻ": "'", "‘": "'", "’": "'", "`": "'", "´": "'", "ʿ": "'", "ʾ": "'", "′": "'",
    "‐": "-", "‑": "-", "–": "-", "—": "-",
    "ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss",
    "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "ð": "d", "ə": "e", "Ə": "E",
    "ħ": "h", "ŧ": "t", "ǝ": "e", "Ǝ": "E",
})

ARTICLES = frozenset({
    "al", "el", "ad", "ed", "as", "es", "ar", "er", "az", "ez", "ash", "esh", "at", "et",
    "an", "en", "adh", "ath", "aj", "ul", "il", "the",
})


def fold(text: str) -> str:
    """Strip accents and transliteration marks: 'Ţūlkarm' -> 'Tulkarm'."""
    if text.isascii():
        return text
    s = unicodedata.normalize("NFKD", text.translate(_CHAR_MAP))
    return "".join(ch for ch in s if not unicodedata.combining(ch))


_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_DIGIT = re.compile(r"[0-9]")


_ABBREV_WORDS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "pt": "port"}
_KEY_CACHE: dict[str, str] = {}
_KEY_CACHE_LIMIT = [50_000]


def place_key(text: str) -> str:
    """Lookup key: folded, lower-case, Arabic articles dropped ('Deir ez-Zor' -> 'deir zor')."""
    k = _KEY_CACHE.get(text)
    if k is None:
        k = _place_key(text)
        if len(_KEY_CACHE) < _KEY_CACHE_LIMIT[0]:
            _KEY_CACHE[text] = k
    return k


def _place_key(text: str) -> str:
    s = text if text.isascii() else fold(text)
    s = s.casefold().replace("'", "").replace(".", " ")
    kept = []
    first = None
    for t in _NON_ALNUM.split(s):
        if not t:
            continue
        if first is None:
            first = t
        if t in ARTICLES:
            continue
        t = _ABBREV_WORDS.get(t, t)
        # word-final h after a vowel is a transliteration artefact: Raqqah/Raqqa, Sukhnah/Sukhna
        if len(t) > 3 and t[-1] == "h" and t[-2] in "aeiou":
            t = t[:-1]
        kept.append(t)
    if not kept:
        return " ".join(t for t in _NON_ALNUM.split(s) if t)
    return " ".join(kept)


_FUSED_DOUBLE = re.compile(r"^[ae](sh|th|dh|[stdrzn])\1(?=[a-z]{2})")
_FUSED_AL = re.compile(r"^[ae]l(?=[a-z]{4})")


def _fused_variants(key: str) -> list[str]:
    """'deir ezzor' -> 'deir zor', 'assukhna' -> 'sukhna' (article fused to the word)."""
    toks = key.split()
    out = []
    for i, t in enumerate(toks):
        if t[0] not in "ae":
            continue  # (both forms start so)
        rest = None
        m = _FUSED_DOUBLE.match(t)
        if m:
            rest = t[1 + len(m.group(1)):]
        elif _FUSED_AL.match(t):
            rest = t[2:]
        if rest:
            out.append(" ".join(toks[:i] + [rest] + toks[i + 1:]))
    return out


_SK_PAIRS = (("ph", "f"), ("ck", "k"), ("ou", "u"), ("ee", "i"), ("oo", "u"), ("dh", "d"), ("th", "t"),
             ("gh", "g"), ("kh", "k"), ("q", "k"), ("j", "g"), ("c", "k"), ("z", "s"), ("x", "ks"))
_SK_DROP = str.maketrans("", "", "aeiouyw'h")
_SK_DOUBLE = re.compile(r"(.)\1+")


def skeleton(text_or_key: str) -> str:
    """Consonant skeleton for loose transliteration matching ('Dayr az Zawr' -> 'dr sr')."""
    return _skeleton_of_key(place_key(text_or_key))


def _skeleton_of_key(key: str) -> str:
    out = []
    for n, tok in enumerate(key.split()):
        for x, y in _SK_PAIRS:
            if x in tok:
                tok = tok.replace(x, y)
        if n == 0:
            first = "a" if tok[0] in "aeiouyw" else tok[0]
            out.append(first + tok[1:].translate(_SK_DROP))
        else:
            out.append(tok.translate(_SK_DROP))
    return _SK_DOUBLE.sub(r"\1", "".join(out))


_WS = re.compile(r"\s+")
_MARKS = re.compile(r"[ʼʻ‘ʿʾ`´]")
_PROVINCE_OF = re.compile(r"^Province of ")


def _display(text: str) -> str:
    """Display form: keep Latin-1 accents (Bogotá, Ségou), fold transliteration marks ('Ţūlkarm' -> 'Tulkarm')."""
    if text.isascii():
        return _WS.sub(" ", text.strip()) if "  " in text or "\t" in text else text.strip()
    text = _MARKS.sub("", text.strip())
    if all(ord(ch) < 0x100 or ch == "’" for ch in text):
        return _WS.sub(" ", text.replace("’", "'"))
    out = [ch if ord(ch) < 0x100 else fold(ch) for ch in text.replace("’", "")]
    return _WS.sub(" ", "".join(out)).strip()


