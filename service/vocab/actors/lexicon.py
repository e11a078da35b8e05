"""The actor lexicon: ``service/data/actors.yaml`` and the country table compiled into token tries."""

from __future__ import annotations

import hashlib
import importlib.metadata
import pickle
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from .. import cache as _cache
from .. import countries as _countries
from .model import _GENERIC, Actor
from .tokens import _is_acronym, _phrase_keys, _sep_ok, _Tok

DATA_FILE = Path(__file__).resolve().parents[2] / "data" / "actors.yaml"


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
        if i >= len(toks):
            return []
        nodes = [c for k in keyfn(toks[i]) if (c := self.root.get(k)) is not None]
        out = []
        j = i + 1
        while nodes:  # most tokens start no phrase: the loop is not entered
            found = [e for node in nodes for e in node.get(None, ())]
            if found:
                out.append((j, found))
            if j >= len(toks):
                break
            nodes = [c for node in nodes for k in keyfn(toks[j]) if (c := node.get(k)) is not None]
            if nodes and not _sep_ok(text, toks[j - 1], toks[j]):  # (asked only when the phrase can go on)
                break
            j += 1
        return out


    def walk_field(self, text: str, toks: list[_Tok], i: int, field: int) -> list[tuple[int, list[_Entry]]]:
        """``walk`` with one key per token, its field `field` (_Tok.cs or _Tok.ci): the same phrases, without a
        list of nodes to follow (the sentence reader asks this of a quarter of all words)."""
        node = self.root.get(toks[i][field]) if i < len(toks) else None
        out = []
        j = i + 1
        while node is not None:
            found = node.get(None)
            if found:
                out.append((j, list(found)))
            if j >= len(toks):
                break
            node = node.get(toks[j][field])
            if node is not None and not _sep_ok(text, toks[j - 1], toks[j]):
                break
            j += 1
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



def _load_data() -> dict:
    import yaml

    return yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))


class _LexBuilder:
    """The two tries (case-insensitive phrases, case-sensitive forms) and the named actors, filled in order."""

    def __init__(self, data: dict) -> None:
        self.data = data
        self.ci, self.cs = _Trie(), _Trie()
        self.the_names = [re.compile(p) for p in data.get("the_names", [])]
        self.named: dict[str, Actor] = {}
        self.state_names: dict[str, Actor] = {}

    def add(self, text: str, entry: _Entry, case_sensitive: bool) -> None:
        (self.cs if case_sensitive else self.ci).add(_phrase_keys(text, case_sensitive), entry)
        if case_sensitive and text.isalpha() and text.isupper() and len(text) >= 4:
            self.cs.add((text.title(),), entry)  # house styles that write "Isis", "Amisom", "Farc"

    def add_named(self, name: str, aliases_yaml, in_country, inter: int, iso3: str | None) -> None:
        texts: list[str] = []
        self.add(name, _Entry("named", name), _is_acronym(name))
        for text, cond, case in _alias_items(aliases_yaml):
            self.add(text, _Entry("named", name, cond), case)
            texts.append(text)
        for block in in_country or ():
            cond = frozenset(block["countries"])
            for text, own, case in _alias_items(block["aliases"], cond):
                self.add(text, _Entry("named", name, own), case)
                texts.append(text)
        self.named[name] = Actor(name, inter, iso3, tuple(dict.fromkeys(t for t in texts if t != name)))

    def named_groups(self) -> None:
        for a in self.data["actors"]:
            self.add_named(str(a["name"]), a.get("aliases"), a.get("in_country"), int(a["inter"]), a.get("country"))

    def state_forces(self) -> None:
        """State forces of every country, with the per-country aliases of the YAML."""
        forces = self.data.get("state_forces") or {}
        for c in _countries.all_countries():
            own = forces.get(c.iso3) or {}
            for branch, kind in (("military", "state"), ("police", "police")):
                name = _state_name(kind, c.name, self.the_names)
                self.add_named(name, own.get(branch), None, 1, c.iso3)
                self.state_names[f"{kind}:{c.iso3}"] = self.named[name]

    def generic_nouns(self) -> None:
        for kind, phrases in (self.data.get("generic") or {}).items():
            for text, cond, case in _alias_items(phrases):
                self.add(text, _Entry("generic", kind, cond), case)
        for kind, phrases in (self.data.get("qualified_nouns") or {}).items():
            for text, cond, case in _alias_items(phrases):
                self.add(text, _Entry("qnoun", kind, cond), case)

    def qualifiers(self) -> None:
        """Country names, aliases and demonyms (proper nouns: case-sensitive)."""
        skip = set(self.data.get("not_qualifiers") or ())
        cs = self.cs
        for c in _countries.all_countries():
            forms = [(c.name, "name"), *((a, "name") for a in c.aliases), *((d, "demonym") for d in c.demonyms)]
            for form, how in forms:
                if "," in form or "(" in form or form in skip:
                    continue
                cs.add(_phrase_keys(form, True), _Entry("qualifier", c.iso3, None, how))
            for d in c.demonyms:  # "three Palestinians", "two Israelis": people of that country
                if d in skip or " " in d or d.endswith(("s", "sh", "ch", "ese", "x", "z")):
                    continue
                cs.add(_phrase_keys(d + "s", True), _Entry("people", c.iso3))
        for iso3, forms in (self.data.get("extra_qualifiers") or {}).items():
            for form in forms:
                how = "demonym" if form.endswith(("an", "ish")) else "name"
                cs.add(_phrase_keys(str(form), True), _Entry("qualifier", iso3, None, how))

    def ethnic_labels(self) -> None:
        for group in self.data.get("ethnic_militias") or ():
            for alias in group["aliases"]:
                self.cs.add(_phrase_keys(str(alias), True),
                            _Entry("ethnic", str(group["label"]), None, str(group["type"]), bool(group.get("bare"))))


