"""Actor records and the fixed vocabulary of generic actor kinds."""

from __future__ import annotations

from dataclasses import dataclass

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
