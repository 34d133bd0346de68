"""Quote lines as a person edits them: a suggested SKU is picked with Enter without adding a line
at once, a typed name picks its SKU or is refused beside the field, quantity and special discount
are changed in the table (refused when they do not fit), Tab walks the editable cells and leaves
the table after the last one, and the breakdown follows the selected line."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from app.db.engine import Database
from app.domain.errors import InputError
from app.domain.product_pick import pick_sku
from app.ui.main_window import MainWindow
from app.ui.quotes.editor.dialog import QuoteEditor
from app.ui.quotes.editor.lines_table import QTY, SPECIAL
from tests.ui.test_quote_editor import add_line, open_editor, parties

Click = Qt.MouseButton.LeftButton


@pytest.fixture
def editor(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], demo_db: Database
) -> QuoteEditor:
    partner, account, _ = parties(demo_db)
    editor = open_editor(qtbot, open_window, demo_db)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    qtbot.keyClicks(editor.partner, partner)
    qtbot.keyClicks(editor.account, account)
    return editor


def test_enter_on_a_suggested_sku_picks_it_and_goes_on_to_the_quantity(
    qtbot: QtBot, editor: QuoteEditor
) -> None:
    editor.sku.setFocus()
    qtbot.waitUntil(editor.sku.hasFocus)
    qtbot.keyClicks(editor.sku, "Remote Probe")
    popup = editor.sku.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.keyClick(editor.sku, Qt.Key.Key_Return)  # a second Enter, as people press it
    assert editor.requests == []  # nothing added yet
    assert editor.sku.text() == "CD-302"
    qtbot.waitUntil(editor.qty.hasFocus)
    qtbot.keyClicks(editor.qty, "3")
    qtbot.keyClick(editor.qty, Qt.Key.Key_Return)
    assert [(r.sku, r.qty) for r in editor.requests] == [("CD-302", 3)]
    qtbot.keyClick(editor.sku, Qt.Key.Key_Return)  # the field is empty now: nothing happens
    assert len(editor.requests) == 1


def test_a_typed_name_picks_its_sku_or_is_refused_beside_the_field(
    qtbot: QtBot, editor: QuoteEditor
) -> None:
    qtbot.keyClicks(editor.sku, "cloud backup advanced")
    qtbot.mouseClick(editor.add_button, Click)
    assert [r.sku for r in editor.requests] == ["CD-101"]
    totals = editor.totals.text()
    assert "—" not in totals

    for typed, said in (("Edge router 9000", "No product is called"),
                        ("Cloud Backup", "matches")):  # fmt: skip
        editor.sku.clear()
        qtbot.keyClicks(editor.sku, typed)
        qtbot.mouseClick(editor.add_button, Click)
        assert said in editor.sku_problem.text()
        assert [r.sku for r in editor.requests] == ["CD-101"]  # no bogus line
        assert editor.totals.text() == totals  # the figures stay
    qtbot.keyClicks(editor.sku, "x")
    assert editor.sku_problem.text() == ""  # typing again clears the refusal

    # The same SKU with the same special discount adds to its line, never a duplicate.
    editor.sku.clear()
    add_line(qtbot, editor, "CD-101", 2)
    assert [(r.sku, r.qty) for r in editor.requests] == [("CD-101", 3)]


def type_in_cell(qtbot: QtBot, editor: QuoteEditor, row: int, col: int, text: str) -> None:
    """Double-click the cell, type over it and press Enter."""
    table = editor.table
    rect = table.visualRect(table.model().index(row, col))
    qtbot.mouseClick(table.viewport(), Click, pos=rect.center())  # a double click's first press
    qtbot.mouseDClick(table.viewport(), Click, pos=rect.center())
    cell = QApplication.focusWidget()
    assert isinstance(cell, QLineEdit), "the cell opens for typing"
    cell.selectAll()
    qtbot.keyClicks(cell, text)
    qtbot.keyClick(cell, Qt.Key.Key_Return)
    editing = QAbstractItemView.State.EditingState
    qtbot.waitUntil(lambda: table.state() != editing)  # the cell closes after the event


def test_quantity_and_special_discount_are_edited_in_the_table(
    qtbot: QtBot, editor: QuoteEditor
) -> None:
    add_line(qtbot, editor, "CD-100", 1)
    add_line(qtbot, editor, "CD-300", 2)
    before = editor.totals.text()
    type_in_cell(qtbot, editor, 0, QTY, "25")
    assert editor.requests[0].qty == 25 and editor.totals.text() != before
    assert editor.table.item(0, QTY).text() == "25"
    assert "volume 5%" in editor.receipt.text()  # the SKU's break from 20, priced again

    type_in_cell(qtbot, editor, 0, QTY, "0")
    assert editor.requests[0].qty == 25 and editor.table.item(0, QTY).text() == "25"
    assert "Line 1: Qty: '0' is not a whole number" in editor.problems.text()

    type_in_cell(qtbot, editor, 1, SPECIAL, "20")
    assert editor.requests[1].special_pct == 20
    assert "Needs approval" in editor.problems.text()
    type_in_cell(qtbot, editor, 1, SPECIAL, "ten")
    assert editor.requests[1].special_pct == 20 and "Line 2: Special discount" in (
        editor.problems.text()
    )
    # Only quantity and special discount open for typing: the SKU and figures are not edited.
    rect = editor.table.visualRect(editor.table.model().index(0, 0))
    qtbot.mouseClick(editor.table.viewport(), Click, pos=rect.center())
    qtbot.mouseDClick(editor.table.viewport(), Click, pos=rect.center())
    assert not isinstance(QApplication.focusWidget(), QLineEdit)


def test_tab_walks_the_editable_cells_and_leaves_the_table_after_the_last(
    qtbot: QtBot, editor: QuoteEditor
) -> None:
    add_line(qtbot, editor, "CD-100", 1)
    add_line(qtbot, editor, "CD-300", 2)
    table = editor.table
    table.setFocus()
    table.setCurrentCell(0, QTY)
    visited = [(table.currentRow(), table.currentColumn())]
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.append((table.currentRow(), table.currentColumn()))
    assert visited == [(0, QTY), (0, SPECIAL), (1, QTY), (1, SPECIAL)]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    focus = QApplication.focusWidget()
    assert focus is not table and not table.isAncestorOf(focus)
    # Typing in a cell and pressing Tab keeps the value and opens the next editable cell.
    table.setFocus()
    table.setCurrentCell(0, QTY)
    qtbot.keyClicks(table, "4")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert editor.requests[0].qty == 4
    assert (table.currentRow(), table.currentColumn()) == (0, SPECIAL)


def test_the_breakdown_follows_the_selected_line(qtbot: QtBot, editor: QuoteEditor) -> None:
    add_line(qtbot, editor, "CD-100", 1)
    add_line(qtbot, editor, "CD-300", 2)
    assert editor.receipt.text().startswith("CD-300")
    for row, sku in ((0, "CD-100"), (1, "CD-300"), (0, "CD-100")):
        rect = editor.table.visualRect(editor.table.model().index(row, 1))
        qtbot.mouseClick(editor.table.viewport(), Click, pos=rect.center())
        assert editor.receipt.text().startswith(sku)
    qtbot.mouseClick(editor.remove_button, Click)  # CD-100 goes; CD-300 is selected now
    assert editor.receipt.text().startswith("CD-300")
    qtbot.mouseClick(editor.remove_button, Click)
    assert "Select a line" in editor.receipt.text()


@pytest.mark.parametrize(
    ("typed", "sku"),
    [("cd-100", "CD-100"), ("CD-100 — Cloud Backup Standard", "CD-100"),
     ("Cloud Backup  Standard", "CD-100"), ("onboarding", "CD-104")],
)  # fmt: skip
def test_pick_sku_takes_what_people_type(typed: str, sku: str) -> None:
    products = [("CD-100", "Cloud Backup Standard"), ("CD-101", "Cloud Backup Advanced"),
                ("CD-104", "Cloud Backup Onboarding Service")]  # fmt: skip
    assert pick_sku(typed, products) == sku
    with pytest.raises(InputError, match="matches 3 products"):
        pick_sku("backup", products)


def test_enter_on_a_typed_sku_with_its_suggestions_open_settles_it(
    qtbot: QtBot, editor: QuoteEditor
) -> None:
    """A person who knows the SKU types it whole and presses Enter while the list still
    shows it: the product is settled and the quantity comes next, as without the list."""
    editor.sku.setFocus()
    qtbot.waitUntil(editor.sku.hasFocus)
    qtbot.keyClicks(editor.sku, "backup")
    popup = editor.sku.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Return)  # several products: say so, keep the list
    assert "matches" in editor.sku_problem.text() and popup.isVisible()
    assert editor.sku.hasFocus()
    editor.sku.clear()
    qtbot.keyClicks(editor.sku, "CD-301")
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert editor.sku.text() == "CD-301" and editor.sku_problem.text() == ""
    qtbot.waitUntil(editor.qty.hasFocus)
    qtbot.keyClicks(editor.qty, "3")
    qtbot.keyClick(editor.qty, Qt.Key.Key_Return)
    assert [(r.sku, r.qty) for r in editor.requests] == [("CD-301", 3)]


def test_a_database_without_products_says_where_products_come_from(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], sqlite_db: Database
) -> None:
    """A new database: "pick one from the list" would point at an empty list."""
    editor = open_editor(qtbot, open_window, sqlite_db)
    assert "Price book" in editor.sku.placeholderText()
    editor.sku.setFocus()
    qtbot.keyClicks(editor.sku, "CD-100")
    qtbot.keyClick(editor.sku, Qt.Key.Key_Return)
    assert editor.sku_problem.text().startswith("The price book has no products yet")
    assert editor.requests == []
