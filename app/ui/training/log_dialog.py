"""Log training for one person or a whole class: find people of one or more partners, put them
in the class, pick the course, the date and whether they passed, and log them all at once.

Keys: type in "Find people" to search; Enter (or Alt+A) adds the selected people, Alt+W adds
their partners' whole teams; Delete removes people from the class; Ctrl+Enter logs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import AppError
from app.domain.training import valid_until_for
from app.services.store import Database
from app.services.training.courses import CourseRow
from app.services.training.log import (
    CHOICE_COLUMNS,
    CLASS_COLUMNS,
    FIND_LIMIT,
    ContactChoice,
    LogResult,
    contacts_of_partners,
    find_contacts,
    log_training,
)
from app.ui.changes import RecordKind
from app.ui.context import UiContext
from app.ui.field_box import ProblemLine
from app.ui.record_table import RecordTable
from app.ui.selection_gate import SelectionGate
from app.ui.table_menu import Needs
from app.ui.unsaved import AsksBeforeDiscarding, not_an_edit


def _shortcut(keys: str, widget: QWidget, slot: Callable[[], object]) -> None:
    shortcut = QShortcut(QKeySequence(keys), widget)
    shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
    shortcut.activated.connect(slot)


class TrainingLogDialog(AsksBeforeDiscarding, QDialog):
    """``courses`` to choose from; ``people`` already in the class (logging for one person)."""

    noun = "class"

    logged = Signal(object)  # LogResult

    def __init__(
        self,
        context: UiContext,
        db: Database,
        courses: Sequence[CourseRow],
        people: Sequence[ContactChoice] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("trainingLogDialog")
        self.setWindowTitle("Log training")
        self.context, self.db = context, db
        self.result_summary = ""
        self.search = QLineEdit()
        self.search.setObjectName("findPeople")
        self.search.setPlaceholderText("Name, e-mail or partner…")
        self.search.setClearButtonEnabled(True)
        not_an_edit(self.search)  # finding people changes nothing; the class does
        self.found = RecordTable("found_people", CHOICE_COLUMNS)
        self.klass = RecordTable("class_people", CLASS_COLUMNS)
        self.found_count = QLabel()
        self.found_count.setObjectName("foundCount")
        self.add_button = QPushButton("&Add to class")
        self.add_button.setObjectName("addPeople")
        self.add_button.setToolTip("Put the selected people in the class (Enter)")
        self.team_button = QPushButton("Add whole &team")
        self.team_button.setObjectName("addTeams")
        self.team_button.setToolTip("Put every active person of the selected people's partners in")
        self.remove_button = QPushButton("&Remove")
        self.remove_button.setObjectName("removePeople")
        self.remove_button.setToolTip("Take the selected people out of the class (Delete)")
        self.class_title = QLabel()
        self.class_title.setObjectName("sectionTitle")
        self.course = QComboBox()
        self.course.setObjectName("logCourse")
        self.course.setAccessibleName("Course")
        self.course.setMinimumContentsLength(36)
        self.course.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        for row in courses:
            self.course.addItem(row.label, row)
        self.completed = QDateEdit()
        self.completed.setObjectName("logCompleted")
        self.completed.setAccessibleName("Completed on")
        self.completed.setCalendarPopup(True)
        self.completed.setMinimumWidth(140)
        self.completed.setDisplayFormat("yyyy-MM-dd")
        today = context.today()
        self.completed.setMaximumDate(QDate(today.year, today.month, today.day))
        self.completed.setDate(QDate(today.year, today.month, today.day))
        self.passed = QRadioButton("&Passed")
        self.passed.setObjectName("logPassed")
        self.failed = QRadioButton("&Not passed")
        self.failed.setObjectName("logFailed")
        self.passed.setChecked(True)
        self.validity = QLabel()
        self.validity.setObjectName("logValidity")
        self.problem = ProblemLine()  # its room kept: a refusal moves nothing
        self.problem.setObjectName("logProblem")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.log_button = self.buttons.addButton(
            "&Log training", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.log_button.setObjectName("logTraining")
        self.log_button.setToolTip("Log the course for everyone in the class (Ctrl+Enter)")
        self._lay_out()
        self._connect()
        self.set_class(people)
        self.refresh_found()
        self.update_validity()
        self.resize(980, 620)

    def _lay_out(self) -> None:
        find_label = QLabel("&Find people")
        find_label.setBuddy(self.search)
        class_label = self.class_title
        class_label.setBuddy(self.klass)
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(6)
        top_left = QHBoxLayout()
        top_left.setSpacing(8)
        top_left.addWidget(find_label)
        top_left.addWidget(self.search, 1)
        grid.addLayout(top_left, 0, 0)
        grid.addWidget(class_label, 0, 1)
        grid.addWidget(self.found, 1, 0)
        grid.addWidget(self.klass, 1, 1)
        left_buttons = QHBoxLayout()
        left_buttons.setSpacing(6)
        left_buttons.addWidget(self.found_count, 1)
        left_buttons.addWidget(self.team_button)
        left_buttons.addWidget(self.add_button)
        grid.addLayout(left_buttons, 2, 0)
        right_buttons = QHBoxLayout()
        right_buttons.addStretch(1)
        right_buttons.addWidget(self.remove_button)
        grid.addLayout(right_buttons, 2, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        form = QFormLayout()
        form.setSpacing(8)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        course_label = QLabel("&Course")
        course_label.setBuddy(self.course)
        form.addRow(course_label, self.course)
        date_label = QLabel("Completed &on")
        date_label.setBuddy(self.completed)
        form.addRow(date_label, self.completed)
        result = QHBoxLayout()
        result.addWidget(self.passed)
        result.addWidget(self.failed)
        result.addSpacing(16)
        result.addWidget(self.validity, 1)
        form.addRow(QLabel("Result"), result)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.setSpacing(12)
        layout.addLayout(grid, 1)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        for first, second in (
            (self.search, self.found), (self.found, self.add_button),
            (self.add_button, self.team_button), (self.team_button, self.klass),
            (self.klass, self.remove_button), (self.remove_button, self.course),
            (self.course, self.completed), (self.completed, self.passed),
            (self.passed, self.failed), (self.failed, self.log_button),
        ):  # fmt: skip
            self.setTabOrder(first, second)

    def _connect(self) -> None:
        self.search.textChanged.connect(lambda _text: self.refresh_found())
        self.search.returnPressed.connect(self.to_results)
        self.add_button.clicked.connect(self.add_selected)
        self.team_button.clicked.connect(self.add_teams)
        self.remove_button.clicked.connect(self.remove_selected)
        self.found.activated.connect(lambda _index: self.add_selected())
        _shortcut("Return", self.found, self.add_selected)
        _shortcut("Delete", self.klass, self.remove_selected)
        log = QShortcut(QKeySequence("Ctrl+Return"), self)
        log.activated.connect(self.log)
        self.buttons.accepted.connect(self.log)
        self.buttons.rejected.connect(self.reject)
        self.course.currentIndexChanged.connect(lambda _n: self.update_validity())
        self.completed.dateChanged.connect(lambda _d: self.update_validity())
        self.passed.toggled.connect(lambda _on: self.update_validity())
        # Add and Add whole team wait for someone found; Remove for someone in the class
        self.gate = SelectionGate(self)
        self.gate.rows(self.add_button, self.found, Needs.SOME)
        self.gate.rows(self.team_button, self.found, Needs.SOME)
        self.gate.rows(self.remove_button, self.klass, Needs.SOME)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Return never logs the class by surprise: Enter in Find people goes on to the people
        found, and logging is the button or Ctrl+Enter. Without this, Enter after typing a
        second name logged the class as it stood and closed the dialog."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # Ctrl+Enter: a shortcut
            event.accept()
            return
        super().keyPressEvent(event)

    def extra_state(self) -> tuple[int, ...]:
        return tuple(p.id for p in self.people())

    def say_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    # --- the people ----------------------------------------------------------------------

    def refresh_found(self) -> None:
        with self.db.reading() as session:
            rows = find_contacts(session, self.search.text())
        self.found.records.set_rows(rows)
        more = " (type more to narrow)" if len(rows) >= FIND_LIMIT else ""
        self.found_count.setText(f"{len(rows)} found{more}")

    def to_results(self) -> None:
        """Enter in Find people: on to the people found, the first of them picked, so a second
        Enter puts them in the class (and Add whole team is ready) without a click first."""
        self.found.setFocus()
        if self.found.records.rowCount() and not self.found.selectionModel().hasSelection():
            current = self.found.currentIndex()
            self.found.selectRow(current.row() if current.isValid() else 0)

    def people(self) -> list[ContactChoice]:
        return self.klass.records.rows()

    def set_class(self, people: Sequence[ContactChoice]) -> None:
        unique = {p.id: p for p in people}
        self.klass.records.set_rows(sorted(unique.values(), key=lambda p: (p.partner, p.name)))
        n = len(unique)
        self.class_title.setText(f"Cla&ss · {n} {'person' if n == 1 else 'people'}")
        self.log_button.setEnabled(n > 0)

    def _selected(self, table: RecordTable) -> list[ContactChoice]:
        rows = sorted(i.row() for i in table.selectionModel().selectedRows())
        return [table.records.row_at(r) for r in rows]

    def add_selected(self) -> None:
        self.set_class([*self.people(), *self._selected(self.found)])

    def add_teams(self) -> None:
        partners = {p.partner_id for p in self._selected(self.found)}
        if not partners:
            return  # the button waits for a selection; nothing to add
        with self.db.reading() as session:
            team = contacts_of_partners(session, partners)
        self.set_class([*self.people(), *team])

    def remove_selected(self) -> None:
        gone = {p.id for p in self._selected(self.klass)}
        self.set_class([p for p in self.people() if p.id not in gone])

    # --- the course ----------------------------------------------------------------------

    def completed_on(self) -> date:
        shown = self.completed.date()
        return date(shown.year(), shown.month(), shown.day())

    def chosen_course(self) -> CourseRow | None:
        row = self.course.currentData()
        return row if isinstance(row, CourseRow) else None

    def update_validity(self) -> None:
        course = self.chosen_course()
        if course is None:
            self.validity.setText("Create a course first.")
            return
        day = self.completed_on()
        until = valid_until_for(day, self.passed.isChecked(), course.certifies, course.valid_months)
        if not self.passed.isChecked():
            text = "Not passed: no certification."
        elif until is None:
            text = "Never expires." if course.certifies else "This course does not certify."
        else:
            text = f"Certified until {until.isoformat()} ({course.validity})."
        self.validity.setText(text)

    def log(self) -> bool:
        """Log the course for the whole class in one transaction; True when written."""
        course, people = self.chosen_course(), self.people()
        if course is None or not people:
            self.say_problem("Put at least one person in the class and choose a course.")
            return False
        day = self.completed_on()
        try:
            with self.db.transaction() as session:
                result: LogResult = log_training(
                    session, [p.id for p in people], course.id, day,
                    self.passed.isChecked(), self.context.today(),
                )  # fmt: skip
        except AppError as exc:
            self.say_problem(exc.message)
            return False
        self.result_summary = result.summary(course.code)
        self.context.changes.announce({RecordKind.TRAINING})
        self.logged.emit(result)
        self.accept()
        return True
