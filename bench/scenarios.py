"""bench/run's steps: dataset, import, scenarios S1-S9 over HTTP, floors, the table."""
from __future__ import annotations

import argparse
import glob
import hashlib
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg

import harness
import report
from record import statements_of
from window import s2_window


def _args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description="eventsvc benchmark (issue #11)")
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--duration", type=int, default=10, help="seconds of wrk per scenario")
    ap.add_argument("--repeat", type=int, default=1, help="rounds of every scenario; the table shows medians")
    ap.add_argument("--quick", action="store_true",
                    help="50,000 events, 2 s per scenario, S3 at page 20, S9 over 100 articles")
    args = ap.parse_args()
    args.pages, args.articles = 100, 1000
    if args.quick:
        args.events, args.duration, args.pages, args.articles = 50_000, 2, 20, 100
    return args


def load(args) -> tuple[str, float]:
    """A fresh database with the generated file imported; (url, rows/s)."""
    version = hashlib.sha256((harness.ROOT / "bench/dataset.py").read_bytes()).hexdigest()[:8]
    csv_path = Path(tempfile.gettempdir()) / f"eventsvc_bench_{args.events}_{version}.csv"  # the generator's own
    if not csv_path.exists():
        print(f"generating {args.events:,} events -> {csv_path.name}", flush=True)
        subprocess.run([sys.executable, str(harness.ROOT / "bench/dataset.py"), "--events", str(args.events),
                        "--out", str(csv_path)], check=True)
    url = harness.fresh_database(os.environ.get("BENCH_DB") or ("eventsvc_bench_quick" if args.quick
                                                                 else "eventsvc_bench"))
    harness.eventsvc("migrate", env={"DATABASE_URL": url})
    started = time.monotonic()
    out = harness.eventsvc("import", "acled", str(csv_path), "--quiet", "--database-url", url).stdout
    seconds = time.monotonic() - started
    print(f"import: {args.events:,} rows in {seconds:.1f} s = {args.events / seconds:,.0f} rows/s\n  {out.strip()}",
          flush=True)
    return url, args.events / seconds


def choose(url: str, events: int, pages: int, widen: bool) -> dict:
    """Scenario parameters read from the data: S2/S3's country and window, the largest country, a busy 2x2 box,
    an export range."""
    with psycopg.connect(url) as conn:
        s2 = s2_window(conn, pages * 100, widen)
        q = lambda sql: conn.execute(sql).fetchall()  # noqa: E731
        countries = q("SELECT l.iso3, count(*) FROM events e JOIN locations l ON l.id = e.location_id "
                      "GROUP BY 1 ORDER BY 2 DESC")
        lo, hi = q("SELECT min(id), max(id) FROM events")[0]
        lat, lon = q("SELECT floor(latitude), floor(longitude) FROM events e JOIN locations l ON l.id = e.location_id "
                     "WHERE e.event_date >= '2020-01-01' AND e.event_date < '2021-01-01' GROUP BY 1, 2 "
                     "ORDER BY count(*) DESC LIMIT 1")[0]
        rows = min(100_000, events)
        last = q(f"SELECT event_date FROM events ORDER BY event_date, id OFFSET {rows - 1} LIMIT 1")[0][0]
    return {"largest": countries[0][0], "s2": s2, "pages": pages, "ids": (lo, hi),
            "bbox": f"{lon:g},{lat:g},{lon + 2:g},{lat + 2:g}", "export_to": last.isoformat(), "export_rows": rows}


def paths(p: dict, app) -> dict:
    w = p["s2"]
    s2 = f"/events?country={w['iso3']}&date_from={w['from']}&date_to={w['to']}&limit=100"
    page, s3, number = app.test_client().get(s2).get_json(), s2, 1
    while page.get("next") and number < p["pages"]:  # the page asked for, or the last page the query has
        s3, number = page["next"].replace("http://localhost", ""), number + 1
        page = app.test_client().get(s3).get_json()
    print(f"S2/S3: {w['iso3']} (rank {w['rank']} of {w['countries']} countries), {w['from']}..{w['to']} "
          f"({w['months']} months, {w['rows']:,} rows); S3 is page {number} of the S2 query"
          f"{'' if number >= p['pages'] else ' (its last page: page ' + str(p['pages']) + ' does not exist)'}",
          flush=True)
    p["s3_page"] = number
    return {
        "S1": f"/events/{p['ids'][0]}", "S2": s2, "S3": s3,
        "S4": f"/stats?interval=month&country={p['largest']}",
        "S5": f"/stats?group_by=actor&top=20&country={p['largest']}&date_from=2020-01-01&date_to=2020-12-31",
        "S6": f"/events?bbox={p['bbox']}&date_from=2020-01-01&date_to=2020-12-31&limit=100",
        "S7": "/events?q=convoy&limit=100",
        "S8": f"/events?format=csv&date_to={p['export_to']}",
    }


def record_all(url: str, scenario_paths: dict) -> dict:
    from service import create_app
    from service.config import Config
    app = create_app(Config.from_env(DATABASE_URL=url, DB_POOL_MIN=1, DB_POOL_MAX=2))
    try:
        return {name: statements_of(app, url, path) for name, path in scenario_paths.items()}
    finally:
        app.extensions["db"].close()


def _main_select(statements: list) -> str:
    return next(text for _, text in statements if "event_records" in text)


