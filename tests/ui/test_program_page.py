"""The Program page driven as a person uses it: a period picked, the figures read (the same as
the return report's, to the cent), a figure opened with Enter or a double click to see the
items behind it, the table sorted with a key and exported."""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.db.engine import Database
from app.domain.money import format_amount
from app.services.program.returns import return_report
from app.ui.changes import RecordKind
from app.ui.main_window import MainWindow
from app.ui.program.page import ProgramPage
from app.ui.program.rows import RETURN_COLUMNS
from tests.support.pages import settled
from tests.support.program_world import END, START, add_program_world, program_on_world
from tests.support.table_cells import cells

Opener = Callable[[Database], MainWindow]


@pytest.fixture
def page(qtbot: QtBot, open_window: Opener, sqlite_db: Database) -> ProgramPage:
    add_program_world(sqlite_db)
    window = open_window(sqlite_db)
    window.resize(1366, 768)
    return program_on_world(window)


def column(key: str) -> int:
    return [c.key for c in RETURN_COLUMNS].index(key)


def test_every_figure_is_the_return_reports_own(page: ProgramPage, sqlite_db: Database) -> None:
    with sqlite_db.reading() as session:
        report = return_report(session, START, END)
    assert cells(page.table, "partner_code") == ["P-1", "P-2", "P-3"]
    assert cells(page.table, "partner") == [
        "Northwind Traders", "Contoso Partners", "Adatum Systems",
    ]  # fmt: skip
    for n, line in enumerate(report.partners):
        shown = [page.table.records.index(n, column(f"spend_{p}")).data()
                 for p in ("mdf", "spif", "rebate", "training", "event", "other")]  # fmt: skip
        expected = [format_amount(line.spend[p], "EUR")
                    for p in ("MDF", "SPIF", "Rebate", "Training", "Event", "Other")]  # fmt: skip
        assert shown == expected
        assert cells(page.table, "spend_all")[n] == format_amount(line.spend["all"], "EUR")
        assert cells(page.table, "sourced")[n] == format_amount(line.sourced, "EUR")
        assert cells(page.table, "influenced")[n] == format_amount(line.influenced, "EUR")
    assert cells(page.table, "ratio") == ["19.8020", "16.0000", ""]
    total = page.program_table
    assert cells(total, "partner") == ["Whole program"]
    assert cells(total, "spend_all") == ["6,000.00"]
    assert cells(total, "sourced") == ["108,000.00"] and cells(total, "ratio") == ["18.8333"]
    assert page.count_label.text() == "2026 Q1 · 3 partners · amounts in EUR"
    assert page.not_converted.isVisible()
    assert page.not_converted.text().startswith("1 amount not converted: no rate into EUR")


