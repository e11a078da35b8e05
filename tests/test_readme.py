"""The README's curl examples work: each is run, in order, against the app with the seeds loaded."""
from __future__ import annotations

import re
import shlex
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from service.loader import load_paths

from .conftest import API_KEYS

ROOT = Path(__file__).resolve().parent.parent


def curl_commands() -> list[list[str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", text, flags=re.S):
        joined = re.sub(r"\\\n\s*", " ", block)  # line continuations
        buffer = ""
        for line in joined.splitlines():
            if line.lstrip().startswith("#") and not buffer:
                continue
            buffer = f"{buffer}\n{line}" if buffer else line
            try:
                argv = shlex.split(buffer)
            except ValueError:  # an open quote: the -d body goes on
                continue
            if argv and argv[0] == "curl":
                commands.append(argv)
            buffer = ""
    return commands


def as_request(argv: list[str]) -> dict:
    """curl's arguments as a test-client call (only the options the README uses)."""
    req = {"method": "GET", "headers": {}, "data": None, "url": None}
    args = iter(argv[1:])
    for arg in args:
        if arg == "-X":
            req["method"] = next(args)
        elif arg == "-H":
            name, value = next(args).split(":", 1)
            req["headers"][name.strip()] = value.strip()
        elif arg == "-d":
            req["data"] = next(args)
            if req["method"] == "GET":
                req["method"] = "POST"
        elif arg in ("-o", "-w"):
            next(args)
        elif arg.startswith("-"):
            continue
        elif arg.startswith(">"):
            break
        else:
            req["url"] = arg if "://" in arg else f"http://{arg}"
    return req


COMMANDS = curl_commands()


def test_the_readme_has_curl_examples_for_every_resource():
    urls = " ".join(as_request(c)["url"] for c in COMMANDS)
    for path in ("/events", "/actors", "/articles", "/health", "/ready"):
        assert path in urls


def test_every_curl_example_succeeds(database_url, app):
    load_paths(database_url, [str(ROOT / "seeds")], progress=False)
    client = app.test_client()
    for argv in COMMANDS:
        req = as_request(argv)
        parts = urlsplit(req["url"])
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        # the key `eventsvc up` prints, exported as the README says
        headers = {k: v.replace("$EVENTSVC_KEY", API_KEYS["admin"]) for k, v in req["headers"].items()}
        resp = client.open(path, method=req["method"], headers=headers, data=req["data"])
        body = resp.get_data(as_text=True)  # read streamed exports to the end
        resp.close()
        assert resp.status_code < 400, (" ".join(argv), resp.status_code, body[:500])


def test_every_write_in_the_readme_sends_the_key():
    writes = [as_request(argv) for argv in COMMANDS if as_request(argv)["method"] != "GET"]
    assert writes and all(r["headers"].get("Authorization") == "Bearer $EVENTSVC_KEY" for r in writes)


@pytest.mark.parametrize("argv", COMMANDS, ids=lambda a: as_request(a)["method"] + " " + as_request(a)["url"][:60])
def test_curl_examples_parse(argv):
    assert as_request(argv)["url"].startswith("http://localhost:8000/")
