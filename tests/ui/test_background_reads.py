"""Pages read whole tables in the background, as a person sees it: the rows read before stay
until the new ones come, the header says what is being read with a Cancel that works, decisions
wait for the new rows, the newest read wins, and closing the window mid-read is harmless. And
the window paints before the storage code is loaded, building only the page in view."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

import app.ui.claims.overlaps_page as overlaps_module
from app.db.engine import Database
from app.domain.progress import CancelledByUser
from app.ui.claims.overlaps_page import OverlapsPage
from app.ui.context import UiContext
from app.ui.errors import ErrorReport
from app.ui.main_window import MainWindow
from app.ui.page_list import PAGES
from tests.bench.timing import REPO
from tests.support.overlap_world import add_overlap_world
from tests.support.pages import shown_page
from tests.support.sample_records import TODAY

Opener = Callable[[Database], MainWindow]
Scan = Callable[..., Any]


def overlaps(qtbot: QtBot, open_window: Opener, db: Database) -> tuple[MainWindow, OverlapsPage]:
    add_overlap_world(db, TODAY)
    window = open_window(db)
    page = shown_page(window, "overlaps", OverlapsPage)
    assert page.group_table.records.rowCount() == 2
    page.group_table.selectRow(0)
    assert page.resolve_button.isEnabled()
    return window, page


def test_cancel_stops_the_scan_and_keeps_the_groups_read_before(
    qtbot: QtBot,
    open_window: Opener,
    sqlite_db: Database,
    monkeypatch: pytest.MonkeyPatch,
    shown_errors: list[ErrorReport],
) -> None:
    _window, page = overlaps(qtbot, open_window, sqlite_db)
    started = threading.Event()

    def endless(_session: object, _today: object, **kw: Any) -> list[object]:
        started.set()
        kw["progress"](1, 3)
        while not kw["cancelled"]():
            time.sleep(0.005)
        raise CancelledByUser

    monkeypatch.setattr(overlaps_module, "overlap_groups", endless)
    page.refresh()
    qtbot.waitUntil(started.is_set)
    qtbot.waitUntil(page.loading_line.isVisible)  # once the reading has taken a moment
    assert page.loading_line.label.text() == "Finding overlaps…"
    assert page.group_table.records.rowCount() == 2  # the groups read before stay in view
    assert not page.resolve_button.isEnabled()  # no decision on a group being scanned again
    page.resolve_selected()  # nor by its shortcut
    assert not shown_errors and page.last_message == ""
    qtbot.mouseClick(page.loading_line.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.loading)
    assert not page.loading_line.isVisible()
    assert page.group_table.records.rowCount() == 2 and page.resolve_button.isEnabled()
    assert page.stale and not shown_errors  # read again when next shown; nothing to report


def test_the_newest_read_wins(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    _window, page = overlaps(qtbot, open_window, sqlite_db)
    real: Scan = overlaps_module.overlap_groups
    gate, reads = threading.Event(), []

    def first_slow_and_empty(session: object, today: object, **kw: Any) -> list[object]:
        reads.append(1)
        if len(reads) == 1:
            gate.wait(5)  # an old read, overtaken by a newer one; its rows must not count
            return []
        result: list[object] = real(session, today, **kw)
        return result

    monkeypatch.setattr(overlaps_module, "overlap_groups", first_slow_and_empty)
    loads = page.loads
    page.refresh()
    qtbot.waitUntil(lambda: len(reads) == 1)
    page.refresh()
    qtbot.waitUntil(lambda: page.loads == loads + 1)
    gate.set()
    assert QThreadPool.globalInstance().waitForDone(5000)
    QApplication.processEvents()
    assert page.loads == loads + 1 and page.group_table.records.rowCount() == 2


def test_closing_the_window_while_a_page_reads_is_harmless(
    qtbot: QtBot,
    context: UiContext,
    sqlite_db: Database,
    monkeypatch: pytest.MonkeyPatch,
    shown_errors: list[ErrorReport],
) -> None:
    add_overlap_world(sqlite_db, TODAY)
    window = MainWindow(context, sqlite_db)  # not the fixture's: this one is deleted here
    window.show()
    page = shown_page(window, "overlaps", OverlapsPage)
    gate = threading.Event()

    def waits(_session: object, _today: object, **_kw: Any) -> list[object]:
        gate.wait(5)
        return []

    monkeypatch.setattr(overlaps_module, "overlap_groups", waits)
    page.refresh()
    window.close()
    window.deleteLater()
    gone = threading.Event()
    window.destroyed.connect(gone.set)
    qtbot.waitUntil(gone.is_set)
    gate.set()  # the read ends after its page is gone
    assert QThreadPool.globalInstance().waitForDone(5000)
    QApplication.processEvents()
    assert not shown_errors


def test_the_navigation_names_each_page_as_its_class_does() -> None:
    for entry in PAGES:
        page = entry.page_type()
        assert (page.key, page.title, page.icon_name) == (entry.key, entry.title, entry.icon_name)


PAINT_FIRST = """
import sys
from pathlib import Path
from app.ui.launch import application
from app.ui.changes import Changes
from app.ui.context import UiContext
from app.ui.errors import ErrorHook
from app.ui.settings import Settings
from app.ui.main_window import MainWindow
app = application()
context = UiContext(settings=Settings.at(Path(sys.argv[1])), changes=Changes(),
                    errors=ErrorHook(print))
window = MainWindow(context)
window.show()
app.processEvents()
window.grab()
loaded = sorted(m for m in sys.modules if m.split(".")[0] == "sqlalchemy" or m.startswith("app.db"))
print(loaded[:3], len([m for m in sys.modules if m.endswith(".page")]))
"""


def test_the_window_paints_before_storage_or_any_page_is_loaded(tmp_path: Any) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CHANNEL_DESK_DATA_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", PAINT_FIRST, str(tmp_path / "ui.ini")],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split("\n")[0] == "[] 0"


def test_only_the_page_in_view_is_built(open_window: Opener, sqlite_db: Database) -> None:
    window = open_window(sqlite_db)
    assert [p.key for p in window._built.values()] == ["partners"]
    window.show_page("deals")
    assert sorted(p.key for p in window._built.values()) == ["deals", "partners"]