def test_enter_on_a_figure_lists_the_items_it_adds_up(qtbot: QtBot, page: ProgramPage) -> None:
    table = page.table
    table.setFocus()
    table.setCurrentIndex(table.records.index(0, column("sourced")))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.drilled is not None)
    dialog = page.drilled
    assert dialog is not None
    assert dialog.windowTitle() == "Sourced deals won: Northwind Traders, 2026-01-01 to 2026-03-31"
    assert cells(dialog.table, "what") == ["D-1"]
    assert dialog.summary.text() == "1 item, EUR 100,000.00 in all"
    dialog.close()

    # A double click on the whole program's Other spend: the one USD item, converted.
    total = page.program_table
    rect = total.visualRect(total.records.index(0, column("spend_other")))
    page.drilled = None
    qtbot.mouseClick(total.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(total.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: page.drilled is not None)
    dialog = page.drilled
    assert cells(dialog.table, "what") == ["Partner portal"]
    assert cells(dialog.table, "amount") == ["USD 500.00"]
    assert cells(dialog.table, "converted") == ["EUR 450.00"]
    assert dialog.summary.text() == "1 item, EUR 450.00 in all"


def test_the_amounts_without_a_rate_are_listed(page: ProgramPage) -> None:
    page.not_converted_button.click()
    dialog = page.dialogs[-1]
    assert cells(dialog.table, "what") == ["D-4"]  # type: ignore[attr-defined]
    assert cells(dialog.table, "amount") == ["GBP 1,000.00"]  # type: ignore[attr-defined]


def test_a_quarter_picked_reads_the_figures_again(qtbot: QtBot, page: ProgramPage) -> None:
    picker = page.period_picker
    picker.kind.setCurrentIndex(picker.kind.findData("quarter"))
    picker.year.setValue(2026)
    picker.quarter.setCurrentIndex(1)  # Q2: only D-6, won on 1 April
    settled(page)
    assert cells(page.table, "partner_code") == ["P-1"]
    assert cells(page.table, "sourced") == ["9,000.00"]
    assert cells(page.table, "ratio") == [""]  # nothing spent: no ratio
    assert page.count_label.text().startswith("2026 Q2 · 1 partner")
    assert not page.not_converted.isVisible()


def test_sorted_by_a_key_and_exported_with_the_whole_programs_row(
    qtbot: QtBot, page: ProgramPage, tmp_path: Path
) -> None:
    table = page.table
    table.setFocus()
    table.setCurrentIndex(table.records.index(0, column("ratio")))
    keys = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(table, Qt.Key.Key_S, keys)
    assert cells(table, "partner_code") == ["P-2", "P-1", "P-3"]  # no ratio last
    window = page.window()
    assert isinstance(window, MainWindow)
    target = tmp_path / "program.csv"
    window.commands.choose_save_path = lambda *_args: target  # type: ignore[method-assign]
    window.menu_actions.export_records.trigger()
    operation = window.commands.last_operation
    assert operation is not None
    qtbot.waitUntil(lambda: not operation.running)
    with target.open(encoding="utf-8-sig") as stream:
        rows = list(csv.reader(stream))
    assert rows[0][:6] == [
        "Partner ID", "Partner", "Spend in all", "Sourced", "Influenced", "Return ratio",
    ]  # fmt: skip
    assert [r[1] for r in rows[1:]] == [
        "Contoso Partners", "Northwind Traders", "Adatum Systems", "Whole program",
    ]  # fmt: skip
    assert rows[-1][rows[0].index("Spend in all")] == "6000.00"
    assert Decimal(rows[1][rows[0].index("Return ratio")]) == Decimal("16.0000")
    assert date.today()  # the file's name carries the day; its rows do not


def test_sorting_from_the_whole_programs_row_sorts_the_partners(
    qtbot: QtBot, page: ProgramPage
) -> None:
    total = page.program_table
    total.setFocus()
    total.setCurrentIndex(total.records.index(0, column("influenced")))
    keys = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(total, Qt.Key.Key_S, keys)
    assert cells(page.table, "partner_code") == ["P-1", "P-2", "P-3"]  # 0, 0, 105,000
    qtbot.keyClick(total, Qt.Key.Key_S, keys)
    assert cells(page.table, "partner_code")[0] == "P-3"
    assert cells(total, "partner") == ["Whole program"]


def test_a_change_to_what_the_figures_read_reads_them_again(page: ProgramPage) -> None:
    for kinds in (
        {RecordKind.MDF}, {RecordKind.PROGRAM}, {RecordKind.DEAL}, {RecordKind.TRAINING},
        {RecordKind.QUOTE}, {RecordKind.SETTING}, {RecordKind.PRICE_BOOK},
    ):  # fmt: skip
        before = page.loads
        page.context.changes.announce(kinds)
        settled(page)
        assert page.loads == before + 1, kinds
    before = page.loads
    page.context.changes.announce({RecordKind.CONTACT})
    settled(page)
    assert page.loads == before


def test_the_filter_narrows_the_partners_and_keeps_the_whole_program(
    qtbot: QtBot, page: ProgramPage
) -> None:
    qtbot.keyClicks(page.filter_edit, "contoso")
    assert cells(page.table, "partner") == ["Contoso Partners"]
    assert cells(page.program_table, "spend_all") == ["6,000.00"]
    assert page.count_label.text().startswith("2026 Q1 · 1 of 3 partners")


def drill_at(qtbot: QtBot, page: ProgramPage, table: object, row: int, key: str) -> list[str]:
    """Enter on the figure ``key`` of ``row``: the Partner cells of the items behind it."""
    from app.ui.record_table import RecordTable

    assert isinstance(table, RecordTable)
    page.drilled = None
    table.setFocus()
    table.setCurrentIndex(table.records.index(row, column(key)))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.drilled is not None)
    dialog = page.drilled
    assert dialog is not None
    shown = cells(dialog.table, "partner")
    dialog.close()
    return shown


def test_the_items_behind_a_figure_say_whose_they_are(qtbot: QtBot, page: ProgramPage) -> None:
    spend = drill_at(qtbot, page, page.program_table, 0, "spend_all")
    assert "Whole program" in spend  # the program-wide portal
    assert "Northwind Traders (P-1)" in spend  # its summit booth
    assert set(spend) <= {"Whole program", "Northwind Traders (P-1)", "Contoso Partners (P-2)",
                          "Adatum Systems (P-3)"}  # fmt: skip
    won = drill_at(qtbot, page, page.program_table, 0, "sourced")
    assert won and "Northwind Traders (P-1)" in won and "Whole program" not in won
    northwind = cells(page.table, "partner").index("Northwind Traders")
    assert set(drill_at(qtbot, page, page.table, northwind, "sourced")) == {
        "Northwind Traders (P-1)"
    }
    page.not_converted_button.click()
    dialog = page.dialogs[-1]
    assert cells(dialog.table, "partner")[0] not in ("", "Whole program")  # type: ignore[attr-defined]


def test_a_products_family_changed_in_the_price_book_moves_the_spif_figure(
    qtbot: QtBot, page: ProgramPage
) -> None:
    """A SPIF accrues by the family of the product quoted: taking CD-100 out of its family in
    the price book, while the Program page is open, takes its SPIF off the page."""
    from PySide6.QtWidgets import QComboBox

    from app.ui.pricebook.dialogs import ProductDialog
    from tests.ui.test_pricebook_page import pricebook_page, select_sku

    northwind = cells(page.table, "partner").index("Northwind Traders")
    assert cells(page.table, "spend_spif")[northwind] == "50.00"
    window = page.window()
    assert isinstance(window, MainWindow)
    book = pricebook_page(qtbot, window)
    select_sku(book, "CD-100")
    qtbot.mouseClick(book.edit_product_button, Qt.MouseButton.LeftButton)
    dialog = book.dialogs[-1]
    assert isinstance(dialog, ProductDialog)
    family = dialog.form.widgets["family"]
    assert isinstance(family, QComboBox) and family.lineEdit() is not None
    family.lineEdit().setFocus()
    family.lineEdit().selectAll()
    qtbot.keyClick(family.lineEdit(), Qt.Key.Key_Delete)  # no family
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    window.show_page("program")
    qtbot.waitUntil(lambda: cells(page.table, "spend_spif")[northwind] == "0.00")
