"""Any alias or canonical actor name -> the dictionary's Actor."""

from __future__ import annotations

import re

from .. import countries as _countries
from .generic import _choose_named, _iso, generic
from .lexicon import _lexicon
from .model import Actor
from .tokens import _tokenize

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
    from .find import find_actors  # the finder uses canonical() for sponsored groups

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

