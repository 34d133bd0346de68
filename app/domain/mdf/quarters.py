"""Quarters as MDF allocations write them: kept for code that still imports them from here;
``app.domain.quarters`` holds them."""

from __future__ import annotations

from app.domain.quarters import (
    parse_quarter,
    quarter_end,
    quarter_of,
    quarter_problem,
    quarter_sort_key,
    quarter_start,
)

__all__ = [
    "parse_quarter",
    "quarter_end",
    "quarter_of",
    "quarter_problem",
    "quarter_sort_key",
    "quarter_start",
]
