"""The committed openapi.yaml is the contract: it must match what the app registers and serves."""
from __future__ import annotations

import re

import yaml

from service import OPENAPI_FILE
from service.openapi import render


def test_committed_document_matches_the_app(app):
    committed = OPENAPI_FILE.read_text(encoding="utf-8")
    assert yaml.safe_load(committed) == yaml.safe_load(render(app)), \
        "openapi.yaml is stale: run `eventsvc openapi --write` and commit it"


def test_every_route_is_documented(app):
    spec = yaml.safe_load(OPENAPI_FILE.read_text(encoding="utf-8"))
    documented = {(path, method) for path, ops in spec["paths"].items() for method in ops if method != "parameters"}
    for rule in app.url_map.iter_rules():
        if rule.endpoint in ("static", "openapi_yaml") or rule.rule.startswith("/openapi"):
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert (path, method.lower()) in documented, f"{method} {path} is not in openapi.yaml"


def test_errors_are_documented_as_problem_json(app):
    spec = yaml.safe_load(OPENAPI_FILE.read_text(encoding="utf-8"))
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            if method == "parameters":
                continue
            for code, response in op.get("responses", {}).items():
                if str(code).startswith(("4", "5")) and "content" in response:
                    assert list(response["content"]) == ["application/problem+json"], (path, method, code)


def test_served_document_is_the_committed_one(client):
    resp = client.get("/openapi.yaml")
    assert resp.status_code == 200
    assert resp.mimetype == "application/yaml"
    assert yaml.safe_load(resp.data) == yaml.safe_load(OPENAPI_FILE.read_text(encoding="utf-8"))


def test_every_query_parameter_has_a_description_and_an_example():
    spec = yaml.safe_load(OPENAPI_FILE.read_text(encoding="utf-8"))
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            if method == "parameters":
                continue
            for param in op.get("parameters", []):
                if param.get("in") != "query":
                    continue
                assert param.get("description"), (path, method, param["name"])
                assert "example" in param or "example" in param.get("schema", {}), (path, method, param["name"])
