"""Moved to :mod:`service.vocab.actors`; re-exported here until every caller imports it from there."""

from service.vocab.actors import *  # noqa: F401,F403
from service.vocab.actors import (  # noqa: F401
    DATA_FILE,
    _Entry,
    _generic_for,
    _iso,
    _lexicon,
    _Lexicon,
    _Tok,
    _tokenize,
    _Trie,
)
