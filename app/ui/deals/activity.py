"""A deal's activity log: dated calls, meetings, e-mails and notes with the next step.

An entry is logged at once (its own small save), newest first, so the log is a record of what
happened rather than part of an edit that could be discarded.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.columns import Column, Kind
from app.domain.enums import ActivityKind
from app.services.deals.edit import Activity
from app.ui.enter_acts import enter_acts
from app.ui.field_box import ProblemLine
from app.ui.labelled_form import date_edit
from app.ui.record_table import RecordTable

ACTIVITY_COLUMNS: tuple[Column[Activity], ...] = (
    Column("occurred_on", "Date", lambda r: r.occurred_on, Kind.DATE, width=11),
    Column("kind", "Kind", lambda r: r.kind, width=9),
    Column("summary", "What happened", lambda r: r.summary, width=36),
    Column("next_step", "Next step", lambda r: r.next_step, width=26),
    Column("author", "By", lambda r: r.author, width=10),
)


class ActivityLog(QWidget):
    """The log and a line to add to it; ``log_it`` is called with each new entry and returns
    whether it was saved."""

    logged = Signal()

    def __init__(self, today: date, author: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.author = author
        self.log_it: Callable[[Activity], bool] = lambda _a: False
        self.when = date_edit(today)
        self.when.setObjectName("activityDate")
        self.kind = QComboBox()
        self.kind.setObjectName("activityKind")
        for kind in ActivityKind:
            self.kind.addItem(kind.label, kind)
        self.summary = QLineEdit()
        self.summary.setObjectName("activitySummary")
        self.summary.setPlaceholderText("What happened")
        self.next_step = QLineEdit()
        self.next_step.setObjectName("activityNextStep")
        self.next_step.setPlaceholderText("Next step (optional)")
        self.add_button = QPushButton("&Log it")
        self.add_button.setObjectName("logActivity")
        self.problem = ProblemLine()  # its room kept: a refusal moves nothing
        self.table = RecordTable("deal_activities", ACTIVITY_COLUMNS, self)
        self.table.empty_text = "Nothing logged yet: calls, meetings, notes and next steps."
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        for column, (text, widget) in enumerate(
            (("Dat&e", self.when), ("&Kind", self.kind), ("&What happened", self.summary))
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            grid.addWidget(label, 0, column)
            grid.addWidget(widget, 1, column)
        label = QLabel("Ne&xt step")
        label.setBuddy(self.next_step)
        grid.addWidget(label, 0, 3)
        grid.addWidget(self.next_step, 1, 3)
        grid.addWidget(self.add_button, 1, 4)
        grid.setColumnStretch(2, 3)
        grid.setColumnStretch(3, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 4, 4)
        layout.addLayout(grid)
        layout.addWidget(self.problem)
        layout.addWidget(self.table, 1)
        self.add_button.clicked.connect(self.add)
        enter_acts(self.summary, self.add)
        enter_acts(self.next_step, self.add)

    def set_rows(self, rows: Sequence[Activity]) -> None:
        self.table.records.set_rows(rows)

    def add(self) -> bool:
        if not self.summary.text().strip():
            self.problem.setText("Write what happened first.")
            self.problem.show()
            self.summary.setFocus()
            return False
        value = self.when.date()
        entry = Activity(
            occurred_on=date(value.year(), value.month(), value.day()),
            kind=ActivityKind(self.kind.currentData()),
            summary=self.summary.text(),
            next_step=self.next_step.text() or None,
            author=self.author,
        )
        if not self.log_it(entry):
            return False
        self.problem.hide()
        self.summary.clear()
        self.next_step.clear()
        self.logged.emit()
        return True
