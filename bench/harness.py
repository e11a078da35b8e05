"""The pieces of bench/run: the database, the servers, wrk, and the SQL-alone floors."""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import statistics
import tempfile
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psycopg
from psycopg.conninfo import make_conninfo

ROOT = Path(__file__).resolve().parent.parent
ADMIN_URL = os.environ.get("BENCH_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
WRK_LUA = """
math.randomseed(%d)
request = function() return wrk.format("GET", "/events/" .. math.random(%d, %d)) end
"""


def fresh_database(name: str) -> str:
    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return make_conninfo(ADMIN_URL, dbname=name)


def eventsvc(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).with_name("eventsvc")
    return subprocess.run([str(exe), *args], cwd=ROOT, env={**os.environ, **(env or {})}, check=True,
                          capture_output=True, text=True)


def ensure_wrk() -> str:
    if not shutil.which("wrk"):
        print("installing wrk (apt-get install -y wrk)", flush=True)
        subprocess.run(["apt-get", "install", "-y", "wrk"], check=False, capture_output=True)
        if not shutil.which("wrk"):
            subprocess.run(["apt-get", "update"], check=True, capture_output=True)
            subprocess.run(["apt-get", "install", "-y", "wrk"], check=True, capture_output=True)
    return shutil.which("wrk")


def free_port() -> int:
    """A loopback port nothing listens on now (another bench run may hold the usual ones)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(app: str, port: int, url: str, extra_env: dict | None = None) -> subprocess.Popen:
    """gunicorn as the Dockerfile runs it: gunicorn.conf.py, WEB_CONCURRENCY=2, WEB_THREADS=16."""
    env = {**os.environ, "DATABASE_URL": url, "HOST": "127.0.0.1", "PORT": str(port), "WEB_CONCURRENCY": "2",
           "WEB_THREADS": "16", "PYTHONPATH": str(ROOT), **(extra_env or {})}
    gunicorn = Path(sys.executable).with_name("gunicorn")
    proc = subprocess.Popen([str(gunicorn), "-c", "gunicorn.conf.py", app], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    for _ in range(300):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
            break
        except urllib.error.HTTPError:
            break
        except OSError:
            time.sleep(0.1)
    return proc


def stop(proc: subprocess.Popen) -> None:
    os.killpg(proc.pid, signal.SIGTERM)
    proc.wait(timeout=40)


def workers(proc: subprocess.Popen) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True).stdout
    return [int(pid) for pid in out.split()]


def peak_rss_mb(pids: list[int]) -> float:
    """The largest VmHWM (peak resident set since the process started) of these processes."""
    peaks = []
    for pid in pids:
        text = Path(f"/proc/{pid}/status").read_text()
        peaks.append(int(re.search(r"VmHWM:\s+(\d+)", text).group(1)) / 1024)
    return max(peaks)


def wrk(url: str, duration: int, script: str | None = None) -> dict:
    """req/s, p50 and p99 (ms) of `wrk -t2 -c8 --latency` against url. A 60 s timeout, not wrk's 2 s: a slow shape
    reports its latency instead of timeouts (and zero requests when none finishes within the run)."""
    cmd = ["wrk", "-t2", "-c8", f"-d{duration}s", "--timeout", "60s", "--latency", url]
    with tempfile.NamedTemporaryFile("w", prefix="eventsvc_bench_", suffix=".lua") as lua:
        if script:  # a file of this run's own: other runs may share the temp directory
            lua.write(script)
            lua.flush()
            cmd[1:1] = ["-s", lua.name]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            "p50": _ms(re.search(r"50%\s+([\d.]+\w+)", out).group(1)),
            "p99": _ms(re.search(r"99%\s+([\d.]+\w+)", out).group(1)),
            "errors": bool(re.search(r"Non-2xx|Socket errors", out))}


def _ms(text: str) -> float:
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def sql_loop(url: str, statements: list[tuple[str, object]], duration: float) -> dict:
    """The scenario's statements alone, one connection in a loop: runs/s, p50 and p99 (ms)."""
    times = []
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("SET jit = off")
        end = time.monotonic() + duration
        while time.monotonic() < end:
            started = time.perf_counter()
            for sql, params in statements:
                conn.execute(sql, params).fetchall()
            times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {"rps": len(times) / duration, "p50": statistics.median(times), "p99": times[int(len(times) * 0.99) - 1]}


def export(url: str) -> tuple[int, float]:
    """Rows and seconds of one streamed CSV export."""
    started = time.monotonic()
    rows = 0
    with urllib.request.urlopen(url, timeout=600) as resp:
        while block := resp.read(1 << 16):
            rows += block.count(b"\n")
    return rows - 1, time.monotonic() - started


def save_statements(path: Path, statements: dict) -> None:
    path.write_text(json.dumps(statements))
