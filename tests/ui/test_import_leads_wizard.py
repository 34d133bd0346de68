"""File › Import › Leads and › Lead rules: the wizard driven like a person."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import openpyxl
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Lead
from app.services.leads.rules import read_lead_rules
from app.ui.importing.wizard import ImportWizard
from app.ui.importing.wizard_run import CheckPage, ResultPage
from app.ui.main_window import MainWindow


def _book(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = openpyxl.Workbook()
    first = True
    for title, rows in sheets.items():
        sheet = book.active if first else book.create_sheet()
        assert sheet is not None
        sheet.title, first = title, False
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def _start(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], db: Database, kind: str
) -> ImportWizard:
    window = open_window(db)
    window.menu_actions.import_records.trigger()
    wizard = window.commands.wizard
    qtbot.waitExposed(wizard)
    source = wizard.source
    source.kind.setFocus()
    while source.kind.currentData() != kind:  # the user steps down the list of kinds
        before = source.kind.currentIndex()
        qtbot.keyClick(source.kind, Qt.Key.Key_Down)
        assert source.kind.currentIndex() != before, f"no {kind} in the list of kinds"
    return wizard


def _next(qtbot: QtBot, wizard: ImportWizard) -> None:
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)


def _wait(qtbot: QtBot, wizard: ImportWizard) -> None:
    operation = wizard.last_operation
    assert operation is not None
    qtbot.waitUntil(lambda: not operation.running, timeout=10000)


def test_leads_are_checked_then_imported(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], sqlite_db: Database,
    tmp_path: Path,
) -> None:  # fmt: skip
    wizard = _start(qtbot, open_window, sqlite_db, "leads")
    assert wizard.source.kind.currentText() == "Leads"
    book = _book(tmp_path / "leads.xlsx", {"Webinar leads": [
        ["Lead ID", "Company", "Web", "Ctry", "E-mail", "Lead grade", "Created"],
        ["W-1", "Contoso GmbH", "contoso.de", "Germany", "ada@contoso.de", "a",
         date(2026, 11, 1)],
        ["W-2", "Fabrikam SA", None, "FR", None, "E", "2026-11-02"],
    ]})  # fmt: skip
    qtbot.keyClicks(wizard.source.path, str(book))
    for _ in range(3):  # sheet, columns, check
        _next(qtbot, wizard)
    check = wizard.currentPage()
    assert isinstance(check, CheckPage)
    _wait(qtbot, wizard)
    problems = [(p.row, p.column, p.reason) for p in check.problems.records.rows()]
    assert problems == [(3, "Lead grade", "is not a grade: use A, B, C, D, none or leave it empty")]
    wizard.back()  # back to the columns: nothing to change there, the file is fixed instead
    wizard.back()
    wizard.back()
    book = _book(tmp_path / "leads.xlsx", {"Webinar leads": [
        ["Lead ID", "Company", "Web", "Ctry", "E-mail", "Lead grade", "Created"],
        ["W-1", "Contoso GmbH", "contoso.de", "Germany", "ada@contoso.de", "a",
         date(2026, 11, 1)],
        ["W-2", "Fabrikam SA", None, "FR", None, "none", "2026-11-02"],
    ]})  # fmt: skip
    for _ in range(3):
        _next(qtbot, wizard)
    _wait(qtbot, wizard)
    check = wizard.currentPage()
    assert isinstance(check, CheckPage)
    assert check.counts.text().startswith("2 new, 0 updated, 0 unchanged")
    _next(qtbot, wizard)  # import
    result = wizard.currentPage()
    assert isinstance(result, ResultPage)
    _wait(qtbot, wizard)
    assert "imported 2 new" in result.result.text()
    with sqlite_db.reading() as session:
        stored = session.execute(
            select(Lead.lead_code, Lead.country, Lead.grade, Lead.domain).order_by(Lead.lead_code)
        ).all()
    assert [tuple(r) for r in stored] == [("W-1", "DE", "A", "contoso.de"),
                                          ("W-2", "FR", None, None)]  # fmt: skip


def test_lead_rules_go_from_their_sheets_straight_to_the_check(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], sqlite_db: Database,
    tmp_path: Path,
) -> None:  # fmt: skip
    wizard = _start(qtbot, open_window, sqlite_db, "leadrules")
    book = _book(tmp_path / "rules.xlsx", {
        "Grades": [["Grade", "Route"], ["D", "partners"]],
        "Tier weights": [["Tier", "Weight"], ["Platinum", 6]],
    })  # fmt: skip
    qtbot.keyClicks(wizard.source.path, str(book))
    _next(qtbot, wizard)  # the sheets: read by their names, nothing to choose
    note = wizard.page(1).note.text()  # type: ignore[attr-defined]
    assert note == "Read from the sheets Grades, Tier weights and Settings, found by their names."
    _next(qtbot, wizard)  # straight to the check
    check = wizard.currentPage()
    assert isinstance(check, CheckPage)
    _wait(qtbot, wizard)
    planned = [(c.action, c.record, c.changes) for c in check.changes.records.rows()]
    assert planned == [("Update", "Grade D", "Route: nurture → partners"),
                       ("Update", "Tier Platinum", "Weight: 4 → 6")]  # fmt: skip
    _next(qtbot, wizard)
    _wait(qtbot, wizard)
    with sqlite_db.reading() as session:
        rules = read_lead_rules(session)
    assert rules.route_of("D") == "partners" and rules.weight_of("Platinum") == 6
