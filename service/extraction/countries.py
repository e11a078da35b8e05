"""Moved to :mod:`service.vocab.countries`; re-exported here until every caller imports it from there."""

from service.vocab.countries import *  # noqa: F401,F403
from service.vocab.countries import _build  # noqa: F401
