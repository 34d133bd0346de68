"""The training page: training records, the coverage matrix, certifications running out soon,
and the courses, one tab each. Only the tab in view is read from the database; the others are
read when they are shown.

Keys: Ctrl+L logs training (for the people of the selected records or of a coverage cell, or a
new class), Delete
removes the selected records (logged by mistake, after asking), Ctrl+N creates a course,
Ctrl+Tab moves between tabs, Ctrl+E exports the tab in view.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QTabWidget, QVBoxLayout, QWidget

from app.domain.columns import Column
from app.services.store import Session
from app.services.training.courses import CourseRow, family_names, list_courses
from app.services.training.coverage import coverage_matrix
from app.services.training.expiring import (
    expiring_certifications,
    expiring_days,
    save_expiring_days,
)
from app.services.training.log import contacts_by_ids, delete_training
from app.services.training.records import (
    COMPLETED_ON,
    CONTACT,
    CONTACT_ID,
    COURSE_CODE,
    ID,
    TRAINING_COLUMNS,
    TrainingRow,
    list_training,
)
from app.ui.changes import RecordKind
from app.ui.context import UiContext
from app.ui.open_dialogs import OpenDialogs
from app.ui.operations import IsCancelled, Progress
from app.ui.page_base import Page, Reader, plural, table_count
from app.ui.partners.dialog import ask
from app.ui.record_table import RecordTable
from app.ui.shortcuts import bind
from app.ui.table_menu import Needs
from app.ui.training.course_dialog import CourseDialog
from app.ui.training.coverage import CoverageTab
from app.ui.training.log_dialog import TrainingLogDialog
from app.ui.training.tabs import CoursesTab, ExpiringTab, button

RECORDS, COVERAGE, EXPIRING, COURSES = range(4)
LOADING = {
    RECORDS: "Reading training records…",
    COVERAGE: "Working out coverage…",
    EXPIRING: "Finding certifications running out…",
    COURSES: "Reading courses…",
}


class TabRead(NamedTuple):
    """What the background read of one tab brings back: frozen rows and the day they are for."""

    tab: int
    today: date
    soon_days: int
    rows: Any


class TrainingPage(Page):
    key = "training"
    title = "Training"
    icon_name = "training"
    kinds = frozenset(
        {
            RecordKind.TRAINING,
            RecordKind.COURSE,
            RecordKind.CONTACT,
            RecordKind.PARTNER,
            RecordKind.SETTING,
        }
    )

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.table = RecordTable("training", TRAINING_COLUMNS)
        self.table.empty_text = "No training logged yet. Record a class with Log training."
        self.coverage = CoverageTab()
        self.remember_splitter(self.coverage.splitter, "training_coverage")
        self.expiring = ExpiringTab()
        self.courses = CoursesTab()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("trainingTabs")
        records = QWidget()
        records.setObjectName("recordsTab")
        records_layout = QVBoxLayout(records)
        records_layout.setContentsMargins(8, 8, 8, 8)
        records_layout.addWidget(self.table)
        self.tabs.addTab(records, "&Records")
        self.tabs.addTab(self.coverage, "Co&verage")
        self.tabs.addTab(self.expiring, "Expiring &soon")
        self.tabs.addTab(self.courses, "C&ourses")
        self.log_button = button(
            "&Log training…",
            "logTrainingButton",
            "Log a course for one person or a whole class (Ctrl+L)",
        )
        self.header.insertWidget(self.header.count() - 1, self.log_button)
        self.body.addWidget(self.tabs)
        self.setTabOrder(self.log_button, self.filter_edit)
        self.setTabOrder(self.filter_edit, self.tabs)
        self.soon_days = 60
        self.loaded: set[int] = set()
        self.confirm: Callable[[str, str], bool] = lambda title, text: ask(self, title, text)
        self.dialogs: OpenDialogs[QDialog] = OpenDialogs()

        self.tabs.currentChanged.connect(self._tab_shown)
        self.log_button.clicked.connect(self.log_training)
        self.courses.new_asked.connect(self.new_course)
        self.table.menu.add("&Delete…", self.delete_selected, Needs.SOME, shortcut="Del")
        self.courses.table.menu.add(
            "&Edit course…", self.edit_course_selected, default=True, shortcut="Return"
        )
        self.courses.edit_asked.connect(self.edit_course)
        self.expiring.days_chosen.connect(self.choose_days)
        self.expiring.export_asked.connect(self.export)
        self.coverage.show_filter.currentIndexChanged.connect(lambda _n: self.update_count())
        bind(self, "Ctrl+L", self.log_training, "Log training")
        bind(self, "Ctrl+N", self.new_course, "New course")
        bind(
            self.table,
            QKeySequence(QKeySequence.StandardKey.Delete),
            self.delete_selected,
            "Delete the selected training record",
            Qt.ShortcutContext.WidgetShortcut,
        )

    # --- loading -------------------------------------------------------------------------

    def invalidate(self) -> None:
        self.loaded.clear()
        super().invalidate()

    def reader(self) -> Reader:
        """Read the tab in view, in the background; the others wait until they are shown."""
        today, tab = self.context.today(), self.tabs.currentIndex()
        self.loading_text = LOADING[tab]

        def read(session: Session, _progress: Progress, _cancelled: IsCancelled) -> TabRead:
            soon_days = expiring_days(session)
            rows: Any
            if tab == RECORDS:
                rows = list_training(session, today=today, soon_days=soon_days)
            elif tab == COVERAGE:
                rows = coverage_matrix(session, today, soon_days)
            elif tab == EXPIRING:
                rows = expiring_certifications(session, today, soon_days)
            else:
                rows = list_courses(session)
            return TabRead(tab, today, soon_days, rows)

        return read

    def show_read(self, result: TabRead) -> None:
        tab, self.soon_days = result.tab, result.soon_days
        if tab == RECORDS:
            self.table.records.set_rows(result.rows)
        elif tab == COVERAGE:
            self.coverage.set_database(self._db)
            self.coverage.show_coverage(result.rows, result.today, self.soon_days)
        elif tab == EXPIRING:
            self.expiring.show_days(self.soon_days)
            self.expiring.table.records.set_rows(result.rows)
        else:
            self.courses.table.records.set_rows(result.rows)
        self.loaded.add(tab)
        self.tabs.setTabText(EXPIRING, f"Expiring &soon ({self.soon_days} days)")

    def _tab_shown(self, tab: int) -> None:
        if tab not in self.loaded and self.isVisible():
            self.refresh()
        else:
            self.update_count()

    def current_table(self) -> RecordTable:
        tab = self.tabs.currentIndex()
        if tab == COVERAGE:
            return self.coverage.matrix
        if tab == EXPIRING:
            return self.expiring.table
        if tab == COURSES:
            return self.courses.table
        return self.table

    def count_text(self) -> str:
        words = {
            RECORDS: ("training record", "training records"),
            COVERAGE: ("partner", "partners"),
            EXPIRING: ("certification running out", "certifications running out"),
            COURSES: ("course", "courses"),
        }
        one, many = words[self.tabs.currentIndex()]
        table = self.current_table()
        shown, total = table.records.rowCount(), table.records.total_count
        if table is self.coverage.matrix and shown != total:
            return f"{shown:,} of {plural(total, one, many)}"  # the family filter hides some
        return table_count(table, one, many)

    def export_source(self) -> tuple[str, Sequence[Any], Sequence[Column[Any]]] | None:
        table = self.current_table()
        title = self.tabs.tabText(self.tabs.currentIndex()).replace("&", "")
        title = {COVERAGE: "Training coverage", EXPIRING: "Expiring certifications"}.get(
            self.tabs.currentIndex(), f"Training {title.lower()}"
        )
        return (title, table.records.rows(), table.records.columns)

    # --- actions -------------------------------------------------------------------------

    def export(self) -> None:
        commands = getattr(self.window(), "commands", None)
        if commands is not None:
            commands.export_records()

    def choose_days(self, days: int) -> None:
        """Keep a new look-ahead window for everyone and show what falls in it."""
        if self._db is None:
            return
        try:
            with self._db.transaction() as session:
                save_expiring_days(session, days)
        except Exception as exc:  # a refusal (or a bug) is shown through the error hook
            self.context.errors.show_now(exc)
            return
        self.context.changes.announce({RecordKind.SETTING})
        self.say(f"Looking {plural(days, 'day', 'days')} ahead for expiring certifications.")

    def selected_records(self) -> list[TrainingRow]:
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        return [self.table.records.row_at(r) for r in rows]

    def edit_course_selected(self) -> None:
        self.courses.edit_selected()

    def delete_selected(self) -> int:
        """Remove the selected records (logged by mistake) after asking; how many went."""
        chosen = self.selected_records()
        if self._db is None or not chosen:
            return 0
        what = (
            f"{chosen[0][COURSE_CODE]} of {chosen[0][CONTACT]} on {chosen[0][COMPLETED_ON]}"
            if len(chosen) == 1
            else f"these {len(chosen)} training records"
        )
        if not self.confirm("Delete training?", f"Delete {what}? This cannot be undone."):
            return 0
        try:
            with self._db.transaction() as session:
                gone = delete_training(session, [r[ID] for r in chosen])
        except Exception as exc:  # a refusal (or a bug) is shown through the error hook
            self.context.errors.show_now(exc)
            return 0
        self.context.changes.announce({RecordKind.TRAINING})
        self.say(f"Deleted {plural(gone, 'training record', 'training records')}.")
        return gone

    def chosen_people(self) -> set[int]:
        """Whom a new class starts with: the people of the selected records, or the selected
        people of a coverage cell (to get a partner certified where it lacks one)."""
        tab = self.tabs.currentIndex()
        if tab == RECORDS:
            return {r[CONTACT_ID] for r in self.selected_records()}
        if tab == COVERAGE:
            table = self.coverage.people
            rows = table.selectionModel().selectedRows()
            return {table.records.row_at(i.row()).contact_id for i in rows}
        return set()

    def log_training(self) -> TrainingLogDialog | None:
        """Open the class dialog, with the people of the selected records already in it."""
        if self._db is None:
            return None
        chosen = self.chosen_people()
        with self._db.reading() as session:
            courses = list_courses(session)
            people = contacts_by_ids(session, chosen) if chosen else []
        dialog = TrainingLogDialog(self.context, self._db, courses, people, self.window())
        dialog.logged.connect(lambda _result: self.say(dialog.result_summary))
        self.keep(dialog)
        return dialog

    def new_course(self) -> CourseDialog | None:
        return self._course_dialog(None)

    def edit_course(self, row: CourseRow) -> CourseDialog | None:
        return self._course_dialog(row)

    def _course_dialog(self, row: CourseRow | None) -> CourseDialog | None:
        if self._db is None:
            return None
        with self._db.reading() as session:
            families = family_names(session)
        dialog = CourseDialog(self.context, self._db, row, families, self.window())
        verb = "created" if row is None else "saved"
        dialog.saved.connect(lambda _id: self.say(f"Course {dialog.code.text().strip()} {verb}."))
        self.keep(dialog)
        return dialog

    def keep(self, dialog: QDialog) -> None:
        """Show a modeless dialog and forget it once closed."""
        self.dialogs.show(dialog)
