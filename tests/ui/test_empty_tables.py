"""An empty table says why it is empty and what to do, instead of showing a blank grid."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from app.db.engine import Database
from app.services.demo.fill import generate_demo
from app.ui.main_window import MainWindow
from app.ui.partners.page import PartnersPage
from app.ui.quotes.page import QuotesPage
from app.ui.record_table import RecordTable
from tests.support.pages import shown_page
from tests.support.sample_records import TODAY, add_sample_records


def _has_text(table: RecordTable) -> bool:
    """Whether anything is painted in the top of the empty table's viewport (its message)."""
    image: QImage = table.viewport().grab().toImage()
    background = QColor(image.pixel(2, 2))
    return any(
        QColor(image.pixel(x, y)).lightness() < background.lightness() - 60
        for y in range(20, min(60, image.height()))
        for x in range(0, image.width(), 2)
    )


def test_an_empty_partner_list_says_how_to_add_partners_and_a_filter_says_it_hides_them(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], sqlite_db: Database
) -> None:
    page = shown_page(open_window(sqlite_db), "partners", PartnersPage)
    qtbot.waitUntil(lambda: page.count_label.text() == "0 partners")
    assert page.table.describe_empty().startswith("No partners yet. Add one with New partner")
    assert _has_text(page.table)

    add_sample_records(sqlite_db)
    page.invalidate()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    qtbot.keyClicks(page.filter_edit, "no such partner")
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    assert page.table.describe_empty() == "No partner matches the search and filters."
    assert _has_text(page.table)


def test_quotes_say_how_to_start_and_a_filter_that_hides_every_quote_says_so(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], sqlite_db: Database
) -> None:
    page = shown_page(open_window(sqlite_db), "quotes", QuotesPage)
    assert page.table.describe_empty() == "No quotes yet. Build one with New quote (Ctrl+N)."
    assert _has_text(page.table)

    with sqlite_db.transaction() as session:
        generate_demo(session, today=TODAY)
    page.invalidate()
    qtbot.waitUntil(lambda: page.table.records.rowCount() > 0)
    qtbot.keyClicks(page.filter_edit, "no such quote")
    qtbot.waitUntil(lambda: page.table.records.rowCount() == 0)
    assert page.table.describe_empty() == (
        "Nothing matches “no such quote”. Clear the filter to see all."
    )
    assert _has_text(page.table)
