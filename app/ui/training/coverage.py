"""The coverage matrix tab: partners × product families, each cell coloured by whether the
partner's people hold a valid certification (and saying so in words, for anyone who cannot tell
the colours apart), a filter for the partners missing one, and the people behind a cell.

Keys: arrows move between cells; Enter (or a click) on a family cell lists its people below.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.domain.training import CoverageState
from app.services.store import Database
from app.services.training.coverage import (
    PEOPLE_COLUMNS,
    Coverage,
    CoverageFamily,
    CoverageRow,
    coverage_columns,
    coverage_people,
)
from app.ui.combo_fill import refill
from app.ui.record_table import RecordTable
from app.ui.sections import splitter
from app.ui.shortcuts import bind
from app.ui.table_model import RowTableModel

#: (background, text) per state: light fills with dark text, readable in light and dark themes.
COLOURS: dict[CoverageState, tuple[str, str]] = {
    CoverageState.VALID: ("#d1fadf", "#05603a"),
    CoverageState.EXPIRING: ("#fef0c7", "#93370d"),
    CoverageState.EXPIRED: ("#fee4e2", "#912018"),
    CoverageState.NONE: ("#eaecf0", "#344054"),
}
#: The filter's first choices; then one "Missing <family>" per family.
ALL, MISSING_ANY = "all", "any"
FIXED_COLUMNS = 4


class CoverageModel(RowTableModel[CoverageRow]):
    """The generic model with a column per family, cells coloured by state, and a filter for
    partners without a valid certification in a family (or in any)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(coverage_columns(()), parent=parent)
        self.families: tuple[CoverageFamily, ...] = ()
        self._missing: str | int = ALL

    def set_coverage(self, coverage: Coverage) -> None:
        """New rows, and new columns when the families changed."""
        if coverage.families != self.families:
            self.beginResetModel()
            self.families = coverage.families
            self.columns = coverage_columns(coverage.families)
            self._sort = None
            self.endResetModel()
        self.set_rows(coverage.rows)

    def set_missing(self, which: str | int) -> None:
        """``ALL``, ``MISSING_ANY``, or a family's id: show only partners lacking it. An id,
        not a position, so the choice stays on its family when families come or go."""
        if which == self._missing:
            return
        self.beginResetModel()
        self._missing = which
        self._rows = self._filtered()
        if self._sort is not None:
            self._rows = self._sorted(self._rows, *self._sort)
        self.endResetModel()

    def family_at(self, column: int) -> CoverageFamily | None:
        n = column - FIXED_COLUMNS
        return self.families[n] if 0 <= n < len(self.families) else None

    def _filtered(self) -> list[CoverageRow]:
        rows = super()._filtered()
        which = self._missing
        if which == MISSING_ANY:
            return [r for r in rows if r.uncovered]
        if isinstance(which, int):
            n = next((n for n, f in enumerate(self.families) if f.id == which), None)
            if n is not None:
                return [r for r in rows if r.cells[n].holders == 0]
        return rows

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if index.isValid() and index.column() >= FIXED_COLUMNS:
            cell = self._rows[index.row()].cells[index.column() - FIXED_COLUMNS]
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor(COLOURS[cell.state][0]))
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor(COLOURS[cell.state][1]))
            if role == Qt.ItemDataRole.ToolTipRole:
                return cell.explain(self.families[index.column() - FIXED_COLUMNS].name)
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return Qt.AlignmentFlag.AlignCenter
        return super().data(index, role)


def _legend() -> QLabel:
    """What the colours mean, in words; wraps in a narrow window instead of widening it."""
    meanings = {
        CoverageState.VALID: "someone holds a valid one",
        CoverageState.EXPIRING: "every holder's runs out soon",
        CoverageState.EXPIRED: "all lapsed",
        CoverageState.NONE: "never held",
    }
    chips = []
    for state, meaning in meanings.items():
        back, text = COLOURS[state]
        chips.append(
            f'<span style="background-color:{back}; color:{text};">&nbsp;{state.label}&nbsp;</span>'
            f"&nbsp;{meaning}"
        )
    legend = QLabel("&nbsp;&nbsp; ".join(chips))
    legend.setObjectName("coverageLegend")
    legend.setWordWrap(True)
    legend.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    return legend


