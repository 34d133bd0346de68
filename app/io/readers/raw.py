"""A sheet as read from a file: cells by row, before any header is found."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import count, islice

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


def _spaces(cell: object) -> bool:
    return isinstance(cell, str) and cell.isspace()


def non_empty_rows(rows: Iterator[Cells], first_number: int = 1) -> Iterator[tuple[int, Cells]]:
    """Number the rows, skip empty ones, stop after ``EMPTY_RUN_LIMIT`` empty rows in a row.

    Rows are looked at a thousand at a time: a run in which the first filled cell of every row
    is a number or real text is passed on whole; only a run holding a row that might be empty
    (no such cell first) is looked at row by row.
    """
    numbered = zip(count(first_number), rows)
    empty_run = 0
    while chunk := list(islice(numbered, 1024)):
        firsts = [next(filter(None, cells), None) for _, cells in chunk]
        if all([first is not None and not _spaces(first) for first in firsts]):
            empty_run = 0
            yield from chunk
            continue
        for number, cells in chunk:
            if is_empty(cells):
                empty_run += 1
                if empty_run >= EMPTY_RUN_LIMIT:
                    return
                continue
            empty_run = 0
            yield number, cells
