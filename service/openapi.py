"""The OpenAPI document: written by flask-smorest from the routes and schemas, committed as openapi.yaml."""
from __future__ import annotations

import yaml
from flask import Flask

PROBLEM = "application/problem+json"


def spec_dict(app: Flask) -> dict:
    spec = app.extensions["api"].spec.to_dict()
    # errors are problem+json, not application/json
    for response in spec.get("components", {}).get("responses", {}).values():
        content = response.get("content")
        if content and "application/json" in content:
            response["content"] = {PROBLEM: content.pop("application/json")}
    for path in spec.get("paths", {}).values():
        for op in path.values():
            if not isinstance(op, dict):
                continue
            for code, response in op.get("responses", {}).items():
                content = response.get("content") if isinstance(response, dict) else None
                if content and str(code)[0] in "45" and "application/json" in content:
                    response["content"] = {PROBLEM: content.pop("application/json")}
    return spec


def render(app: Flask) -> str:
    return yaml.safe_dump(spec_dict(app), sort_keys=False, allow_unicode=True, width=110)
