"""The dashboard read in a big and in a small window: every figure in sight, nothing behind a
sideways scroll bar, and a short window scrolls the page instead of growing."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.db.engine import Database
from app.ui.dashboard.page import DashboardPage
from app.ui.main_window import MainWindow
from app.ui.record_table import RecordTable

Opener = Callable[[Database], MainWindow]


def whole(table: RecordTable) -> bool:
    """Every column and every row in sight, without scrolling the table."""
    rows = table.records.rowCount() * table.verticalHeader().defaultSectionSize()
    return (
        table.horizontalHeader().length() <= table.viewport().width()
        and rows <= table.viewport().height()
    )


def test_both_tables_show_every_figure_side_by_side_or_one_above_the_other(
    qtbot: QtBot, open_window: Opener, demo_db: Database
) -> None:
    window = open_window(demo_db)
    smallest = window.minimumSizeHint()
    window.show_page("dashboard")
    page = window.page("dashboard")
    assert isinstance(page, DashboardPage)
    qtbot.waitUntil(lambda: page.pipeline.records.rowCount() > 4)

    window.resize(1280, 800)
    QApplication.processEvents()
    assert page.tiers.y() == page.pipeline.y()  # side by side
    assert whole(page.tiers) and whole(page.pipeline)

    # The eight currencies do not make the window taller than the other pages need.
    assert window.minimumSizeHint().height() <= smallest.height()
    window.resize(window.minimumSizeHint())
    QApplication.processEvents()
    assert page.pipeline.y() > page.tiers.y()  # one above the other
    assert whole(page.tiers) and whole(page.pipeline)
    scroll = page.scroll_area.verticalScrollBar()
    assert scroll.maximum() > 0  # the page scrolls to the lower table
    page.scroll_area.ensureWidgetVisible(page.pipeline)
    assert scroll.value() > 0
