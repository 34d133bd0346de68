"""Closing the import wizard asks "Discard changes?" once a file is chosen and not imported:
the file, its sheet and the columns the person matched are not dropped by one stray key."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWizard
from pytestqt.qtbot import QtBot

from app.db.engine import Database
from app.services.importing.file_mapping import IGNORE
from app.ui.importing.wizard import ImportWizard
from app.ui.importing.wizard_pages import MappingPage
from app.ui.importing.wizard_run import ResultPage
from app.ui.main_window import MainWindow

ROWS = [
    ["Partner ID", "Company", "Level", "Ctry", "Web"],
    ["P-900", "Alder Networks", "Gold", "Germany", "alder.example"],
]


def open_wizard(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], db: Database
) -> tuple[ImportWizard, list[str]]:
    """The wizard from File › Import, and the questions it asks (each answered Keep editing)."""
    window = open_window(db)
    window.menu_actions.import_records.trigger()
    wizard = window.commands.wizard
    assert isinstance(wizard, ImportWizard)
    qtbot.waitExposed(wizard)
    asked: list[str] = []
    wizard.ask_to_discard = lambda _parent, noun: asked.append(noun) and False
    return wizard, asked


def book(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in ROWS:
        sheet.append(row)
    workbook.save(path)
    return path


def escape(qtbot: QtBot, wizard: ImportWizard) -> None:
    qtbot.keyClick(wizard.focusWidget() or wizard, Qt.Key.Key_Escape)


def press(qtbot: QtBot, wizard: ImportWizard, which: QWizard.WizardButton) -> None:
    qtbot.mouseClick(wizard.button(which), Qt.MouseButton.LeftButton)


def test_nothing_chosen_closes_at_once(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], sqlite_db: Database
) -> None:
    wizard, asked = open_wizard(qtbot, open_window, sqlite_db)
    kind = wizard.source.kind
    kind.setFocus()
    qtbot.keyClick(kind, Qt.Key.Key_Down)  # another kind of records, but no file yet
    assert kind.currentIndex() == 1
    escape(qtbot, wizard)
    assert not wizard.isVisible() and asked == []


def test_a_chosen_file_and_mapping_are_kept_unless_discarded(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], sqlite_db: Database,
    tmp_path: Path,
) -> None:  # fmt: skip
    wizard, asked = open_wizard(qtbot, open_window, sqlite_db)
    path = str(book(tmp_path / "partners.xlsx"))
    qtbot.keyClicks(wizard.source.path, path)
    escape(qtbot, wizard)
    press(qtbot, wizard, QWizard.WizardButton.CancelButton)
    wizard.close()  # the window's close button
    assert wizard.isVisible() and asked == ["import"] * 3
    assert wizard.source.path.text() == path

    press(qtbot, wizard, QWizard.WizardButton.NextButton)  # the columns (one sheet: no sheet step)
    page = wizard.currentPage()
    assert isinstance(page, MappingPage)
    combo = page.combos["Web"]
    assert isinstance(combo, QComboBox) and page.mapping()["Web"] != IGNORE
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)  # "— not imported —"
    escape(qtbot, wizard)
    assert wizard.isVisible() and len(asked) == 4
    assert wizard.currentPage() is page and page.mapping()["Web"] == IGNORE

    wizard.ask_to_discard = lambda _parent, noun: asked.append(noun) or True  # Discard
    escape(qtbot, wizard)
    assert not wizard.isVisible() and len(asked) == 5


def test_after_the_import_the_wizard_closes_without_a_question(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], sqlite_db: Database,
    tmp_path: Path,
) -> None:  # fmt: skip
    wizard, asked = open_wizard(qtbot, open_window, sqlite_db)
    qtbot.keyClicks(wizard.source.path, str(book(tmp_path / "partners.xlsx")))
    for _step in range(3):  # columns, check, import (one sheet: no sheet step)
        operation = wizard.last_operation
        if operation is not None:
            qtbot.waitUntil(lambda op=operation: not op.running, timeout=10_000)
        press(qtbot, wizard, QWizard.WizardButton.NextButton)
    result = wizard.currentPage()
    assert isinstance(result, ResultPage)
    qtbot.waitUntil(lambda: result.done, timeout=10_000)
    assert "imported 1 new" in result.result.text()
    escape(qtbot, wizard)
    assert not wizard.isVisible() and asked == []
