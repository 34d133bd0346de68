"""Rows under their columns as aligned text for a terminal: numbers and money to the right."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from app.domain.columns import Column, Kind

_RIGHT = frozenset({Kind.INTEGER, Kind.MONEY, Kind.PERCENT})


def render_rows(rows: Sequence[Any], columns: Sequence[Column[Any]]) -> str:
    """A header line and one line per row, columns two spaces apart, no trailing blanks."""
    cells = [[c.header for c in columns]] + [[_text(c, r) for c in columns] for r in rows]
    widths = [max(len(line[i]) for line in cells) for i in range(len(columns))]
    lines = []
    for line in cells:
        text = "  ".join(
            cell.rjust(width) if column.kind in _RIGHT else cell.ljust(width)
            for cell, width, column in zip(line, widths, columns, strict=True)
        )
        lines.append(text.rstrip())
    return "\n".join(lines)


def _text(column: Column[Any], row: Any) -> str:
    """The cell as the screen shows it; money with its currency code, since a terminal table
    has no currency column of its own."""
    text = column.text(row)
    if column.kind is Kind.MONEY and text and column.currency is not None:
        currency = column.currency(row)
        if currency:
            return f"{currency} {text}"
    return text
