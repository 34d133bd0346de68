"""Tables at 800, 1024 and 1366 pixels wide: every column fits, or the table scrolls sideways
to it with its header whole; a figure's drill-down keeps its amounts in sight."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from pytestqt.qtbot import QtBot

from app.db.engine import Database
from app.ui.main_window import MainWindow
from app.ui.program.page import ProgramPage
from app.ui.record_table import RecordTable
from tests.support.lead_world import add_lead_world
from tests.support.program_world import add_program_world, program_on_world
from tests.support.sample_records import TODAY
from tests.ui.test_lead_board_ui import board_page
from tests.ui.test_program_page import column

Opener = Callable[[Database], MainWindow]
WIDTHS = (800, 1024, 1366)


def headers_whole_and_reachable(table: RecordTable) -> None:
    """Each header fits its column, and the sideways scroll reaches the last column's edge."""
    header = table.horizontalHeader()
    bold = QFont(table.font())
    bold.setBold(True)
    for n in range(header.count()):
        text = str(table.model().headerData(n, Qt.Orientation.Horizontal))
        assert header.sectionSize(n) >= QFontMetrics(bold).horizontalAdvance(text), text
    total = sum(header.sectionSize(n) for n in range(header.count()))
    reach = table.viewport().width() + table.horizontalScrollBar().maximum()
    assert reach >= total, (table.objectName(), reach, total)


def fits(table: RecordTable) -> bool:
    header = table.horizontalHeader()
    last = header.sectionViewportPosition(header.count() - 1) + header.sectionSize(
        header.count() - 1
    )
    return table.horizontalScrollBar().maximum() == 0 and last <= table.viewport().width()


@pytest.fixture
def program(qtbot: QtBot, open_window: Opener, sqlite_db: Database) -> ProgramPage:
    add_program_world(sqlite_db)
    return program_on_world(open_window(sqlite_db))


def test_the_program_pages_tables_and_its_drill_down(qtbot: QtBot, program: ProgramPage) -> None:
    window = program.window()
    table = program.program_table
    for width in WIDTHS:
        window.resize(width, 600 if width < 1366 else 768)
        qtbot.wait(20)
        for shown in (program.table, program.program_table):
            headers_whole_and_reachable(shown)
        table.setFocus()
        table.setCurrentIndex(table.records.index(0, column("sourced")))
        program.drilled = None
        qtbot.keyClick(table, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: program.drilled is not None)
        dialog = program.drilled
        assert dialog is not None
        dialog.resize(min(dialog.width(), width - 16), dialog.height())  # a screen that wide
        qtbot.wait(20)
        headers_whole_and_reachable(dialog.table)
        assert fits(dialog.table), (width, dialog.width())  # Converted in sight, whole
        dialog.close()


def test_the_lead_board(qtbot: QtBot, open_window: Opener, sqlite_db: Database) -> None:
    add_lead_world(sqlite_db, TODAY)
    window = open_window(sqlite_db)
    page = board_page(qtbot, window)
    for width in WIDTHS:
        window.resize(width, 600 if width < 1366 else 768)
        qtbot.wait(20)
        headers_whole_and_reachable(page.board.table)
