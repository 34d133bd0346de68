"""Starting the application: a database that cannot be opened is explained, never a traceback."""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from app.db.backup import automatic_backup
from app.db.engine import open_database
from app.domain.errors import AppError
from app.services.gc_pause import start_up_frozen, thaw_start_up
from app.ui import launch as launch_module
from app.ui.context import UiContext
from app.ui.launch import build_window, launch
from app.ui.main_window import MainWindow
from app.ui.settings import Settings
from tests.support.damage import header_only


def test_a_file_that_is_not_a_database_is_explained_and_no_window_opens(
    context: UiContext, tmp_path: Path
) -> None:
    bad = tmp_path / "partners.xlsx"
    bad.write_bytes(b"PK\x03\x04 a workbook, not a database")
    shown: list[AppError] = []
    window = build_window(argparse.Namespace(db=str(bad), demo=False), context, shown.append)
    assert window is None
    assert len(shown) == 1 and "not a Channel Desk database" in shown[0].message
    assert shown[0].title == "Cannot open the database"


def test_the_window_opens_on_the_database_given(
    qtbot: QtBot, context: UiContext, tmp_path: Path
) -> None:
    path = tmp_path / "mine.sqlite"
    window = build_window(argparse.Namespace(db=str(path), demo=False), context, lambda e: None)
    assert window is not None
    qtbot.addWidget(window)
    assert window.database.path == path.resolve()
    assert path.exists()


def test_demo_opens_a_fresh_database_and_fills_it_in_the_background(
    qtbot: QtBot, context: UiContext
) -> None:
    window = build_window(argparse.Namespace(demo=True), context, lambda e: None)
    assert window is not None
    qtbot.addWidget(window)
    assert window.database.path is not None and "channel-desk-demo-" in str(window.database.path)
    partners = window.page("partners")
    with qtbot.waitSignal(context.changes.changed, timeout=20000):
        window.show()
    assert partners.table.records.total_count > 0
    assert partners.count_label.text().endswith("partners")
    assert window.statusBar().currentMessage().startswith("Demo data ready: ")


def test_a_demo_is_left_out_of_open_recent_and_its_folder_removed_when_closed(
    qtbot: QtBot, context: UiContext, tmp_path: Path
) -> None:
    mine = tmp_path / "mine.sqlite"
    context.settings.preferences.remember_database(str(mine))
    window = build_window(argparse.Namespace(demo=True), context, lambda e: None)
    assert window is not None
    qtbot.addWidget(window)
    folder = window.demo_folder
    assert folder is not None and folder.is_dir()
    assert context.settings.preferences.recent_databases == [str(mine)]
    with qtbot.waitSignal(context.changes.changed, timeout=20000):
        window.show()  # the demo is filled in the background
    # Opening another database closes the demo, and its folder goes with it.
    assert window.commands.open_location(str(mine))
    assert not folder.exists()
    assert window.demo_folder is None

    second = build_window(argparse.Namespace(demo=True), context, lambda e: None)
    assert second is not None
    qtbot.addWidget(second)
    with qtbot.waitSignal(context.changes.changed, timeout=20000):
        second.show()
    other = second.demo_folder
    assert other is not None and other != folder
    second.close_database()  # as the application ends
    assert not other.exists()
    assert all("channel-desk-demo-" not in r for r in context.settings.preferences.recent_databases)


def _damaged_with_backup(tmp_path: Path) -> tuple[Path, Path]:
    path = tmp_path / "shop.sqlite"
    open_database(path).dispose()
    backup = automatic_backup(path, "before-0006")
    header_only(path)
    return path, backup


def _answer_when_shown(qtbot: QtBot, button_text: str, seen: list[str]) -> None:
    """Like a person: read the message box that comes up, then click one of its buttons."""

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen.append(f"{box.text()}\n{box.informativeText()}")
        button = next(b for b in box.buttons() if b.text().replace("&", "") == button_text)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)


def test_a_damaged_database_offers_its_backup_and_opens_it_when_asked(
    qtbot: QtBot, context: UiContext, tmp_path: Path
) -> None:
    path, backup = _damaged_with_backup(tmp_path)
    seen: list[str] = []
    _answer_when_shown(qtbot, "Open the backup", seen)
    window = build_window(argparse.Namespace(db=str(path), demo=False), context)
    assert window is not None
    qtbot.addWidget(window)
    assert window.database.path == backup
    assert len(seen) == 1 and str(path) in seen[0] and str(backup) in seen[0]
    assert path.read_bytes()[:16] == b"SQLite format 3\x00" and path.stat().st_size == 100


def test_a_damaged_database_opens_nothing_when_the_person_quits(
    qtbot: QtBot, context: UiContext, tmp_path: Path
) -> None:
    path, _backup = _damaged_with_backup(tmp_path)
    seen: list[str] = []
    _answer_when_shown(qtbot, "Quit", seen)
    assert build_window(argparse.Namespace(db=str(path), demo=False), context) is None
    assert len(seen) == 1 and "damaged" in seen[0]


def test_the_start_keeps_what_it_loaded_out_of_the_collectors_passes(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Started as a person starts it, the application loads the chart code and then freezes
    what it has loaded (``app.services.gc_pause.freeze_start_up``): a later full collection
    of the cycle collector, which stops the window too, no longer walks the libraries."""
    monkeypatch.setattr(launch_module, "route_qt_messages", lambda: None)  # pytest-qt's own
    monkeypatch.setattr(
        launch_module.Settings, "for_user", staticmethod(lambda: Settings.at(tmp_path / "s.ini"))
    )
    seen: dict[str, object] = {}

    def event_loop(_app: QApplication) -> int:
        qtbot.waitUntil(start_up_frozen, timeout=20_000)
        seen["frozen"] = gc.get_freeze_count()
        seen["chart code"] = "matplotlib.backends.backend_agg" in sys.modules
        for window in QApplication.topLevelWidgets():
            if isinstance(window, MainWindow):
                seen["window"] = window
        return 0

    monkeypatch.setattr(QApplication, "exec", event_loop)
    try:
        assert launch(argparse.Namespace(db=str(tmp_path / "mine.sqlite"), demo=False)) == 0
    finally:
        thaw_start_up()  # nothing frozen outlives the test
    window = seen.pop("window")
    assert isinstance(window, MainWindow)
    window.close()
    assert seen == {"frozen": seen["frozen"], "chart code": True}
    assert isinstance(seen["frozen"], int) and seen["frozen"] > 50_000
