"""The price book page as a person uses it: add a product, add a future price and see it marked,
change a tier's discount (and meet someone else's change), edit breaks and settings."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import openpyxl
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QScrollArea, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Product, Setting, Tier
from app.domain.pricing import LineRequest
from app.domain.quote_spec import QuoteSpec
from app.services.quotes.create import create_quote
from app.ui.main_window import MainWindow
from app.ui.pricebook.breaks_dialog import BreaksDialog
from app.ui.pricebook.dialogs import (
    CorrectPriceDialog,
    PriceDialog,
    ProductDialog,
    SettingsDialog,
    TierDialog,
)
from app.ui.pricebook.page import PriceBookPage
from app.ui.stale_dialog import StaleChoice, StaleDialog
from tests.support.pricebook_files import BOOK, write_book
from tests.support.quote_book import add_price_book
from tests.support.sample_records import TODAY
from tests.support.table_cells import cells

Opener = Callable[[Database], MainWindow]
LEFT = Qt.MouseButton.LeftButton


def type_in(qtbot: QtBot, widget: QWidget, text: str) -> None:
    if isinstance(widget, QComboBox):
        line = widget.lineEdit()
        assert line is not None
        widget = line
    assert isinstance(widget, QLineEdit)
    widget.selectAll()
    qtbot.keyClicks(widget, text)


def pricebook_page(qtbot: QtBot, window: MainWindow) -> PriceBookPage:
    window.show_page("pricebook")
    page = window.page("pricebook")
    assert isinstance(page, PriceBookPage)
    qtbot.waitUntil(lambda: page.loads > 0)
    return page


def select_sku(page: PriceBookPage, sku: str) -> None:
    page.products.setFocus()
    page.products.selectRow(cells(page.products, "sku").index(sku))


def test_every_table_model_passes_the_model_tester(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database, qtmodeltester: ModelTester
) -> None:
    add_price_book(sqlite_db)
    page = pricebook_page(qtbot, open_window(sqlite_db))
    select_sku(page, "CD-100")
    assert page.prices.records.rowCount() >= 2 and page.breaks.records.rowCount() == 3
    for table in (page.products, page.prices, page.breaks, page.tiers):
        qtmodeltester.check(table.records)


def test_add_a_product_then_a_future_price_and_see_it_marked(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    add_price_book(sqlite_db)
    page = pricebook_page(qtbot, open_window(sqlite_db))
    assert page.count_label.text() == "2 products · 4 tiers"
    qtbot.mouseClick(page.new_product_button, LEFT)
    dialog = page.dialogs[-1]
    assert isinstance(dialog, ProductDialog)
    type_in(qtbot, dialog.form.widgets["sku"], "CD 300")
    assert dialog.form.problems["sku"].text() == "A SKU has no spaces and at most 60 characters."
    type_in(qtbot, dialog.form.widgets["sku"], "CD-300")
    assert dialog.form.problems["sku"].isHidden()
    type_in(qtbot, dialog.form.widgets["name"], "Core switch")
    type_in(qtbot, dialog.form.widgets["family"], "Networking")
    qtbot.mouseClick(dialog.save_button, LEFT)
    qtbot.waitUntil(lambda: "CD-300" in cells(page.products, "sku"))
    # The offscreen platform leaves no window active once the dialog's closing is processed
    # (a window manager would activate the main window): the person clicks back into it.
    with qtbot.waitActive(page.window()):
        page.window().activateWindow()
    select_sku(page, "CD-300")
    assert page.product_heading.text() == "CD-300 — Core switch · Networking"
    assert page.prices.records.rowCount() == 0

    # Ctrl+P adds a price to the selected SKU; a price finer than a cent is refused in place.
    qtbot.keyClick(page.products, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(page.dialogs[-1], PriceDialog))
    price = page.dialogs[-1]
    assert isinstance(price, PriceDialog)
    type_in(qtbot, price.form.widgets["list_price"], "499.995")
    assert price.form.problems["list_price"].text() == "EUR prices have at most 2 decimals."
    qtbot.mouseClick(price.save_button, LEFT)
    assert price.isVisible()
    type_in(qtbot, price.form.widgets["list_price"], "499.00")
    qtbot.mouseClick(price.save_button, LEFT)
    qtbot.waitUntil(lambda: page.prices.records.rowCount() == 1)

    qtbot.mouseClick(page.add_price_button, LEFT)
    future = page.dialogs[-1]
    assert isinstance(future, PriceDialog)
    type_in(qtbot, future.form.widgets["list_price"], "525")
    future.form.set_date("effective_from", TODAY + timedelta(days=30))
    qtbot.mouseClick(future.save_button, LEFT)
    qtbot.waitUntil(lambda: page.prices.records.rowCount() == 2)
    assert cells(page.prices, "state") == ["in force", "future"]
    model = page.prices.records
    assert model.index(0, 0).data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(1, 0).data(Qt.ItemDataRole.FontRole).italic()
    assert model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert cells(page.products, "prices")[cells(page.products, "sku").index("CD-300")] == "2"


def test_change_a_tier_discount_and_meet_a_stale_edit(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    add_price_book(sqlite_db)
    page = pricebook_page(qtbot, open_window(sqlite_db))
    assert cells(page.tiers, "discount_pct")[cells(page.tiers, "tier").index("Gold")] == "10%"
    page.tiers.selectRow(cells(page.tiers, "tier").index("Gold"))
    qtbot.mouseClick(page.tier_button, LEFT)
    dialog = page.dialogs[-1]
    assert isinstance(dialog, TierDialog)
    type_in(qtbot, dialog.form.widgets["discount_pct"], "120")
    assert dialog.form.problems["discount_pct"].text() == "Must be between 0 and 100."
    type_in(qtbot, dialog.form.widgets["discount_pct"], "12.5")
    qtbot.mouseClick(dialog.save_button, LEFT)
    qtbot.waitUntil(lambda: "12.5%" in cells(page.tiers, "discount_pct"))

    # Someone else changes Gold while this window has it open: the user reloads theirs, then
    # overwrites a second change.
    page.tiers.selectRow(cells(page.tiers, "tier").index("Gold"))
    qtbot.mouseClick(page.tier_button, LEFT)
    second = page.dialogs[-1]
    assert isinstance(second, TierDialog)
    with sqlite_db.transaction() as s:
        gold = s.scalars(select(Tier).where(Tier.name == "Gold")).one()
        gold.discount_pct = Decimal(15)
    seen: list[list[tuple[str, str, str]]] = []

    def overwrite(stale: StaleDialog) -> StaleChoice:
        seen.append(stale.cells())
        return StaleChoice.OVERWRITE

    second.ask_stale = lambda stale: StaleChoice.RELOAD
    type_in(qtbot, second.form.widgets["discount_pct"], "20")
    qtbot.mouseClick(second.save_button, LEFT)
    assert second.form.text("discount_pct") == "15"  # theirs, and the next save is on top
    with sqlite_db.transaction() as s:
        gold = s.scalars(select(Tier).where(Tier.name == "Gold")).one()
        gold.discount_pct = Decimal(16)
    second.ask_stale = overwrite
    type_in(qtbot, second.form.widgets["discount_pct"], "20")
    qtbot.mouseClick(second.save_button, LEFT)
    assert len(seen) == 1 and seen[0][0][:2] == ("Discount %", "20")
    assert Decimal(seen[0][0][2]) == 16
    qtbot.waitUntil(lambda: "20%" in cells(page.tiers, "discount_pct"))


def test_edit_breaks_and_settings(qtbot: QtBot, open_window: Opener, sqlite_db: Database) -> None:
    add_price_book(sqlite_db)
    page = pricebook_page(qtbot, open_window(sqlite_db))
    select_sku(page, "CD-100")
    qtbot.mouseClick(page.breaks_button, LEFT)
    breaks = page.dialogs[-1]
    assert isinstance(breaks, BreaksDialog)
    assert breaks.lines() == [("20", "5")]
    qtbot.mouseClick(breaks.add_button, LEFT)
    breaks.table.item(1, 0).setText("100")  # type: ignore[union-attr]
    breaks.table.item(1, 1).setText("250")  # type: ignore[union-attr]
    assert breaks.table.item(1, 2).text() == "Must be between 0 and 100."  # type: ignore[union-attr]
    assert not breaks.save()
    breaks.table.item(1, 1).setText("7.5")  # type: ignore[union-attr]
    qtbot.mouseClick(breaks.save_button, LEFT)
    qtbot.waitUntil(lambda: "100" in cells(page.breaks, "min_qty"))

    # The family's breaks, from the same place.
    assert page.family_breaks_button.isEnabled()
    qtbot.mouseClick(page.family_breaks_button, LEFT)
    family = page.dialogs[-1]
    assert isinstance(family, BreaksDialog) and family.lines() == [("10", "10"), ("50", "15")]
    family.table.selectRow(0)
    qtbot.mouseClick(family.remove_button, LEFT)
    qtbot.mouseClick(family.save_button, LEFT)
    qtbot.waitUntil(lambda: cells(page.breaks, "min_qty") == ["20", "100", "50"])

    qtbot.mouseClick(page.settings_button, LEFT)
    settings = page.dialogs[-1]
    assert isinstance(settings, SettingsDialog)
    qtbot.waitUntil(settings.isActiveWindow)
    # The dialog opens in its first field, ready to type, not on the Save button.
    assert settings.focusWidget() is settings.form.widgets["deal_reg_discount_pct"]
    type_in(qtbot, settings.form.widgets["default_tax_rate_pct"], "8.87501")
    assert settings.form.problems["default_tax_rate_pct"].text() == "Use at most 4 decimals."
    type_in(qtbot, settings.form.widgets["default_tax_rate_pct"], "8.875")
    type_in(qtbot, settings.form.widgets["quote_validity_days"], "45")
    settings.activateWindow()
    qtbot.waitUntil(settings.isActiveWindow)
    qtbot.keyClick(settings, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.settings_labels["quote_validity_days"].text() == "45 days")
    assert page.settings_labels["default_tax_rate_pct"].text() == "8.875%"
    with sqlite_db.reading() as s:
        assert s.get(Setting, "default_tax_rate_pct").value == "8.875"  # type: ignore[union-attr]


def finish(qtbot: QtBot, page: PriceBookPage) -> None:
    """Wait until the page's background import or export has ended."""
    qtbot.waitUntil(lambda: page.files.last_operation is not None)
    operation = page.files.last_operation
    assert operation is not None
    qtbot.waitUntil(lambda: not operation.running, timeout=10000)


