"""Save in a partner dialog while another program holds the database's write lock: the window
keeps answering, a box says it is waiting, and the save goes through when the other program is
done, or is stopped by the person with nothing written and the dialog still open."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog
from pytestqt.qtbot import QtBot

from app.db.engine import Database
from app.services.partners.edit import get_partner
from app.ui.main_window import MainWindow
from app.ui.write_wait import WriteWait
from tests.support.sample_records import add_sample_records
from tests.ui.test_partners_page import names, partners_page, type_into

Opener = Callable[[Database], MainWindow]


@pytest.fixture
def other_program(sqlite_db: Database) -> Iterator[sqlite3.Connection]:
    """Another program's connection to the same file (``BEGIN IMMEDIATE``: its write lock)."""
    assert sqlite_db.path is not None
    connection = sqlite3.connect(Path(sqlite_db.path), isolation_level=None)
    yield connection
    if connection.in_transaction:
        connection.execute("ROLLBACK")
    connection.close()


def _open_northwind(qtbot: QtBot, open_window: Opener, db: Database):  # type: ignore[no-untyped-def]
    add_sample_records(db)
    window = open_window(db)
    page = partners_page(window)
    page.table.selectRow(names(page).index("Northwind Traders"))
    dialog = page.open_selected()
    assert dialog is not None and dialog.partner_id is not None
    qtbot.waitUntil(dialog.isActiveWindow)
    type_into(qtbot, dialog, "city", "Hamburg")
    return window, dialog


def _when_waiting(then: Callable[[QProgressDialog], None], seen: list[str]) -> None:
    """Once the waiting box shows (the window still answering timers), read it, then act."""

    def look() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QProgressDialog):
            QTimer.singleShot(20, look)
            return
        seen.append(box.labelText())
        then(box)

    QTimer.singleShot(0, look)


def test_the_save_waits_in_sight_and_goes_through_when_the_turn_comes(
    qtbot: QtBot,
    open_window: Opener,
    sqlite_db: Database,
    other_program: sqlite3.Connection,
) -> None:
    window, dialog = _open_northwind(qtbot, open_window, sqlite_db)
    other_program.execute("BEGIN IMMEDIATE")
    seen: list[str] = []
    # The other program finishes from a timer of the window's: it fires only if the window
    # goes on with its events while the save waits.
    _when_waiting(
        lambda _box: QTimer.singleShot(300, lambda: other_program.execute("COMMIT")), seen
    )
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert seen == ["Waiting for another program to finish writing to the database…"]
    wait = window.findChild(WriteWait)
    assert wait is not None and wait.waits == 1 and wait.box is None
    with sqlite_db.reading() as s:
        assert get_partner(s, dialog.partner_id).city == "Hamburg"


def test_stopping_the_wait_writes_nothing_and_keeps_the_dialog(
    qtbot: QtBot,
    open_window: Opener,
    sqlite_db: Database,
    other_program: sqlite3.Connection,
    shown_errors: list[object],
) -> None:
    _window, dialog = _open_northwind(qtbot, open_window, sqlite_db)
    other_program.execute("BEGIN IMMEDIATE")
    seen: list[str] = []
    _when_waiting(lambda box: box.cancel(), seen)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert len(seen) == 1
    other_program.execute("ROLLBACK")
    assert dialog.isVisible() and dialog.fields.shown("city") == "Hamburg"
    message = getattr(shown_errors[-1], "message", "")
    assert message.startswith("Nothing was saved: another program was still writing to")
    with sqlite_db.reading() as s:
        assert get_partner(s, dialog.partner_id).city != "Hamburg"
