"""S2/S3's country and date window: a query of at least the rows S3's deep page needs."""
from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

WIDER = (3, 6, 12, 24, 48, 96, 132)  # months; --quick widens S2's window until S3's page exists


def s2_window(conn, rows_needed: int, widen: bool) -> dict:
    """The smallest country (the nearest to mid-size) that has a window of 3 months holding rows_needed events,
    its busiest such window. When no country has one: with widen, the same over 6, 12, 24... months; without,
    the busiest 3-month window of any country (S3 then reaches that query's last page)."""
    per_month, months, order = _counts(conn)
    lengths = WIDER if widen else WIDER[:1]
    for length in lengths:
        for iso3 in reversed(order):
            rows, first = _busiest(per_month[iso3], months, length)
            if rows >= rows_needed:
                return _describe(iso3, rows, first, length, order)
    best = max(order, key=lambda c: _busiest(per_month[c], months, lengths[-1])[0])
    return _describe(best, *_busiest(per_month[best], months, lengths[-1]), lengths[-1], order)


def _counts(conn) -> tuple[dict, list[date], list[str]]:
    """Events per country per month, every month from the first to the last, countries largest first."""
    per_month: dict = defaultdict(dict)
    totals: dict = defaultdict(int)
    for iso3, month, n in conn.execute(
            "SELECT l.iso3, date_trunc('month', e.event_date)::date, count(*) FROM events e "
            "JOIN locations l ON l.id = e.location_id GROUP BY 1, 2").fetchall():
        per_month[iso3][month] = n
        totals[iso3] += n
    first = min(m for c in per_month.values() for m in c)
    last = max(m for c in per_month.values() for m in c)
    months = [first]
    while months[-1] < last:
        months.append(_add_months(months[-1], 1))
    return per_month, months, sorted(totals, key=lambda c: -totals[c])


def _busiest(counts: dict, months: list[date], length: int) -> tuple[int, date]:
    """(events, first month) of the busiest run of `length` months."""
    best = (0, months[0])
    for i in range(max(1, len(months) - length + 1)):
        n = sum(counts.get(m, 0) for m in months[i:i + length])
        if n > best[0]:
            best = (n, months[i])
    return best


def _describe(iso3: str, rows: int, first: date, length: int, order: list[str]) -> dict:
    last = _add_months(first, length) - timedelta(days=1)
    return {"iso3": iso3, "rank": order.index(iso3) + 1, "countries": len(order), "rows": rows,
            "from": first.isoformat(), "to": last.isoformat(), "months": length}


def _add_months(day: date, n: int) -> date:
    total = day.year * 12 + day.month - 1 + n
    return date(total // 12, total % 12 + 1, 1)
