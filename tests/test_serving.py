"""The service as gunicorn runs it (gunicorn.conf.py, a real server process on a free port): what gunicorn itself
refuses is problem+json too, and the app answers."""
from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def server(database_url):
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "PORT": str(port), "HOST": "127.0.0.1",
           "WEB_CONCURRENCY": "1", "WEB_THREADS": "16"}
    proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "service.wsgi:app"],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("gunicorn did not start")
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=40)


def raw(port: int, request: bytes) -> tuple[str, bytes]:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return head.decode("latin1"), body


def test_a_request_line_too_long_is_problem_json(server):
    head, body = raw(server, b"GET /events?q=" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n")
    assert head.startswith("HTTP/1.1 414") and "application/problem+json" in head
    assert b'"status": 414' in body and b"<html" not in body


def test_a_header_too_large_is_problem_json(server):
    head, body = raw(server, b"GET /events HTTP/1.1\r\nHost: x\r\nX-Big: " + b"b" * 9000 + b"\r\n\r\n")
    assert "application/problem+json" in head and b"<html" not in body
    assert int(head.split()[1]) in (400, 431)


def test_the_app_answers_behind_gunicorn(server):
    conn = http.client.HTTPConnection("127.0.0.1", server, timeout=10)
    conn.request("GET", "/events?limit=1", headers={"X-Request-ID": "abc-123"})
    try:
        resp = conn.getresponse()
        assert resp.status == 200 and resp.getheader("X-Request-ID") == "abc-123"
        assert resp.getheader("X-Content-Type-Options") == "nosniff"
        resp.read()
    finally:
        conn.close()


def long_article(n: int, paragraphs: int) -> dict:
    """A long report of our own words: many short incident paragraphs in made-up towns."""
    lines = [f"Gunmen attacked a market in the town of Velmora {k} in Nigeria on Monday, killing {k % 7 + 1} traders, "
             f"a police spokesman said. Residents said the attackers fled on motorcycles." for k in range(paragraphs)]
    return {"title": f"Long report {n}", "published": "2024-05-06", "outlet": "Test Wire",
            "url": f"https://example.org/long/{n}", "body": "\n\n".join(lines)}


def test_reads_are_answered_while_large_articles_are_coded(server):
    """Eight concurrent long POST /articles on one worker: reads keep being answered before the writes finish."""
    from concurrent.futures import ThreadPoolExecutor

    from .conftest import API_KEYS

    def post(n: int) -> float:
        body = json.dumps(long_article(n, 600)).encode()
        conn = http.client.HTTPConnection("127.0.0.1", server, timeout=300)
        try:
            conn.request("POST", "/articles", body=body, headers={
                "Content-Type": "application/json", "Authorization": f"Bearer {API_KEYS['write']}"})
            resp = conn.getresponse()
            resp.read()
            assert resp.status == 201
        finally:
            conn.close()
        return time.monotonic()

    def read() -> tuple[int, float]:
        conn = http.client.HTTPConnection("127.0.0.1", server, timeout=60)
        try:
            started = time.monotonic()
            conn.request("GET", "/events?limit=5")
            resp = conn.getresponse()
            resp.read()
            return resp.status, time.monotonic() - started
        finally:
            conn.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        writes = [pool.submit(post, n) for n in range(8)]
        time.sleep(0.5)  # the writes are in
        reads = []
        for _ in range(10):
            reads.append(read())
            time.sleep(0.05)
        reads_done = time.monotonic()
        finished = [w.result() for w in writes]

    assert all(status == 200 for status, _ in reads)
    assert reads_done < max(finished), "the reads waited for the writes"
    # a generous bound: a starved read waits for the coding of several articles (seconds each)
    assert max(took for _, took in reads) < 2.0, reads
