"""A database damaged while the window is open (a failing disk overwrites pages): the next read
says what the start-up says, naming the file and its newest backup, with the same offer to open
the backup, which then opens in the same window."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from app.db.backup import automatic_backup
from app.db.engine import Database, open_database
from app.ui.changes import Changes, RecordKind
from app.ui.context import UiContext
from app.ui.errors import ErrorHook, default_parent, message_box_shower
from app.ui.main_window import MainWindow
from app.ui.partners.page import PartnersPage
from app.ui.settings import Settings
from tests.support.damage import checkpoint, overwrite_pages, root_page
from tests.support.pages import settled, shown_page
from tests.support.sample_records import TODAY, add_sample_records


def _answer_when_shown(qtbot: QtBot, button_text: str, seen: list[str]) -> None:
    """Like a person: read the message box that comes up, then click ``button_text`` (or,
    when the box has no such button, the one it has)."""

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        buttons = {b.text().replace("&", ""): b for b in box.buttons()}
        seen.append(f"{box.text()}\n{box.informativeText()}\n{' | '.join(buttons)}")
        button = buttons.get(button_text) or next(iter(buttons.values()))
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)


@pytest.fixture
def shop(tmp_path: Path) -> tuple[Path, Path]:
    """A database with partners, and its automatic backup."""
    path = tmp_path / "shop.sqlite"
    db = open_database(path)
    add_sample_records(db)
    db.dispose()
    checkpoint(path)
    return path, automatic_backup(path, "before-0006")


@pytest.fixture
def real_errors(qapp: object, settings_path: Path) -> Iterator[UiContext]:
    """The window's real error hook: message boxes, installed as the process's hook."""
    errors = ErrorHook(message_box_shower(default_parent))
    errors.install()
    yield UiContext(Settings.at(settings_path), Changes(), errors, today=lambda: TODAY)
    errors.uninstall()


@pytest.mark.qt_no_exception_capture
@pytest.mark.parametrize("answer", ["Open the backup", "Close"])
def test_damage_found_by_a_read_offers_the_backup(
    qtbot: QtBot, real_errors: UiContext, shop: tuple[Path, Path], answer: str
) -> None:
    path, backup = shop
    db: Database = open_database(path)
    window = MainWindow(real_errors, db)
    qtbot.addWidget(window)
    window.show()
    page = shown_page(window, "partners", PartnersPage)
    settled(page)
    db.engine.dispose()  # no connection keeps the healthy pages cached
    overwrite_pages(path, [root_page(path, "partner")])
    seen: list[str] = []
    _answer_when_shown(qtbot, answer, seen)
    real_errors.changes.announce({RecordKind.PARTNER})  # the page reads its partners again
    qtbot.waitUntil(lambda: bool(seen))
    shown = real_errors.errors.shown[-1]
    assert shown.title == "The database is damaged" and shown.backup == str(backup)
    assert str(path) in seen[0] and "is damaged" in seen[0]
    assert f"Open the backup {backup} instead?" in seen[0]
    if answer == "Close":
        assert window.database.path == path  # nothing opened behind the person's back
    else:
        qtbot.waitUntil(lambda: window.database.path == backup)
    window.close_database()
