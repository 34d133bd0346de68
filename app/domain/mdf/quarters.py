"""Calendar quarters as people write them ("2026Q4") and the days they run.

An MDF allocation belongs to one quarter and lapses when it ends, so every path (the dialog, the
service, a balance) reads the quarter's text and its last day through these few functions.
"""

from __future__ import annotations

import functools
import re
from datetime import date, timedelta

from app.domain.dates import FIRST_DATE, LAST_DATE

_QUARTER = re.compile(r"^\s*(\d{4})\s*[-/ ]?\s*Q\s*([1-4])\s*$", re.IGNORECASE)
_QUARTER_FIRST = re.compile(r"^\s*Q\s*([1-4])\s*[-/ ]?\s*(\d{4})\s*$", re.IGNORECASE)


def quarter_of(day: date) -> str:
    """The quarter ``day`` falls in: ``2026-11-03`` → ``2026Q4``."""
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


def parse_quarter(text: str) -> str | None:
    """``text`` as a quarter (``2026Q4``, ``2026-q4``, ``Q4 2026``), or None when it names none
    within the years a record may hold."""
    found = _QUARTER.match(text or "")
    if found is not None:
        year, number = found.group(1), found.group(2)
    elif (other := _QUARTER_FIRST.match(text or "")) is not None:
        number, year = other.group(1), other.group(2)
    else:
        return None
    if not FIRST_DATE.year <= int(year) <= LAST_DATE.year:
        return None
    return f"{year}Q{number}"


def quarter_problem(text: str) -> str | None:
    """Why ``text`` is not a quarter, as a sentence, or None."""
    if parse_quarter(text) is not None:
        return None
    return (
        f"'{text.strip()[:20]}' is not a quarter: write the year and the quarter, such as "
        f"{quarter_of(date.today())}."
    )


@functools.lru_cache(maxsize=256)
def _parts(quarter: str) -> tuple[int, int]:
    normal = parse_quarter(quarter)
    if normal is None:
        raise ValueError(f"not a quarter: {quarter!r}")
    return int(normal[:4]), int(normal[5])


@functools.lru_cache(maxsize=256)
def quarter_start(quarter: str) -> date:
    year, number = _parts(quarter)
    return date(year, 3 * number - 2, 1)


@functools.lru_cache(maxsize=256)  # asked for by every request of a list
def quarter_end(quarter: str) -> date:
    """The quarter's last day: the allocation lapses the day after."""
    year, number = _parts(quarter)
    if number == 4:
        return date(year, 12, 31)
    return date(year, 3 * number + 1, 1) - timedelta(days=1)


def quarter_sort_key(quarter: str) -> tuple[int, int]:
    """Quarters in time order (``2026Q4`` before ``2027Q1``)."""
    return _parts(quarter)
