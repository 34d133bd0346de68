"""The Program page's dialogs driven as a person uses them: exchange rates and the reporting
currency, SPIF and rebate rules, and a spend item, each typed in, saved with the keyboard,
refused with a reason at the field, and seen in the page's figures."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDateEdit, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from app.db.engine import Database
from app.services.business_settings import load_business_settings
from app.services.program.rates import list_rates
from app.services.program.rules import list_rebate_thresholds, list_spif_rules
from app.services.program.spend_items import list_spend
from app.ui.main_window import MainWindow
from app.ui.pricebook.form_dialog import FormDialog
from app.ui.program.page import ProgramPage
from app.ui.program.rates_dialog import RateDialog, RatesDialog
from app.ui.program.rules_dialog import RulesDialog, SpifDialog
from app.ui.program.spend_dialog import SpendDialog, SpendItemsDialog
from tests.support.pages import settled
from tests.support.program_world import END, START, add_program_world, program_on_world
from tests.support.table_cells import cells

Opener = Callable[[Database], MainWindow]


@pytest.fixture
def page(qtbot: QtBot, open_window: Opener, sqlite_db: Database) -> ProgramPage:
    add_program_world(sqlite_db)
    return program_on_world(open_window(sqlite_db))


def type_into(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Select what the field holds and type ``text`` over it, as a person does."""
    widget.setFocus()
    editor = widget.lineEdit() if isinstance(widget, QComboBox) else widget
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, text)


def set_day(qtbot: QtBot, widget: QWidget, day: date) -> None:
    assert isinstance(widget, QDateEdit)
    widget.setFocus()
    widget.setSelectedSection(QDateEdit.Section.YearSection)
    qtbot.keyClicks(widget, f"{day.year}")
    widget.setSelectedSection(QDateEdit.Section.MonthSection)
    qtbot.keyClicks(widget, f"{day.month:02}")
    widget.setSelectedSection(QDateEdit.Section.DaySection)
    qtbot.keyClicks(widget, f"{day.day:02}")


D = TypeVar("D", bound=QWidget)


