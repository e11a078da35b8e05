"""bench/run's steps: dataset, import, scenarios S1-S9 over HTTP, floors, the table."""
from __future__ import annotations

import argparse
import glob
import logging
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg

import harness
from record import statements_of

PORT, FLOOR_PORT = 18080, 18081


def _args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description="eventsvc benchmark (issue #11)")
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--duration", type=int, default=10, help="seconds of wrk per scenario")
    ap.add_argument("--quick", action="store_true", help="50,000 events, 3 s per scenario")
    args = ap.parse_args()
    if args.quick:
        args.events, args.duration = 50_000, 3
    return args


def load(args) -> tuple[str, float]:
    """A fresh database with the generated file imported; (url, rows/s)."""
    csv_path = Path(tempfile.gettempdir()) / f"eventsvc_bench_{args.events}.csv"
    if not csv_path.exists():
        print(f"generating {args.events:,} events -> {csv_path.name}", flush=True)
        subprocess.run([sys.executable, str(harness.ROOT / "bench/dataset.py"), "--events", str(args.events),
                        "--out", str(csv_path)], check=True)
    url = harness.fresh_database("eventsvc_bench_quick" if args.quick else "eventsvc_bench")
    harness.eventsvc("migrate", env={"DATABASE_URL": url})
    started = time.monotonic()
    out = harness.eventsvc("import", "acled", str(csv_path), "--quiet", "--database-url", url).stdout
    seconds = time.monotonic() - started
    print(f"import: {args.events:,} rows in {seconds:.1f} s = {args.events / seconds:,.0f} rows/s\n  {out.strip()}",
          flush=True)
    return url, args.events / seconds