def _phrase_trie(phrases: Iterable, kind: str, value: str) -> _Trie:
    trie = _Trie()
    for text in phrases:
        trie.add(_phrase_keys(str(text), False), _Entry(kind, value))
    return trie


def _participant_tables(data: dict) -> dict:
    participant_verbs = _Trie()
    for role, phrases in (data.get("participant_verbs") or {}).items():
        for text in phrases:
            participant_verbs.add(_phrase_keys(str(text), False), _Entry("verb", role))
    return dict(
        participant_verbs=participant_verbs,
        participles={w: role for role, words in (data.get("participant_participles") or {}).items()
                     for w in _words(words)},
        participant_objects={w: role for role, words in (data.get("participant_objects") or {}).items()
                             for w in _words(words)},
        not_participants=frozenset(" ".join(_phrase_keys(str(t), False)) for t in data.get("not_participants") or ()),
        participant_stops=_words(data.get("participant_stops") or ()),
    )


def _word_tables(data: dict) -> dict:
    backed = {}
    for row in data.get("backed") or ():
        for where in row["where"]:
            backed[(row["sponsor"], where)] = row["actor"]
    return dict(
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
        generic_blockers=_words(data.get("generic_blockers") or ()),
    )


def _cache_file() -> Path | None:
    """Pickled lexicon, keyed by a hash of the data, the code that compiles it and the country table."""
    base = _cache.cache_dir()
    if base is None:
        return None
    here = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for path in [DATA_FILE, *sorted(here.glob("*.py")), Path(_countries.__file__), here.parent / "country_table.py"]:
        h.update(path.name.encode())
        h.update(path.read_bytes())
    h.update(f"pycountry={importlib.metadata.version('pycountry')}".encode())
    return base / f"actors-{h.hexdigest()[:16]}.pickle"


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    """The compiled lexicon: from the cache when it is current, else compiled (and cached)."""
    cache = _cache_file()
    found = _cache.existing(cache)
    if found is not None:
        try:
            return pickle.loads(found.read_bytes())
        except Exception:
            pass
    lex = _compile()
    if cache is not None:
        _cache.write(cache, pickle.dumps(lex, protocol=pickle.HIGHEST_PROTOCOL), "actors-*")
    return lex


def _compile() -> _Lexicon:
    data = _load_data()
    b = _LexBuilder(data)
    b.named_groups()
    b.state_forces()
    b.generic_nouns()
    b.qualifiers()
    b.ethnic_labels()
    militia_nouns = _phrase_trie(data.get("militia_nouns") or (), "generic", "militia")
    return _Lexicon(
        named=b.named, ci=b.ci, cs=b.cs, the_names=b.the_names,
        militia_nouns=militia_nouns, state_names=b.state_names,
        **_word_tables(data), **_participant_tables(data),
    )


def _state_name(kind: str, country_name: str, the_names: list[re.Pattern[str]]) -> str:
    the = "the " if any(p.search(country_name) for p in the_names) else ""
    return _GENERIC[kind][0].format(the=the, c=country_name)

