"""A sheet as the import services consume it: mapped rows, not cells or files.

The reader (``app.io``) finds the header and hands the data over in blocks of rows, each as
columns (``{field: [cell, …]}``): checking a column at a time lets a column of a few distinct
values (tier, country, type) be parsed once per value, and keeps the per-row work of a
50,000-row import small (``app.services.importing.common.parsed_rows`` gives the rows one at a
time to the kinds that think in rows). Keeping this type in the domain lets the services
consume a sheet without importing the file layer, and lets tests build one from a list.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

#: Rows per block: large enough that per-block costs stay small, small enough to keep memory
#: flat and progress reports frequent. A partner import on SQLite hands its writing thread one
#: block per statement (``app.services.importing.stream_writer``), so this is also the rows of
#: one such statement there (``driver_block.MANY_ROWS``).
BLOCK_ROWS = 500


@dataclass(frozen=True, slots=True)
class Block:
    """Consecutive data rows as columns: ``numbers[i]`` is the row of ``columns[f][i]``.

    Cells are as the file has them: an empty one may be ``None``, ``""`` or spaces, which
    every parser reads as empty. Every row has at least one cell that is not empty.
    """

    numbers: list[int]
    columns: dict[str, list[object]]

    def __len__(self) -> int:
        return len(self.numbers)


@dataclass
class MappedSheet:
    """Rows of one sheet with the header text of each mapped field (for the report)."""

    name: str
    headers: dict[str, str]  # field → header text as the file has it
    blocks: Iterable[Block]
    total: int = 0  # rows the sheet declares (for progress); 0 when unknown
    ignored: tuple[str, ...] = field(default=())

    def header(self, name: str) -> str:
        return self.headers.get(name, name)


def sheet_from_rows(
    rows: list[dict[str, object]], name: str = "Sheet1", headers: dict[str, str] | None = None
) -> MappedSheet:
    """A sheet from plain dicts (row 2 onwards, as under a one-row header): for tests and tools.
    Every block has the same columns in the same order; a field a row leaves out is empty."""
    fields = list(dict.fromkeys(key for row in rows for key in row))
    mapped = headers or {key: key for key in fields}
    blocks = [
        Block(
            list(range(start + 2, start + 2 + len(rows[start : start + BLOCK_ROWS]))),
            {key: [row.get(key) for row in rows[start : start + BLOCK_ROWS]] for key in fields},
        )
        for start in range(0, len(rows), BLOCK_ROWS)
    ]
    return MappedSheet(name, mapped, blocks, len(rows))


def in_blocks_of(sheet: MappedSheet, rows: int) -> MappedSheet:
    """``sheet`` with its blocks cut to at most ``rows`` rows each (the same rows, in order)."""
    return MappedSheet(
        sheet.name, sheet.headers, _cut(sheet.blocks, rows), sheet.total, sheet.ignored
    )


def _cut(blocks: Iterable[Block], rows: int) -> Iterator[Block]:
    for block in blocks:
        if len(block) <= rows:
            yield block
            continue
        for start in range(0, len(block), rows):
            end = start + rows
            yield Block(
                block.numbers[start:end],
                {name: cells[start:end] for name, cells in block.columns.items()},
            )
