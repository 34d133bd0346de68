"""Tables to .xlsx: real numbers and dates, exact money, no formulas, fast for 100,000 rows.

openpyxl's write-only mode streams rows to disk instead of keeping every cell in memory.
Three openpyxl habits are worked around here, each checked by tests/unit/test_xlsx_writer.py:

- A string that starts with ``=`` becomes a formula cell, and ``#N/A`` an error cell. Every text
  value is therefore written as a string cell (``data_type = "s"``); one that a spreadsheet would
  take for a formula also gets Excel's "quote prefix" so that editing the cell keeps it text.
- Numbers are written with ``"%.16g" % value``, which goes through ``float``: a Decimal with more
  than 15 significant digits would come out changed. Money and percentages are written as numeric
  cells whose XML text is the Decimal's exact digits.
- Control characters other than tab and line breaks make openpyxl refuse the whole file; they are
  dropped (they are invisible in a cell anyway), and text is cut at Excel's 32,767 characters.

Money keeps its exact value and gets a number format with its currency's decimals, so the cell
shows what the screen shows while a sum over the column is exact. Percentages are written as the
number the screen shows (12.5, with a "%" format), not as a fraction (0.125), so that a workbook
exported here imports back unchanged: the import reads "Discount %" = 12.5.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
from collections.abc import Callable, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from app.domain.columns import Column, Kind
from app.domain.money import decimal_places, minor_unit
from app.io.csv_writer import FORMULA_TRIGGERS
from app.io.progress import Ticker

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
MAX_TEXT = 32767
#: Sheet names may not hold these characters and have at most 31 of the others.
_SHEET_NAME_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})

CellValue = Any  # what openpyxl's append accepts: None, a plain value or a WriteOnlyCell
#: First characters after which openpyxl would not write a plain string cell (formula, error
#: code) or a spreadsheet would run the text: such text goes through a protected cell.
_NOT_PLAIN = ("=", "#", *FORMULA_TRIGGERS)


def money_format(places: int) -> str:
    """``#,##0.00`` for two decimals, ``#,##0`` for none, ``#,##0.000`` for KWD."""
    return "#,##0." + "0" * places if places else "#,##0"


def percent_format(value: Decimal) -> str:
    """``0.0"%"`` for 12.5: as many decimals as the value has, like ``format_percent`` shows it."""
    places = decimal_places(value)
    return ("0." + "0" * places if places else "0") + '"%"'


def clean_text(text: str) -> str:
    """Text that openpyxl accepts and Excel opens without a repair prompt."""
    if ILLEGAL_CHARACTERS_RE.search(text):
        text = ILLEGAL_CHARACTERS_RE.sub("", text)
    return text[:MAX_TEXT]


class _Cells:
    """Builds the cells of one sheet; styled cells are new objects, as write-only mode wants."""

    def __init__(self, sheet: WriteOnlyWorksheet) -> None:
        self.sheet = sheet

    def text(self, text: str) -> CellValue:
        """A string cell; a plain ``str`` when openpyxl would keep it one (the fast path)."""
        text = clean_text(text)
        if not text.startswith(_NOT_PLAIN):
            return text
        cell = WriteOnlyCell(self.sheet, value=None)
        cell.value = text
        cell.data_type = "s"  # never a formula or an error code, whatever the first character
        if text.startswith(FORMULA_TRIGGERS):
            cell.quotePrefix = True
        return cell

    def header(self, text: str, font: Font) -> WriteOnlyCell:
        cell = WriteOnlyCell(self.sheet, value=None)
        cell.value = clean_text(text)
        cell.data_type = "s"
        cell.font = font
        return cell

    def number(self, value: Decimal, number_format: str) -> WriteOnlyCell:
        """A numeric cell holding the Decimal's exact digits (openpyxl would go via float)."""
        cell = WriteOnlyCell(self.sheet, value=None)
        cell.value = format(value, "f")
        cell.data_type = "n"
        cell.number_format = number_format
        return cell

    def formatted(self, value: date, number_format: str) -> WriteOnlyCell:
        cell = WriteOnlyCell(self.sheet, value=value)
        cell.number_format = number_format
        return cell