def shown(qtbot: QtBot, dialog: D) -> D:
    """``dialog`` on screen and active, as when opened from its button."""
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def save(qtbot: QtBot, dialog: FormDialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def test_a_rate_added_converts_what_was_not_converted(
    qtbot: QtBot, page: ProgramPage, sqlite_db: Database
) -> None:
    assert page.not_converted.isVisible()  # D-4: GBP 1,000 on 2026-03-01, no GBP rate
    qtbot.mouseClick(page.rates_button, Qt.MouseButton.LeftButton)
    rates = page.dialogs[-1]
    assert isinstance(rates, RatesDialog)
    assert cells(rates.table, "currency") == ["USD", "USD", "USD"]
    assert "reported in EUR" in rates.about.text()

    qtbot.mouseClick(rates.add_button, Qt.MouseButton.LeftButton)
    editor = rates.editor
    assert editor is not None
    form = editor.form
    type_into(qtbot, form.widgets["currency"], "gbp")
    type_into(qtbot, form.widgets["rate"], "0")
    save(qtbot, editor)
    assert editor.isVisible()
    assert form.problems["rate"].text() == "Rate must be more than 0"
    type_into(qtbot, form.widgets["rate"], "1.15")
    set_day(qtbot, form.widgets["effective_from"], date(2026, 1, 1))
    save(qtbot, editor)
    assert not editor.isVisible()
    assert cells(rates.table, "currency")[0] == "GBP"
    with sqlite_db.reading() as session:
        assert (list_rates(session)[0].rate, list_rates(session)[0].currency) == (
            Decimal("1.15"), "GBP",
        )  # fmt: skip
    settled(page)
    assert not page.not_converted.isVisible()
    assert cells(page.table, "sourced")[1] == "9,150.00"  # P-2: 8,000 + GBP 1,000 × 1.15


def test_a_rate_deleted_with_the_delete_key_after_a_yes(
    qtbot: QtBot, page: ProgramPage, sqlite_db: Database
) -> None:
    rates = shown(qtbot, RatesDialog(page.context, sqlite_db, page.window()))
    asked: list[str] = []
    rates.confirm = lambda title, text: asked.append(text) is None  # type: ignore[method-assign]
    rates.table.setFocus()
    rates.table.selectRow(0)  # USD into EUR from 2026-01-01
    assert cells(rates.table, "into_currency")[0] == "EUR"
    qtbot.keyClick(rates.table, Qt.Key.Key_Delete)
    assert asked == ["Delete the USD rate of 2026-01-01? Figures that used it change."]
    assert len(rates.table.records.rows()) == 2


def test_changing_the_reporting_currency_says_what_it_does_first(
    qtbot: QtBot, page: ProgramPage, sqlite_db: Database
) -> None:
    rates = shown(qtbot, RatesDialog(page.context, sqlite_db, page.window()))
    asked: list[str] = []
    rates.confirm = lambda title, text: bool(asked.append(text))  # type: ignore[method-assign]
    type_into(qtbot, rates.currency, "GBP")
    qtbot.mouseClick(rates.change_button, Qt.MouseButton.LeftButton)
    assert "until rates into GBP are added or imported" in asked[0]
    assert rates.currency.currentText() == "EUR"  # "No": nothing changed
    with sqlite_db.reading() as session:
        assert load_business_settings(session).reporting_currency == "EUR"

    rates.confirm = lambda title, text: True  # type: ignore[method-assign]
    type_into(qtbot, rates.currency, "GBP")
    qtbot.mouseClick(rates.change_button, Qt.MouseButton.LeftButton)
    with sqlite_db.reading() as session:
        assert load_business_settings(session).reporting_currency == "GBP"
    assert "reported in GBP" in rates.about.text()
    settled(page)
    assert page.count_label.text().endswith("amounts in GBP")
    # Only the USD→GBP rate exists: the EUR deals are not converted now.
    assert "not converted: no rate into GBP" in page.not_converted.text()


def test_the_rates_import_opens_the_wizard_on_rates(qtbot: QtBot, page: ProgramPage) -> None:
    qtbot.mouseClick(page.rates_button, Qt.MouseButton.LeftButton)
    rates = page.dialogs[-1]
    assert isinstance(rates, RatesDialog)
    qtbot.mouseClick(rates.import_button, Qt.MouseButton.LeftButton)
    window = page.window()
    assert isinstance(window, MainWindow)
    wizard = window.commands.wizard
    qtbot.waitExposed(wizard)
    assert wizard.source.kind.currentData() == "fx"
    wizard.close()


def test_spif_and_rebate_rules_are_added_on_their_tabs(
    qtbot: QtBot, page: ProgramPage, sqlite_db: Database
) -> None:
    qtbot.mouseClick(page.rules_button, Qt.MouseButton.LeftButton)
    rules = page.dialogs[-1]
    assert isinstance(rules, RulesDialog)
    assert cells(rules.spifs, "name") == ["Core push"]
    assert cells(rules.rebates, "threshold") == ["EUR 50,000.00", "EUR 100,000.00"]

    qtbot.mouseClick(rules.add_button, Qt.MouseButton.LeftButton)
    editor = rules.editor
    assert editor is not None
    type_into(qtbot, editor.form.widgets["name"], "Spring push")
    set_day(qtbot, editor.form.widgets["valid_from"], date(2026, 3, 1))
    set_day(qtbot, editor.form.widgets["valid_to"], date(2026, 2, 1))
    type_into(qtbot, editor.form.widgets["amount_per_unit"], "12.50")
    save(qtbot, editor)
    assert editor.form.problems["valid_to"].text().startswith("To 2026-02-01 is before")
    set_day(qtbot, editor.form.widgets["valid_to"], date(2026, 5, 31))
    save(qtbot, editor)
    assert not editor.isVisible()
    assert cells(rules.spifs, "name") == ["Core push", "Spring push"]

    qtbot.keyClick(rules.tabs.tabBar(), Qt.Key.Key_Right)  # the rebate tab
    qtbot.mouseClick(rules.add_button, Qt.MouseButton.LeftButton)
    editor = rules.editor
    type_into(qtbot, editor.form.widgets["rule"], "Growth")
    type_into(qtbot, editor.form.widgets["threshold"], "250000")
    type_into(qtbot, editor.form.widgets["percent"], "3.5")
    save(qtbot, editor)
    assert not editor.isVisible()
    with sqlite_db.reading() as session:
        assert [r.name for r in list_spif_rules(session)] == ["Core push", "Spring push"]
        steps = [(r.rule, r.threshold, r.percent) for r in list_rebate_thresholds(session)]
    assert steps[-1] == ("Growth", Decimal(250000), Decimal("3.5"))

    rules.activateWindow()  # back from the editor, as a person clicks on the list
    qtbot.waitUntil(rules.isActiveWindow)
    rules.rebates.setFocus()
    rules.rebates.selectRow(2)
    rules.confirm = lambda title, text: True  # type: ignore[method-assign]
    qtbot.keyClick(rules.rebates, Qt.Key.Key_Delete)
    assert len(rules.rebates.records.rows()) == 2


def test_a_spend_item_for_a_partner_shows_in_its_figures(qtbot: QtBot, page: ProgramPage) -> None:
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = page.dialogs[-1]
    assert isinstance(editor, FormDialog)
    form = editor.form
    type_into(qtbot, form.widgets["partner"], "Adatum Systems (P-3)")
    set_day(qtbot, form.widgets["spent_on"], date(2026, 2, 14))
    type_into(qtbot, form.widgets["amount"], "abc")
    save(qtbot, editor)
    assert form.problems["amount"].text().startswith("Amount")
    type_into(qtbot, form.widgets["amount"], "2100")
    type_into(qtbot, form.widgets["description"], "Roadshow")
    save(qtbot, editor)
    assert not editor.isVisible()
    settled(page)
    row = cells(page.table, "partner_code").index("P-3")
    assert cells(page.table, "spend_event")[row] == "2,100.00"
    assert cells(page.table, "ratio")[row] == "50.0000"  # 105,000 ÷ 2,100


def test_spend_items_of_the_period_are_corrected_and_deleted(
    qtbot: QtBot, page: ProgramPage, sqlite_db: Database
) -> None:
    qtbot.mouseClick(page.spend_button, Qt.MouseButton.LeftButton)
    items = page.dialogs[-1]
    assert isinstance(items, SpendItemsDialog)
    # The item of 2025-12-31 is outside the period.
    assert cells(items.table, "description") == [
        "Partner summit booth", "Partner portal", "Paid before Channel Desk",
    ]  # fmt: skip
    items.table.setFocus()
    items.table.selectRow(1)
    qtbot.mouseClick(items.edit_button, Qt.MouseButton.LeftButton)
    editor = items.editor
    assert editor is not None
    assert editor.form.text("partner") == ""  # program-wide
    assert editor.form.text("amount") == "500.00" and editor.form.text("currency") == "USD"
    type_into(qtbot, editor.form.widgets["amount"], "600")
    save(qtbot, editor)
    assert not editor.isVisible()
    settled(page)
    assert cells(page.program_table, "spend_other") == ["540.00"]  # USD 600 × 0.9

    items.activateWindow()
    qtbot.waitUntil(items.isActiveWindow)
    items.table.setFocus()
    items.table.selectRow(0)
    items.confirm = lambda title, text: True  # type: ignore[method-assign]
    qtbot.keyClick(items.table, Qt.Key.Key_Delete)
    with sqlite_db.reading() as session:
        left = [row.description for row in list_spend(session, START, END)]
    assert left == ["Partner portal", "Paid before Channel Desk"]


def test_a_rate_of_the_reporting_currency_is_refused_at_its_field(
    qtbot: QtBot, page: ProgramPage, sqlite_db: Database
) -> None:
    editor = shown(qtbot, RateDialog(page.context, sqlite_db, "EUR", None, page.window()))
    type_into(qtbot, editor.form.widgets["currency"], "eur")
    type_into(qtbot, editor.form.widgets["rate"], "1")
    save(qtbot, editor)
    assert editor.isVisible()
    assert "reporting currency" in editor.form.problems["currency"].text()
    with sqlite_db.reading() as session:
        assert len(list_rates(session)) == 3  # the world's, nothing added
    editor.ask_to_discard = lambda _parent, _noun: True  # type: ignore[method-assign]
    editor.reject()


def test_every_program_list_answers_the_same_keys(qtbot: QtBot, page: ProgramPage) -> None:
    """Ctrl+N adds, Enter on a row edits it, in each of the three lists alike."""
    for button, editor_type in (
        (page.rates_button, RateDialog),
        (page.rules_button, SpifDialog),
        (page.spend_button, SpendDialog),
    ):
        page.activateWindow()
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        listing = page.dialogs[-1]
        assert isinstance(listing, RatesDialog | RulesDialog | SpendItemsDialog)
        qtbot.waitUntil(listing.isActiveWindow)
        qtbot.keyClick(listing, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        editor = listing.editor
        assert isinstance(editor, editor_type), listing.objectName()
        assert getattr(editor, "opened", "missing") is None
        editor.reject()
        table = listing.current_table()
        table.setFocus()
        table.selectRow(0)
        qtbot.keyClick(table, Qt.Key.Key_Return)
        assert listing.editor is not editor and isinstance(listing.editor, editor_type)
        assert getattr(listing.editor, "opened", None) is not None
        listing.editor.reject()
        listing.close()
