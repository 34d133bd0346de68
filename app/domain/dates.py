"""Which dates a record may hold: the years people plan and look back on, not Python's.

A date is stored only to have days added to it: a claim's validity, a quote's valid-until, a
certification's expiry. Python's dates end on 9999-12-31, so a quote dated that day cannot be
valid for 30 days more, and the addition fails deep in a service instead of answering the
person. Every date a person or a file gives is therefore checked here first, by every path
(the importing date parser, the quote spec, the dialogs through their rules): from 1900, when
spreadsheets start counting, to 2999, far past any contract and far from Python's limit.
"""

from __future__ import annotations

from datetime import date

FIRST_DATE = date(1900, 1, 1)
LAST_DATE = date(2999, 12, 31)


def date_range_problem(day: date) -> str | None:
    """Why ``day`` cannot be stored, or None."""
    if day < FIRST_DATE or day > LAST_DATE:
        return f"is outside the years {FIRST_DATE.year} to {LAST_DATE.year}"
    return None
