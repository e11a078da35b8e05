"""bench/run's results: medians over --repeat rounds, each scenario's ratio to its floors, and the table."""
from __future__ import annotations

import statistics

KEYS = ("rps", "p50", "p99")


def median_row(runs: list[dict]) -> dict:
    """One scenario's rounds folded into medians; ratios are the median of each round's own ratio (the floor
    measured in the same round, under the same load)."""
    row = {"name": runs[0]["name"], "runs": len(runs), "errors": any(r.get("errors") for r in runs)}
    row.update({key: statistics.median(r[key] for r in runs) for key in KEYS})
    for floor in ("sql", "flask"):
        if floor in runs[0]:
            row[floor] = {key: statistics.median(r[floor][key] for r in runs) for key in KEYS}
    for ratio in ("ratio", "ratio_const"):
        if ratio in runs[0]:
            row[ratio] = statistics.median(r[ratio] for r in runs)
    return row


def with_ratios(row: dict, const: dict) -> dict:
    """The scenario's req/s over its floor (Flask+SQL for S1/S2, else its SQL alone on one connection) and over
    the constant-JSON floor of the same round."""
    floor = row.get("flask") or row.get("sql")
    if floor:
        row["ratio"] = row["rps"] / floor["rps"]
    row["ratio_const"] = row["rps"] / const["rps"]
    return row


def line(row: dict) -> str:
    """A progress line as a scenario finishes."""
    text = f"{row['name']:<22} {row['rps']:>9,.0f} req/s  p50 {row['p50']:>8.2f} ms  p99 {row['p99']:>8.2f} ms"
    if "sql" in row:
        text += f" | SQL alone {row['sql']['rps']:>8,.0f}/s p50 {row['sql']['p50']:.2f} ms"
    if "flask" in row:
        text += f" | Flask+SQL floor {row['flask']['rps']:,.0f} req/s"
    if "ratio" in row:
        text += f", ratio {row['ratio']:.2f}"
    if "ratio_const" in row:
        text += f", x const {row['ratio_const']:.2f}"
    return text + ("  (errors!)" if row.get("errors") else "")


def table(rows: list[dict], s8: list[dict], s9: list[float], import_rate: float) -> str:
    """The results as a Markdown table: medians of the rounds."""
    out = ["| scenario | req/s | p50 ms | p99 ms | floor | ratio to floor | ratio to constant JSON |",
           "|---|---|---|---|---|---|---|"]
    for row in rows:
        name = row["name"] + (" (wrk saw errors or timeouts)" if row.get("errors") else "")
        if not row["rps"]:
            out.append(f"| {name} | 0: no request finished | | | {_floor(row)} | | |")
            continue
        out.append(f"| {name} | {row['rps']:,.0f} | {row['p50']:.2f} | {row['p99']:.2f} | {_floor(row)} | "
                   f"{_num(row.get('ratio'))} | {_num(row.get('ratio_const'))} |")
    if s8:
        rps = statistics.median(r["rps"] for r in s8)
        floor = statistics.median(r["floor"] for r in s8)
        ratio = statistics.median(r["rps"] / r["floor"] for r in s8)
        out.append(f"| S8 CSV export, {s8[0]['rows']:,} rows | {rps:,.0f} rows/s | | | COPY alone {floor:,.0f} "
                   f"rows/s; worker peak RSS {s8[0]['rss_before']:.0f} -> {s8[-1]['rss_after']:.0f} MB | "
                   f"{ratio:.2f} | |")
    if s9:
        out.append(f"| S9 extract, {s9[0][0]:,} articles | {statistics.median(r for _, r in s9):,.1f} articles/s "
                   "| | | | | |")
    out.append(f"| import | {import_rate:,.0f} rows/s | | | | | |")
    return "\n".join(out)


def _floor(row: dict) -> str:
    if row["name"].startswith("constant"):
        return "(is the floor)"
    parts = []
    if "flask" in row:
        parts.append(f"Flask+SQL {row['flask']['rps']:,.0f} req/s")
    if "sql" in row:
        parts.append(f"SQL alone {row['sql']['rps']:,.0f}/s, p50 {row['sql']['p50']:.2f} ms")
    return "; ".join(parts)


def _num(value) -> str:
    return "" if value is None else f"{value:.2f}"