def test_import_shows_what_it_would_do_then_export_writes_the_workbook(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database, tmp_path: Path
) -> None:
    add_price_book(sqlite_db)
    window = open_window(sqlite_db)
    page = pricebook_page(qtbot, window)
    book = write_book(tmp_path / "book.xlsx", {**BOOK, "Volume": [
        ["SKU or Family", "Min quantity", "Discount %"], ["CB-100", 20, 5], ["NOPE", 5, 3],
    ]})  # fmt: skip
    shown: list[str] = []
    page.files.choose_open = lambda *_: book

    def decline(_parent: QWidget, _title: str, text: str) -> bool:
        shown.append(text)
        return False

    page.files.confirm = decline
    qtbot.mouseClick(page.import_button, LEFT)
    finish(qtbot, page)
    assert shown[0].startswith("Price book from book.xlsx: would import")
    assert "row 3, column 'Volume: SKU or Family': 'NOPE' is neither a SKU" in shown[0]
    assert window.statusBar().currentMessage() == "Nothing was imported."
    assert "CB-100" not in cells(page.products, "sku")

    page.files.confirm = lambda *_: True
    page.files.last_operation = None
    qtbot.mouseClick(page.import_button, LEFT)
    qtbot.waitUntil(lambda: page.files.last_summary is not None, timeout=10000)
    finish(qtbot, page)
    qtbot.waitUntil(lambda: "CB-100" in cells(page.products, "sku"))
    assert page.files.last_summary is not None and page.files.last_summary.invalid_rows == 1
    assert "Diamond" in cells(page.tiers, "tier")
    message = window.statusBar().currentMessage()
    assert "imported 7 new, 2 updated, 0 unchanged, 1 invalid row" in message
    assert "stderr" not in message

    target = tmp_path / "out.xlsx"
    page.files.choose_save = lambda *_: target
    page.files.last_operation = None
    qtbot.mouseClick(page.export_button, LEFT)
    finish(qtbot, page)
    assert openpyxl.load_workbook(target).sheetnames == ["Prices", "Tiers", "Volume", "Settings"]
    assert window.statusBar().currentMessage().startswith("Exported 9 prices to")


