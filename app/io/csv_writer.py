"""Tables to CSV that Excel opens right and Channel Desk reads back unchanged.

Choices, each for a reason:

- UTF-8 with a byte-order mark (``utf-8-sig``): without the BOM, Excel on Windows reads the file
  in the ANSI code page and "Müller" becomes "MÃ¼ller". Python's and calamine's readers skip it.
- Comma, ``QUOTE_MINIMAL``, CRLF line ends: RFC 4180, what Excel writes itself.
- Values are the text the screen shows (``Column.text``: enum labels, ISO dates, Yes/No), except
  numbers that must read back as the same number: money is written **without thousands
  separators** and without rounding to the currency (``1234.50``, ``0.001`` KWD,
  ``12345678901.23``), padded to the currency's decimals, because a grouping comma is ambiguous in
  a comma-separated file and in other locales, and rounding would change the value on re-import.
  Percentages are written as the bare number (``12.5``; the header says "%"), which both
  ``parse_percent`` and every spreadsheet read as a number. Integers have no separators either.
- Formula injection (SPEC.md, "Import and export"): a text value beginning with ``=``, ``+``,
  ``-``, ``@``, tab or carriage return gets a leading apostrophe, so no spreadsheet runs it, and
  so does text that already begins with apostrophes before such a character. Only text columns:
  a negative amount in a money column stays a number. The importer drops one leading apostrophe
  before apostrophes and such a character, so every value reads back as it was.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.domain.columns import Column, Kind
from app.domain.money import exact_amount_text, minor_unit
from app.io.progress import Ticker

#: First characters that make a spreadsheet treat a cell as a formula (OWASP "CSV injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def defuse(text: str) -> str:
    """``text`` with an apostrophe in front if a spreadsheet would take it for a formula, or if
    it already begins with apostrophes before such a character (``'=x`` is written ``''=x``):
    the reader drops exactly one apostrophe, so every value comes back as it was."""
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    if text[:1] == "'" and text.lstrip("'").startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


#: Money and percentages are written by the money module's one exact form.
exact_number = exact_amount_text


def cell_text(column: Column[Any], row: Any) -> str:
    """One CSV field: what the screen shows, with numbers kept exact and text defused."""
    value = column.value(row)
    if value is None:
        return ""
    if type(value) is str:  # the common case, and what Column.text would give
        return defuse(value)
    if column.kind is Kind.MONEY and isinstance(value, Decimal):
        currency = column.currency(row) if column.currency else None
        return exact_number(value, minor_unit(currency) if currency else 2)
    if column.kind is Kind.PERCENT and isinstance(value, Decimal):
        return exact_number(value, 0)
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return str(value)  # a number, in any column: "-5" is minus five, not a formula
    if column.kind in (Kind.DATE, Kind.DATETIME, Kind.BOOL):
        return column.text(row)
    return defuse(column.text(row))


def write_csv(
    path: Path, rows: Sequence[Any], columns: Sequence[Column[Any]], ticker: Ticker
) -> None:
    """Write a header row and one line per row to ``path`` (a new, empty file)."""
    with open(path, "w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream, dialect="excel", quoting=csv.QUOTE_MINIMAL)
        writer.writerow([defuse(c.header) for c in columns])
        for row in rows:
            writer.writerow([cell_text(c, row) for c in columns])
            ticker.tick()
        ticker.finish()
