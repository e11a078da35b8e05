"""Moved to :mod:`service.vocab.gazetteer`; re-exported here until every caller imports it from there.

``python -m service.vocab.gazetteer`` warms the index cache."""

from service.vocab.gazetteer import *  # noqa: F401,F403
from service.vocab.gazetteer import ARTICLES, _cache_file, _display, _Index, _skeleton_of_key, fold  # noqa: F401

if __name__ == "__main__":  # pragma: no cover - the old warm-up command keeps working
    import sys

    from service.vocab.gazetteer.__main__ import main

    sys.exit(main(sys.argv[1:]))
