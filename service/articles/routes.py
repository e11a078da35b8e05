"""/articles views."""
from __future__ import annotations

from ..api import Blueprint

blp = Blueprint("articles", __name__, url_prefix="/articles", description="Source articles and their coded events")
