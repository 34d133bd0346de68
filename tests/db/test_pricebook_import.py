"""Importing a price-book workbook (real .xlsx files) on both engines: create, re-import, refuse."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.db.engine import Database
from app.db.models import AuditEntry, Price, Product, ProductFamily, Setting, Tier, VolumeBreak
from app.domain.importing.report import ImportRefused, ImportSummary
from app.domain.pricing import LineRequest
from app.domain.quote_spec import QuoteSpec
from app.io.import_pricebook import read_pricebook
from app.services.importing import ImportOptions
from app.services.importing.pricebook import import_pricebook
from app.services.quotes.create import create_quote
from tests.support.pricebook_files import BOOK, Sheets, write_book
from tests.support.quote_book import QUOTE_DAY, add_price_book


def run_import(db: Database, path: Path, **options: object) -> ImportSummary:
    sheets = read_pricebook(path)
    with db.transaction() as session:
        return import_pricebook(session, sheets, ImportOptions(**options), path.name)  # type: ignore[arg-type]


def count(db: Database, model: type) -> int:
    with db.reading() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_workbook_creates_everything_and_reimport_changes_nothing(
    any_db: Database, tmp_path: Path
) -> None:
    path = write_book(tmp_path / "book.xlsx", BOOK)
    first = run_import(any_db, path)
    assert first.written and not first.problems
    # 5 prices + 1 new tier (Diamond) + Gold updated + 2 breaks + 1 settings row
    assert (first.new, first.updated, first.unchanged) == (8, 2, 0)
    assert first.details == {"new families": 1, "new products": 3}
    with any_db.reading() as s:
        family = s.scalars(select(ProductFamily)).one()
        assert (family.code, family.name) == ("CLOUD-BACKUP", "Cloud Backup")
        cb = s.scalars(select(Product).where(Product.sku == "CB-100")).one()
        assert cb.family_id == family.id
        prices = {(p.currency, p.effective_from): p.list_price for p in cb.prices}
        assert prices == {
            ("EUR", date(2026, 1, 1)): Decimal("1234.50"),
            ("USD", date(2026, 1, 1)): Decimal("1299.00"),
            ("EUR", date(2027, 1, 1)): Decimal("1300"),
        }
        jpy = s.scalars(select(Price).where(Price.currency == "JPY")).one()
        assert jpy.effective_from == date(2026, 2, 1)  # day first
        tiers = {t.name: t.discount_pct for t in s.scalars(select(Tier))}
        assert tiers["Gold"] == Decimal("12.5") and tiers["Diamond"] == Decimal("33.33")
        breaks = {(b.product_id, b.family_id, b.min_qty) for b in s.scalars(select(VolumeBreak))}
        assert breaks == {(cb.id, None, 20), (None, family.id, 10)}
        settings = dict(s.execute(select(Setting.key, Setting.value)).all())
        assert settings["default_tax_rate_pct"] == "8.875"
        assert settings["quote_validity_days"] == "45"
    audits = count(any_db, AuditEntry)
    again = run_import(any_db, path)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 10)
    assert count(any_db, AuditEntry) == audits
    assert count(any_db, Price) == 5


def test_bad_rows_refuse_everything_with_sheet_row_and_reason(
    any_db: Database, tmp_path: Path
) -> None:
    bad: Sheets = {
        "Prices": [
            ["SKU", "Name", "Currency", "List price", "Effective from"],
            ["A-1", "Good", "EUR", "10.00", "2026-01-01"],
            ["A-2", "Too fine", "EUR", "19.999", "2026-01-01"],
            ["A-3", "Yen with cents", "JPY", "100.5", "2026-01-01"],
            ["A-4", "Not a currency", "EURO", "1", "2026-01-01"],
            ["A-5", "Unknown currency", "ABC", "1", "2026-01-01"],
            ["A-6", "Negative", "USD", "-1", "2026-01-01"],
            ["A-1", "Renamed", "USD", "10.00", "2026-01-01"],
        ],
        "Volume": [["SKU or Family", "Min quantity", "Discount %"], ["NOPE", 5, 101]],
    }
    path = write_book(tmp_path / "bad.xlsx", bad)
    with pytest.raises(ImportRefused) as refused:
        run_import(any_db, path)
    lines = [p.line() for p in refused.value.problems]
    assert "row 3, column 'Prices: List price': '19.999' has more decimals than EUR" in lines[0]
    assert "JPY allows (no decimals)" in lines[1]
    assert "column 'Prices: Currency': 'EURO'" in lines[2]
    assert "'ABC' is not an ISO 4217 currency" in lines[3]
    assert "must not be negative" in lines[4]
    assert "differs from row 2 for the same SKU" in lines[5]
    assert any("Volume: Discount %" in line for line in lines)
    assert count(any_db, Product) == 0
    dry = run_import(any_db, path, dry_run=True)
    assert not dry.written and dry.new == 1 and dry.invalid_rows >= 6
    skipped = run_import(any_db, path, skip_invalid=True)
    assert skipped.written and skipped.new == 1
    assert count(any_db, Product) == 1 and count(any_db, Price) == 1


def test_csv_is_read_as_the_prices_sheet(any_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "prices.csv"
    path.write_text(
        "SKU;Name;Currency;Price;Valid from\nX-1;Thing;chf;9.95;2026-03-01\n", encoding="utf-8"
    )
    result = run_import(any_db, path)
    assert (result.new, result.written) == (1, True)
    with any_db.reading() as s:
        price = s.scalars(select(Price)).one()
        assert (price.currency, price.list_price) == ("CHF", Decimal("9.95"))


def test_prices_used_by_an_issued_quote_are_never_rewritten(
    any_db: Database, tmp_path: Path
) -> None:
    add_price_book(any_db)
    spec = QuoteSpec("Northwind Traders", "Contoso Ltd", QUOTE_DAY, "EUR", None,
                     (LineRequest("CD-100", 1),))  # fmt: skip
    with any_db.transaction() as session:
        create_quote(session, spec)
    header: list[object] = ["SKU", "Name", "Family", "Currency", "List price", "Effective from"]
    changed = [header, ["CD-100", "Edge router", "Networking", "EUR", 999, date(2026, 1, 1)]]
    between = [header, ["CD-100", "Edge router", "Networking", "EUR", 1250, date(2026, 6, 1)]]
    after = [header, ["CD-100", "Edge router", "Networking", "EUR", 1400, date(2027, 6, 1)]]
    future = [header, ["CD-100", "Edge router", "Networking", "EUR", 1310, date(2026, 11, 23)]]
    for rows, reason in ((changed, "issued quotes were priced from"),
                         (between, "comes before an issued quote of 2026-11-22")):  # fmt: skip
        path = write_book(tmp_path / "p.xlsx", {"Prices": rows})
        with pytest.raises(ImportRefused, match=reason):
            run_import(any_db, path)
    for rows in (after, future):  # a later price, or correcting one no quote used, is fine
        path = write_book(tmp_path / "p.xlsx", {"Prices": rows})
        assert run_import(any_db, path).written


def test_family_by_code_or_name_and_a_rename_counts_as_updated(
    any_db: Database, tmp_path: Path
) -> None:
    run_import(any_db, write_book(tmp_path / "book.xlsx", BOOK))
    header: list[object] = ["SKU", "Name", "Family", "Currency", "List price", "Effective from"]
    rows: Sheets = {"Prices": [
        header,
        ["ES-1", "Endpoint agent", None, "JPY", 15000, "2026-02-01"],
        ["ES-1", "Endpoint agent", "cloud-backup", "JPY", 16000, "2027-02-01"],
        ["CB-100", "Cloud Backup 1 TB (renamed)", "CLOUD BACKUP", "EUR", 1234.5, "2026-01-01"],
    ]}  # fmt: skip
    result = run_import(any_db, write_book(tmp_path / "again.xlsx", rows))
    assert (result.new, result.updated, result.unchanged) == (1, 1, 1)
    assert result.details == {"new families": 0, "new products": 0}
    with any_db.reading() as s:
        es1 = s.scalars(select(Product).where(Product.sku == "ES-1")).one()
        family = s.scalars(select(ProductFamily)).one()
        assert es1.family_id == family.id
        cb = s.scalars(select(Product).where(Product.sku == "CB-100")).one()
        assert cb.name == "Cloud Backup 1 TB (renamed)"


def test_the_preview_lists_prices_tiers_breaks_and_settings(
    any_db: Database, tmp_path: Path
) -> None:
    path = write_book(tmp_path / "book.xlsx", BOOK)
    summary = run_import(any_db, path, dry_run=True, preview=True)
    planned = {(c.action, c.record): c.changes for c in summary.changes}
    assert len(summary.changes) == summary.new + summary.updated == 10
    assert planned[("New", "CB-100 in EUR from 2026-01-01")] == "List price EUR 1,234.50"
    assert planned[("New", "Tier Diamond")] == "Discount 33.33%"
    assert planned[("Update", "Tier Gold")].startswith("Discount: ")
    assert "Tax rate %: 0 → 8.875" in planned[("Update", "Pricing settings")]
