"""eventsvc: conflict-event records coded from news articles, served over a REST API."""
from __future__ import annotations

import logging
from pathlib import Path

from typing import TYPE_CHECKING

from .config import Config

if TYPE_CHECKING:  # the web stack is imported by create_app, not by `eventsvc extract`
    from flask import Flask

API_VERSION = "1.0.0"
OPENAPI_FILE = Path(__file__).resolve().parent.parent / "openapi.yaml"


def _api_spec_options() -> dict:
    return {
        "API_TITLE": "eventsvc",
        "API_VERSION": API_VERSION,
        "OPENAPI_VERSION": "3.0.3",
        "API_SPEC_OPTIONS": {
            "info": {
                "description": (
                    "Conflict-event records coded from news articles, ACLED-style: who did what to whom, where, "
                    "when, and how many were killed, each with its evidence. Every error is "
                    "`application/problem+json` (RFC 9457)."
                ),
                "license": {"name": "MIT"},
            },
            "servers": [{"url": "http://localhost:8000", "description": "local (eventsvc up / docker compose up)"}],
        },
    }


def _register_resources(app: Flask) -> None:
    """The request checks (in order: key, body limits, undeclared parameters), then one blueprint per resource."""
    from .actors.routes import blp as actors_blp
    from .api import Api
    from .articles.routes import blp as articles_blp
    from .auth.guard import authorize
    from .events.routes import blp as events_blp
    from .health import blp as health_blp
    from .limits import check_json_body
    from .stats.routes import blp as stats_blp

    app.before_request(authorize)  # first: a request without its key is refused before anything else is read
    app.before_request(check_json_body)
    api = Api(app)
    for blueprint in (events_blp, actors_blp, articles_blp, stats_blp, health_blp):
        api.register_blueprint(blueprint)
    app.extensions["api"] = api


def create_app(config: Config | dict | None = None) -> Flask:
    if isinstance(config, dict):
        config = Config.from_env(**config)
    config = config or Config.from_env()

    from flask import Flask, Response

    from .db import Database
    from .errors import register_error_handlers
    from .queries import all_queries

    app = Flask(__name__)
    app.config.update(_api_spec_options())
    app.config["EVENTSVC"] = config
    # werkzeug refuses a larger body (413) from its Content-Length, before reading it
    app.config["MAX_CONTENT_LENGTH"] = config.MAX_BODY_BYTES
    app.json.sort_keys = False
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    db = Database(config.DATABASE_URL, min_size=config.DB_POOL_MIN, max_size=config.DB_POOL_MAX,
                  timeout=config.DB_POOL_TIMEOUT, statement_timeout_ms=config.DB_STATEMENT_TIMEOUT_MS)
    app.extensions["db"] = db

    _register_resources(app)

    db.add_queries(all_queries())

    register_error_handlers(app)

    @app.get("/openapi.yaml")
    def openapi_yaml():
        from .openapi import render
        return Response(render(app), mimetype="application/yaml")

    from .observability import init_app as init_observability
    init_observability(app)

    return app