def http_round(run: dict) -> list[dict]:
    """One round of S1-S7 over HTTP, each beside its floors: the constant-JSON endpoint first, then per scenario
    its SQL alone and, for S1/S2, the Flask endpoint running that SQL."""
    base, floor, duration = run["base"], run["floor"], run["duration"]
    const = {"name": "constant JSON (minimal Flask)", **harness.wrk(f"{floor}/const", duration)}
    rows = [report.with_ratios(const, const)]
    print(report.line(const), flush=True)
    for name in ("S1", "S2", "S3", "S4", "S5", "S6", "S7"):
        script = harness.WRK_LUA % (7, *run["ids"]) if name == "S1" else None
        row = {"name": name, **harness.wrk(base + run["paths"][name], duration, script)}
        row["sql"] = harness.sql_loop(run["url"], [(text, None) for _, text in run["recorded"][name]],
                                      min(duration, 5))
        if name in ("S1", "S2"):
            row["flask"] = harness.wrk(f"{floor}/sql/{name}", duration)
        rows.append(report.with_ratios(row, const))
        print(report.line(row), flush=True)
    return rows


def export_scenario(url: str, export_url: str, service, recorded: list, expected: int) -> dict:
    """One streamed CSV export over HTTP beside its COPY statement alone, and the workers' peak RSS."""
    pids = harness.workers(service)
    before = harness.peak_rss_mb(pids)
    rows, seconds = harness.export(export_url)
    copy = next(text for method, text in recorded if method == "copy_out")
    with psycopg.connect(url) as conn:
        conn.execute("SET jit = off")
        started, n = time.monotonic(), 0
        with conn.cursor().copy(copy) as out:
            for _ in out:
                n += 1
        floor = n / (time.monotonic() - started)
    return {"rows": rows, "expected": expected, "rps": rows / seconds, "floor": floor,
            "rss_before": before, "rss_after": harness.peak_rss_mb(pids)}


def extract_scenario(n: int) -> tuple[int, float]:
    """(articles, articles/s) of one `eventsvc extract` over n copies of the wire fixtures."""
    sources = sorted(glob.glob(str(harness.ROOT / "tests/fixtures/wire/articles/*.txt")))
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for k in range(n):
            target = Path(tmp) / f"{k:04d}_{Path(sources[k % len(sources)]).name}"
            target.write_bytes(Path(sources[k % len(sources)]).read_bytes())
            files.append(str(target))
        started = time.monotonic()
        harness.eventsvc("extract", "--json", "--published", "2024-01-01", *files)
        return n, n / (time.monotonic() - started)


def prepare(args, workdir: Path) -> dict:
    """Load the data, choose the parameters, record each scenario's SQL; what the rounds need."""
    url, import_rate = load(args)
    p = choose(url, args.events, args.pages, widen=args.quick)
    from service import create_app
    from service.config import Config
    app = create_app(Config.from_env(DATABASE_URL=url, DB_POOL_MIN=1, DB_POOL_MAX=2))
    scenario_paths = paths(p, app)
    app.extensions["db"].close()
    recorded = record_all(url, scenario_paths)
    statements = workdir / "statements.json"
    harness.save_statements(statements, {name: _main_select(recorded[name]) for name in ("S1", "S2")})
    return {"url": url, "import_rate": import_rate, "p": p, "paths": scenario_paths, "recorded": recorded,
            "ids": p["ids"], "duration": args.duration, "statements": statements}


def rounds(args, run: dict) -> tuple[list, list, list]:
    """--repeat rounds of every scenario, servers up for S1-S8; (HTTP rows per round, S8 per round, S9 per
    round)."""
    port, floor_port = harness.free_port(), harness.free_port()
    service = harness.serve("service.wsgi:app", port, run["url"])
    floor = harness.serve("bench.floor_app:app", floor_port, run["url"], {"BENCH_STATEMENTS": str(run["statements"])})
    run.update(base=f"http://127.0.0.1:{port}", floor=f"http://127.0.0.1:{floor_port}")
    http, s8 = [], []
    try:
        for k in range(args.repeat):
            print(f"\nround {k + 1} of {args.repeat}", flush=True)
            http.append(http_round(run))
            s8.append(export_scenario(run["url"], run["base"] + run["paths"]["S8"], service, run["recorded"]["S8"],
                                      run["p"]["export_rows"]))
            print(f"S8 CSV export          {s8[-1]['rows']:,} rows at {s8[-1]['rps']:,.0f} rows/s | COPY alone "
                  f"{s8[-1]['floor']:,.0f} rows/s", flush=True)
    finally:
        harness.stop(service)
        harness.stop(floor)
    s9 = []
    for _ in range(args.repeat):
        s9.append(extract_scenario(args.articles))
        print(f"S9 extract             {s9[-1][1]:,.1f} articles/s ({args.articles:,} articles, one process)",
              flush=True)
    return http, s8, s9


def main() -> None:
    args = _args()
    started = time.monotonic()
    logging.getLogger("eventsvc.access").setLevel(logging.WARNING)  # the in-process app's access lines
    harness.ensure_wrk()
    workdir = Path(tempfile.mkdtemp(prefix="eventsvc_bench_"))
    try:
        run = prepare(args, workdir)
        print(f"\n{args.events:,} events; wrk -t2 -c8 -d{args.duration}s; {args.repeat} round(s); scenario paths:")
        for name, path in run["paths"].items():
            print(f"  {name}: {path[:140]}")
        http, s8, s9 = rounds(args, run)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    rows = [report.median_row([r[i] for r in http]) for i in range(len(http[0]))]
    print(f"\n{args.events:,} events, S3 = page {run['p']['s3_page']}; medians of {args.repeat} round(s); "
          f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}; {time.monotonic() - started:.0f} s in all\n")
    print(report.table(rows, s8, s9, run["import_rate"]))
