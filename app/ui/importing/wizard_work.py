"""What the import wizard asks of files and the database, in plain Python (no Qt), so each step
can run on a background thread and be tested on its own.

The wizard reads the same way the command line does (``read_mapped`` with ``--map``-style
overrides, ``read_pricebook`` for the price book) and imports through the same services, so a
file behaves identically whichever way it comes in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from app.db.engine import Database
from app.domain.columns import Column, Kind
from app.domain.errors import InputError
from app.domain.importing.fields import FIELDS, Field
from app.domain.importing.headers import (
    HEADER_SEARCH_ROWS,
    find_header,
    header_key,
    synonym_index,
)
from app.domain.importing.report import ImportSummary, PlannedChange, Problem
from app.domain.progress import CancelledByUser
from app.services.importing import ImportOptions
from app.services.importing.run import import_kind

KINDS = ("partners", "contacts", "training", "claims", "pricebook")
KIND_TITLES = {
    "partners": "Partners",
    "contacts": "Contacts",
    "training": "Training records",
    "claims": "Claims (deal registrations)",
    "pricebook": "Price book",
}
IGNORE = ""  # the field of a column that is not imported

CHANGE_COLUMNS: tuple[Column[PlannedChange], ...] = (
    Column("row", "Row", lambda c: c.row, Kind.INTEGER, width=6),
    Column("action", "Does", lambda c: c.action, width=8),
    Column("record", "Record", lambda c: c.record, width=30),
    Column("changes", "Changes", lambda c: c.changes, width=50),
)
PROBLEM_COLUMNS: tuple[Column[Problem], ...] = (
    Column("row", "Row", lambda p: p.row, Kind.INTEGER, width=6),
    Column("column", "Column", lambda p: p.column, width=18),
    Column("value", "Value", lambda p: p.value, width=24),
    Column("reason", "Problem", lambda p: p.reason, width=50),
)


@dataclass(frozen=True)
class Detected:
    """The header the wizard found: every column's text and the field it goes to."""

    header_row: int
    headers: tuple[str, ...]
    fields: dict[str, str]  # header text → field name, IGNORE for none

    def remembered_key(self, kind: str) -> str:
        """The same headers give the same key, so a mapping is remembered for such files."""
        return kind + ":" + "|".join(sorted(header_key(h) for h in self.headers))


def kind_fields(kind: str) -> tuple[Field, ...]:
    return FIELDS[kind]


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


def run_import(
    db: Database,
    kind: str,
    path: Path,
    sheet: str | None,
    overrides: list[str],
    options: ImportOptions,
) -> ImportSummary:
    """Read and import in one transaction: a refusal, an error or a cancel writes nothing."""
    if kind == "pricebook":
        from app.io.import_pricebook import read_pricebook

        sheets = read_pricebook(path)
    else:
        from app.io.import_sheet import read_mapped

        sheets = {kind: read_mapped(path, kind_fields(kind), sheet, overrides)}
    with db.transaction() as session:
        summary = import_kind(session, kind, sheets, options, path.name)
        if options.cancelled is not None and options.cancelled():
            raise CancelledByUser()  # the last moment to roll back: before the commit
        return summary
