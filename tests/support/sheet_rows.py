"""A mapped sheet one row at a time, as the tests read it: the app checks whole columns."""

from __future__ import annotations

from typing import NamedTuple

from app.domain.importing.sheet import MappedSheet


class Row(NamedTuple):
    """One data row: its number as Excel shows it and its cells by field name."""

    number: int
    values: dict[str, object]


def sheet_rows(sheet: MappedSheet) -> list[Row]:
    """Every data row of ``sheet``, in order."""
    found = []
    for block in sheet.blocks:
        names = tuple(block.columns)
        for index, number in enumerate(block.numbers):
            found.append(Row(number, {name: block.columns[name][index] for name in names}))
    return found
