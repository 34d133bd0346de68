"""File › Import › Courses: the wizard driven like a person, then the course list shows them."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import openpyxl
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Course
from app.ui.importing.wizard import ImportWizard
from app.ui.importing.wizard_run import CheckPage, ResultPage
from app.ui.main_window import MainWindow


def _book(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Courses"
    for row in (
        ["Course code", "Title", "Certifies", "Valid for months", "Cost per seat", "Currency"],
        ["CB-200", "Cloud Backup Certified Engineer", "yes", 24, 450, "EUR"],
        ["NET-101", "Networking basics", "no", None, 99.5, "usd"],
    ):
        sheet.append(row)
    book.save(path)
    return path


def _next(qtbot: QtBot, wizard: ImportWizard) -> None:
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)


def _wait(qtbot: QtBot, wizard: ImportWizard) -> None:
    operation = wizard.last_operation
    assert operation is not None
    qtbot.waitUntil(lambda: not operation.running, timeout=10000)


def test_courses_are_imported_through_the_wizard(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], sqlite_db: Database,
    tmp_path: Path,
) -> None:  # fmt: skip
    window = open_window(sqlite_db)
    window.menu_actions.import_records.trigger()
    wizard = window.commands.wizard
    qtbot.waitExposed(wizard)
    source = wizard.source
    source.kind.setFocus()
    while source.kind.currentData() != "courses":  # the user steps down the list of kinds
        before = source.kind.currentIndex()
        qtbot.keyClick(source.kind, Qt.Key.Key_Down)
        assert source.kind.currentIndex() != before, "no Courses in the list of kinds"
    assert source.kind.currentText() == "Courses"
    qtbot.keyClicks(source.path, str(_book(tmp_path / "courses.xlsx")))
    for _ in range(3):  # sheet, columns, check
        _next(qtbot, wizard)
    check = wizard.currentPage()
    assert isinstance(check, CheckPage)
    _wait(qtbot, wizard)
    assert check.counts.text().startswith("2 new, 0 updated, 0 unchanged")
    planned = [(c.row, c.action, c.record) for c in check.changes.records.rows()]
    assert planned == [
        (2, "New", "CB-200 · Cloud Backup Certified Engineer"),
        (3, "New", "NET-101 · Networking basics"),
    ]
    _next(qtbot, wizard)  # import
    result = wizard.currentPage()
    assert isinstance(result, ResultPage)
    _wait(qtbot, wizard)
    assert "imported 2 new" in result.result.text()
    with sqlite_db.reading() as session:
        stored = session.execute(
            select(Course.code, Course.certifies, Course.valid_months, Course.cost_per_seat,
                   Course.currency).order_by(Course.code)
        ).all()  # fmt: skip
    assert [tuple(row) for row in stored] == [
        ("CB-200", True, 24, Decimal(450), "EUR"),
        ("NET-101", False, None, Decimal("99.5"), "USD"),
    ]
