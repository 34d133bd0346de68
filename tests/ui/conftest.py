"""UI fixtures: a context with private settings, a recorded error hook, and a window on a database.

Dialogs never block a test: the error hook records what it would show. After every test no
background work may be left running in the global thread pool (napari's ``conftest.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.db.engine import Database
from app.ui.changes import Changes
from app.ui.context import UiContext
from app.ui.errors import ErrorHook, ErrorReport
from app.ui.launch import application
from app.ui.main_window import MainWindow
from app.ui.settings import Settings
from app.ui.unsaved import AsksBeforeDiscarding
from tests.support.sample_records import TODAY

#: The offscreen platform cannot pass a window's minimum size on, and says so each time a
#: top-level layout sets one; nor can it raise or grab the keyboard for a completion popup:
#: limits of the test platform, not defects of ours.
OFFSCREEN_NOISE = (
    r"This plugin does not support (propagateSizeHints\(\)|raise\(\)|grabbing the keyboard)"
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/ui/" in item.nodeid.replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture(autouse=True)
def no_background_work_left() -> Iterator[None]:
    yield
    pool = QThreadPool.globalInstance()
    finished = pool.waitForDone(5000)
    assert finished and pool.activeThreadCount() == 0, "background work was left running"


@pytest.fixture(autouse=True)
def no_unexpected_discard_question(monkeypatch: pytest.MonkeyPatch) -> None:
    """A "Discard changes?" question a test did not expect fails it at once instead of waiting
    for an answer nobody gives; a test that expects one answers on the dialog
    (``dialog.ask_to_discard = ...``, or ``ask_discard`` itself to click the real question)."""

    def unexpected(parent: QWidget, noun: str) -> bool:
        raise AssertionError(f"{parent.objectName()} asked whether to discard the {noun}")

    monkeypatch.setattr(AsksBeforeDiscarding, "ask_to_discard", staticmethod(unexpected))


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "settings" / "channel-desk.ini"


@pytest.fixture
def shown_errors() -> list[ErrorReport]:
    return []


@pytest.fixture
def context(qapp: object, settings_path: Path, shown_errors: list[ErrorReport]) -> UiContext:
    application()  # names, icon and stylesheet, as in the real start
    return UiContext(
        settings=Settings.at(settings_path),
        changes=Changes(),
        errors=ErrorHook(shown_errors.append),
        today=lambda: TODAY,
    )


@pytest.fixture
def open_window(qtbot: QtBot, context: UiContext) -> Callable[[Database], MainWindow]:
    """Open (and show) a main window on ``db``, closed at the end of the test."""

    def make(db: Database) -> MainWindow:
        window = MainWindow(context, db)
        qtbot.addWidget(window)
        with qtbot.waitActive(window):
            window.show()
            window.activateWindow()
        return window

    return make
