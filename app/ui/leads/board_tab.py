"""The lead board: per recipient, what it received grade by grade and what became of it, with
the grade-adjusted index that says whether a partner that "never converts" was only ever sent
the poor leads.

"As of" picks the day the board counts up to; "From" (when ticked) keeps the assignments made on
or after a day. The quiet leads of a recipient are one double-click (or Enter, or Show quiet
leads) away: the leads list then shows exactly those.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.services.leads.board_rows import BOARD_COLUMNS, BoardLine, BoardView
from app.ui.record_table import RecordTable
from app.ui.sections import button
from app.ui.selection_gate import SelectionGate
from app.ui.shortcuts import bind

SKEW_HINT = (
    "Grade skew: the partners' share of A and B leads over their share of all leads "
    "(1 = the partners get their fair share of the best leads; below 1, fewer)."
)


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def totals_text(view: BoardView) -> str:
    """The run's totals in one line."""
    skew = "—" if view.grade_skew is None else str(view.grade_skew)
    since = f" from {view.since.isoformat()}" if view.since is not None else ""
    return (
        f"As of {view.on.isoformat()}{since}: grade skew {skew} · "
        f"{view.nurture:,} in nurture · {view.unroutable:,} unroutable"
    )


class BoardTab(QWidget):
    """The board table, its dates, its totals; ``dates_changed`` when a date is picked,
    ``quiet_asked`` with the chosen line when its quiet leads are wanted."""

    dates_changed = Signal()
    quiet_asked = Signal(object)  # BoardLine

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("boardTab")
        self.as_of = QDateEdit(qdate(today))
        self.as_of.setObjectName("boardAsOf")
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("yyyy-MM-dd")
        self.as_of.setAccessibleName("As of")
        self.from_on = QCheckBox("Fro&m")
        self.from_on.setObjectName("boardFromOn")
        self.from_on.setToolTip("Count only the assignments made on or after this day")
        self.since = QDateEdit(qdate(date(today.year, today.month, 1)))
        self.since.setObjectName("boardFrom")
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("yyyy-MM-dd")
        self.since.setAccessibleName("From")
        self.since.setToolTip("Picking a day here ticks From")
        as_of_label = QLabel("&As of")
        as_of_label.setBuddy(self.as_of)
        self.quiet_button = button(
            "Show &quiet leads",
            "showQuietLeads",
            "List the leads this recipient accepted and let go quiet (Enter, double-click)",
        )
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(as_of_label)
        top.addWidget(self.as_of)
        top.addWidget(self.from_on)
        top.addWidget(self.since)
        top.addStretch(1)
        top.addWidget(self.quiet_button)
        self.table = RecordTable("lead_board", BOARD_COLUMNS)
        self.table.setSelectionMode(RecordTable.SelectionMode.SingleSelection)
        self.table.empty_text = "No lead was ever assigned. Route the leads to fill the board."
        self.totals = QLabel()
        self.totals.setObjectName("boardTotals")
        self.totals.setWordWrap(True)
        self.totals.setToolTip(SKEW_HINT)
        hint = QLabel(
            "Index: the grade-adjusted index, leads converted over the conversions the grades "
            "received predict (1 = as expected). Quiet: accepted, then neither converted nor lost."
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.totals)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        self.view: BoardView | None = None

        self.as_of.dateChanged.connect(lambda _d: self.dates_changed.emit())
        self.since.dateChanged.connect(self._since_picked)
        self.from_on.toggled.connect(self._from_toggled)
        self.quiet_button.clicked.connect(self.ask_quiet)
        self.table.activated.connect(lambda _index: self.ask_quiet())
        self.table.menu.add(
            "Show &quiet leads",
            self.ask_quiet,
            when=self.has_quiet,
            default=True,
            shortcut="Return",
        )
        quiet_key = bind(
            self.table,
            Qt.Key.Key_Return,
            self.ask_quiet,
            "Show the quiet leads of the selected recipient",
            Qt.ShortcutContext.WidgetShortcut,
        )
        # Show quiet leads waits for a recipient with quiet leads to be chosen.
        self.gate = SelectionGate(self)
        self.gate.watch(self.table)
        for control in (self.quiet_button, quiet_key):
            self.gate.add(control, self.has_quiet)

    def _from_toggled(self, _on: bool) -> None:
        self.dates_changed.emit()

    def _since_picked(self) -> None:
        """A "from" day picked is a "from" day wanted: ticked (which reads the board again)."""
        if self.from_on.isChecked():
            self.dates_changed.emit()
        else:
            self.from_on.setChecked(True)

    def dates(self) -> tuple[date, date | None]:
        """The board's day, and its "from" day when ticked."""
        since = pydate(self.since.date()) if self.from_on.isChecked() else None
        return pydate(self.as_of.date()), since

    def show_board(self, view: BoardView) -> None:
        kept = self.selected()
        self.view = view
        self.table.records.set_rows(list(view.lines))
        self.totals.setText(totals_text(view))
        model = self.table.records
        if kept is not None:
            for r in range(model.rowCount()):
                if model.row_at(r).recipient == kept.recipient:
                    self.table.selectRow(r)

    def selected(self) -> BoardLine | None:
        rows = self.table.selectionModel().selectedRows()
        return self.table.records.row_at(rows[0].row()) if rows else None

    def has_quiet(self) -> bool:
        line = self.selected()
        return line is not None and line.quiet > 0

    def ask_quiet(self) -> None:
        line = self.selected()
        if line is not None:
            self.quiet_asked.emit(line)
