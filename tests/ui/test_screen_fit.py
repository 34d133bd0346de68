"""The window and every dialog open within the screen, the window remembers its place per
screen, and in a narrow window the navigation shows icons only."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from app.db.engine import Database
from app.ui.main_window import MainWindow
from app.ui.screen_fit import fitted_size, inside
from tests.conftest import REPO
from tests.support.sample_records import add_sample_records

Opener = Callable[[Database], MainWindow]


def available() -> QRect:
    return QGuiApplication.primaryScreen().availableGeometry()


def test_the_window_opens_within_the_screen(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    window = open_window(sqlite_db)  # the test screen (800×800) is smaller than 1280×800
    assert available().contains(window.frameGeometry())
    assert window.statusBar().isVisible()
    status = window.statusBar().mapTo(window, window.statusBar().rect().bottomLeft())
    assert status.y() < window.height()


def test_dialogs_and_the_quote_preview_open_within_the_screen(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    add_sample_records(sqlite_db)
    window = open_window(sqlite_db)
    partners = window.page("partners")
    partners.table.selectRow(0)
    dialog = partners.open_selected()  # asks for 900×640
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert available().contains(dialog.frameGeometry()), dialog.frameGeometry()
    dialog.close()
    window.show_page("quotes")
    quotes = window.page("quotes")
    qtbot.waitUntil(lambda: quotes.table.records.rowCount() > 0)
    quotes.table.selectRow(0)
    preview = quotes.preview_selected()  # asks for an A4 page, 820×980
    assert preview is not None
    qtbot.waitExposed(preview)
    assert available().contains(preview.frameGeometry()), preview.frameGeometry()
    buttons = preview.print_button.mapTo(preview, preview.print_button.rect().bottomRight())
    assert buttons.y() < preview.height()  # the buttons are on screen
    preview.reject()


def test_a_narrow_window_shows_the_areas_as_icons(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    window = open_window(sqlite_db)
    window.resize(1000, 560)
    qtbot.waitUntil(lambda: window.compact)
    nav = window.navigation
    assert nav.width() < 80
    assert nav.item(0).toolTip() == "Partners (Ctrl+1)"
    assert nav.item(0).text() == "Partners"  # still its name for a screen reader
    window.resize(1250, 560)
    qtbot.waitUntil(lambda: not window.compact)
    assert nav.width() == 210 and nav.item(0).toolTip() == ""


def test_fitting_rules() -> None:
    laptop = QRect(0, 0, 1024, 600)
    assert fitted_size(QSize(820, 980), laptop) == QSize(820, 560)
    assert fitted_size(QSize(1280, 800), laptop, frame=QSize(0, 0)) == QSize(1024, 600)
    assert fitted_size(QSize(300, 900), laptop, minimum=QSize(300, 640)).height() == 640
    assert inside(QRect(-50, 500, 400, 300), laptop).toTuple() == (0, 300)
    assert inside(QRect(1200, 10, 400, 300), QRect(1024, 0, 1920, 1080)).toTuple() == (1200, 10)


def probe(settings: Path, config: Path, step: str) -> dict[str, object]:
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    done = subprocess.run(
        [sys.executable, "-m", "tests.support.screen_probe", str(settings), step],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    said: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return said


def test_a_laptop_beside_a_monitor_each_screen_keeps_its_own_place(tmp_path: Path) -> None:
    config = tmp_path / "screens.json"
    config.write_text(
        json.dumps(
            {
                "screens": [
                    {"name": "Laptop", "x": 0, "y": 0, "width": 1024, "height": 600},
                    {"name": "Monitor", "x": 1024, "y": 0, "width": 1920, "height": 1080},
                ]
            }
        )
    )
    settings = tmp_path / "settings.ini"
    first = probe(settings, config, "first start on the laptop")
    assert first["screen"] == "Laptop" and first["compact"] is True
    x, y, w, h = first["frame"]  # type: ignore[misc]
    assert x >= 0 and y >= 0 and x + w <= 1024 and y + h <= 600
    moved = probe(settings, config, "move to the monitor")
    assert moved["screen"] == "Monitor" and moved["compact"] is False
    shrunk = probe(settings, config, "shrink on the laptop")
    laptop = probe(settings, config, "again on the laptop")
    assert laptop["screen"] == "Laptop" and laptop["frame"] == shrunk["moved"]
    monitor = probe(settings, config, "again on the monitor")
    assert monitor["screen"] == "Monitor"
    assert monitor["frame"] == moved["moved"]
