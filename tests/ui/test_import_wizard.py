"""File › Import: the wizard driven like a person, with real .xlsx files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWizard
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.db.engine import Database
from app.db.models import Partner
from app.ui.importing.wizard import ImportWizard
from app.ui.importing.wizard_pages import MappingPage
from app.ui.importing.wizard_run import CheckPage, ResultPage
from app.ui.main_window import MainWindow
from tests.support.corpus import corpus_file, needs_corpus


def workbook(path: Path, rows: list[list[object]], title: str = "Partners") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    sheet.append(["Partner list, exported 2026-11-20"])  # a title row above the header
    for row in rows:
        sheet.append(row)
    book.create_sheet("Notes").append(["nothing to import here"])
    book.save(path)
    return path


GOOD = [
    ["Partner ID", "Company", "Level", "Ctry", "Web"],
    ["P-501", "Fjordline Systems AS", "Gold", "Norway", "fjordline.example"],
    ["P-502", "Kestrel Networks", "silver ", "gb", "https://kestrel.example"],
]


def partners(db: Database) -> int:
    with db.reading() as session:
        return int(session.scalar(select(func.count(Partner.id))) or 0)


def start(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], db: Database
) -> tuple[MainWindow, ImportWizard]:
    window = open_window(db)
    window.menu_actions.import_records.trigger()
    wizard = window.commands.wizard
    qtbot.waitExposed(wizard)
    return window, wizard


def next_step(qtbot: QtBot, wizard: ImportWizard) -> None:
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)


def close_discarding(wizard: ImportWizard) -> None:
    """Close a wizard that holds a chosen file: it asks first, and the person discards."""
    asked: list[str] = []
    wizard.ask_to_discard = lambda _parent, noun: asked.append(noun) or True
    wizard.close()
    assert asked == ["import"] and not wizard.isVisible()


def wait(qtbot: QtBot, wizard: ImportWizard) -> None:
    operation = wizard.last_operation
    assert operation is not None
    qtbot.waitUntil(lambda: not operation.running, timeout=10000)


def test_partners_through_every_step(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], sqlite_db: Database,
    tmp_path: Path,
) -> None:  # fmt: skip
    before = partners(sqlite_db)
    book = workbook(tmp_path / "partners.xlsx", GOOD)
    _window, wizard = start(qtbot, open_window, sqlite_db)
    wizard.choose_file = lambda: book
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # no file yet
    qtbot.mouseClick(wizard.source.browse, Qt.MouseButton.LeftButton)
    assert wizard.source.path.text() == str(book)
    next_step(qtbot, wizard)  # → sheet
    assert wizard.sheets == ["Partners", "Notes"]
    next_step(qtbot, wizard)  # → columns
    mapping = wizard.currentPage()
    assert isinstance(mapping, MappingPage)
    assert mapping.mapping() == {
        "Partner ID": "partner_code", "Company": "name", "Level": "tier", "Ctry": "country",
        "Web": "website",
    }  # fmt: skip
    next_step(qtbot, wizard)  # → check
    check = wizard.currentPage()
    assert isinstance(check, CheckPage)
    wait(qtbot, wizard)
    assert check.counts.text().startswith("2 new, 0 updated, 0 unchanged")
    assert check.lists.tabText(check.lists.currentIndex()) == "Changes (2)"
    planned = [(c.row, c.action, c.record) for c in check.changes.records.rows()]
    assert planned == [(3, "New", "Fjordline Systems AS"), (4, "New", "Kestrel Networks")]
    assert partners(sqlite_db) == before  # the check wrote nothing
    assert wizard.button(QWizard.WizardButton.NextButton).text() == "&Import"
    next_step(qtbot, wizard)  # → import
    result = wizard.currentPage()
    assert isinstance(result, ResultPage)
    wait(qtbot, wizard)
    assert "imported 2 new" in result.result.text()
    assert partners(sqlite_db) == before + 2
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert not wizard.isVisible()


def test_the_check_shows_what_each_changed_partner_will_become_and_saves_the_list(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], sqlite_db: Database,
    tmp_path: Path,
) -> None:  # fmt: skip
    _window, wizard = start(qtbot, open_window, sqlite_db)
    wizard.source.path.setText(str(workbook(tmp_path / "first.xlsx", GOOD)))
    for _ in range(3):  # sheet, columns, check
        next_step(qtbot, wizard)
    wait(qtbot, wizard)
    next_step(qtbot, wizard)  # import
    wait(qtbot, wizard)
    assert partners(sqlite_db) == 2
    wizard.close()
    changed = [GOOD[0], ["P-501", "Fjordline Systems AS", "Platinum", "Norway",
                         "fjordline.example"], GOOD[2]]  # fmt: skip
    _window, wizard = start(qtbot, open_window, sqlite_db)
    wizard.source.path.setText(str(workbook(tmp_path / "second.xlsx", changed)))
    for _ in range(3):
        next_step(qtbot, wizard)
    check = wizard.currentPage()
    assert isinstance(check, CheckPage)
    wait(qtbot, wizard)
    assert check.counts.text().startswith("0 new, 1 updated, 1 unchanged")
    ModelTester(qtbot).check(check.changes.records)
    assert [(c.row, c.action, c.record, c.changes) for c in check.changes.records.rows()] == [
        (3, "Update", "Fjordline Systems AS", "Tier: Gold → Platinum")
    ]
    assert not check.lists.isTabEnabled(1)  # no problems to list
    saved_to = tmp_path / "changes.xlsx"
    asked: list[str] = []
    wizard.choose_report = lambda what: asked.append(what) or saved_to
    qtbot.mouseClick(check.save_report, Qt.MouseButton.LeftButton)
    assert asked == ["changes"]
    sheet = openpyxl.load_workbook(saved_to).active
    assert sheet is not None
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["Row", "Does", "Record", "Changes"],
        [3, "Update", "Fjordline Systems AS", "Tier: Gold → Platinum"],
    ]
    close_discarding(wizard)


def test_problems_are_listed_a_mapping_changed_and_remembered_and_valid_rows_imported(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], sqlite_db: Database,
    tmp_path: Path,
) -> None:  # fmt: skip
    rows = [
        ["Partner ID", "Firm", "Level", "Ctry", "Web"],
        ["P-601", "Alder Systems", "Gold", "DE", "alder.example"],
        ["P-602", "Birch IT", "Diamond", "DE", "birch.example"],  # no such tier
        ["P-603", "Cedar Data", "Silver", "Atlantis", "cedar.example"],  # no such country
    ]
    book = workbook(tmp_path / "odd-headers.xlsx", rows)
    before = partners(sqlite_db)
    _window, wizard = start(qtbot, open_window, sqlite_db)
    qtbot.keyClicks(wizard.source.path, str(book))
    next_step(qtbot, wizard)
    next_step(qtbot, wizard)
    mapping = wizard.currentPage()
    assert isinstance(mapping, MappingPage)
    assert mapping.mapping()["Firm"] == ""  # not a name the wizard knows
    combo = mapping.combos["Firm"]
    combo.setCurrentIndex(combo.findData("name"))
    next_step(qtbot, wizard)
    check = wizard.currentPage()
    assert isinstance(check, CheckPage)
    wait(qtbot, wizard)
    assert "2 rows have problems" in check.counts.text()
    ModelTester(qtbot).check(check.problems.records)
    shown = [(p.row, p.column, p.value) for p in check.problems.records.rows()]
    assert shown == [(4, "Level", "Diamond"), (5, "Ctry", "Atlantis")]
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled()  # all or nothing: not with problems
    report = tmp_path / "problems.xlsx"
    wizard.choose_report = lambda _what: report
    qtbot.mouseClick(check.save_report, Qt.MouseButton.LeftButton)
    saved = openpyxl.load_workbook(report).active
    assert saved is not None and [c.value for c in saved[1]] == [
        "Row",
        "Column",
        "Value",
        "Problem",
    ]
    box = check.skip
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert box.isChecked()
    assert next_button.isEnabled()
    next_step(qtbot, wizard)
    wait(qtbot, wizard)
    assert partners(sqlite_db) == before + 1
    wizard.close()

    # The next file with the same headers comes with the mapping chosen before.
    _window, again = start(qtbot, open_window, sqlite_db)
    qtbot.keyClicks(again.source.path, str(book))
    next_step(qtbot, again)
    next_step(qtbot, again)
    remembered = again.currentPage()
    assert isinstance(remembered, MappingPage) and remembered.mapping()["Firm"] == "name"
    close_discarding(again)


def test_cancel_during_the_import_writes_nothing(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], sqlite_db: Database,
    tmp_path: Path,
) -> None:  # fmt: skip
    rows: list[list[object]] = [["Partner ID", "Name", "Country"]]
    rows += [[f"P-{n:05d}", f"Partner {n} Systems", "DE"] for n in range(3000)]
    book = workbook(tmp_path / "many.xlsx", rows)
    before = partners(sqlite_db)
    _window, wizard = start(qtbot, open_window, sqlite_db)
    qtbot.keyClicks(wizard.source.path, str(book))
    for _ in range(3):
        next_step(qtbot, wizard)
    wait(qtbot, wizard)
    next_step(qtbot, wizard)  # the import starts
    operation = wizard.last_operation
    assert operation is not None
    operation.cancel()  # what the progress dialog's Cancel does
    wait(qtbot, wizard)
    result = wizard.currentPage()
    assert isinstance(result, ResultPage)
    assert result.result.text() == "Import cancelled: nothing was written."
    assert partners(sqlite_db) == before


@needs_corpus
@pytest.mark.parametrize(
    "name", ["qax-os-excelize__encryptAES.xlsx", "dimastbk-python-calamine__empty_file.xlsx"]
)
def test_an_unusable_file_is_refused_in_one_line_on_the_first_step(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], sqlite_db: Database,
    name: str,
) -> None:  # fmt: skip
    path = corpus_file(name)
    _window, wizard = start(qtbot, open_window, sqlite_db)
    qtbot.keyClicks(wizard.source.path, str(path))
    next_step(qtbot, wizard)
    assert wizard.currentPage() is wizard.source  # still on the first step
    message = wizard.source.problem.text()
    assert message and "\n" not in message and "Traceback" not in message
    close_discarding(wizard)


def test_a_text_file_named_xlsx_is_refused(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], sqlite_db: Database,
    tmp_path: Path,
) -> None:  # fmt: skip
    fake = tmp_path / "not-a-workbook.xlsx"
    fake.write_text("Name,Country\nAlder,DE\n", encoding="utf-8")
    _window, wizard = start(qtbot, open_window, sqlite_db)
    qtbot.keyClicks(wizard.source.path, str(fake))
    next_step(qtbot, wizard)
    assert wizard.currentPage() is wizard.source
    assert wizard.source.problem.text()
    close_discarding(wizard)


# PySide6 marks QDragEnterEvent's only constructor deprecated; Qt has no other way to make one.
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_dropping_a_workbook_on_the_window_opens_the_wizard(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], sqlite_db: Database,
    tmp_path: Path,
) -> None:  # fmt: skip
    book = workbook(tmp_path / "dropped.xlsx", GOOD)
    window = open_window(sqlite_db)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(book))])
    where = QPoint(300, 300)
    enter = QDragEnterEvent(
        where, Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        where.toPointF(), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    QApplication.sendEvent(window, drop)
    wizard = window.commands.wizard
    qtbot.waitExposed(wizard)
    assert wizard.source.path.text() == str(book)
    close_discarding(wizard)


def test_a_single_sheet_file_goes_straight_to_its_columns(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], sqlite_db: Database,
    tmp_path: Path,
) -> None:  # fmt: skip
    """Nothing to choose, so no sheet step (the user guide: "when the workbook has several");
    Back from the columns returns to the file."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in GOOD:
        sheet.append(row)
    single = tmp_path / "one.xlsx"
    book.save(single)
    csv = tmp_path / "partners.csv"
    csv.write_text("Company,Ctry\nKestrel Networks,GB\n", encoding="utf-8")
    _window, wizard = start(qtbot, open_window, sqlite_db)
    for path, headers in ((single, "Partner ID"), (csv, "Company")):
        wizard.choose_file = lambda path=path: path
        qtbot.mouseClick(wizard.source.browse, Qt.MouseButton.LeftButton)
        next_step(qtbot, wizard)  # → columns at once
        mapping = wizard.currentPage()
        assert isinstance(mapping, MappingPage), wizard.currentPage().title()
        assert headers in mapping.mapping()
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.BackButton), Qt.MouseButton.LeftButton)
        assert wizard.currentPage() is wizard.source
    next_step(qtbot, wizard)  # and on again, the file read afresh
    assert isinstance(wizard.currentPage(), MappingPage)
    close_discarding(wizard)