def choose(url: str, events: int) -> dict:
    """Scenario parameters read from the data: largest and mid-size countries, a busy 2x2 box, an export range."""
    with psycopg.connect(url) as conn:
        q = lambda sql: conn.execute(sql).fetchall()  # noqa: E731
        countries = q("SELECT l.iso3, count(*) FROM events e JOIN locations l ON l.id = e.location_id "
                      "GROUP BY 1 ORDER BY 2 DESC")
        lo, hi = q("SELECT min(id), max(id) FROM events")[0]
        lat, lon = q("SELECT floor(latitude), floor(longitude) FROM events e JOIN locations l ON l.id = e.location_id "
                     "WHERE e.event_date >= '2020-01-01' AND e.event_date < '2021-01-01' GROUP BY 1, 2 "
                     "ORDER BY count(*) DESC LIMIT 1")[0]
        rows = min(100_000, events)
        last = q(f"SELECT event_date FROM events ORDER BY event_date, id OFFSET {rows - 1} LIMIT 1")[0][0]
    return {"largest": countries[0][0], "mid": countries[len(countries) // 4][0], "ids": (lo, hi),
            "bbox": f"{lon:g},{lat:g},{lon + 2:g},{lat + 2:g}", "export_to": last.isoformat(), "export_rows": rows}


def paths(p: dict, app) -> dict:
    s2 = f"/events?country={p['mid']}&date_from=2020-01-01&date_to=2020-03-31&limit=100"
    page, s3, number = app.test_client().get(s2).get_json(), s2, 1
    while page.get("next") and number < 100:  # page 100, or the last page the query has
        s3, number = page["next"].replace("http://localhost", ""), number + 1
        page = app.test_client().get(s3).get_json()
    print(f"S3 is page {number} of the S2 query", flush=True)
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


def http_scenarios(url: str, scenario_paths: dict, recorded: dict, p: dict, duration: int) -> list[dict]:
    base = f"http://127.0.0.1:{PORT}"
    floor = f"http://127.0.0.1:{FLOOR_PORT}"
    rows = []
    const = harness.wrk(f"{floor}/const", duration)
    rows.append({"name": "floor: constant JSON", **const})
    for name in ("S1", "S2", "S3", "S4", "S5", "S6", "S7"):
        script = harness.WRK_LUA % (7, *p["ids"]) if name == "S1" else None
        result = harness.wrk(base + scenario_paths[name], duration, script)
        sql_alone = harness.sql_loop(url, [(text, None) for _, text in recorded[name]], min(duration, 5))
        row = {"name": name, **result, "sql": sql_alone}
        if name in ("S1", "S2"):
            row["flask"] = harness.wrk(f"{floor}/sql/{name}", duration)
        rows.append(row)
        print(_line(row), flush=True)
    return rows


def export_scenario(url: str, path: str, service, recorded: list, expected: int) -> dict:
    pids = harness.workers(service)
    before = harness.peak_rss_mb(pids)
    runs = [harness.export(f"http://127.0.0.1:{PORT}{path}") for _ in range(3)]
    rates = sorted(rows / seconds for rows, seconds in runs)
    copy = next(text for method, text in recorded if method == "copy_out")
    with psycopg.connect(url) as conn:
        conn.execute("SET jit = off")
        started, n = time.monotonic(), 0
        with conn.cursor().copy(copy) as out:
            for _ in out:
                n += 1
        floor = n / (time.monotonic() - started)
    return {"rows": runs[0][0], "expected": expected, "rps": rates[1], "floor": floor,
            "rss_before": before, "rss_after": harness.peak_rss_mb(pids)}


def extract_scenario(n: int = 1000) -> float:
    sources = sorted(glob.glob(str(harness.ROOT / "tests/fixtures/wire/articles/*.txt")))
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for k in range(n):
            target = Path(tmp) / f"{k:04d}_{Path(sources[k % len(sources)]).name}"
            target.write_bytes(Path(sources[k % len(sources)]).read_bytes())
            files.append(str(target))
        started = time.monotonic()
        harness.eventsvc("extract", "--json", "--published", "2024-01-01", *files)
        return n / (time.monotonic() - started)


def _line(row: dict) -> str:
    text = f"{row['name']:<22} {row['rps']:>9,.0f} req/s  p50 {row['p50']:>8.2f} ms  p99 {row['p99']:>8.2f} ms"
    if "sql" in row:
        text += f" | SQL alone {row['sql']['rps']:>8,.0f}/s p50 {row['sql']['p50']:.2f} ms"
    if "flask" in row:
        text += f" | Flask+SQL floor {row['flask']['rps']:,.0f} req/s, ratio {row['rps'] / row['flask']['rps']:.2f}"
    elif "sql" in row:
        text += f", ratio {row['rps'] / row['sql']['rps']:.2f}"
    return text + ("  (errors!)" if row.get("errors") else "")


def main() -> None:
    args = _args()
    logging.getLogger("eventsvc.access").setLevel(logging.WARNING)  # the in-process app's access lines
    harness.ensure_wrk()
    url, import_rate = load(args)
    p = choose(url, args.events)
    from service import create_app
    from service.config import Config
    app = create_app(Config.from_env(DATABASE_URL=url, DB_POOL_MIN=1, DB_POOL_MAX=2))
    scenario_paths = paths(p, app)
    app.extensions["db"].close()
    recorded = record_all(url, scenario_paths)
    statements = Path(tempfile.gettempdir()) / "eventsvc_bench_statements.json"
    harness.save_statements(statements, {name: _main_select(recorded[name]) for name in ("S1", "S2")})
    service = harness.serve("service.wsgi:app", PORT, url)
    floor = harness.serve("bench.floor_app:app", FLOOR_PORT, url, {"BENCH_STATEMENTS": str(statements)})
    try:
        print(f"\n{args.events:,} events; wrk -t2 -c8 -d{args.duration}s; scenario paths:", flush=True)
        for name, path in scenario_paths.items():
            print(f"  {name}: {path[:140]}")
        rows = http_scenarios(url, scenario_paths, recorded, p, args.duration)
        s8 = export_scenario(url, scenario_paths["S8"], service, recorded["S8"], p["export_rows"])
        print(f"S8 CSV export          {s8['rows']:,} rows at {s8['rps']:,.0f} rows/s (median of 3) | COPY alone "
              f"{s8['floor']:,.0f} rows/s, ratio {s8['rps'] / s8['floor']:.2f} | worker peak RSS "
              f"{s8['rss_before']:.0f} MB before, {s8['rss_after']:.0f} MB after", flush=True)
    finally:
        harness.stop(service)
        harness.stop(floor)
    print(f"S9 extract             {extract_scenario():,.1f} articles/s (1,000 articles, one process)")
    print(f"import                 {import_rate:,.0f} rows/s")
