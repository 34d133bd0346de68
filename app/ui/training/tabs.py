"""Two tabs of the training page: certifications running out soon (with the window in days, kept
for everyone, and an export), and the list of courses with their buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from app.services.training.courses import COURSE_COLUMNS, CourseRow
from app.services.training.expiring import EXPIRING_COLUMNS, MAX_DAYS
from app.ui.record_table import RecordTable
from app.ui.selection_gate import SelectionGate
from app.ui.shortcuts import bind


def button(text: str, name: str, tip: str) -> QPushButton:
    widget = QPushButton(text)
    widget.setObjectName(name)
    widget.setToolTip(tip)
    return widget


class ExpiringTab(QWidget):
    """Who must re-certify within the window; ``days_chosen`` when the user changes it."""

    days_chosen = Signal(int)
    export_asked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("expiringTab")
        self.table = RecordTable("expiring_certifications", EXPIRING_COLUMNS, self)
        self.table.empty_text = "No certification runs out in this period."
        self.days = QSpinBox()
        self.days.setObjectName("expiringDays")
        self.days.setAccessibleName("Days ahead")
        self.days.setRange(1, MAX_DAYS)
        self.days.setSuffix(" days")
        self.days.setKeyboardTracking(False)  # typing 90 does not first ask for 9 days
        self.days.setToolTip("How far ahead to look; remembered for everyone using this database")
        self.export_button = button(
            "E&xport…", "exportExpiring", "Save this list as .xlsx or .csv (Ctrl+E)"
        )
        label = QLabel("Certifications running out in the &next")
        label.setBuddy(self.days)
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(label)
        top.addWidget(self.days)
        top.addStretch(1)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.days.valueChanged.connect(self.days_chosen.emit)
        self.export_button.clicked.connect(self.export_asked.emit)

    def show_days(self, days: int) -> None:
        """The stored window, without announcing it as a new choice."""
        self.days.blockSignals(True)
        self.days.setValue(days)
        self.days.blockSignals(False)


class CoursesTab(QWidget):
    """The courses, with New (Ctrl+N) and Edit (Enter) buttons."""

    new_asked = Signal()
    edit_asked = Signal(object)  # CourseRow

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("coursesTab")
        self.table = RecordTable("courses", COURSE_COLUMNS, self)
        self.table.empty_text = "No courses yet. Create one with New course (Ctrl+N)."
        self.new_button = button("&New course…", "newCourse", "Create a course (Ctrl+N)")
        self.edit_button = button(
            "&Edit course…", "editCourse", "Change the selected course (Enter)"
        )
        note = QLabel("A certifying course's months set how long a pass stays valid.")
        note.setObjectName("hint")
        note.setWordWrap(True)
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(note, 1)
        top.addWidget(self.new_button)
        top.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.new_button.clicked.connect(self.new_asked.emit)
        self.edit_button.clicked.connect(self.edit_selected)
        self.table.activated.connect(lambda _index: self.edit_selected())
        edit_key = bind(
            self.table,
            Qt.Key.Key_Return,
            self.edit_selected,
            "Edit the selected course",
            Qt.ShortcutContext.WidgetShortcut,
        )
        self.gate = SelectionGate(self)  # Edit course waits for a course to be selected
        for control in (self.edit_button, edit_key):
            self.gate.rows(control, self.table)

    def selected(self) -> CourseRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.table.records.row_at(rows[0].row()) if rows else None

    def edit_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.edit_asked.emit(row)
