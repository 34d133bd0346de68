"""A real .xlsx file written from rows, for import tests."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook


def write_workbook(path: Path, rows: list[list[object]]) -> Path:
    """Save ``rows`` (the header first) as the active sheet of a new workbook at ``path``."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path
