"""Calendar quarters: the one place that knows which days a quarter runs and how it is written.

MDF allocations are stored per quarter ("2026Q4") and lapse when it ends; rebates are counted
per quarter and dated its last day; the dashboard, the scorecard and the Program page show
revenue quarter by quarter and open a quarter a person clicks ("2026 Q4"). Every one of these
paths reads the quarter here, so a quarter never ends on one day in one place and another day
in another.

A quarter is written ``2026Q4`` where it is stored or typed (``2026-q4``, ``2026 Q4`` and
``Q4 2026`` are read too) and labelled ``2026 Q4`` where it is shown.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date, timedelta

from app.domain.dates import FIRST_DATE, LAST_DATE

_QUARTER = re.compile(r"^\s*(\d{4})\s*[-/ ]?\s*Q\s*([1-4])\s*$", re.IGNORECASE)
_QUARTER_FIRST = re.compile(r"^\s*Q\s*([1-4])\s*[-/ ]?\s*(\d{4})\s*$", re.IGNORECASE)


@dataclass(frozen=True, order=True, slots=True)
class Quarter:
    """One calendar quarter; quarters sort in time order."""

    year: int
    number: int  # 1 to 4

    @classmethod
    def of(cls, day: date) -> Quarter:
        """The quarter ``day`` falls in."""
        return cls(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def parse(cls, text: str) -> Quarter | None:
        """``text`` as a quarter, or None when it names none within the years a record may
        hold."""
        found = _QUARTER.match(text or "")
        if found is not None:
            year, number = found.group(1), found.group(2)
        elif (other := _QUARTER_FIRST.match(text or "")) is not None:
            number, year = other.group(1), other.group(2)
        else:
            return None
        if not FIRST_DATE.year <= int(year) <= LAST_DATE.year:
            return None
        return cls(int(year), int(number))

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> date:
        """The quarter's last day (31 March, 30 June, 30 September, 31 December)."""
        if self.number == 4:
            return date(self.year, 12, 31)
        return date(self.year, 3 * self.number + 1, 1) - timedelta(days=1)

    @property
    def text(self) -> str:
        """``2026Q4``: as an allocation stores it and a person types it."""
        return f"{self.year}Q{self.number}"

    @property
    def label(self) -> str:
        """``2026 Q4``: as a chart or a period picker shows it."""
        return f"{self.year} Q{self.number}"

    def following(self) -> Quarter:
        return (
            Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)
        )

    def preceding(self) -> Quarter:
        return (
            Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)
        )


def quarters_in(start: date, end: date) -> list[tuple[date, date, Quarter]]:
    """The quarters that meet [start, end] in time order, each with its days cut to the period
    (a period from 15 February gives the first quarter from 15 February)."""
    found: list[tuple[date, date, Quarter]] = []
    quarter = Quarter.of(start)
    while quarter.start <= end:
        found.append((max(quarter.start, start), min(quarter.end, end), quarter))
        quarter = quarter.following()
    return found


# Quarters written as text: what MDF allocations store.


def quarter_of(day: date) -> str:
    """The quarter ``day`` falls in: ``2026-11-03`` → ``2026Q4``."""
    return Quarter.of(day).text


def parse_quarter(text: str) -> str | None:
    """``text`` as a quarter (``2026Q4``, ``2026-q4``, ``2026 Q4``, ``Q4 2026``), written
    ``2026Q4``, or None when it names none within the years a record may hold."""
    quarter = Quarter.parse(text)
    return quarter.text if quarter is not None else None


def quarter_problem(text: str) -> str | None:
    """Why ``text`` is not a quarter, as a sentence, or None."""
    if Quarter.parse(text) is not None:
        return None
    return (
        f"'{text.strip()[:20]}' is not a quarter: write the year and the quarter, such as "
        f"{quarter_of(date.today())}."
    )


@functools.lru_cache(maxsize=256)
def _named(quarter: str) -> Quarter:
    found = Quarter.parse(quarter)
    if found is None:
        raise ValueError(f"not a quarter: {quarter!r}")
    return found


@functools.lru_cache(maxsize=256)
def quarter_start(quarter: str) -> date:
    """The first day of the quarter written ``quarter``."""
    return _named(quarter).start


@functools.lru_cache(maxsize=256)  # asked for by every request of a list
def quarter_end(quarter: str) -> date:
    """The last day of the quarter written ``quarter``: an allocation lapses the day after."""
    return _named(quarter).end


def quarter_sort_key(quarter: str) -> tuple[int, int]:
    """Quarters in time order (``2026Q4`` before ``2027Q1``)."""
    found = _named(quarter)
    return found.year, found.number


# Quarters of a day: what rebates and reports count by.


def first_day_of_quarter(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


@functools.lru_cache(maxsize=4096)  # a report asks for every deal's; there are few days
def last_day_of_quarter(day: date) -> date:
    """The last day of ``day``'s calendar quarter."""
    return Quarter.of(day).end
