"""A sheet as read from a file: cells by row, before any header is found."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

Cells = list[object]

#: A run of this many empty rows ends a sheet. Some files declare a million rows (a stray
#: format on row 1,048,576) for a handful of values; nobody leaves a thousand blank lines
#: inside a real table.
EMPTY_RUN_LIMIT = 1000


@dataclass
class RawSheet:
    """``rows`` yields ``(row number as Excel shows it, cells)`` for non-empty rows only."""

    source: str  # the file name, for messages
    name: str  # the sheet name ("" for CSV)
    rows: Iterator[tuple[int, Cells]]
    total: int  # rows the file declares (for progress); the reader may stop earlier

    @property
    def where(self) -> str:
        return f"sheet '{self.name}' of {self.source}" if self.name else self.source


def is_empty(cells: Cells) -> bool:
    for cell in cells:
        if cell is None:
            continue
        if cell.__class__ is not str or (cell and not cell.isspace()):
            return False
    return True


def non_empty_rows(rows: Iterator[Cells], first_number: int = 1) -> Iterator[tuple[int, Cells]]:
    """Number the rows, skip empty ones, stop after ``EMPTY_RUN_LIMIT`` empty rows in a row."""
    empty_run = 0
    for number, cells in enumerate(rows, first_number):
        if is_empty(cells):
            empty_run += 1
            if empty_run >= EMPTY_RUN_LIMIT:
                return
            continue
        empty_run = 0
        yield number, cells
