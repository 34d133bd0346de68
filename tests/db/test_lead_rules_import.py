"""The ``leadrules`` import and export: a workbook changes what it lists and nothing else, bad
cells are refused with the choices, and exporting then importing changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

import main
from app.db.engine import Database
from app.domain.importing.report import ImportRefused
from app.services.importing import ImportOptions
from app.services.importing.file_import import FileImport, import_file
from app.services.leads.rules import read_lead_rules

SETTINGS_HEADER = ["Acceptance days", "Quiet days", "Load window days", "Pause after expired"]


def _book(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = Workbook()
    first = True
    for title, rows in sheets.items():
        sheet = book.active if first else book.create_sheet()
        assert sheet is not None
        sheet.title = title
        first = False
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def _import(db: Database, path: Path, **options: object):  # type: ignore[no-untyped-def]
    return import_file(db, FileImport("leadrules", path), ImportOptions(**options))  # type: ignore[arg-type]


def test_a_workbook_changes_only_what_it_lists(any_db: Database, tmp_path: Path) -> None:
    book = _book(tmp_path / "rules.xlsx", {
        "grades ": [["Grade", "Route"], ["a", "Direct"], ["none", "partners"]],
        "Tier Weights": [["Tier", "Weight"], ["gold", 5], ["Registered", 0]],
        "Settings": [SETTINGS_HEADER, [5, None, 60, None]],
    })  # fmt: skip
    summary = _import(any_db, book)
    assert (summary.new, summary.updated, summary.unchanged) == (0, 5, 0)
    listed = [(c.action, c.record, c.changes) for c in summary.changes]
    assert ("Update", "Grade A", "Route: partners → direct") in listed
    assert ("Update", "Tier Gold", "Weight: 3 → 5") in listed
    assert ("Update", "Lead settings", "Acceptance days: 3 → 5; Load window days: 90 → 60") in (
        listed
    )
    with any_db.reading() as session:
        rules = read_lead_rules(session)
    assert dict(rules.routes) == {"A": "direct", "B": "partners", "C": "partners",
                                  "D": "nurture", "none": "partners"}  # fmt: skip
    assert rules.weight_of("Gold") == 5 and rules.weight_of("Registered") == 0
    assert rules.weight_of("Silver") == 2 and rules.weight_of("Platinum") == 4  # as they were
    assert (rules.acceptance_days, rules.quiet_days, rules.load_window_days) == (5, 14, 60)
    assert rules.pause_after_expired == 3
    again = _import(any_db, book)
    assert (again.updated, again.unchanged) == (0, 5)


def test_bad_cells_are_refused_with_the_choices_and_nothing_changes(
    any_db: Database, tmp_path: Path
) -> None:
    book = _book(tmp_path / "rules.xlsx", {
        "Grades": [["Grade", "Route"], ["E", "direct"], ["B", "somewhere"], ["C", "direct"],
                   ["c", "nurture"]],
        "Tier weights": [["Tier", "Weight"], ["Bronze", 1], ["Gold", -1], ["Silver", 1.5]],
        "Settings": [SETTINGS_HEADER, [3, 14, 90, 3], [4, 14, 90, 3]],
    })  # fmt: skip
    with pytest.raises(ImportRefused) as refused:
        _import(any_db, book)
    lines = [p.line() for p in refused.value.problems]
    assert lines == [
        "row 2, column 'Grades: Grade': 'E' is not a grade: use A, B, C, D or none",
        "row 3, column 'Grades: Route': 'somewhere' is not a route: use direct, partners or "
        "nurture",
        "row 5, column 'Grades: Grade': 'C' is given twice (row 4)",
        "row 2, column 'Tier weights: Tier': 'Bronze' is not a known tier: use one of Gold, "
        "Platinum, Registered, Silver",
        "row 3, column 'Tier weights: Weight': '-1' must be at least 0",
        "row 4, column 'Tier weights: Weight': '1.5' is not a whole number",
        "row 3: the Settings sheet has one row of values (row 2): remove this one",
    ]
    with any_db.reading() as session:
        assert read_lead_rules(session) == read_lead_rules(session).__class__()


def test_a_file_without_the_sheets_is_refused_naming_them(any_db: Database, tmp_path: Path) -> None:
    csv = tmp_path / "rules.csv"
    csv.write_text("Grade,Route\nA,direct\n", encoding="utf-8")
    with pytest.raises(Exception, match="has none of the sheets Grades, Tier weights, Settings"):
        _import(any_db, csv)


def test_export_then_import_changes_nothing_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "db.sqlite")
    book = _book(tmp_path / "rules.xlsx", {
        "Grades": [["Grade", "Route"], ["B", "direct"]],
        "Tier weights": [["Tier", "Weight"], ["Silver", 7]],
    })  # fmt: skip
    assert main.main(["import", "leadrules", str(book), "--db", db]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[1:] == ["  Update: Grade B: Route: partners → direct",
                           "  Update: Tier Silver: Weight: 2 → 7"]  # fmt: skip
    out = tmp_path / "out.xlsx"
    assert main.main(["export", "leadrules", str(out), "--db", db]) == 0
    capsys.readouterr()
    assert main.main(["import", "leadrules", str(out), "--db", db]) == 0
    assert "0 new, 0 updated, 10 unchanged" in capsys.readouterr().out
    assert main.main(["export", "leadrules", str(tmp_path / "out.csv"), "--db", db]) == 1
    assert "use a name ending in .xlsx" in capsys.readouterr().err
