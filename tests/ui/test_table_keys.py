"""Tables and the keyboard: Tab leaves a read-only table, moves like a spreadsheet in an editable
one and leaves it after the last cell; a key sorts; a cut-off cell (by its drawn width) has a
tooltip; cells describe themselves to a screen reader."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QPlainTextEdit,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.domain.columns import Column
from app.ui.labelled_form import FormGrid
from app.ui.record_table import SORT_KEY, RecordTable
from app.ui.sheet_table import SheetTable


@dataclass(frozen=True)
class Name:
    text: str


COLUMNS = (Column("name", "Name", lambda r: r.text, width=6), Column("more", "More", lambda r: ""))


def framed(qtbot: QtBot, table: QWidget) -> tuple[QWidget, QLineEdit, QLineEdit]:
    """``table`` between two line edits in a shown, active window."""
    window = QWidget()
    before, after = QLineEdit(), QLineEdit()
    layout = QVBoxLayout(window)
    for widget in (before, table, after):
        layout.addWidget(widget)
    qtbot.addWidget(window)
    window.resize(500, 400)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    return window, before, after


def tab(qtbot: QtBot, back: bool = False) -> None:
    from PySide6.QtWidgets import QApplication

    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, Qt.Key.Key_Backtab if back else Qt.Key.Key_Tab)


def test_tab_and_shift_tab_leave_a_record_table(qtbot: QtBot) -> None:
    table = RecordTable("names", COLUMNS)
    table.records.set_rows([Name("Contoso"), Name("Fabrikam")])
    _window, before, after = framed(qtbot, table)
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 0))
    tab(qtbot)
    assert after.hasFocus()
    table.setFocus()
    tab(qtbot, back=True)
    assert before.hasFocus()


def test_an_editable_sheet_moves_cell_by_cell_and_lets_go_after_the_last(qtbot: QtBot) -> None:
    sheet = SheetTable(2, 2, "Figures")
    for r in range(2):
        for c in range(2):
            sheet.setItem(r, c, QTableWidgetItem(f"{r}{c}"))
    _window, before, after = framed(qtbot, sheet)
    sheet.setFocus()
    sheet.setCurrentCell(0, 0)
    visited = [(0, 0)]
    for _ in range(3):
        tab(qtbot)
        assert sheet.hasFocus() or sheet.isAncestorOf(sheet.focusWidget())
        visited.append((sheet.currentRow(), sheet.currentColumn()))
    assert visited == [(0, 0), (0, 1), (1, 0), (1, 1)]
    tab(qtbot)
    assert after.hasFocus()
    sheet.setFocus()
    sheet.setCurrentCell(0, 1)
    tab(qtbot, back=True)
    assert (sheet.currentRow(), sheet.currentColumn()) == (0, 0)
    tab(qtbot, back=True)
    assert before.hasFocus()


def test_tab_while_editing_the_last_cell_saves_it_and_leaves(qtbot: QtBot) -> None:
    sheet = SheetTable(1, 2, "Figures")
    for c in range(2):
        sheet.setItem(0, c, QTableWidgetItem(""))
    _window, _before, after = framed(qtbot, sheet)
    sheet.setFocus()
    sheet.setCurrentCell(0, 1)
    sheet.editItem(sheet.item(0, 1))
    editor = sheet.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, "25")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert sheet.item(0, 1).text() == "25"
    assert after.hasFocus()


def test_a_read_only_sheet_lets_tab_out_at_once(qtbot: QtBot) -> None:
    sheet = SheetTable(3, 3, "Figures")
    sheet.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    _window, _before, after = framed(qtbot, sheet)
    sheet.setFocus()
    sheet.setCurrentCell(0, 0)
    tab(qtbot)
    assert after.hasFocus()


def test_a_text_box_in_a_form_takes_tab_as_a_move(qtbot: QtBot) -> None:
    form = FormGrid()
    box = form.add("notes", "&Notes", QPlainTextEdit(), 0)
    assert isinstance(box, QPlainTextEdit)
    _window, _before, after = framed(qtbot, form)
    box.setFocus()
    tab(qtbot)
    assert box.toPlainText() == ""
    assert after.hasFocus()


def test_the_sort_key_sorts_by_the_current_column_and_again_reverses(qtbot: QtBot) -> None:
    table = RecordTable("names", COLUMNS)
    table.records.set_rows([Name("beta"), Name("alpha"), Name("gamma")])
    window = framed(qtbot, table)  # noqa: F841 (kept alive)
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 0))
    assert table.sort_action.shortcut() == QKeySequence(SORT_KEY)
    qtbot.keyClick(
        table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert [r.text for r in table.records.rows()] == ["alpha", "beta", "gamma"]
    qtbot.keyClick(
        table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert [r.text for r in table.records.rows()] == ["gamma", "beta", "alpha"]


@pytest.mark.parametrize(
    ("text", "tipped"),
    [("WWWWWW", True), ("iiiiiiiiiiii", False)],  # few wide letters cut; many narrow ones fit
)
def test_a_cut_off_cell_is_told_by_its_drawn_width(qtbot: QtBot, text: str, tipped: bool) -> None:
    table = RecordTable("names", COLUMNS)
    table.records.set_rows([Name(text)])
    window = framed(qtbot, table)  # noqa: F841 (kept alive)
    metrics = table.fontMetrics()
    table.setColumnWidth(
        0, (metrics.horizontalAdvance("WWWWWW") + metrics.horizontalAdvance("i" * 12)) // 2 + 18
    )
    index = table.model().index(0, 0)
    assert table.cut_off(index) is tipped
    assert table.cell_tip(index) == (text if tipped else "")
    assert table.viewport().rect().contains(table.visualRect(index).center() + QPoint(0, 0))


def test_a_cell_describes_itself_by_its_column(qtbot: QtBot) -> None:
    table = RecordTable("names", COLUMNS)
    table.records.set_rows([Name("Contoso")])
    index = table.model().index(0, 0)
    assert index.data(Qt.ItemDataRole.AccessibleDescriptionRole) == "Name"


def test_tab_into_an_empty_quote_lines_table_and_out_again(qtbot: QtBot) -> None:
    from app.ui.quotes.editor.lines_table import LinesTable

    lines = LinesTable()
    _window, before, after = framed(qtbot, lines)
    before.setFocus()
    tab(qtbot)  # the table takes the focus with no line to make current
    assert lines.hasFocus()
    tab(qtbot)
    assert after.hasFocus()


def test_a_hand_filled_table_tips_its_cut_off_cells_too(qtbot: QtBot) -> None:
    from app.ui.cell_tips import cell_tip

    sheet = SheetTable(1, 2, "Figures")
    sheet.setItem(0, 0, QTableWidgetItem("Redline Managed Services"))
    sheet.setItem(0, 1, QTableWidgetItem("Gold"))
    window = framed(qtbot, sheet)  # noqa: F841 (kept alive)
    sheet.setColumnWidth(0, sheet.fontMetrics().horizontalAdvance("Redline") + 16)
    sheet.setColumnWidth(1, sheet.fontMetrics().horizontalAdvance("Gold") * 3)
    assert cell_tip(sheet, sheet.model().index(0, 0)) == "Redline Managed Services"
    assert cell_tip(sheet, sheet.model().index(0, 1)) == ""
