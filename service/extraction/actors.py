"""Actor dictionary of the extractor: who did what to whom, in ACLED's vocabulary.

Pure Python, no database.  The data lives in ``service/data/actors.yaml`` (named groups with aliases, inter
codes and home countries; state-force aliases per country; tables of generic nouns); the country table
(names, aliases, demonyms) comes from :mod:`service.extraction.countries`.  Both are compiled once, on first
use, into two token tries (case-insensitive phrases and case-sensitive acronyms / proper adjectives).

Matching works on word tokens, not characters, so "al-Shabaab", "al Shabaab" and "Al-Shabaab" are one alias,
accents and apostrophes do not matter ("Hay'at" = "Hayat"), a possessive 's is ignored ("Israel's army"), and
offsets always land on word boundaries.  Candidates come from four rules:

* named aliases ("ISWAP", "Ansar Allah", "IDF"), possibly country-conditional ("ADF" in Cameroon);
* qualifier + noun: a country name or demonym before a force noun ("Russian warplanes", "Israel's army",
  "Pakistani shelling", "Kenyan protesters"), with "-backed"/"-led" handling ("Russia-backed fighters");
* generic nouns filled with the event country ("gunmen", "protesters", "villagers", "security forces");
* ethnic / clan labels before a militia noun ("Fulani gunmen" -> Fulani Ethnic Militia (Nigeria)).

Then two sentence-level passes: "the militants" / "rebels" / "gangs" refer to the one named armed group of the
sentence (or of `context`), and civilian nouns that protest or riot become Protesters / Rioters ("farmers set
fire to tyres" -> Rioters (France)).

Overlaps are resolved longest-first (so "Arakan Army" is never "army"), ties favour named actors.

>>> [m.actor.name for m in find_actors("Russian warplanes struck ISIS positions", "SYR")]
['Military Forces of Russia', 'Islamic State']
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import yaml

from service.extraction import countries as _countries

__all__ = [
    "Actor",
    "ActorMention",
    "find_actors",
    "canonical",
    "generic",
    "interaction",
    "all_actors",
    "GENERIC_KINDS",
]

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "actors.yaml"


@dataclass(frozen=True)
class Actor:
    name: str  # canonical
    inter: int  # 1-8
    iso3: str | None  # home country, when known
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class ActorMention:
    start: int
    end: int
    text: str
    actor: Actor
    victim: bool = False  # the phrase denotes civilians/victims ("villagers", "a woman", "shepherds")


# kind -> (name template, inter).  {c} is the country's short name.
_GENERIC = {
    "state": ("Military Forces of {the}{c}", 1),
    "police": ("Police Forces of {the}{c}", 1),
    "protesters": ("Protesters ({c})", 6),
    "rioters": ("Rioters ({c})", 5),
    "civilians": ("Civilians ({c})", 7),
    "unidentified": ("Unidentified Armed Group ({c})", 3),
    "armed": ("Unidentified Armed Group ({c})", 3),
    "gang": ("Unidentified Gang ({c})", 3),
    "progov": ("Pro-Government Militia ({c})", 3),
    "clan": ("Unidentified Clan Militia ({c})", 4),
    "tribal": ("Unidentified Tribal Militia ({c})", 4),
    "communal": ("Unidentified Communal Militia ({c})", 4),
}
_GENERIC_NO_COUNTRY = {
    "state": "Military Forces", "police": "Police Forces", "protesters": "Protesters", "rioters": "Rioters",
    "civilians": "Civilians", "unidentified": "Unidentified Armed Group", "armed": "Unidentified Armed Group",
    "gang": "Unidentified Gang", "progov": "Pro-Government Militia", "clan": "Unidentified Clan Militia",
    "tribal": "Unidentified Tribal Militia", "communal": "Unidentified Communal Militia",
}
GENERIC_KINDS = frozenset(_GENERIC)

# Armed-group inter codes that a bare "the militants" may refer back to within one sentence.
_RESOLVABLE_INTER = (2, 3)
# Prefixes that mark the attacker as unknown: never resolved to a named group.
_UNKNOWN_PREFIXES = {"suspected", "unidentified", "unknown", "alleged", "presumed", "masked"}
# "pro-Hamas", "anti-Houthi": the group is not the actor.
_NEGATING_PREFIXES = {"pro", "anti", "ex", "non"}
# "al-Qaeda-linked", "Houthi-run": the group qualifies something else.
_LINK_SUFFIXES = {"linked", "affiliated", "allied", "aligned", "backed", "inspired", "run", "controlled", "held",
                  "occupied", "supporting", "leaning", "style", "affiliate", "type", "era", "based", "made",
                  "sponsored", "funded", "friendly", "dominated", "administered", "influenced", "built", "designated"}
# Capitalised nouns that usually end a proper name we do not know ("Kosovo Liberation Army").
_PROPER_TAILS = {"army", "forces", "force", "guard", "guards", "police", "militia", "corps", "brigade", "brigades",
                 "battalion", "front", "movement", "units", "service", "group"}
# Pseudo-qualifiers for the event country's own forces in coordinations ("government and Russian forces").
_PSEUDO_QUALIFIERS = {"government", "regime", "junta", "federal"}

_PARTICIPANT_SOURCES = ("civilians", "protesters", "qualified:civilians", "qualified:protesters")

_APOS = "'’‘`ʼ"
_TOKEN_RE = re.compile(r"[^\W_]+(?:[" + _APOS + r"][^\W_]+)*")
_HYPHENS = ("-", "‐", "‑")
_SEP_OK = re.compile(r"^[ \t\-‐‑–—/()'’&]{0,4}$")
_SEP_TIGHT = re.compile(r"^[ \t\-‐‑–—]{1,3}$")


# ------------------------------------------------------------------ tokens


@dataclass(frozen=True)
class _Tok:
    start: int
    end: int
    raw: str
    cs: str  # accents and apostrophes removed, possessive dropped, case kept
    ci: str  # same, lower-cased


def _fold(raw: str) -> str:
    if len(raw) > 2 and raw[-2] in _APOS and raw[-1] in "sS":
        raw = raw[:-2]
    s = unicodedata.normalize("NFKD", raw)
    s = "".join(ch for ch in s if not unicodedata.combining(ch) and ch not in _APOS)
    return s


def _tokenize(text: str) -> list[_Tok]:
    out = []
    for m in _TOKEN_RE.finditer(text):
        f = _fold(m.group(0))
        out.append(_Tok(m.start(), m.end(), m.group(0), f, f.lower()))
    return out


def _phrase_keys(phrase: str, cs: bool) -> tuple[str, ...]:
    toks = _tokenize(phrase)
    return tuple(t.cs if cs else t.ci for t in toks)


def _sep_ok(text: str, a: _Tok, b: _Tok) -> bool:
    """May tokens a and b belong to one phrase?  (hyphens, spaces, slashes; '.' only after an initial)."""
    sep = text[a.end:b.start]
    if _SEP_OK.match(sep):
        return True
    # "U.S. forces", "D.R.C.": a period after a single letter
    return len(a.raw) == 1 and re.fullmatch(r"\.\s?", sep) is not None


def _tight(text: str, a: _Tok, b: _Tok) -> bool:
    """Adjacent words of one noun phrase: only spaces or hyphens between them."""
    return _SEP_TIGHT.match(text[a.end:b.start]) is not None


def _is_acronym(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(letters) <= 6


# ------------------------------------------------------------------ lexicon


@dataclass(frozen=True)
class _Entry:
    kind: str  # named | generic | qnoun (needs a qualifier) | qualifier | people (plural demonym) | ethnic | verb
    value: str  # actor name | generic kind | iso3 | ethnic label
    countries: frozenset[str] | None = None  # conditional on the event country
    extra: str = ""  # qualifier: "name" or "demonym"; ethnic: militia type ("Ethnic", "Clan", ...)
    bare: bool = False  # ethnic label that is an actor on its own


class _Trie:
    def __init__(self) -> None:
        self.root: dict = {}

    def add(self, keys: tuple[str, ...], entry: _Entry) -> None:
        if not keys:
            return
        node = self.root
        for k in keys:
            node = node.setdefault(k, {})
        node.setdefault(None, []).append(entry)

    def walk(self, text: str, toks: list[_Tok], i: int, keyfn) -> list[tuple[int, list[_Entry]]]:
        """Every phrase starting at token i: (end token index, entries)."""
        out = []
        nodes = [self.root]
        j = i
        while nodes and j < len(toks):
            if j > i and not _sep_ok(text, toks[j - 1], toks[j]):
                break
            nxt = []
            for node in nodes:
                for k in keyfn(toks[j]):
                    child = node.get(k)
                    if child is not None:
                        nxt.append(child)
            nodes = nxt
            j += 1
            found = [e for node in nodes for e in node.get(None, ())]
            if found:
                out.append((j, found))
        return out


@dataclass
class _Lexicon:
    named: dict[str, Actor]
    ci: _Trie
    cs: _Trie
    the_names: list[re.Pattern[str]]
    police_states: frozenset[str]
    ambiguous: dict[str, tuple[str, ...]]
    backed: dict[tuple[str, str], str]
    backed_words: frozenset[str]
    led_nouns: frozenset[str]
    modifiers: frozenset[str]
    prefixes: frozenset[str]
    absorb: frozenset[str]
    attack_verbs: frozenset[str]
    aux_words: frozenset[str]
    militia_nouns: _Trie
    participant_verbs: _Trie
    generic_blockers: frozenset[str]
    participant_stops: frozenset[str]
    participles: dict[str, str]
    participant_objects: dict[str, str]
    not_participants: frozenset[str]
    state_names: dict[str, Actor] = field(default_factory=dict)


def _alias_items(items: Iterable, countries: frozenset[str] | None = None):
    """Flatten a YAML alias list into (text, countries, case_sensitive)."""
    for item in items or ():
        if isinstance(item, list):
            yield from _alias_items(item, countries)
        elif isinstance(item, dict):
            cond = frozenset(item["countries"]) if item.get("countries") else countries
            text = str(item["text"])
            yield text, cond, bool(item.get("cs")) or _is_acronym(text)
        else:
            text = str(item)
            yield text, countries, _is_acronym(text)


def _words(items: Iterable[str]) -> frozenset[str]:
    return frozenset(k for it in items for k in _phrase_keys(str(it), cs=False))


def _country_label(iso3: str | None) -> str | None:
    c = _countries.by_iso3(iso3) if iso3 else None
    return c.name if c else None


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    data = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    ci, cs = _Trie(), _Trie()
    the_names = [re.compile(p) for p in data.get("the_names", [])]

    def add(text: str, entry: _Entry, case_sensitive: bool) -> None:
        (cs if case_sensitive else ci).add(_phrase_keys(text, case_sensitive), entry)
        if case_sensitive and text.isalpha() and text.isupper() and len(text) >= 4:
            cs.add((text.title(),), entry)  # house styles that write "Isis", "Amisom", "Farc"

    named: dict[str, Actor] = {}

    def add_named(name: str, aliases_yaml, in_country, inter: int, iso3: str | None) -> None:
        texts: list[str] = []
        add(name, _Entry("named", name), _is_acronym(name))
        for text, cond, case in _alias_items(aliases_yaml):
            add(text, _Entry("named", name, cond), case)
            texts.append(text)
        for block in in_country or ():
            cond = frozenset(block["countries"])
            for text, own, case in _alias_items(block["aliases"], cond):
                add(text, _Entry("named", name, own), case)
                texts.append(text)
        named[name] = Actor(name, inter, iso3, tuple(dict.fromkeys(t for t in texts if t != name)))

    for a in data["actors"]:
        add_named(str(a["name"]), a.get("aliases"), a.get("in_country"), int(a["inter"]), a.get("country"))

    # State forces of every country, with the per-country aliases of the YAML.
    state_names: dict[str, Actor] = {}
    forces = data.get("state_forces") or {}
    for c in _countries.all_countries():
        own = forces.get(c.iso3) or {}
        for branch, kind in (("military", "state"), ("police", "police")):
            name = _state_name(kind, c.name, the_names)
            add_named(name, own.get(branch), None, 1, c.iso3)
            state_names[f"{kind}:{c.iso3}"] = named[name]

    for kind, phrases in (data.get("generic") or {}).items():
        for text, cond, case in _alias_items(phrases):
            add(text, _Entry("generic", kind, cond), case)
    for kind, phrases in (data.get("qualified_nouns") or {}).items():
        for text, cond, case in _alias_items(phrases):
            add(text, _Entry("qnoun", kind, cond), case)

    # Qualifiers: country names, aliases and demonyms (proper nouns: case-sensitive).
    skip = set(data.get("not_qualifiers") or ())
    for c in _countries.all_countries():
        for form, how in [(c.name, "name"), *((a, "name") for a in c.aliases), *((d, "demonym") for d in c.demonyms)]:
            if "," in form or "(" in form or form in skip:
                continue
            cs.add(_phrase_keys(form, True), _Entry("qualifier", c.iso3, None, how))
        for d in c.demonyms:  # "three Palestinians", "two Israelis": people of that country
            if d in skip or " " in d or d.endswith(("s", "sh", "ch", "ese", "x", "z")):
                continue
            cs.add(_phrase_keys(d + "s", True), _Entry("people", c.iso3))
    for iso3, forms in (data.get("extra_qualifiers") or {}).items():
        for form in forms:
            how = "demonym" if form.endswith(("an", "ish")) else "name"
            cs.add(_phrase_keys(str(form), True), _Entry("qualifier", iso3, None, how))

    for group in data.get("ethnic_militias") or ():
        for alias in group["aliases"]:
            cs.add(_phrase_keys(str(alias), True),
                   _Entry("ethnic", str(group["label"]), None, str(group["type"]), bool(group.get("bare"))))
    militia_nouns = _Trie()
    for text in data.get("militia_nouns") or ():
        militia_nouns.add(_phrase_keys(str(text), False), _Entry("generic", "militia"))

    participant_verbs = _Trie()
    for role, phrases in (data.get("participant_verbs") or {}).items():
        for text in phrases:
            participant_verbs.add(_phrase_keys(str(text), False), _Entry("verb", role))
    participles = {w: role for role, words in (data.get("participant_participles") or {}).items()
                   for w in _words(words)}
    participant_objects = {w: role for role, words in (data.get("participant_objects") or {}).items()
                           for w in _words(words)}
    not_participants = frozenset(" ".join(_phrase_keys(str(t), False)) for t in data.get("not_participants") or ())

    backed = {}
    for row in data.get("backed") or ():
        for where in row["where"]:
            backed[(row["sponsor"], where)] = row["actor"]

    return _Lexicon(
        named=named, ci=ci, cs=cs, the_names=the_names,
        police_states=frozenset(data.get("police_states") or ()),
        ambiguous={k: tuple(v) for k, v in (data.get("ambiguous_qualifiers") or {}).items()},
        backed=backed,
        backed_words=_words(data.get("backed_words") or ()),
        led_nouns=_words(data.get("led_nouns") or ()),
        modifiers=_words(data.get("modifiers") or ()),
        prefixes=_words(data.get("prefixes") or ()),
        absorb=_words(data.get("absorb_after_named") or ()),
        attack_verbs=_words(data.get("attack_verbs") or ()),
        aux_words=_words(data.get("aux_words") or ()),
        militia_nouns=militia_nouns,
        participant_verbs=participant_verbs,
        generic_blockers=_words(data.get("generic_blockers") or ()),
        participant_stops=_words(data.get("participant_stops") or ()),
        participles=participles,
        participant_objects=participant_objects,
        not_participants=not_participants,
        state_names=state_names,
    )


def _state_name(kind: str, country_name: str, the_names: list[re.Pattern[str]]) -> str:
    the = "the " if any(p.search(country_name) for p in the_names) else ""
    return _GENERIC[kind][0].format(the=the, c=country_name)


# ------------------------------------------------------------------ public helpers


def _iso(country: str | None) -> str | None:
    if not country:
        return None
    c = _countries.by_iso3(country) if len(country.strip()) in (2, 3) else None
    if c is None:
        c = _countries.lookup(country)
    return c.iso3 if c else None


def generic(kind: str, country: str | None) -> Actor:
    """The generic actor of a kind for a country: generic("protesters", "KEN") -> Protesters (Kenya)."""
    if kind not in _GENERIC:
        raise ValueError(f"unknown generic actor kind {kind!r}; expected one of {sorted(_GENERIC)}")
    lex = _lexicon()
    iso3 = _iso(country)
    if kind in ("state", "police") and iso3:
        if iso3 in lex.police_states:
            kind = "police"
        return lex.state_names[f"{kind}:{iso3}"]
    label = _country_label(iso3)
    if label is None:
        return Actor(_GENERIC_NO_COUNTRY[kind], _GENERIC[kind][1], None)
    name = _GENERIC[kind][0].format(the="", c=label)
    return lex.named.get(name) or Actor(name, _GENERIC[kind][1], iso3)


def interaction(inter1: int | None, inter2: int | None) -> str | None:
    """ACLED interaction code: both inter codes, lowest first ("13"); one side alone is its code and 0 ("60")."""
    codes = []
    for code in (inter1, inter2):
        if code is None:
            continue
        if not isinstance(code, int) or isinstance(code, bool) or not 1 <= code <= 8:
            raise ValueError(f"inter code must be an integer 1-8, got {code!r}")
        codes.append(code)
    if not codes:
        return None
    if len(codes) == 1:
        return f"{codes[0]}0"
    return "".join(str(c) for c in sorted(codes))


def all_actors() -> list[Actor]:
    """The named dictionary (named groups, then state forces of every country), sorted by name."""
    return sorted(_lexicon().named.values(), key=lambda a: a.name)


_CANON_STATE = re.compile(r"^(Military|Police) Forces of (?:the )?(.+?)(?: \(\d{4}-(?:\d{4})?\).*)?$")
_CANON_GENERIC = re.compile(
    r"^(Protesters|Rioters|Civilians|Unidentified Armed Group|Unidentified Gang|Pro-Government Militia|"
    r"Unidentified Clan Militia|Unidentified Tribal Militia|Unidentified Communal Militia) \((.+)\)$")
_CANON_KIND = {"Protesters": "protesters", "Rioters": "rioters", "Civilians": "civilians",
               "Unidentified Armed Group": "unidentified", "Unidentified Gang": "gang",
               "Pro-Government Militia": "progov", "Unidentified Clan Militia": "clan",
               "Unidentified Tribal Militia": "tribal", "Unidentified Communal Militia": "communal"}
_CANON_ETHNIC = re.compile(r"^(.+) (Ethnic|Clan|Communal|Tribal) Militia \((.+)\)$")


def canonical(name: str, country: str | None = None) -> Actor | None:
    """Any alias or canonical name -> Actor ("Ansar Allah" -> Houthis, "Police Forces of Kenya", "gunmen" + MLI)."""
    if not name or not name.strip():
        return None
    name = name.strip()
    lex = _lexicon()
    iso3 = _iso(country)
    toks = _tokenize(name)
    if toks:  # the whole string is one alias (country-conditional aliases first)
        whole = [es for j, es in lex.ci.walk(name, toks, 0, lambda t: (t.ci,)) if j == len(toks)]
        whole += [es for j, es in lex.cs.walk(name, toks, 0, lambda t: (t.cs,)) if j == len(toks)]
        found = _choose_named([e for es in whole for e in es], iso3, lex)
        if found is not None:
            return found
    if name in lex.named:
        return lex.named[name]
    m = _CANON_STATE.match(name)
    if m:
        c = _countries.lookup(m.group(2))
        if c:
            return lex.state_names["state:" + c.iso3 if m.group(1) == "Military" else "police:" + c.iso3]
    m = _CANON_GENERIC.match(name)
    if m:
        c = _countries.lookup(m.group(2))
        return generic(_CANON_KIND[m.group(1)], c.iso3 if c else None) if c else None
    m = _CANON_ETHNIC.match(name)
    if m:
        c = _countries.lookup(m.group(3))
        if c:
            return Actor(f"{m.group(1)} {m.group(2)} Militia ({c.name})", 4, c.iso3)
    mentions = find_actors(name, iso3)
    toks = [t for t in _tokenize(name) if t.ci not in ("the", "a", "an")]
    if len(mentions) == 1 and toks and mentions[0].start <= toks[0].start and mentions[0].end >= toks[-1].end:
        return mentions[0].actor
    if ": " in name:  # ACLED's "ABBR: Full Name" form
        for part in name.split(": ", 1):
            found = canonical(part, country)
            if found is not None:
                return found
    return None


# ------------------------------------------------------------------ finder


@dataclass
class _Cand:
    start: int
    end: int
    prio: int  # 3 named, 2 qualified, 1 generic
    parts: list[tuple[int, int, Actor, bool, str]]  # start, end, actor, victim, source kind


def _choose_named(entries: list[_Entry], iso3: str | None, lex: _Lexicon) -> Actor | None:
    named = [e for e in entries if e.kind == "named"]
    if iso3:
        for e in named:
            if e.countries and iso3 in e.countries:
                return lex.named[e.value]
    for e in named:
        if not e.countries:
            return lex.named[e.value]
    return None


def _generic_for(kind: str, iso3: str | None, lex: _Lexicon) -> Actor:
    if kind == "state" and iso3 in lex.police_states:
        kind = "police"
    return generic(kind, iso3)


def _shouting(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 12 and sum(c.isupper() for c in letters) / len(letters) > 0.7


def _title_case(toks: list[_Tok]) -> bool:
    words = [t for t in toks if len(t.raw) > 3 and t.raw.isalpha()]
    return len(words) >= 3 and sum(t.raw[0].isupper() for t in words) / len(words) >= 0.8


def find_actors(text: str, country: str | None = None,
                context: Iterable[Actor | ActorMention] = ()) -> list[ActorMention]:
    """Every actor mentioned in `text` (a sentence), non-overlapping (longest first), in text order.

    `country` (ISO3 or name) is where the event happens: it fills generic actors ("gunmen" ->
    Unidentified Armed Group (Mali)) and selects country-conditional aliases ("ADF" in Cameroon).
    "The militants"/"insurgents"/"rebels" are resolved to the one named armed group of the sentence; when the
    sentence names none, optional `context` (actors or mentions of the preceding sentences) may supply it for a
    definite "the militants".  Civilian nouns that protest or riot ("farmers set fire to tyres") become
    Protesters/Rioters of their country.
    """
    if not text:
        return []
    lex = _lexicon()
    iso3 = _iso(country)
    toks = _tokenize(text)
    n = len(toks)
    shouting = _shouting(text)
    titled = _title_case(toks)

    def cs_keys(t: _Tok):
        return (t.cs, t.cs.title()) if shouting else (t.cs,)

    def ci_keys(t: _Tok):
        return (t.ci,)

    # lexicon hits per start token: list of (end token, entries)
    hits: list[list[tuple[int, list[_Entry]]]] = []
    for i in range(n):
        found: dict[int, list[_Entry]] = {}
        for j, entries in lex.ci.walk(text, toks, i, ci_keys):
            found.setdefault(j, []).extend(entries)
        for j, entries in lex.cs.walk(text, toks, i, cs_keys):
            if shouting:  # "IS", "AA" in an all-capitals headline are ordinary words
                letters = sum(c.isalpha() for t in toks[i:j] for c in t.raw)
                entries = [e for e in entries if e.kind != "named" or letters > 2]
            if entries:
                found.setdefault(j, []).extend(entries)
        hits.append(sorted(found.items()))

    def sep(a: int, b: int) -> str:
        return text[toks[a].end:toks[b].start]

    def linked(i: int) -> bool:  # token i followed by "-linked", "-run", ...
        return i + 1 < n and sep(i, i + 1) in _HYPHENS and toks[i + 1].ci in _LINK_SUFFIXES

    def negated(i: int) -> bool:  # "pro-Hamas", "anti-Houthi"
        return i > 0 and toks[i - 1].ci in _NEGATING_PREFIXES and sep(i - 1, i) in ("-", " ", "‐", "‑")

    def inside_name(i: int, j: int) -> bool:
        """Generic words inside an unknown proper name: "Kosovo Liberation Army", "Sudan Doctors Network"."""
        if titled:
            return False
        last = toks[j - 1]
        if not last.raw[:1].isupper():
            return False
        if (i > 0 and toks[i].raw[:1].isupper() and last.ci in _PROPER_TAILS and toks[i - 1].raw[:1].isupper()
                and toks[i - 1].ci not in ("the", "a", "an")
                and not any(x.kind == "qualifier" for _, es in hits[i - 1] for x in es)):
            return True
        return (j - 1 > 0 and j < n and toks[j].raw[:1].isupper() and toks[j].raw.isalpha()
                and _SEP_TIGHT.match(sep(j - 1, j)) is not None and sep(j - 1, j) == " ")

    def noun_at(p: int, kinds=("generic", "qnoun")) -> list[tuple[int, _Entry]]:
        out = []
        for j, entries in hits[p] if p < n else ():
            for e in entries:
                if e.kind in kinds and (e.countries is None or iso3 in e.countries):
                    out.append((j, e))
        return out

    def farthest_noun(p: int, kinds=("generic", "qnoun")) -> tuple[int, _Entry] | None:
        """Longest noun phrase at p, allowing up to three modifiers first ("Israeli occupation forces")."""
        best = None
        for _ in range(4):
            if p >= n:
                break
            for j, e in noun_at(p, kinds):
                if best is None or j > best[0]:
                    best = (j, e)
            if toks[p].ci in lex.modifiers and p + 1 < n and _tight(text, toks[p], toks[p + 1]):
                p += 1
            else:
                break
        return best

    def qualifier_iso(e: _Entry, raw: str) -> str:
        options = lex.ambiguous.get(raw)
        if options and iso3 in options:
            return iso3
        return e.value

    def qualified_actor(kind_entry: _Entry, q_iso: str | None, noun_ci: str) -> tuple[Actor, bool] | None:
        kind = kind_entry.value
        target = q_iso or iso3
        if kind_entry.kind == "qnoun":
            if target in lex.police_states:
                if noun_ci in ("forces", "force", "units", "unit", "personnel", "security personnel", "patrol",
                               "patrols", "authorities"):
                    return generic("police", target), False
                return generic("unidentified", target), False
            return generic(kind, target), False
        return _generic_for(kind, target, lex), kind == "civilians"

    def _qualified(i: int, j: int, q: _Entry, q_iso: str) -> list[_Cand]:
        """Candidates for a qualifier at tokens i..j: "-led", "-backed", coordinated lists, country + verb."""
        s = toks[i].start
        if j < n and sep(j - 1, j) in _HYPHENS:
            word = toks[j].ci
            if word == "led":
                p = j + 1
                for _ in range(3):
                    if p < n and toks[p].ci in lex.led_nouns:
                        end = toks[p].end
                        return [_Cand(s, end, 2, [(s, end, generic("state", q_iso), False, "qualified")])]
                    if p < n and toks[p].ci in lex.modifiers:
                        p += 1
                    else:
                        break
                return []
            if word in lex.backed_words:
                best = farthest_noun(j + 1, kinds=("generic",))
                if best is None:
                    return []  # "Iran-backed Hezbollah": the named group stands on its own
                jj, e = best
                target = lex.backed.get((q_iso, iso3 or ""))
                if target:
                    act = lex.named.get(target) or canonical(target) or generic("unidentified", iso3)
                elif e.value in ("armed", "unidentified"):
                    act = generic("unidentified", iso3)
                else:
                    act = _generic_for(e.value, iso3, lex)
                end = toks[jj - 1].end
                return [_Cand(s, end, 2, [(s, end, act, False, "backed")])]
            return []  # "Russian-made", "Israeli-Palestinian"
        # coordinated qualifiers: "Russian and Syrian warplanes", "U.S., British and French jets"
        chain: list[tuple[int, int, str | None]] = [(i, j, q_iso)]
        if i >= 2 and toks[i - 1].ci in ("and", "or") and toks[i - 2].ci in _PSEUDO_QUALIFIERS:
            chain.insert(0, (i - 2, i - 1, None))
        p = j
        while p < n:
            nxt = p
            if toks[p].ci in ("and", "or"):
                nxt = p + 1
            elif not sep(p - 1, p).strip().startswith(","):
                break
            if nxt < n and toks[nxt].ci == "and" and nxt == p:
                nxt += 1
            quals = [(jj, x) for jj, es in (hits[nxt] if nxt < n else ()) for x in es if x.kind == "qualifier"]
            if not quals:
                break
            jj, x = max(quals, key=lambda t: t[0])
            if jj < n and sep(jj - 1, jj) in _HYPHENS:
                break
            chain.append((nxt, jj, qualifier_iso(x, text[toks[nxt].start:toks[jj - 1].end])))
            p = jj
        noun = farthest_noun(p) if p < n and _tight(text, toks[p - 1], toks[p]) else None
        if noun is not None and not inside_name(p, noun[0]):
            jj, e = noun
            noun_ci = " ".join(t.ci for t in toks[p:jj])
            parts = []
            for k, (a, b, c_iso) in enumerate(chain):
                got = qualified_actor(e, c_iso, noun_ci.split(" ")[-1] if e.kind == "qnoun" else noun_ci)
                if got is None:
                    return []
                st = toks[a].start
                en = toks[jj - 1].end if k == len(chain) - 1 else toks[b - 1].end
                parts.append((st, en, got[0], got[1], "qualified:" + e.value))
            return [_Cand(parts[0][0], toks[jj - 1].end, 2, parts)]
        if len(chain) == 1 and q.extra == "name" and j < n and sep(j - 1, j) == " ":
            p = j
            for _ in range(2):
                if p < n and toks[p].ci in lex.aux_words and p + 1 < n and sep(p, p + 1) == " ":
                    p += 1
            if p < n and toks[p].ci in lex.attack_verbs:
                end = toks[j - 1].end
                return [_Cand(s, end, 2, [(s, end, generic("state", q_iso), False, "qualified")])]
        return []

    cands: list[_Cand] = []
    for i in range(n):
        # "government shelling", "regime airstrikes": the event country's forces
        if toks[i].ci in _PSEUDO_QUALIFIERS and i + 1 < n and not negated(i) and _tight(text, toks[i], toks[i + 1]):
            noun = farthest_noun(i + 1, kinds=("qnoun",))
            if noun is not None and noun[1].value == "state":
                s, end = toks[i].start, toks[noun[0] - 1].end
                cands.append(_Cand(s, end, 2, [(s, end, _generic_for("state", iso3, lex), False, "qualified")]))
        for j, entries in hits[i]:
            s, e_ = toks[i].start, toks[j - 1].end
            # 1. named actor
            actor = _choose_named(entries, iso3, lex)
            if actor is not None and not linked(j - 1) and not negated(i):
                k, last = j, j
                for _ in range(4):
                    if k < n and _tight(text, toks[k - 1], toks[k]) and (toks[k].ci in lex.absorb or toks[k].ci in lex.modifiers):
                        if toks[k].ci in lex.absorb:
                            last = k + 1
                        k += 1
                    else:
                        break
                end = toks[last - 1].end
                cands.append(_Cand(s, end, 3, [(s, end, actor, actor.inter == 7, "named")]))
            # 2. qualifier (+ coordination) + noun
            quals = [x for x in entries if x.kind == "qualifier"]
            if quals:
                q = quals[0]
                q_iso = qualifier_iso(q, text[s:e_])
                cands.extend(_qualified(i, j, q, q_iso))
            # 3. generic noun
            gens = [x for x in entries if x.kind == "generic" and (x.countries is None or iso3 in x.countries)]
            if gens and actor is None:
                g = gens[0]
                if inside_name(i, j):
                    continue  # part of a proper name we do not know ("Kosovo Liberation Army")
                if (g.value in ("civilians", "protesters") and j < n and _tight(text, toks[j - 1], toks[j])
                        and toks[j].ci in lex.generic_blockers):
                    continue  # "refugee camp", "farmers' union"
                start_tok = i
                while start_tok > 0 and toks[start_tok - 1].ci in lex.prefixes and _tight(text, toks[start_tok - 1], toks[start_tok]):
                    start_tok -= 1
                s2 = toks[start_tok].start
                act = _generic_for(g.value, iso3, lex)
                cands.append(_Cand(s2, e_, 1, [(s2, e_, act, g.value == "civilians", g.value)]))
            # 3b. "three Palestinians": people of a country
            peoples = [x for x in entries if x.kind == "people"]
            if peoples and actor is None and not gens:
                who = peoples[0].value
                k = j
                if k < n and sep(k - 1, k) == " " and toks[k].ci in lex.attack_verbs:
                    cands.append(_Cand(s, e_, 1, [(s, e_, generic("state", who), False, "qualified")]))
                else:
                    cands.append(_Cand(s, e_, 1, [(s, e_, generic("civilians", who), True, "qualified:civilians")]))
            # 4. ethnic / clan label
            eths = [x for x in entries if x.kind == "ethnic"]
            if eths:
                eth = eths[0]
                label = _country_label(iso3)
                if label:
                    p = j
                    best = None
                    for _ in range(3):
                        if p >= n or not _tight(text, toks[p - 1], toks[p]):
                            break
                        for jj, _entries in lex.militia_nouns.walk(text, toks, p, ci_keys):
                            best = jj if best is None or jj > best else best
                        if toks[p].ci in lex.modifiers:
                            p += 1
                        else:
                            break
                    act = Actor(f"{eth.value} {eth.extra} Militia ({label})", 4, iso3)
                    if best is not None:
                        cands.append(_Cand(s, toks[best - 1].end, 2, [(s, toks[best - 1].end, act, False, "ethnic")]))
                    elif eth.bare:
                        cands.append(_Cand(s, e_, 2, [(s, e_, act, False, "ethnic")]))

    chosen: list[_Cand] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), -c.prio, c.start)):
        if all(c.end <= o.start or c.start >= o.end for o in chosen):
            chosen.append(c)
    parts = sorted((p for c in chosen for p in c.parts), key=lambda p: p[0])
    # "U.S" -> "U.S.": keep the period of a trailing initial
    parts = [(s, e_ + 1 if e_ < len(text) and text[e_] == "." and e_ >= 2 and text[e_ - 2] == "." else e_, a, v, src)
             for s, e_, a, v, src in parts]

    # "the militants" in a sentence naming exactly one armed group refer to it
    groups = {p[2].name: p[2] for p in parts if p[4] == "named" and p[2].inter in _RESOLVABLE_INTER}
    definite = False
    if not groups:
        definite = True
        for c in context or ():
            a = c.actor if isinstance(c, ActorMention) else c
            if a.inter in _RESOLVABLE_INTER and a.name in lex.named and not a.name.startswith(("Unidentified", "Pro-Gov")):
                groups[a.name] = a
    starts = {t.start: k for k, t in enumerate(toks)}
    out = []
    for s, e_, actor, victim, source in parts:
        first_tok = starts.get(s)
        if source in ("armed", "gang") and len(groups) == 1 and first_tok is not None and (
                source == "armed" or next(iter(groups.values())).inter == 3):
            ok = toks[first_tok].ci not in _UNKNOWN_PREFIXES
            if definite:
                ok = ok and first_tok > 0 and toks[first_tok - 1].ci in ("the", "these", "those")
            if ok:
                actor = next(iter(groups.values()))
        elif source in _PARTICIPANT_SOURCES and first_tok is not None:
            role = _participant_role(text, toks, first_tok, s, e_, parts, lex)
            if role == "riot" or (role == "protest" and source.endswith("civilians")):
                actor = generic("rioters" if role == "riot" else "protesters", actor.iso3)
                victim = False
        out.append(ActorMention(s, e_, text[s:e_], actor, victim))
    return out


def _participant_role(text: str, toks: list[_Tok], first: int, start: int, end: int, parts, lex: _Lexicon) -> str | None:
    """'protest' / 'riot' when the noun phrase at text[start:end] is the subject of a protest or riot verb."""
    last = first
    while last + 1 < len(toks) and toks[last + 1].start < end:
        last += 1
    noun = " ".join(t.ci for t in toks[first:last + 1] if t.ci not in lex.prefixes and t.ci not in lex.modifiers)
    words = noun.split()
    if not words or noun in lex.not_participants or words[-1] in lex.not_participants:
        return None
    if first > 0 and toks[first - 1].ci in lex.participles:
        return lex.participles[toks[first - 1].ci]
    # "police moved to disperse dozens of residents"
    k = first - 1
    while k >= 0 and k >= first - 6:
        if toks[k].ci in lex.participant_objects:
            return lex.participant_objects[toks[k].ci]
        if not (toks[k].ci in ("of", "a", "an", "the", "about", "some", "around", "nearly", "over", "more", "than",
                               "crowd", "group", "hundreds", "dozens", "thousands", "scores", "several")
                or toks[k].ci.isdigit() or toks[k].ci in lex.modifiers):
            break
        k -= 1
    other_starts = sorted(p[0] for p in parts if p[0] >= end and p[4] not in _PARTICIPANT_SOURCES)
    limit = other_starts[0] if other_starts else len(text)
    role = None
    k = last + 1
    while k < len(toks) and k <= last + 20 and toks[k].start < limit:
        between = text[toks[k - 1].end:toks[k].start]
        if any(ch in between for ch in ".;:!?"):
            break
        if toks[k].ci in lex.participant_stops:
            break
        passive = toks[k - 1].ci in ("was", "were", "been", "being", "is", "are", "be", "get", "got")
        for _, entries in lex.participant_verbs.walk(text, toks, k, lambda t: (t.ci,)):
            if not passive:
                for e in entries:
                    if e.value == "riot":
                        return "riot"
                    role = role or e.value
        k += 1
    return role