class CoverageTab(QWidget):
    """The matrix, its filter and legend, and the people of the chosen cell."""

    cell_chosen = Signal(int, int)  # partner id, family id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("coverageTab")
        self._db: Database | None = None
        self.today = date.today()
        self.soon_days = 60
        self.model = CoverageModel(self)
        self.matrix = RecordTable("coverage", self.model.columns, self, model=self.model)
        self.matrix.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.matrix.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.matrix.setAccessibleName("Coverage matrix")
        self.show_filter = QComboBox()
        self.show_filter.setObjectName("coverageFilter")
        self.show_filter.setAccessibleName("Show partners")
        self.show_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.show_filter.setMinimumContentsLength(24)
        self.show_filter.addItem("All partners", ALL)
        self.show_filter.addItem("No valid certification in some family", MISSING_ANY)
        self.people = RecordTable("coverage_people", PEOPLE_COLUMNS, self)
        self.people_title = QLabel("Choose a family cell to see the people behind it.")
        self.people_title.setObjectName("sectionTitle")
        self.people_title.setBuddy(self.people)
        show_label = QLabel("Sho&w")
        show_label.setBuddy(self.show_filter)
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(show_label)
        top.addWidget(self.show_filter)
        top.addSpacing(12)
        top.addWidget(_legend(), 1)
        below = QWidget()
        below_layout = QVBoxLayout(below)
        below_layout.setContentsMargins(0, 0, 0, 0)
        below_layout.setSpacing(6)
        below_layout.addWidget(self.people_title)
        below_layout.addWidget(self.people, 1)
        self.splitter = splitter(
            Qt.Orientation.Vertical, "coverageSplitter", [(self.matrix, 3), (below, 2)]
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        self.show_filter.currentIndexChanged.connect(self._filter_chosen)
        self.matrix.clicked.connect(self.open_cell)
        self.matrix.activated.connect(self.open_cell)
        bind(
            self.matrix,
            Qt.Key.Key_Return,
            lambda: self.open_cell(self.matrix.currentIndex()),
            "Show who holds the certification in the selected cell",
            Qt.ShortcutContext.WidgetShortcut,
        )
        self.chosen: tuple[int, int] | None = None

    def set_database(self, db: Database | None) -> None:
        self._db = db

    def show_coverage(self, coverage: Coverage, today: date, soon_days: int) -> None:
        self.today, self.soon_days = today, soon_days
        families_changed = coverage.families != self.model.families
        self.model.set_coverage(coverage)
        if families_changed:
            self.matrix.apply_column_widths()
            self._fill_filter(coverage.families)
        self._reload_people()

    def _fill_filter(self, families: Sequence[CoverageFamily]) -> None:
        offered = [(f"No valid certification in {f.name}", f.id) for f in families]
        refill(self.show_filter, offered, fixed=2)
        self.model.set_missing(self.show_filter.currentData())

    def _filter_chosen(self, _n: int) -> None:
        self.model.set_missing(self.show_filter.currentData())

    def open_cell(self, index: QModelIndex) -> None:
        """List the people behind the family cell at ``index``."""
        if not index.isValid():
            return
        family = self.model.family_at(index.column())
        if family is None:
            return
        row = self.model.row_at(index.row())
        self.chosen = (row.partner_id, family.id)
        self.people_title.setText(f"People at {row.partner} · {family.name}")
        self._reload_people()
        self.cell_chosen.emit(row.partner_id, family.id)

    def _reload_people(self) -> None:
        if self.chosen is None or self._db is None:
            return
        with self._db.reading() as session:
            rows = coverage_people(session, *self.chosen, self.today, self.soon_days)
        self.people.records.set_rows(rows)
