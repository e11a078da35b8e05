"""Actor dictionary: who did what to whom, in ACLED's vocabulary.

Pure Python, no database.  The data lives in ``service/data/actors.yaml`` (named groups with aliases, inter
codes and home countries; state-force aliases per country; tables of generic nouns); the country table
(names, aliases, demonyms) comes from :mod:`service.vocab.countries`.  Both are compiled once, on first
use, into two token tries (case-insensitive phrases and case-sensitive acronyms / proper adjectives):
:mod:`.lexicon`.

Matching works on word tokens, not characters (:mod:`.tokens`), so "al-Shabaab", "al Shabaab" and
"Al-Shabaab" are one alias, accents and apostrophes do not matter ("Hay'at" = "Hayat"), a possessive 's is
ignored ("Israel's army"), and offsets always land on word boundaries.  Candidates come from four rules
(:mod:`.find`, :mod:`.qualified`):

* named aliases ("ISWAP", "Ansar Allah", "IDF"), possibly country-conditional ("ADF" in Cameroon);
* qualifier + noun: a country name or demonym before a force noun ("Russian warplanes", "Israel's army",
  "Pakistani shelling", "Kenyan protesters"), with "-backed"/"-led" handling ("Russia-backed fighters");
* generic nouns filled with the event country ("gunmen", "protesters", "villagers", "security forces");
* ethnic / clan labels before a militia noun ("Fulani gunmen" -> Fulani Ethnic Militia (Nigeria)).

Then two sentence-level passes: "the militants" / "rebels" / "gangs" refer to the one named armed group of the
sentence (or of `context`), and civilian nouns that protest or riot become Protesters / Rioters ("farmers set
fire to tyres" -> Rioters (France), :mod:`.participants`).

Overlaps are resolved longest-first (so "Arakan Army" is never "army"), ties favour named actors.
Generic actors of a country and interaction codes: :mod:`.generic`; any name -> Actor: :mod:`.canonical`.

>>> [m.actor.name for m in find_actors("Russian warplanes struck ISIS positions", "SYR")]
['Military Forces of Russia', 'Islamic State']
"""

from .canonical import canonical
from .find import find_actors, names_specific_actor  # noqa: F401
from .generic import _generic_for, _iso, all_actors, generic, interaction  # noqa: F401
from .lexicon import DATA_FILE, _Entry, _lexicon, _Lexicon, _Trie  # noqa: F401
from .model import GENERIC_KINDS, Actor, ActorMention  # noqa: F401
from .tokens import _Tok, _tokenize  # noqa: F401

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
