"""/articles views."""
from __future__ import annotations

import marshmallow as ma
from flask import g, request, url_for
from flask.views import MethodView

from ..api import Blueprint
from ..auth.idempotency import DOC as IDEMPOTENCY_DOC, idempotent
from ..http import config, db, require_json_body
from ..pagination import link_header, next_url, page_limit
from . import service
from .schemas import (ArticleInSchema, ArticleListArgsSchema, ArticlePageSchema, ArticleSchema,
                      ArticleWriteResultSchema)

blp = Blueprint("articles", __name__, url_prefix="/articles", description="Source articles and their coded events")
blp.before_request(require_json_body)


def _code_first() -> None:
    """A keyed POST holds a transaction from its claim to its response: code the article before it opens (a body
    that does not load is left to the view, which answers it)."""
    body = request.get_json(silent=True)
    try:
        data = ArticleInSchema().load(body) if isinstance(body, dict) else None
    except ma.ValidationError:
        data = None
    if data is not None:
        g.coded_article = service.code(data, config().EXTRACT_PROCESSES)


@blp.route("")
class Articles(MethodView):
    @blp.arguments(ArticleListArgsSchema, location="query")
    @blp.response(200, ArticlePageSchema)
    def get(self, args):
        """List articles, newest publication first"""
        with db().session() as s:
            rows, cursor = service.list_articles(s, page_limit(args.get("limit"), config()), args.get("cursor"))
        url = next_url(cursor)
        return {"items": rows, "next": url}, 200, link_header(url)

    @idempotent(prepare=_code_first)
    @blp.doc(**IDEMPOTENCY_DOC)
    @blp.arguments(ArticleInSchema)
    @blp.response(201, ArticleWriteResultSchema)
    @blp.alt_response(200, schema=ArticleWriteResultSchema, description="already stored (unchanged) or replaced")
    def post(self, data):
        """Code an article: its incidents are extracted, stored with their evidence, and returned"""
        # CPU time, not a connection (done already, before the transaction, when the POST carries a key)
        data, events = g.pop("coded_article", None) or service.code(data, config().EXTRACT_PROCESSES)
        with db().session() as s:
            result = service.code_and_store(s, data, events)
            article = service.get_article(s, result.article_id)
        article["status"] = result.status
        status = 201 if result.status == "new" else 200
        return article, status, {"Location": url_for("articles.Article", article_id=result.article_id)}


@blp.route("/<int:article_id>")
class Article(MethodView):
    @blp.response(200, ArticleSchema)
    @blp.alt_response(404, "NOT_FOUND")
    def get(self, article_id):
        """Read one article with its text and the events coded from it"""
        with db().session() as s:
            return service.get_article(s, article_id)