def _converter(column: Column[Any], cells: _Cells) -> Callable[[Any], CellValue]:
    """How one column's value becomes a cell, decided once per column rather than per cell."""

    def convert(row: Any) -> CellValue:
        value = column.value(row)
        if value is None:
            return None
        if type(value) is str:  # plain text, the common case (an enum, a str subclass, needs
            return cells.text(value)  # its label from Column.text below)
        kind = column.kind
        if isinstance(value, bool):
            return "Yes" if value else "No"
        if kind is Kind.MONEY and isinstance(value, Decimal) and value.is_finite():
            currency = column.currency(row) if column.currency else None
            places = minor_unit(currency) if currency else max(2, decimal_places(value))
            return cells.number(value, money_format(places))
        if kind is Kind.PERCENT and isinstance(value, Decimal) and value.is_finite():
            return cells.number(value, percent_format(value))
        if isinstance(value, datetime):
            local = value.astimezone().replace(tzinfo=None)  # as Column.text shows it
            return cells.formatted(local, DATETIME_FORMAT)
        if isinstance(value, date):
            return cells.formatted(value, DATE_FORMAT)
        if isinstance(value, int):
            return value
        if isinstance(value, Decimal) and value.is_finite():
            return cells.number(value, "General")
        return cells.text(column.text(row))

    return convert


def sheet_name(title: str) -> str:
    """A name Excel accepts for a sheet: no ``[]:*?/\\``, at most 31 characters, not empty."""
    name = " ".join(title.translate(_SHEET_NAME_FORBIDDEN).split()).strip("'")[:31]
    return name or "Sheet1"


def write_xlsx(
    path: Path,
    rows: Sequence[Any],
    columns: Sequence[Column[Any]],
    ticker: Ticker,
    title: str = "Export",
) -> None:
    """Write one sheet: bold frozen header, an autofilter over the data, the columns' widths."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(sheet_name(title))
    try:
        _fill(sheet, rows, columns, ticker)
        _save(book, path)
    except BaseException as exc:
        _discard(sheet)
        _raise_write_error(exc)
        raise


def write_xlsx_sheets(
    path: Path,
    sheets: Sequence[tuple[str, Sequence[Any], Sequence[Column[Any]]]],
    ticker: Ticker,
) -> None:
    """Write several sheets (title, rows, columns), each laid out as ``write_xlsx`` does: for a
    workbook whose sheets belong together, such as a price book."""
    book = Workbook(write_only=True)
    made: list[WriteOnlyWorksheet] = []
    try:
        for title, rows, columns in sheets:
            made.append(book.create_sheet(sheet_name(title)))
            _fill(made[-1], rows, columns, ticker)
        _save(book, path)
    except BaseException as exc:
        for sheet in made:
            _discard(sheet)
        _raise_write_error(exc)
        raise


def _fill(
    sheet: WriteOnlyWorksheet, rows: Sequence[Any], columns: Sequence[Column[Any]], ticker: Ticker
) -> None:
    # Widths and the frozen pane are written before the first row in write-only mode.
    for index, column in enumerate(columns, 1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width + 2
    sheet.freeze_panes = "A2"
    cells = _Cells(sheet)
    bold = Font(bold=True)
    sheet.append([cells.header(column.header, bold) for column in columns])
    converters = [_converter(column, cells) for column in columns]
    for row in rows:
        sheet.append([convert(row) for convert in converters])
        ticker.tick()
    ticker.finish()
    if columns:
        last = f"{get_column_letter(len(columns))}{len(rows) + 1}"
        sheet.auto_filter.ref = f"A1:{last}"


def _save(book: Workbook, path: Path) -> None:
    """``Workbook.save``, but the archive is closed also when writing fails.

    openpyxl leaves its ``ZipFile`` open when a write fails (a full disk), and the garbage
    collector's later attempt to finish it prints "Exception ignored in ZipFile.__del__" after
    the user's message. Closing it here, and swallowing that second failure, ends it quietly.
    """
    archive = ZipFile(path, "w", ZIP_DEFLATED, allowZip64=True)
    try:
        ExcelWriter(book, archive).save()  # closes the archive when all is written
    except BaseException:
        with contextlib.suppress(Exception):
            archive.close()
        raise


#: lxml reports a failed write of a sheet's temporary file as ``SerialisationError("IO_ENOSPC")``.
_IO_ERROR = re.compile(r"\bIO_(E[A-Z]+)\b")


def _raise_write_error(exc: BaseException) -> None:
    """Raise a write that failed inside the XML serialiser as the ``OSError`` it really is, so
    the caller's one-line message for a full disk or a file too large applies to it too."""
    if type(exc).__name__ != "SerialisationError":
        return
    match = _IO_ERROR.search(str(exc))
    code = getattr(errno, match.group(1), None) if match else None
    if isinstance(code, int):
        raise OSError(code, os.strerror(code)) from exc


def _discard(sheet: WriteOnlyWorksheet) -> None:
    """Remove openpyxl's own temporary file of an unsaved sheet (else it stays until exit)."""
    writer: Any = getattr(sheet, "_writer", None)
    if writer is None:
        return
    rows: Any = getattr(sheet, "_rows", None)
    with contextlib.suppress(Exception):  # tidying up after a failure must not hide it
        if rows is not None:
            rows.close()  # ends the row stream while its file is still open
        writer.xf.close()
    with contextlib.suppress(OSError, ValueError):
        writer.cleanup()
