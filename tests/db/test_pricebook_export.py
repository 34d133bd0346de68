"""Exporting the demo price book and importing the file again changes nothing, on both engines."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from app.db.engine import Database
from app.db.models import AuditEntry
from app.io.export_pricebook import Sheet, export_pricebook
from app.io.import_pricebook import read_pricebook
from app.services.importing import ImportOptions
from app.services.importing.pricebook import import_pricebook
from app.services.pricebook.read import (
    BREAK_COLUMNS,
    PRICE_COLUMNS,
    SETTINGS_COLUMNS,
    TIER_COLUMNS,
    list_breaks,
    list_prices,
    list_tiers,
    pricing_settings,
)
from tests.support.db_templates import DemoLike

TODAY = date(2026, 11, 22)


def sheets_of(db: Database) -> list[Sheet]:
    with db.reading() as s:
        return [
            ("Prices", list_prices(s, TODAY), PRICE_COLUMNS),
            ("Tiers", list_tiers(s), TIER_COLUMNS),
            ("Volume", list_breaks(s), BREAK_COLUMNS),
            ("Settings", [pricing_settings(s)], SETTINGS_COLUMNS),
        ]


def audit_count(db: Database) -> int:
    with db.reading() as s:
        return int(s.scalar(select(func.count()).select_from(AuditEntry)) or 0)


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_round_trip_of_the_demo_price_book(
    any_db: Database, demo_like: DemoLike, tmp_path: Path, suffix: str
) -> None:
    any_db = demo_like(any_db, TODAY)
    sheets = sheets_of(any_db)
    prices = len(sheets[0][1])
    assert prices > 20 and any(row.currency == "EUR" for row in sheets[0][1])
    path = tmp_path / f"book{suffix}"
    result = export_pricebook(path, sheets)
    assert result.rows == prices
    before = audit_count(any_db)
    with any_db.transaction() as session:
        summary = import_pricebook(session, read_pricebook(path), ImportOptions(), path.name)
    assert not summary.problems
    assert (summary.new, summary.updated) == (0, 0)
    expected = prices if suffix == ".csv" else sum(len(rows) for _, rows, _ in sheets)
    assert summary.unchanged == expected
    assert audit_count(any_db) == before
    assert sheets_of(any_db) == sheets


def test_workbook_has_the_four_sheets_with_real_numbers(
    sqlite_db: Database, demo_like: DemoLike, tmp_path: Path
) -> None:
    path = tmp_path / "book.xlsx"
    export_pricebook(path, sheets_of(demo_like(sqlite_db, TODAY)))
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Prices", "Tiers", "Volume", "Settings"]
    prices = book["Prices"]
    header = [c.value for c in prices[1]]
    assert header == ["SKU", "Name", "Family", "Currency", "List price", "Effective from"]
    assert isinstance(prices["E2"].value, int | float) and prices["F2"].is_date
    assert prices.freeze_panes == "A2"
    settings = [c.value for c in book["Settings"][1]]
    assert settings[0] == "Deal registration discount %"
