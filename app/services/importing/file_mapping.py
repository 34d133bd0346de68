"""What the import wizard finds in a file before importing it: its sheets, its header row and
which column is which field, in plain Python so each step can run off the GUI thread.

The wizard shows this guess and lets the user change it; ``overrides_of`` turns the result into
``--map``-style items, and the import itself goes through ``file_import`` like the command line,
so what the user sees is exactly what is imported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from app.domain.errors import InputError
from app.domain.importing.fields import Field
from app.domain.importing.headers import (
    HEADER_SEARCH_ROWS,
    find_header,
    header_key,
    synonym_index,
)
from app.services.importing.file_import import kind_fields

IGNORE = ""  # the field of a column that is not imported


@dataclass(frozen=True)
class Detected:
    """The header the wizard found: every column's text and the field it goes to."""

    header_row: int
    headers: tuple[str, ...]
    fields: dict[str, str]  # header text → field name, IGNORE for none

    def remembered_key(self, kind: str) -> str:
        """The same headers give the same key, so a mapping is remembered for such files."""
        return kind + ":" + "|".join(sorted(header_key(h) for h in self.headers))


def sheets_of(path: Path) -> list[str]:
    """The sheets to choose from; refuses a file that is not a readable workbook or CSV."""
    from app.io.readers import sheet_names

    return sheet_names(path)


def detect(path: Path, kind: str, sheet: str | None, overrides: list[str]) -> Detected:
    """Find the header of ``sheet`` and map its columns, with ``overrides`` ("Header=field")."""
    from app.domain.importing.headers import parse_overrides
    from app.io.readers import open_table

    fields = kind_fields(kind)
    raw = open_table(path, sheet)
    head: list[tuple[int, Sequence[object]]] = []
    for item in raw.rows:
        head.append(item)
        if len(head) >= HEADER_SEARCH_ROWS:
            break
    if not head:
        raise InputError(f"{raw.where} is empty: choose the sheet that holds the list.")
    try:
        columns = find_header(head, fields, parse_overrides(overrides, fields), raw.where)
    except InputError:
        return _best_guess(head, fields)  # the user maps the columns on the next step
    cells = next(cells for number, cells in head if number == columns.header_row)
    headers = _texts(cells)
    chosen = {text: field for field, (_, text) in columns.columns.items()}
    mapping = {h: chosen.get(h, IGNORE) for h in headers}
    return Detected(columns.header_row, headers, mapping)


def _texts(cells: Sequence[object]) -> tuple[str, ...]:
    return tuple(str(c).strip() for c in cells if c not in (None, "") and str(c).strip())


def _best_guess(head: list[tuple[int, Sequence[object]]], fields: Sequence[Field]) -> Detected:
    """When no row names the required columns: the row with the most text cells is taken for
    the header, and what can be recognised is mapped; the user chooses the rest."""
    number, cells = max(
        head, key=lambda item: sum(isinstance(c, str) and bool(c.strip()) for c in item[1])
    )
    index = synonym_index(fields)
    headers = _texts(cells)
    mapping: dict[str, str] = {}
    for header in headers:
        field = index.get(header_key(header), IGNORE)
        mapping[header] = IGNORE if field in mapping.values() else field
    return Detected(number, headers, mapping)


def overrides_of(fields: dict[str, str]) -> list[str]:
    """The mapping as ``--map`` items: what the user sees is exactly what is imported."""
    return [f"{header}={field or 'ignore'}" for header, field in fields.items()]
