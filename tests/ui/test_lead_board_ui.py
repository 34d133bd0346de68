"""The lead board as a person reads it: per recipient what it received grade by grade and what
became of it, as of a day and from a day, sortable and exportable, with the quiet leads behind a
figure one key away."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from PySide6.QtCore import QDate, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.db.engine import Database
from app.services.leads.board import lead_board
from app.ui.leads.page import BOARD, LEADS, LeadsPage
from app.ui.main_window import MainWindow
from tests.support.lead_world import add_lead_world
from tests.support.pages import settled, shown_page
from tests.support.sample_records import TODAY
from tests.support.table_cells import cells

Opener = Callable[[Database], MainWindow]


def board_page(qtbot: QtBot, window: MainWindow) -> LeadsPage:
    page = shown_page(window, "leads", LeadsPage)
    qtbot.keyClick(page.tabs, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert page.tabs.currentIndex() == BOARD
    settled(page)
    return page


def test_the_board_shows_the_services_figures_per_recipient(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database, qtmodeltester: ModelTester
) -> None:
    add_lead_world(sqlite_db, TODAY)
    with sqlite_db.reading() as session:
        board = lead_board(session, TODAY)
    window = open_window(sqlite_db)
    page = board_page(qtbot, window)
    table = page.board.table
    qtmodeltester.check(table.records)
    assert window.count_label.text() == "3 recipients"
    assert cells(table, "recipient") == ["Direct", "P-001", "P-002"]
    assert cells(table, "name") == ["Direct team", "Northwind Traders", "Contoso Partners"]
    assert cells(table, "received") == [str(r.received["all"]) for r in board.rows]
    assert cells(table, "converted") == ["0", "1", "0"]
    assert cells(table, "quiet") == ["1", "0", "1"]  # L-001 with Direct, L-007 with P-002
    # P-001: L-004 converted of three received (one A, one B, one C).
    assert cells(table, "conversion_rate")[1] == "33.33%"
    assert cells(table, "index")[1] == str(board.rows[1].grade_adjusted_index)
    assert cells(table, "acceptance_rate")[2] == "50%"  # P-002: accepted L-007, declined L-003
    totals = page.board.totals.text()
    assert f"grade skew {board.grade_skew}" in totals
    assert "1 in nurture" in totals and "1 unroutable" in totals

    # Sorted by the index, largest first, with the keyboard.
    table.setFocus()
    index_column = [c.key for c in table.records.columns].index("index")
    table.setCurrentIndex(table.records.index(0, index_column))
    qtbot.keyClick(
        table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.keyClick(
        table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert cells(table, "recipient")[0] == "P-001"

    source = page.export_source()
    assert source is not None and source[0] == "Lead board" and len(source[1]) == 3


def test_as_of_and_from_change_what_the_board_counts(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    add_lead_world(sqlite_db, TODAY)
    page = board_page(qtbot, open_window(sqlite_db))
    earlier = TODAY - timedelta(days=12)  # before L-004 was converted, before L-002 was sent
    page.board.as_of.setFocus()
    page.board.as_of.setDate(QDate(earlier.year, earlier.month, earlier.day))
    settled(page)
    with page._db.reading() as session:  # type: ignore[union-attr]
        board = lead_board(session, earlier)
    assert cells(page.board.table, "converted") == ["0", "0", "0"]
    assert cells(page.board.table, "received") == [str(r.received["all"]) for r in board.rows]
    assert f"As of {earlier.isoformat()}" in page.board.totals.text()

    since = TODAY - timedelta(days=23)  # leaves out the assignments of 30 and 24 days ago
    page.board.as_of.setDate(QDate(TODAY.year, TODAY.month, TODAY.day))
    page.board.since.setFocus()
    page.board.since.setDate(QDate(since.year, since.month, since.day))
    assert page.board.from_on.isChecked()  # picking a "from" day ticks From
    settled(page)
    with page._db.reading() as session:  # type: ignore[union-attr]
        board = lead_board(session, TODAY, since)
    assert cells(page.board.table, "received") == [str(r.received["all"]) for r in board.rows]
    assert f"from {since.isoformat()}" in page.board.totals.text()


def test_the_quiet_leads_are_one_key_away(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    add_lead_world(sqlite_db, TODAY)
    window = open_window(sqlite_db)
    page = board_page(qtbot, window)
    table = page.board.table
    assert not page.board.quiet_button.isEnabled()  # nothing chosen yet
    table.setFocus()
    table.selectRow(cells(table, "recipient").index("P-002"))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    settled(page)
    assert page.tabs.currentIndex() == LEADS
    assert cells(page.leads.table, "lead_code") == ["L-007"]
    note = page.leads.filters.codes_note
    assert note.isVisible() and "Quiet leads of P-002" in note.text()
    assert window.count_label.text() == "1 of 7 leads"

    qtbot.mouseClick(page.leads.filters.show_all, Qt.MouseButton.LeftButton)
    settled(page)
    assert len(cells(page.leads.table, "lead_code")) == 7
    assert not note.isVisible()

    page.tabs.setCurrentIndex(BOARD)
    settled(page)
    row = cells(table, "recipient").index("Direct")
    rect = table.visualRect(table.records.index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    settled(page)
    assert cells(page.leads.table, "lead_code") == ["L-001"]


def test_on_the_demo_data_the_board_tells_its_story(
    qtbot: QtBot, open_window: Opener, demo_db: Database
) -> None:
    """The demo's routing history sent the A and B leads to the direct team: the skew says so,
    and the partner with the most quiet leads is one key from them."""
    with demo_db.reading() as session:
        board = lead_board(session, TODAY)
    assert board.grade_skew is not None and board.grade_skew < 1
    window = open_window(demo_db)
    page = board_page(qtbot, window)
    table = page.board.table
    assert cells(table, "recipient")[0] == "Direct"
    assert f"grade skew {board.grade_skew}" in page.board.totals.text()
    quiet = [int(n) for n in cells(table, "quiet")]
    none = quiet.index(0)
    table.setFocus()
    table.selectRow(none)
    assert not page.board.quiet_button.isEnabled()  # nothing quiet to show there
    most = quiet.index(max(quiet))
    table.selectRow(most)
    assert page.board.quiet_button.isEnabled()
    qtbot.mouseClick(page.board.quiet_button, Qt.MouseButton.LeftButton)
    settled(page)
    assert len(cells(page.leads.table, "lead_code")) == max(quiet)
    assert set(cells(page.leads.table, "quiet")) == {"quiet"}
