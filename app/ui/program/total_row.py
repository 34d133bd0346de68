"""The whole program's row under the partners' table, as a spreadsheet's total row: its
columns line up with the table's, move and scroll with them, and it never sorts away.

It is a table of its own (one row, no header) so that the keyboard reaches it with Tab, and a
figure in it opens its items as a partner's does; sorting from it sorts the partners.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from app.ui.program.figures_model import FiguresModel
from app.ui.record_table import RecordTable
from app.ui.settings import Settings


class TotalRow(RecordTable):
    """One row under ``above``, following its column widths, order and sideways scrolling."""

    def __init__(self, name: str, above: RecordTable, parent: QWidget | None = None) -> None:
        columns = above.records.columns
        super().__init__(name, columns, parent, FiguresModel(columns))
        self.above = above
        self.setAlternatingRowColors(False)
        self.horizontalHeader().hide()
        self.horizontalHeader().setStretchLastSection(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.empty_text = ""
        # Told apart by its fill, not a bold font: bold figures would not fit the widths the
        # table above measured for its own.
        self.setStyleSheet("QTableView { background: #eef2f7; }")
        header = above.horizontalHeader()
        header.sectionResized.connect(lambda n, _old, new: self.setColumnWidth(n, new))
        header.sectionMoved.connect(lambda _n, old, new: self._follow_order())
        above.horizontalScrollBar().valueChanged.connect(self.horizontalScrollBar().setValue)
        self.fit()

    def sort_by_current_column(self) -> None:
        """Sorting its one row means nothing: its menu's "Sort by this column" (and the key)
        sorts the partners above by the column of its current cell."""
        column = self.currentIndex().column()
        if column >= 0:
            self.above.setCurrentIndex(self.above.records.index(0, column))
        self.above.sort_by_current_column()

    def fit(self) -> None:
        """As tall as its one row; as wide, column by column, as the table above."""
        self.setFixedHeight(self.verticalHeader().defaultSectionSize() + 2 * self.frameWidth())
        header = self.above.horizontalHeader()
        for n in range(header.count()):
            self.setColumnWidth(n, header.sectionSize(n))
        self._follow_order()
        self.horizontalScrollBar().setValue(self.above.horizontalScrollBar().value())

    def _follow_order(self) -> None:
        above, mine = self.above.horizontalHeader(), self.horizontalHeader()
        for visual in range(above.count()):
            logical = above.logicalIndex(visual)
            mine.moveSection(mine.visualIndex(logical), visual)

    def save_state(self, settings: Settings) -> None:
        """Nothing of its own to keep: it follows the table above."""

    def restore_state(self, settings: Settings) -> None:
        self.fit()
