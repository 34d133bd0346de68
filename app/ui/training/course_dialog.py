"""Create or edit one course: code, title, product family, whether it certifies and for how many
months, and what a seat costs. Checked as it is typed; saving writes it and says what changed.

The dialog saves itself, so a refusal (a code already used) keeps it open with the user's typing
and the reason next to the fields. A course someone else changed meanwhile shows what differs
and lets the user reload or overwrite.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.course_form import LABELS, MAX_MONTHS, check_course
from app.domain.errors import AppError, ConflictError
from app.domain.money import amount_text
from app.services.pricebook.currencies import price_book_currencies
from app.services.store import Database
from app.services.training.courses import CourseRow, create_course, get_course, update_course
from app.ui.changes import RecordKind
from app.ui.context import UiContext
from app.ui.field_box import ProblemLine, field_box
from app.ui.stale_dialog import StaleChoice, StaleDialog, run_stale
from app.ui.unsaved import AsksBeforeDiscarding

NO_FAMILY = "(no product family)"
NO_CURRENCY = "(no currency)"
#: Offered when the price book has no prices yet, as the quote editor does.
FALLBACK_CURRENCY = "EUR"
DEFAULT_MONTHS = 24


class CourseDialog(AsksBeforeDiscarding, QDialog):
    """``course`` None: a new course. ``families`` are the product family names to choose from."""

    noun = "course"

    saved = Signal(int)

    def __init__(
        self,
        context: UiContext,
        db: Database,
        course: CourseRow | None,
        families: Sequence[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("courseDialog")
        self.setWindowTitle("New course" if course is None else f"Edit course {course.code}")
        self.context, self.db, self.course = context, db, course
        self.ask_stale: Callable[[StaleDialog], StaleChoice] = run_stale
        self.code = QLineEdit()
        self.code.setPlaceholderText("e.g. CB-200")
        self.code.setMaxLength(40)
        self.title_edit = QLineEdit()
        self.title_edit.setMaxLength(200)
        self.family = QComboBox()
        self.family.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.family.addItem(NO_FAMILY, None)
        for name in families:
            self.family.addItem(name, name)
        self.certifies = QCheckBox("Passing it &certifies the person")
        self.months = QSpinBox()
        self.months.setRange(1, MAX_MONTHS)
        self.months.setSuffix(" months")
        self.months.setValue(DEFAULT_MONTHS)
        self.cost = QLineEdit()
        self.cost.setPlaceholderText("e.g. 450.00")
        self.cost.setMaxLength(24)
        self.currency = QComboBox()  # picked, not typed: the price book's currencies
        self.currency.addItem(NO_CURRENCY, "")
        with db.reading() as session:
            offered = price_book_currencies(session) or [FALLBACK_CURRENCY]
        for code in offered:
            self.currency.addItem(code, code)
        self.problem = ProblemLine()  # a refusal of the whole course (a code already used)
        self.problem.setObjectName("courseProblem")
        form = QFormLayout()
        form.setVerticalSpacing(2)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.months.setMinimumWidth(120)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.problems: dict[str, QLabel] = {}
        for text, widget, name in (
            ("C&ode", self.code, "code"),
            ("&Title", self.title_edit, "title"),
            ("Product &family", self.family, "family"),
            ("", self.certifies, "certifies"),
            ("&Valid for", self.months, "valid_months"),
            ("Cost per s&eat", self.cost, "cost_per_seat"),
            ("C&urrency", self.currency, "currency"),
        ):
            label, box, self.problems[name] = field_box(widget, text, name)
            widget.setAccessibleName(LABELS[name])
            form.addRow(label, box)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.setSpacing(10)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        self._fill(course)
        # A new course's problems show under what the user typed in, all of them on Save.
        self.touched: set[str] = set()
        self.reveal_all = course is not None
        edits = ((self.code, "code"), (self.title_edit, "title"), (self.cost, "cost_per_seat"))
        for edit, field in edits:
            edit.textEdited.connect(lambda _text, field=field: self._edited(field))
            edit.textChanged.connect(self.check)
        self.currency.activated.connect(lambda _index: self._edited("currency"))
        self.currency.currentIndexChanged.connect(self.check)
        self.certifies.toggled.connect(self.check)
        self.certifies.toggled.connect(self.months.setEnabled)
        self.setTabOrder(self.code, self.title_edit)
        self.setTabOrder(self.title_edit, self.family)
        self.setTabOrder(self.family, self.certifies)
        self.setTabOrder(self.certifies, self.months)
        self.setTabOrder(self.months, self.cost)
        self.setTabOrder(self.cost, self.currency)
        self.check()

    def _fill(self, course: CourseRow | None) -> None:
        if course is None:
            return
        self.code.setText(course.code)
        self.title_edit.setText(course.title)
        found = self.family.findData(course.family)
        self.family.setCurrentIndex(max(found, 0))
        self.certifies.setChecked(course.certifies)
        self.months.setValue(course.valid_months or DEFAULT_MONTHS)
        self.months.setEnabled(course.certifies)
        cost, currency = course.cost_per_seat, course.currency
        self.cost.setText("" if cost is None or currency is None else amount_text(cost, currency))
        self._show_currency(course.currency or "")

    def _show_currency(self, code: str) -> None:
        """Show the course's currency, kept in the list even when the price book has no
        prices in it (any longer), so saving the course does not change its currency."""
        if code and self.currency.findData(code) < 0:
            self.currency.addItem(code, code)
        self.currency.setCurrentIndex(max(self.currency.findData(code), 0))

    def raw(self) -> dict[str, object]:
        """What the course service takes."""
        return {
            "code": self.code.text(),
            "title": self.title_edit.text(),
            "family": self.family.currentData(),
            "certifies": self.certifies.isChecked(),
            "valid_months": self.months.value() if self.certifies.isChecked() else None,
            "cost_per_seat": self.cost.text(),
            "currency": str(self.currency.currentData() or ""),
        }

    def _edited(self, field: str) -> None:
        """The user typed in ``field``: its problems show from now on."""
        self.touched.add(field)
        self.check()

    def check(self) -> bool:
        """Whether the course can be saved; says what is wrong with what was typed."""
        _values, errors = check_course(self.raw())
        self.months.setEnabled(self.certifies.isChecked())
        for field, problem in self.problems.items():
            text = errors.get(field, "") if self.reveal_all or field in self.touched else ""
            problem.setText(text)
            problem.setVisible(bool(text))
        self.show_problem("")
        return not errors

    def problem_texts(self) -> list[str]:
        """The problems shown now, the fields' then the refusal's (for tests, screen readers)."""
        shown = [*self.problems.values(), self.problem]
        return [p.text() for p in shown if not p.isHidden()]

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def save(self, overwrite: bool = False) -> bool:
        """Write the course; True when saved (the dialog then closes)."""
        self.reveal_all = True
        if not self.check():
            return False
        try:
            with self.db.transaction() as session:
                if self.course is None:
                    course_id = create_course(session, self.raw())
                else:
                    update_course(session, self.course, self.raw(), overwrite=overwrite)
                    course_id = self.course.id
        except ConflictError as conflict:
            return self._stale(conflict)
        except AppError as exc:  # a refusal the user can fix here: say why, keep their typing
            self.show_problem(exc.message)
            return False
        self.context.changes.announce({RecordKind.COURSE, RecordKind.TRAINING})
        self.saved.emit(course_id)
        self.accept()
        return True

    def _stale(self, conflict: ConflictError) -> bool:
        assert self.course is not None
        mine = self.raw()
        rows = [
            (LABELS.get(f, f), _text(mine.get(f)), _text(theirs))
            for f, (_opened, theirs) in conflict.changes.items()
        ]
        choice = self.ask_stale(StaleDialog(f"Course {self.course.code}", rows, self))
        if choice is StaleChoice.RELOAD:
            with self.db.reading() as session:
                self.course = get_course(session, self.course.id)
            self._fill(self.course)
            self.check()
            self.mark_clean()
            return False
        if choice is StaleChoice.OVERWRITE:
            return self.save(overwrite=True)
        return False


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)
