"""Starting the application: a database that cannot be opened is explained, never a traceback."""

from __future__ import annotations

import argparse
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.domain.errors import AppError
from app.ui.context import UiContext
from app.ui.launch import build_window


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
