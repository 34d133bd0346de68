"""A sheet as the import services consume it: mapped rows, not cells or files.

The reader (``app.io``) finds the header and yields each data row as ``{field: raw cell}``; the
services validate and write them. Keeping this type in the domain lets the services consume a
sheet without importing the file layer, and lets tests build one from a list.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class SheetRow:
    """One data row: its number as Excel shows it and its cells by field name."""

    number: int
    values: dict[str, object]


@dataclass
class MappedSheet:
    """Rows of one sheet with the header text of each mapped field (for the report)."""

    name: str
    headers: dict[str, str]  # field → header text as the file has it
    rows: Iterable[SheetRow]
    total: int = 0  # rows the sheet declares (for progress); 0 when unknown
    ignored: tuple[str, ...] = field(default=())

    def __iter__(self) -> Iterator[SheetRow]:
        return iter(self.rows)

    def header(self, name: str) -> str:
        return self.headers.get(name, name)


def sheet_from_rows(
    rows: list[dict[str, object]], name: str = "Sheet1", headers: dict[str, str] | None = None
) -> MappedSheet:
    """A sheet from plain dicts (row 2 onwards, as under a one-row header): for tests and tools."""
    fields = {key for row in rows for key in row}
    mapped = headers or {key: key for key in fields}
    body = [SheetRow(index + 2, dict(row)) for index, row in enumerate(rows)]
    return MappedSheet(name, mapped, body, len(body))