def test_a_price_is_corrected_only_when_no_issued_quote_used_it(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    add_price_book(sqlite_db)
    with sqlite_db.transaction() as s:
        spec = QuoteSpec("Northwind Traders", "Contoso Ltd", TODAY, "EUR", None,
                         (LineRequest("CD-200", 1),))  # fmt: skip
        create_quote(s, spec)
    page = pricebook_page(qtbot, open_window(sqlite_db))
    select_sku(page, "CD-200")
    assert cells(page.prices, "used") == ["Yes"]
    page.prices.selectRow(0)
    assert not page.correct_button.isEnabled()
    assert "add a new dated price" in page.correct_button.toolTip()

    select_sku(page, "CD-100")
    row = cells(page.prices, "currency").index("JPY")
    page.prices.selectRow(row)
    assert page.correct_button.isEnabled()
    qtbot.mouseClick(page.correct_button, LEFT)
    dialog = page.dialogs[-1]
    assert isinstance(dialog, CorrectPriceDialog)
    type_in(qtbot, dialog.form.widgets["list_price"], "150000.5")
    assert dialog.form.problems["list_price"].text() == "JPY prices have no decimals."
    type_in(qtbot, dialog.form.widgets["list_price"], "149000")
    qtbot.mouseClick(dialog.save_button, LEFT)
    qtbot.waitUntil(lambda: "JPY 149,000" in cells(page.prices, "list_price"))


def test_a_product_changed_by_someone_else_is_shown_before_saving_over_it(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    add_price_book(sqlite_db)
    page = pricebook_page(qtbot, open_window(sqlite_db))
    select_sku(page, "CD-100")
    page.products.setFocus()
    qtbot.keyClick(page.products, Qt.Key.Key_Return)
    dialog = page.dialogs[-1]
    assert isinstance(dialog, ProductDialog) and dialog.form.text("family") == "Networking"
    with sqlite_db.transaction() as s:
        product = s.scalars(select(Product).where(Product.sku == "CD-100")).one()
        product.name = "Edge router 2"
    seen: list[list[tuple[str, str, str]]] = []

    def reload(stale: StaleDialog) -> StaleChoice:
        seen.append(stale.cells())
        return StaleChoice.RELOAD

    dialog.ask_stale = reload
    type_in(qtbot, dialog.form.widgets["name"], "Edge router X")
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert seen == [[("Name", "Edge router X", "Edge router 2")]]
    assert dialog.isVisible() and dialog.form.text("name") == "Edge router 2"
    type_in(qtbot, dialog.form.widgets["name"], "Edge router 3")
    qtbot.mouseClick(dialog.save_button, LEFT)
    qtbot.waitUntil(lambda: "Edge router 3" in cells(page.products, "name"))


def test_a_small_window_scrolls_the_price_book_rather_than_squeezing_its_tables(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    add_price_book(sqlite_db)
    window = open_window(sqlite_db)
    page = pricebook_page(qtbot, window)
    window.resize(window.minimumSizeHint())
    qtbot.waitUntil(lambda: window.size() == window.minimumSizeHint())
    for table, rows in ((page.products, 5), (page.prices, 3), (page.breaks, 2)):
        assert table.height() >= table.rows_height(rows, bar=True)
    scroll = page.findChild(QScrollArea, "pricebookScroll")
    assert scroll is not None
    qtbot.waitUntil(lambda: scroll.verticalScrollBar().maximum() > 0)
    window.resize(1280, 900)
    qtbot.waitUntil(lambda: scroll.verticalScrollBar().maximum() == 0)
