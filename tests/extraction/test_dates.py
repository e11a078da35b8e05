"""Date expressions resolved against the publication date (the codebook's conventions)."""

from datetime import date

import pytest

from service.extraction.dates import find_dates, resolve_month_day, resolve_weekday

PUB = date(2024, 12, 23)  # a Monday


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Monday", date(2024, 12, 23)), ("Sunday", date(2024, 12, 22)), ("Tuesday", date(2024, 12, 17))],
)
def test_weekday_is_latest_on_or_before_publication(name, expected):
    assert resolve_weekday(name, PUB) == expected


def test_month_day_in_january_article_falls_in_previous_year():
    assert resolve_month_day(12, 30, date(2021, 1, 11)) == date(2020, 12, 30)
    assert resolve_month_day(2, 9, date(2024, 2, 13)) == date(2024, 2, 9)


def one(text, published=PUB, precision=1):
    found = find_dates(text, published, precision)
    assert len(found) == 1, found
    return found[0]


def test_abbreviated_month_and_year_boundary():
    d = one("clashed on Dec. 30, killing three rebels", date(2025, 1, 3))
    assert (d.kind, d.date, d.precision) == ("absolute", date(2024, 12, 30), 1)


def test_explicit_year_is_kept():
    assert one("Hamas' Oct. 7, 2023 attack").date == date(2023, 10, 7)


def test_yesterday_and_last_week_and_earlier_this_month():
    assert one("shot dead three protesters yesterday", date(2025, 2, 12)).date == date(2025, 2, 11)
    lw = one("Last week, gunmen kidnapped a nurse", date(2024, 10, 30))
    assert (lw.date, lw.precision) == (date(2024, 10, 23), 2)
    em = one("seized near Tame earlier this month", date(2024, 9, 24))
    assert (em.date, em.precision) == (date(2024, 9, 12), 3)


def test_beginning_of_the_year_is_week_precise():
    d = one("ambushed vehicles in the beginning of the year", date(2021, 1, 11), 2)
    assert d.date.year == 2021 and d.date.month == 1 and d.precision == 2


def test_weekday_keeps_day_precision_against_week_precise_publication():
    d = one("carried out on Sunday 40 airstrikes", date(2021, 1, 11), 2)
    assert (d.date, d.precision) == (date(2021, 1, 10), 1)


def test_time_of_day_forms_are_weekdays():
    for text in ("late on Tuesday", "Tuesday night", "early on Tuesday", "overnight into Tuesday", "later on Tuesday"):
        d = one(f"fighters attacked {text}", date(2024, 8, 15))
        assert d.date == date(2024, 8, 13), text


def test_statement_date_is_marked():
    found = find_dates("the army said on Tuesday that its warplanes had struck on Sunday", PUB)
    assert [(d.text, d.statement) for d in found] == [("Tuesday", True), ("Sunday", False)]


def test_possessive_weekday_refers_back():
    assert one("Witnesses said Sunday's blast shattered windows").kind == "possessive"


def test_overnight_is_a_night_mention():
    d = one("missiles struck Kharkiv overnight", date(2024, 7, 19))
    assert (d.kind, d.date) == ("night", date(2024, 7, 19))


@pytest.mark.parametrize(
    ("text", "offset", "anchor"),
    [
        ("Two days after the drone strike, militiamen attacked", 2, "event"),
        ("The following day, workers set fire to two buses", 1, "event"),
        ("A day later, police arrested five men", 1, "event"),
        ("Two days earlier, armed men set fire to a school", -2, "statement"),
        ("had struck positions the previous night", -1, "statement"),
        ("had found 14 bodies a day earlier", -1, "statement"),
        ("in a raid on their camp earlier that day", 0, "statement"),
    ],
)
def test_chains_carry_offset_and_anchor(text, offset, anchor):
    d = one(text)
    assert (d.kind, d.offset_days, d.anchor) == ("chain", offset, anchor)


def test_day_after_a_clause_points_backwards():
    found = find_dates("Shops were closed on Monday, the day after militants killed an officer", PUB)
    chain = next(d for d in found if d.kind == "chain")
    assert (chain.anchor, chain.offset_days) == ("clause", -1)
