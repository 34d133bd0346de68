"""A sheet as read from a file: cells by row, before any header is found."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from itertools import chain, count, islice

from app.domain.importing.sheet import BLOCK_ROWS

Cells = list[object]

#: A run of this many empty rows ends a sheet. Some files declare a million rows (a stray
#: format on row 1,048,576) for a handful of values; nobody leaves a thousand blank lines
#: inside a real table.
EMPTY_RUN_LIMIT = 1000
#: Rows per chunk of a raw sheet: no more than a block of the mapped sheet, so a block is read
#: as it is needed and not a chunk ahead (reading holds the interpreter, see ``BLOCK_ROWS``).
CHUNK = BLOCK_ROWS


Chunk = list[tuple[int, Cells]]


@dataclass
class RawSheet:
    """The non-empty rows of a sheet as ``(row number as Excel shows it, cells)``, in chunks of
    up to ``CHUNK`` rows (``chunks``), or one at a time (``rows``): use one or the other."""

    source: str  # the file name, for messages
    name: str  # the sheet name ("" for CSV)
    chunks: Iterator[Chunk]
    total: int  # rows the file declares (for progress); the reader may stop earlier

    @property
    def where(self) -> str:
        return f"sheet '{self.name}' of {self.source}" if self.name else self.source

    @cached_property
    def rows(self) -> Iterator[tuple[int, Cells]]:
        return chain.from_iterable(self.chunks)


def is_empty(cells: Cells) -> bool:
    for cell in cells:
        if cell is None:
            continue
        if cell.__class__ is not str or (cell and not cell.isspace()):
            return False
    return True


def non_empty_chunks(rows: Iterator[Cells], first_number: int = 1) -> Iterator[Chunk]:
    """Number the rows, leave out empty ones, stop after ``EMPTY_RUN_LIMIT`` empty rows in a
    row; the rows come in chunks of up to ``CHUNK``.

    A chunk in which the first filled cell of every row is a number or real text is passed on
    whole (told from the first cells alone in a list's usual shape); only a chunk holding a row
    that might be empty is looked at row by row.
    """
    numbered = zip(count(first_number), rows)
    empty_run = 0
    while chunk := list(islice(numbered, CHUNK)):
        if _first_cells_filled(chunk) or _first_filled_cells_real(chunk):
            empty_run = 0
            yield chunk
            continue
        kept: Chunk = []
        for number, cells in chunk:
            if is_empty(cells):
                empty_run += 1
                if empty_run >= EMPTY_RUN_LIMIT:
                    if kept:
                        yield kept
                    return
                continue
            empty_run = 0
            kept.append((number, cells))
        if kept:
            yield kept


def _first_cells_filled(chunk: Chunk) -> bool:
    """Whether the first cell of every row of ``chunk`` holds a number or real text (a zero or
    ``False`` counts as empty here: such a row is simply looked at whole)."""
    try:
        firsts = [cells[0] for _, cells in chunk]
    except IndexError:  # a row without cells
        return False
    return all(firsts) and not any([f.__class__ is str and f.isspace() for f in firsts])


def _first_filled_cells_real(chunk: Chunk) -> bool:
    """Whether the first filled cell of every row of ``chunk`` is a number or real text."""
    firsts = [next(filter(None, cells), None) for _, cells in chunk]
    return all([f is not None and not (f.__class__ is str and f.isspace()) for f in firsts])
