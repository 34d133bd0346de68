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
from tests.support.pages import settled
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


def right_click_table(qtbot: QtBot, table: RecordTable) -> list[str]:
    """Right-click the table's first row (its empty middle when it has none) and close the
    menu with Escape; returns what the menu offered."""
    if table.records.rowCount():
        return right_click_row(qtbot, table, 0, None)
    offered: list[str] = []

    def look() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu), "no menu opened"
        offered.extend(a.text() for a in menu.actions() if a.text())
        qtbot.keyClick(menu, Qt.Key.Key_Escape)

    QTimer.singleShot(50, look)
    center = table.viewport().rect().center()
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


#: (page, its table, the commands its menu starts with, in order)
ROW_COMMANDS = (
    ("partners", "table", ["&Open", "C&hange status", "&Quarterly review…", "&Delete…"]),
    ("training", "table", ["&Delete…"]),
    ("deals", "table", ["&Open", "&Move to"]),
    ("claims", "claims", ["&Approve…", "&Reject…", "&Deal from claim…"]),
    ("claims", "accounts", ["&Open account…", "&Merge…"]),
    ("pricebook", "products", ["&Edit SKU…", "Add &price…", "Volume &breaks…"]),
    ("pricebook", "prices", ["&Correct…"]),
    ("pricebook", "tiers", ["Edit &discount…"]),
    ("overlaps", "group_table", ["&Resolve…"]),
    ("overlaps", "match_table", ["&Not the same company"]),
    (
        "quotes",
        "table",
        [
            "&Open",
            "Preview",
            "Save PDF…",
            "Approve",
            "Issue…",
            "Revise",
            "Partner accepted…",
            "E-mail…",
        ],
    ),
)
SHARED = ["&Copy", "E&xport selection…", "&Sort by this column"]


def test_every_page_table_offers_its_row_commands_then_copy_and_export(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    window = open_window(sqlite_db)
    for key, name, commands in ROW_COMMANDS:
        table = getattr(window.page(key), name)
        texts = [a.text() for a in table.menu.build().actions() if a.text()]
        assert texts == [*commands, *SHARED], (key, name)
    for page in window.pages:  # the rest: Copy and Export at least
        for table in page.tables():
            texts = [a.text() for a in table.menu.build().actions() if a.text()]
            assert texts[-3:] == SHARED, table.objectName()


def test_right_click_on_every_page_table_offers_copy_export_and_sort(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    """Every table of every page in the window's page list, right-clicked as a person does."""
    add_sample_records(sqlite_db)
    window = open_window(sqlite_db)
    checked = 0
    for page in window.pages:
        window.show_page(page.key)
        settled(page)
        for table in page.tables():
            if not table.isVisibleTo(window):
                continue  # a table on a tab not shown: its own page shows it
            offered = [t.removesuffix(" (off)") for t in right_click_table(qtbot, table)]
            for command in ("&Copy", "E&xport selection…", "&Sort by this column"):
                assert command in offered, (page.key, table.objectName(), offered)
            checked += 1
    assert checked >= len(window.pages)


def test_right_click_a_quote_offers_its_steps_and_opens_it(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    add_sample_records(sqlite_db)
    window = open_window(sqlite_db)
    window.show_page("quotes")
    page = settled(window.page("quotes"))
    assert page.table.records.rowCount() > 0
    offered = right_click_row(qtbot, page.table, 0, "Open")
    assert offered[:3] == ["&Open", "Preview", "Save PDF…"]
    assert "Issue…" in offered or "Issue… (off)" in offered
    qtbot.waitUntil(lambda: len(page.editors) == 1)
    page.editors[0].close()


def test_right_click_a_deal_and_move_it_then_open_it(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    add_sample_records(sqlite_db)
    window = open_window(sqlite_db)
    window.show_page("deals")
    page = settled(window.page("deals"))
    names = [page.table.records.row_at(r).name for r in range(page.table.records.rowCount())]
    row = names.index("Fabrikam roll-out")
    offered = right_click_row(qtbot, page.table, row, "Open")
    assert offered[:2] == ["&Open", "&Move to"]
    qtbot.waitUntil(lambda: len(page.dialogs) == 1)
    assert "Fabrikam roll-out" in page.dialogs[0].heading.text()
    page.dialogs[0].reject()


def test_sort_by_this_column_sorts_by_the_column_right_clicked(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    add_sample_records(sqlite_db)
    window = open_window(sqlite_db)
    table = window.page("partners").table
    table.selectRow(0)
    header = table.horizontalHeader()
    column = next(c for c in range(1, header.count()) if not header.isSectionHidden(c))
    offered: list[str] = []

    def pick() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu), "no menu opened"
        offered.extend(a.text() for a in menu.actions() if a.text())
        menu.setActiveAction(next(a for a in menu.actions() if a is table.sort_action))
        qtbot.keyClick(menu, Qt.Key.Key_Return)

    QTimer.singleShot(50, pick)
    center = table.visualRect(table.records.index(0, column)).center()
    click = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, center, table.viewport().mapToGlobal(center)
    )
    QApplication.sendEvent(table.viewport(), click)
    qtbot.waitUntil(lambda: header.sortIndicatorSection() == column)
    assert offered[-1] == "&Sort by this column"
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    assert len(table.selectionModel().selectedRows()) == 1  # the selection kept
