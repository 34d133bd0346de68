"""Right-click menus on tables: the owner's commands for the row under the mouse, Copy and
Export selection, as a person uses them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from app.db.engine import Database
from app.ui.main_window import MainWindow
from app.ui.record_table import RecordTable
from tests.support.sample_records import add_sample_records

Opener = Callable[[Database], MainWindow]


def right_click_row(qtbot: QtBot, table: RecordTable, row: int, choose: str | None) -> list[str]:
    """Right-click ``row`` and pick ``choose`` from the menu (None: Escape). Returns what the
    menu offered, each marked "(off)" when disabled."""
    offered: list[str] = []

    def pick() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu), "no menu opened"
        for action in menu.actions():
            if action.text():
                offered.append(action.text() + ("" if action.isEnabled() else " (off)"))
        wanted = [a for a in menu.actions() if a.text().replace("&", "") == choose]
        if wanted:
            menu.setActiveAction(wanted[0])
            qtbot.keyClick(menu, Qt.Key.Key_Return)
        else:
            qtbot.keyClick(menu, Qt.Key.Key_Escape)

    QTimer.singleShot(50, pick)
    center = table.visualRect(table.records.index(row, 0)).center()
    # What the platform sends for a right click (offscreen Qt makes none from a mouse press).
    click = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, center, table.viewport().mapToGlobal(center)
    )
    QApplication.sendEvent(table.viewport(), click)
    qtbot.waitUntil(lambda: bool(offered))
    return offered


def test_right_click_a_partner_selects_it_and_opens_it(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    add_sample_records(sqlite_db)
    window = open_window(sqlite_db)
    page = window.page("partners")
    page.table.selectRow(0)
    offered = right_click_row(qtbot, page.table, 2, "Open")
    assert offered[0] == "&Open"
    assert page.selected() is not None and page.selected().name == "Northwind Traders"
    qtbot.waitUntil(lambda: len(page.dialogs) == 1)
    assert "Northwind Traders" in page.dialogs[0].windowTitle()
    page.dialogs[0].close()


def test_copy_puts_the_selected_rows_on_the_clipboard_as_cells(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    add_sample_records(sqlite_db)
    window = open_window(sqlite_db)
    table = window.page("partners").table
    table.selectRow(0)
    right_click_row(qtbot, table, 0, "Copy")
    lines = QApplication.clipboard().text().splitlines()
    assert lines[0].split("\t")[:2] == [
        table.records.headerData(0, Qt.Orientation.Horizontal),
        table.records.headerData(1, Qt.Orientation.Horizontal),
    ]
    assert len(lines) == 2 and "Adatum Systems" in lines[1].split("\t")
    QApplication.clipboard().clear()
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert "Adatum Systems" in QApplication.clipboard().text()


def test_export_selection_writes_only_the_selected_rows(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database, tmp_path: Path
) -> None:
    add_sample_records(sqlite_db)
    window = open_window(sqlite_db)
    table = window.page("partners").table
    target = tmp_path / "chosen.csv"
    window.commands.choose_save_path = lambda *_: target  # type: ignore[method-assign]
    table.selectRow(1)
    right_click_row(qtbot, table, 1, "Export selection…")
    operation = window.commands.last_operation
    assert operation is not None
    with qtbot.waitSignal(operation.finished, timeout=5000):
        pass
    text = target.read_text(encoding="utf-8-sig")
    assert "Contoso Partners" in text and "Adatum" not in text and "Northwind" not in text


def test_commands_that_need_a_row_are_off_without_one(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    window = open_window(sqlite_db)  # no partners
    table = window.page("partners").table
    menu = table.menu.build()
    states = {a.text(): a.isEnabled() for a in menu.actions() if a.text()}
    assert states["&Open"] is False and states["&Copy"] is False
