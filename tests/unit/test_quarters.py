"""Calendar quarters: each helper held against a day-by-day count of the calendar."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.quarters import (
    Quarter,
    first_day_of_quarter,
    last_day_of_quarter,
    parse_quarter,
    quarter_end,
    quarter_of,
    quarter_start,
    quarters_in,
)

days = st.dates(min_value=date(1900, 1, 1), max_value=date(2998, 12, 31))


def quarter_number(day: date) -> int:
    return {1: 1, 2: 1, 3: 1, 4: 2, 5: 2, 6: 2, 7: 3, 8: 3, 9: 3}.get(day.month, 4)


def same_quarter(a: date, b: date) -> bool:
    return (a.year, quarter_number(a)) == (b.year, quarter_number(b))


@given(days)
def test_a_day_s_quarter_runs_from_its_first_to_its_last_day(day: date) -> None:
    first, last = first_day_of_quarter(day), last_day_of_quarter(day)
    assert first <= day <= last
    assert same_quarter(first, day) and same_quarter(last, day)
    assert not same_quarter(first - timedelta(days=1), day)
    assert not same_quarter(last + timedelta(days=1), day)
    text = quarter_of(day)
    assert text == f"{day.year}Q{quarter_number(day)}"
    assert (quarter_start(text), quarter_end(text)) == (first, last)
    quarter = Quarter.of(day)
    assert (quarter.start, quarter.end, quarter.text) == (first, last, text)
    assert quarter.following().start == last + timedelta(days=1)
    assert quarter.preceding().end == first - timedelta(days=1)
    assert quarter.following().preceding() == quarter


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("2026Q4", "2026Q4"),
        ("2026 Q4", "2026Q4"),
        ("2026-q4", "2026Q4"),
        (" Q4 2026 ", "2026Q4"),
        ("2026Q5", None),
        ("2026", None),
        ("3000Q1", None),
        ("", None),
    ],
)
def test_a_quarter_is_read_as_people_write_it(text: str, written: str | None) -> None:
    assert parse_quarter(text) == written
    quarter = Quarter.parse(text)
    assert (quarter.text if quarter is not None else None) == written


def test_a_quarter_is_labelled_with_a_space_and_read_back() -> None:
    assert Quarter(2026, 4).label == "2026 Q4"
    assert Quarter.parse(Quarter(2026, 4).label) == Quarter(2026, 4)
    assert (quarter_start("2024Q1"), quarter_end("2024Q1")) == (date(2024, 1, 1), date(2024, 3, 31))


@given(days, st.integers(min_value=0, max_value=800))
def test_a_period_is_cut_into_the_quarters_it_meets(start: date, length: int) -> None:
    end = start + timedelta(days=length)
    cut = quarters_in(start, end)
    # Day by day: every day of the period in exactly one piece, the piece of its own quarter.
    covered = [
        day
        for first, last, _ in cut
        for day in (first + timedelta(n) for n in range((last - first).days + 1))
    ]
    assert covered == [start + timedelta(days=n) for n in range(length + 1)]
    for first, last, quarter in cut:
        assert Quarter.of(first) == quarter == Quarter.of(last)
    assert [q for _, _, q in cut] == sorted({q for _, _, q in cut})
