"""The training page as a person uses it: create a course through its dialog, log a class with
the keyboard, watch a coverage cell change colour, open a cell's people, filter the partners
missing a certification, change the expiring-soon window and export the list."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import openpyxl
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.db.engine import Database
from app.db.models import Course, Partner, ProductFamily, TrainingRecord
from app.domain.training import CoverageState
from app.ui.changes import RecordKind
from app.ui.context import UiContext
from app.ui.main_window import MainWindow
from app.ui.partners.dialog import PartnerDialog
from app.ui.training.course_dialog import CourseDialog
from app.ui.training.coverage import COLOURS, FIXED_COLUMNS
from app.ui.training.log_dialog import TrainingLogDialog
from app.ui.training.page import COURSES, COVERAGE, EXPIRING, RECORDS, TrainingPage
from tests.support.sample_records import TODAY, add_sample_records
from tests.support.table_cells import cells

Opener = Callable[[Database], MainWindow]


def training_page(qtbot: QtBot, window: MainWindow) -> TrainingPage:
    window.show_page("training")
    page = window.page("training")
    assert isinstance(page, TrainingPage)
    qtbot.waitUntil(lambda: page.loads > 0)
    return page


def show_tab(qtbot: QtBot, page: TrainingPage, tab: int) -> None:
    """Click the tab, as a person would."""
    bar = page.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(tab).center())
    qtbot.waitUntil(lambda: page.tabs.currentIndex() == tab and tab in page.loaded)


def matrix_cell(page: TrainingPage, partner: str, family: str) -> QModelIndex:
    model = page.coverage.model
    row = [model.row_at(r).partner for r in range(model.rowCount())].index(partner)
    column = [c.header for c in model.columns].index(family)
    return model.index(row, column)


def click_cell(qtbot: QtBot, table: QAbstractItemView, index: QModelIndex) -> None:
    table.scrollTo(index)
    point: QPoint = table.visualRect(index).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=point)


def newest_dialog(qtbot: QtBot, page: TrainingPage, kind: type) -> object:
    """The dialog the page just opened, once it is the active window (keys go to it)."""
    qtbot.waitUntil(lambda: bool(page.dialogs) and isinstance(page.dialogs[-1], kind))
    dialog = page.dialogs[-1]
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def test_create_a_course_log_a_class_and_see_the_cell_turn_green(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    add_sample_records(sqlite_db)
    window = open_window(sqlite_db)
    page = training_page(qtbot, window)
    assert sorted(cells(page.table, "state")) == ["Expired", "Expiring soon", "Valid"]

    # Coverage: Alice's certification at Northwind runs out in 30 days: an amber cell
    show_tab(qtbot, page, COVERAGE)
    cell = matrix_cell(page, "Northwind Traders", "Core Platform")
    assert cell.data() == "1 · expiring"
    amber = QColor(COLOURS[CoverageState.EXPIRING][0])
    assert cell.data(Qt.ItemDataRole.BackgroundRole).color() == amber

    # A new certifying course, through the dialog, with the keyboard
    show_tab(qtbot, page, COURSES)
    page.courses.table.setFocus()
    qtbot.keyClick(page.courses.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = newest_dialog(qtbot, page, CourseDialog)
    assert isinstance(dialog, CourseDialog)
    qtbot.keyClicks(dialog.code, "CD-201")
    qtbot.keyClick(dialog.code, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.title_edit, "Core Certified Engineer")
    dialog.family.setFocus()
    qtbot.keyClicks(dialog.family, "Core")  # typing picks the family from the list
    assert dialog.family.currentText() == "Core Platform"
    qtbot.keyClick(dialog.certifies, Qt.Key.Key_Space)
    dialog.months.selectAll()
    qtbot.keyClicks(dialog.months, "12")
    qtbot.keyClick(dialog.months, Qt.Key.Key_Return)  # Enter saves
    qtbot.waitUntil(lambda: "CD-201" in cells(page.courses.table, "code"))
    assert page.last_message == "Course CD-201 created."

    # Log Alice (Northwind) and Bob (Contoso) as one class, passed today
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    show_tab(qtbot, page, RECORDS)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    log = newest_dialog(qtbot, page, TrainingLogDialog)
    assert isinstance(log, TrainingLogDialog)
    for who in ("alice", "bob"):
        log.search.setFocus()  # back to Find people, as a person clicks there
        log.search.selectAll()
        qtbot.keyClicks(log.search, who)
        qtbot.waitUntil(lambda: log.found.records.rowCount() == 1)
        qtbot.keyClick(log.search, Qt.Key.Key_Return)  # to the results, the first picked
        assert log.add_button.isEnabled() and log.team_button.isEnabled()
        qtbot.keyClick(log.found, Qt.Key.Key_Return)  # into the class
    assert [p.name for p in log.people()] == ["Bob Stone", "Alice Meyer"]
    log.course.setCurrentIndex(log.course.findText("CD-201", Qt.MatchFlag.MatchStartsWith))
    assert log.validity.text().startswith("Certified until")
    qtbot.keyClick(log, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.last_message == "Training in CD-201: 2 added.")
    with sqlite_db.reading() as s:
        assert s.scalar(select(func.count()).select_from(TrainingRecord)) == 5

    # The Northwind cell is green now; clicking it lists Alice with her valid certification
    show_tab(qtbot, page, COVERAGE)
    cell = matrix_cell(page, "Northwind Traders", "Core Platform")
    assert cell.data() == "1 · valid"
    green = QColor(COLOURS[CoverageState.VALID][0])
    assert cell.data(Qt.ItemDataRole.BackgroundRole).color() == green
    click_cell(qtbot, page.coverage.matrix, cell)
    qtbot.waitUntil(lambda: cells(page.coverage.people, "name") == ["Alice Meyer"])
    assert cells(page.coverage.people, "state") == ["Valid"]
    assert cells(page.coverage.people, "course") == ["CD-201"]
    assert page.coverage.people_title.text() == "People at Northwind Traders · Core Platform"


def test_filter_partners_missing_a_certification_and_open_people_by_keyboard(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    add_sample_records(sqlite_db)
    page = training_page(qtbot, open_window(sqlite_db))
    show_tab(qtbot, page, COVERAGE)
    matrix = page.coverage.matrix
    assert cells(matrix, "partner") == ["Adatum Systems", "Contoso Partners", "Northwind Traders"]
    chooser = page.coverage.show_filter
    chooser.setFocus()
    qtbot.keyClick(chooser, Qt.Key.Key_Down)  # "No valid certification in some family"
    assert cells(matrix, "partner") == ["Adatum Systems"]
    qtbot.keyClick(chooser, Qt.Key.Key_Down)  # "… in Core Platform"
    assert chooser.currentText() == "No valid certification in Core Platform"
    assert cells(matrix, "partner") == ["Adatum Systems"]
    assert page.count_label.text() == "1 of 3 partners"
    qtbot.keyClick(chooser, Qt.Key.Key_Home)
    assert matrix.records.rowCount() == 3
    # arrows to Contoso's family cell, Enter lists its people
    matrix.setFocus()
    matrix.setCurrentIndex(matrix.records.index(1, FIXED_COLUMNS))
    qtbot.keyClick(matrix, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: cells(page.coverage.people, "name") == ["Bob Stone"])
    assert cells(page.coverage.people, "valid_until") == [(TODAY + timedelta(days=355)).isoformat()]
    # Ctrl+L with Bob chosen starts a class with him in it
    page.coverage.people.setFocus()
    page.coverage.people.selectRow(0)
    qtbot.keyClick(page.coverage.people, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    log = newest_dialog(qtbot, page, TrainingLogDialog)
    assert isinstance(log, TrainingLogDialog)
    assert [p.name for p in log.people()] == ["Bob Stone"]
    log.reject()
    # typing in the page's filter narrows the partners too
    qtbot.keyClicks(page.filter_edit, "north")
    assert cells(matrix, "partner") == ["Northwind Traders"]


def labels_without_a_field(widget: QWidget) -> list[str]:
    """Labels with an Alt+letter that would lead nowhere (keyboard users could not reach it)."""
    return [
        label.text()
        for label in widget.findChildren(QLabel)
        if "&" in label.text() and "&nbsp;" not in label.text() and label.buddy() is None
    ]


def test_every_field_has_a_label_the_keyboard_reaches(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    add_sample_records(sqlite_db)
    page = training_page(qtbot, open_window(sqlite_db))
    assert labels_without_a_field(page) == []
    course = page.new_course()
    log = page.log_training()
    assert course is not None and log is not None
    assert labels_without_a_field(course) == []
    assert labels_without_a_field(log) == []
    assert log.found.accessibleName() and log.course.accessibleName() == "Course"
    course.reject()
    log.reject()


def test_course_dialog_refuses_bad_input_in_place(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    add_sample_records(sqlite_db)
    page = training_page(qtbot, open_window(sqlite_db))
    show_tab(qtbot, page, COURSES)
    qtbot.mouseClick(page.courses.new_button, Qt.MouseButton.LeftButton)
    dialog = newest_dialog(qtbot, page, CourseDialog)
    assert isinstance(dialog, CourseDialog)
    save = dialog.buttons.buttons()[0]
    assert dialog.problem_texts() == []  # nothing typed yet: nothing to scold
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)  # Save on an empty form says why not
    assert dialog.isVisible() and dialog.problems["code"].text() == "Code is required"
    qtbot.keyClicks(dialog.code, "cd-101")  # the sample's CD-101, in other case
    qtbot.keyClicks(dialog.title_edit, "Again")
    assert dialog.problem_texts() == []
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.problem.text() == "Course code CD-101 is already used; choose another code."
    dialog.ask_to_discard = lambda *_: True  # the user gives up on the course they typed
    dialog.reject()
    # editing: Enter on a course opens it with its values
    page.courses.table.setFocus()
    page.courses.table.selectRow(0)
    qtbot.keyClick(page.courses.table, Qt.Key.Key_Return)
    edit = newest_dialog(qtbot, page, CourseDialog)
    assert isinstance(edit, CourseDialog)
    assert edit.code.text() == "CD-101" and edit.certifies.isChecked()
    qtbot.keyClicks(edit.title_edit, " II")
    edit.save()
    qtbot.waitUntil(lambda: cells(page.courses.table, "title") == ["Core Sales II"])


def test_delete_a_record_logged_by_mistake(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    add_sample_records(sqlite_db)
    page = training_page(qtbot, open_window(sqlite_db))
    asked: list[str] = []
    answers = iter([False, True])
    page.confirm = lambda _title, text: asked.append(text) or next(answers)  # type: ignore[method-assign]
    row = cells(page.table, "state").index("Expired")
    page.table.setFocus()
    page.table.selectRow(row)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)  # asked, and the answer is no
    assert asked == [f"Delete CD-101 of Bob Stone on {TODAY - timedelta(days=800)}? "
                     "This cannot be undone."]  # fmt: skip
    assert page.table.records.rowCount() == 3
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: page.table.records.rowCount() == 2)
    assert "Expired" not in cells(page.table, "state")
    assert page.last_message == "Deleted 1 training record."


def test_log_dialog_starts_with_the_selected_records_people(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    add_sample_records(sqlite_db)
    page = training_page(qtbot, open_window(sqlite_db))
    page.table.selectAll()
    page.log_training()
    dialog = newest_dialog(qtbot, page, TrainingLogDialog)
    assert isinstance(dialog, TrainingLogDialog)
    assert sorted(p.name for p in dialog.people()) == ["Alice Meyer", "Bob Stone"]
    dialog.klass.setFocus()
    dialog.klass.selectRow(0)
    qtbot.keyClick(dialog.klass, Qt.Key.Key_Delete)
    assert len(dialog.people()) == 1
    dialog.found.selectRow(0)
    qtbot.mouseClick(dialog.team_button, Qt.MouseButton.LeftButton)
    assert len(dialog.people()) == 2
    dialog.failed.setChecked(True)
    assert dialog.validity.text() == "Not passed: no certification."
    tomorrow = TODAY + timedelta(days=1)
    dialog.completed.setMaximumDate(dialog.completed.maximumDate().addDays(1))
    dialog.completed.setDate(dialog.completed.date().addDays(1))
    assert dialog.completed_on() == tomorrow
    assert not dialog.log()
    assert "in the future" in dialog.problem.text()
    dialog.ask_to_discard = lambda *_: True  # the user gives up on the class
    dialog.reject()


def test_expiring_window_is_remembered_and_the_list_exports(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database, tmp_path: Path
) -> None:
    add_sample_records(sqlite_db)
    window = open_window(sqlite_db)
    page = training_page(qtbot, window)
    show_tab(qtbot, page, EXPIRING)
    assert cells(page.expiring.table, "contact") == ["Alice Meyer"]  # 30 days left
    assert page.tabs.tabText(EXPIRING) == "Expiring &soon (60 days)"
    days = page.expiring.days
    days.setFocus()
    days.selectAll()
    qtbot.keyClicks(days, "29")
    qtbot.keyClick(days, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.expiring.table.records.rowCount() == 0)
    assert page.tabs.tabText(EXPIRING) == "Expiring &soon (29 days)"
    qtbot.keyClick(days, Qt.Key.Key_Up)  # 30 days: Alice is back
    qtbot.waitUntil(lambda: cells(page.expiring.table, "contact") == ["Alice Meyer"])
    assert page.last_message == "Looking 30 days ahead for expiring certifications."

    target = tmp_path / "expiring.xlsx"
    window.commands.choose_save_path = lambda *_args: target  # type: ignore[method-assign]
    qtbot.mouseClick(page.expiring.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(target.exists, timeout=20000)
    sheet = openpyxl.load_workbook(target).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][2] == "Person" and rows[1][2] == "Alice Meyer"
    assert sheet.title == "Expiring certifications"

    # a new window on the same database looks 30 days ahead too
    window.close()
    again = training_page(qtbot, open_window(sqlite_db))
    show_tab(qtbot, again, EXPIRING)
    assert again.expiring.days.value() == 30


def test_every_model_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester: ModelTester, open_window: Opener, sqlite_db: Database
) -> None:
    add_sample_records(sqlite_db)
    page = training_page(qtbot, open_window(sqlite_db))
    for tab in (COVERAGE, EXPIRING, COURSES, RECORDS):
        show_tab(qtbot, page, tab)
    page.coverage.open_cell(matrix_cell(page, "Contoso Partners", "Core Platform"))
    dialog = page.log_training()
    assert dialog is not None
    dialog.found.selectRow(0)
    dialog.add_selected()
    models = [
        page.table.records,
        page.coverage.model,
        page.coverage.people.records,
        page.expiring.table.records,
        page.courses.table.records,
        dialog.found.records,
        dialog.klass.records,
    ]
    for model in models:
        assert model.rowCount() > 0
        qtmodeltester.check(model, force_py=True)
    page.coverage.show_filter.setCurrentIndex(1)  # filtering resets the model cleanly too
    qtmodeltester.check(page.coverage.model, force_py=True)
    dialog.ask_to_discard = lambda *_: True  # the class was only for looking
    dialog.reject()
    QApplication.processEvents()


def test_partner_detail_warns_of_families_without_a_valid_certification(
    qtbot: QtBot, context: UiContext, sqlite_db: Database
) -> None:
    add_sample_records(sqlite_db)
    with sqlite_db.reading() as s:
        ids = {name: pid for name, pid in s.execute(select(Partner.name, Partner.id))}
    adatum = PartnerDialog(context, sqlite_db, ids["Adatum Systems"])
    qtbot.addWidget(adatum)
    assert adatum.training_summary.text().endswith(
        "This partner holds no valid Core Platform certification."
    )
    north = PartnerDialog(context, sqlite_db, ids["Northwind Traders"])
    qtbot.addWidget(north)
    assert "certification." not in north.training_summary.text()  # Alice's is still valid


def test_course_dialog_takes_a_cost_per_seat_by_the_course_rule(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    page = training_page(qtbot, open_window(sqlite_db))
    show_tab(qtbot, page, COURSES)
    qtbot.mouseClick(page.courses.new_button, Qt.MouseButton.LeftButton)
    dialog = newest_dialog(qtbot, page, CourseDialog)
    assert isinstance(dialog, CourseDialog)
    qtbot.keyClicks(dialog.code, "WS-1")
    qtbot.keyClicks(dialog.title_edit, "Workshop")
    qtbot.keyClicks(dialog.cost, "100.5")
    qtbot.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.problem_texts() == ["A cost per seat needs its currency, such as EUR"]
    dialog.currency.setFocus()  # picked from the list: the price book has none yet, so EUR
    qtbot.keyClick(dialog.currency, Qt.Key.Key_E)
    assert dialog.problem_texts() == []
    qtbot.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: cells(page.courses.table, "code") == ["WS-1"])
    page.courses.table.setFocus()
    page.courses.table.selectRow(0)
    qtbot.keyClick(page.courses.table, Qt.Key.Key_Return)
    edit = newest_dialog(qtbot, page, CourseDialog)
    assert isinstance(edit, CourseDialog)
    assert (edit.cost.text(), edit.currency.currentText()) == ("100.50", "EUR")
    edit.reject()


def test_the_missing_family_filter_stays_on_its_family_when_a_family_is_added(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    """A family added before the chosen one in the list (by name) must not move the choice
    to another family, nor the partners it shows."""
    add_sample_records(sqlite_db)
    page = training_page(qtbot, open_window(sqlite_db))
    show_tab(qtbot, page, COVERAGE)
    chooser = page.coverage.show_filter
    chooser.setFocus()
    qtbot.keyClick(chooser, Qt.Key.Key_End)
    assert chooser.currentText() == "No valid certification in Core Platform"
    assert cells(page.coverage.matrix, "partner") == ["Adatum Systems"]
    with sqlite_db.transaction() as s:
        family = ProductFamily(code="AAA", name="Analytics")
        s.add(Course(code="AN-1", title="Analytics Certified", family=family, certifies=True))
    page.context.changes.announce([RecordKind.COURSE])
    qtbot.waitUntil(lambda: [f.name for f in page.coverage.model.families] == [
        "Analytics", "Core Platform"
    ])  # fmt: skip
    assert chooser.currentText() == "No valid certification in Core Platform"
    assert cells(page.coverage.matrix, "partner") == ["Adatum Systems"]


def test_enter_in_find_people_never_logs_the_class_as_it_stands(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], sqlite_db: Database
) -> None:
    """Building a class name by name: Enter after each name puts its person in, and the
    class is logged only when asked (Ctrl+Enter), with everyone in it."""
    add_sample_records(sqlite_db)
    page = training_page(qtbot, open_window(sqlite_db))
    with sqlite_db.reading() as s:
        before = s.scalar(select(func.count()).select_from(TrainingRecord))
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    log = newest_dialog(qtbot, page, TrainingLogDialog)
    assert isinstance(log, TrainingLogDialog)
    log.activateWindow()
    for who in ("alice", "bob"):
        log.search.setFocus()
        log.search.selectAll()
        qtbot.keyClicks(log.search, who)
        qtbot.keyClick(log.search, Qt.Key.Key_Return)  # to the people found
        assert log.isVisible(), f"Enter after {who} logged the class"
        qtbot.keyClick(log.found, Qt.Key.Key_Return)  # into the class
    assert sorted(p.name for p in log.people()) == ["Alice Meyer", "Bob Stone"]
    with sqlite_db.reading() as s:
        assert s.scalar(select(func.count()).select_from(TrainingRecord)) == before
    qtbot.keyClick(log, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not log.isVisible())
    with sqlite_db.reading() as s:
        assert s.scalar(select(func.count()).select_from(TrainingRecord)) == before + 2
