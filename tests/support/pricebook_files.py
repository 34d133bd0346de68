"""A price-book workbook for tests: every sheet of SPEC.md, written by openpyxl as Excel would."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook

Sheets = dict[str, list[list[object]]]

BOOK: Sheets = {
    "Prices": [
        ["Price book 2026"],  # a title row above the header is skipped
        ["SKU", "Name", "Family", "Currency", "List price", "Effective from"],
        ["CB-100", "Cloud Backup 1 TB", "Cloud Backup", "EUR", 1234.5, date(2026, 1, 1)],
        ["CB-100", "Cloud Backup 1 TB", "Cloud Backup", "usd", "1,299.00", "2026-01-01"],
        ["CB-100", "Cloud Backup 1 TB", "Cloud Backup", "EUR", 1300, datetime(2027, 1, 1)],
        ["ES-1", "Endpoint agent", None, "JPY", 15000, "01/02/2026"],
        ["KW-1", "Kuwait bundle", "Cloud Backup", "KWD", "12.345", date(2026, 1, 1)],
    ],
    "Tiers": [["Tier", "Discount %"], ["gold", 12.5], ["Diamond", "33.33%"]],
    "Volume": [
        ["SKU or Family", "Min quantity", "Discount %"],
        ["CB-100", 20, 5],
        ["cloud backup", 10, 3],
    ],
    "Settings": [
        ["Deal registration discount %", "Approval limit %", "Tax rate %", "Quote validity days"],
        [5, 20, 8.875, 45],
    ],
}


def write_book(path: Path, sheets: Sheets) -> Path:
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path
