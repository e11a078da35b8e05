"""One sentence as the actor finder sees it: tokens, lexicon hits per token and the questions the rules ask
about them (separators, "-linked" / "pro-" forms, unknown proper names, noun phrases after a position)."""

from __future__ import annotations

from dataclasses import dataclass

from .generic import _generic_for, generic
from .lexicon import _Entry, _Lexicon
from .model import _LINK_SUFFIXES, _NEGATING_PREFIXES, _PROPER_TAILS, Actor
from .tokens import _CI, _CS, _HYPHENS, _SEP_TIGHT, _Tok, _tokenize

_POLICE_NOUNS = ("forces", "force", "units", "unit", "personnel", "security personnel", "patrol", "patrols",
                 "authorities")


@dataclass
class _Cand:
    start: int
    end: int
    prio: int  # 3 named, 2 qualified, 1 generic
    parts: list[tuple[int, int, Actor, bool, str]]  # start, end, actor, victim, source kind


_ASCII_LETTERS = bytes(range(65, 91)) + bytes(range(97, 123))
_ASCII_UPPER = bytes(range(65, 91))


def _shouting(text: str) -> bool:
    if text.isascii():  # (the same counts, letter by letter in C: an ASCII letter is A-Z or a-z)
        raw = text.encode("ascii")
        letters = len(raw) - len(raw.translate(None, _ASCII_LETTERS))
        upper = len(raw) - len(raw.translate(None, _ASCII_UPPER))
        return letters >= 12 and upper / letters > 0.7
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 12 and sum(c.isupper() for c in letters) / len(letters) > 0.7


def _title_case(toks: list[_Tok]) -> bool:
    words = [t for t in toks if len(t.raw) > 3 and t.raw.isalpha()]
    return len(words) >= 3 and sum(t.raw[0].isupper() for t in words) / len(words) >= 0.8


class _Sentence:
    def __init__(self, text: str, iso3: str | None, lex: _Lexicon) -> None:
        self.text = text
        self.iso3 = iso3
        self.lex = lex
        self.toks = _tokenize(text)
        self.n = len(self.toks)
        self.shouting = _shouting(text)
        self.titled = _title_case(self.toks)
        # lexicon hits per start token: list of (end token, entries); most words start no phrase of either trie
        ci_root, cs_root = lex.ci.root, lex.cs.root
        if self.shouting:
            self.hits: list[list[tuple[int, list[_Entry]]]] = [
                self._hits_at(i) if t.ci in ci_root or any(k in cs_root for k in self.cs_keys(t)) else []
                for i, t in enumerate(self.toks)]
        else:  # (cs_keys(t) is (t.cs,))
            self.hits = [self._hits_at(i) if t.ci in ci_root or t.cs in cs_root else [] for i, t in enumerate(self.toks)]

    def cs_keys(self, t: _Tok):
        return (t.cs, t.cs.title()) if self.shouting else (t.cs,)

    @staticmethod
    def ci_keys(t: _Tok):
        return (t.ci,)

    def _hits_at(self, i: int) -> list[tuple[int, list[_Entry]]]:
        text, toks, lex = self.text, self.toks, self.lex
        found: dict[int, list[_Entry]] = {}
        for j, entries in lex.ci.walk_field(text, toks, i, _CI):
            found.setdefault(j, []).extend(entries)
        cs_hits = lex.cs.walk(text, toks, i, self.cs_keys) if self.shouting else lex.cs.walk_field(text, toks, i, _CS)
        for j, entries in cs_hits:
            if self.shouting:  # "IS", "AA" in an all-capitals headline are ordinary words
                letters = sum(c.isalpha() for t in toks[i:j] for c in t.raw)
                entries = [e for e in entries if e.kind != "named" or letters > 2]
            if entries:
                found.setdefault(j, []).extend(entries)
        return sorted(found.items())

    def sep(self, a: int, b: int) -> str:
        return self.text[self.toks[a].end:self.toks[b].start]

    def tight(self, a: int, b: int) -> bool:
        """Adjacent words of one noun phrase: only spaces or hyphens between tokens a and b."""
        return _SEP_TIGHT.match(self.sep(a, b)) is not None

    def linked(self, i: int) -> bool:  # token i followed by "-linked", "-run", ...
        return i + 1 < self.n and self.sep(i, i + 1) in _HYPHENS and self.toks[i + 1].ci in _LINK_SUFFIXES

    def negated(self, i: int) -> bool:  # "pro-Hamas", "anti-Houthi"
        return i > 0 and self.toks[i - 1].ci in _NEGATING_PREFIXES and self.sep(i - 1, i) in ("-", " ", "‐", "‑")

    def inside_name(self, i: int, j: int) -> bool:
        """Generic words inside an unknown proper name: "Kosovo Liberation Army", "Sudan Doctors Network"."""
        if self.titled:
            return False
        toks, n = self.toks, self.n
        last = toks[j - 1]
        if not last.raw[:1].isupper():
            return False
        if (i > 0 and toks[i].raw[:1].isupper() and last.ci in _PROPER_TAILS and toks[i - 1].raw[:1].isupper()
                and toks[i - 1].ci not in ("the", "a", "an")
                and not any(x.kind == "qualifier" for _, es in self.hits[i - 1] for x in es)):
            return True
        return (j - 1 > 0 and j < n and toks[j].raw[:1].isupper() and toks[j].raw.isalpha()
                and _SEP_TIGHT.match(self.sep(j - 1, j)) is not None and self.sep(j - 1, j) == " ")

    def noun_at(self, p: int, kinds=("generic", "qnoun")) -> list[tuple[int, _Entry]]:
        out = []
        for j, entries in self.hits[p] if p < self.n else ():
            for e in entries:
                if e.kind in kinds and (e.countries is None or self.iso3 in e.countries):
                    out.append((j, e))
        return out

    def farthest_noun(self, p: int, kinds=("generic", "qnoun")) -> tuple[int, _Entry] | None:
        """Longest noun phrase at p, allowing up to three modifiers first ("Israeli occupation forces")."""
        best = None
        for _ in range(4):
            if p >= self.n:
                break
            for j, e in self.noun_at(p, kinds):
                if best is None or j > best[0]:
                    best = (j, e)
            if self.toks[p].ci in self.lex.modifiers and p + 1 < self.n and self.tight(p, p + 1):
                p += 1
            else:
                break
        return best

    def qualifier_iso(self, e: _Entry, raw: str) -> str:
        options = self.lex.ambiguous.get(raw)
        if options and self.iso3 in options:
            return self.iso3
        return e.value

    def qualified_actor(self, kind_entry: _Entry, q_iso: str | None, noun_ci: str) -> tuple[Actor, bool] | None:
        kind = kind_entry.value
        target = q_iso or self.iso3
        if kind_entry.kind == "qnoun":
            if target in self.lex.police_states:
                if noun_ci in _POLICE_NOUNS:
                    return generic("police", target), False
                return generic("unidentified", target), False
            return generic(kind, target), False
        return _generic_for(kind, target, self.lex), kind == "civilians"
