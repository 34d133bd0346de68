"""Rows under their columns as aligned text for a terminal: numbers and money to the right.

Every table a command prints is laid out here, so a number lines up by its last digit in every
command alike: a column is numeric by its kind (count, money, percent) or because every value in
it is a number, whatever the column calls itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from app.domain.columns import Column, Kind

_RIGHT = frozenset({Kind.INTEGER, Kind.MONEY, Kind.PERCENT, Kind.BYTES})


def render_rows(rows: Sequence[Any], columns: Sequence[Column[Any]]) -> str:
    """A header line and one line per row, columns two spaces apart, no trailing blanks."""
    cells = [[c.header for c in columns]] + [[_text(c, r) for c in columns] for r in rows]
    right = [_numeric(c, rows) for c in columns]
    return "\n".join(aligned(cells, right))


def aligned(lines: Sequence[Sequence[str]], right: Sequence[bool]) -> list[str]:
    """``lines`` of cells (the header first) padded to their column's width, two spaces apart:
    to the right where ``right`` says so, else to the left; no trailing blanks."""
    widths = [max(len(line[i]) for line in lines) for i in range(len(right))]
    return [
        "  ".join(
            cell.rjust(width) if to_right else cell.ljust(width)
            for cell, width, to_right in zip(line, widths, right, strict=True)
        ).rstrip()
        for line in lines
    ]


def _numeric(column: Column[Any], rows: Sequence[Any]) -> bool:
    if column.kind in _RIGHT:
        return True
    values = [v for v in (column.value(r) for r in rows) if v is not None and v != ""]
    return bool(values) and all(_is_number(v) for v in values)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def _text(column: Column[Any], row: Any) -> str:
    """The cell as the screen shows it; money with its currency code, since a terminal table
    has no currency column of its own."""
    text = column.text(row)
    if column.kind is Kind.MONEY and text and column.currency is not None:
        currency = column.currency(row)
        if currency:
            return f"{currency} {text}"
    return text
