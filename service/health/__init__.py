"""/health (the process is up) and /ready (the database answers and its schema is current)."""
from __future__ import annotations

import marshmallow as ma
from flask.views import MethodView

from ..api import Blueprint
from ..db import pending_migrations
from ..errors import Unavailable
from ..http import db

blp = Blueprint("health", __name__, description="Liveness and readiness probes")


class HealthSchema(ma.Schema):
    status = ma.fields.String(metadata={"example": "ok"})
    pending_migrations = ma.fields.List(ma.fields.String())


@blp.route("/health")
class Health(MethodView):
    @blp.response(200, HealthSchema)
    def get(self):
        """The process is up"""
        return {"status": "ok"}


@blp.route("/ready")
class Ready(MethodView):
    @blp.response(200, HealthSchema)
    @blp.alt_response(503, "SERVICE_UNAVAILABLE")
    def get(self):
        """The database is reachable and every migration is applied"""
        with db().session() as s:
            pending = pending_migrations(s)
        if pending:
            raise Unavailable(f"migrations pending: {', '.join(pending)}; run `eventsvc migrate`",
                              errors={"migrations": pending})
        return {"status": "ready", "pending_migrations": []}
