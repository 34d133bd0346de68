"""A read-only table of records: the generic model in a view set up for big tables.

Row heights are fixed and column widths come from each ``Column.width`` (in characters), never
from ``resizeColumnsToContents``, which reads every cell (0.74 s at 100,000 rows).
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Sequence
from enum import Enum
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QFont,
    QFontMetrics,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableView,
    QTableWidget,
    QWidget,
)

from app.domain.columns import Column, Kind
from app.ui.cell_tips import cell_tip, cut_off, show_cell_tip
from app.ui.column_fit import give_way
from app.ui.settings import Settings
from app.ui.table_menu import TableMenu
from app.ui.table_model import RowTableModel

#: Writes rows to a file the person chooses: (title, rows, columns). Set by the window.
ExportRows = Callable[[str, Sequence[Any], Sequence[Column[Any]]], None]

#: Extra pixels per column beyond its characters: cell padding and the sort arrow.
COLUMN_PADDING = 28
#: What one character of a column's ``width`` is measured on: names and words, or figures.
TEXT_SAMPLE = "Northwind Traders, Müller & Söhne GmbH, Contoso Ltd"
DIGITS_SAMPLE = "2026-12-02 1,234,567.89"
#: A text column that gives way keeps at least this many characters (and its header).
GIVE_WAY_FLOOR = 10
#: Sorts a table by the column of its current cell, again to reverse: sorting without a mouse.
SORT_KEY = "Ctrl+Shift+S"


class RecordTable(QTableView):
    """A sortable, selectable, read-only table over ``RowTableModel``.

    Keys: Tab and Shift+Tab leave the table (the arrows move inside it); ``SORT_KEY`` sorts by
    the current cell's column. A cell whose text is cut off shows it whole in a tooltip.
    """

    def __init__(
        self,
        name: str,
        columns: Sequence[Column[Any]],
        parent: QWidget | None = None,
        model: RowTableModel[Any] | None = None,
    ):
        """``model``: a model of its own (the partners page reads rows lazily from SQL)."""
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(name.replace("_", " ").capitalize())
        self.records: RowTableModel[Any] = (
            model if model is not None else RowTableModel(columns, parent=self)
        )
        self.setModel(self.records)
        #: Per column, the width its widest word needs (a status such as "Suspended"), learnt
        #: from the kind of value it shows once rows arrive; no column is set narrower.
        self._word_widths: dict[str, int] = {}
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Nothing to edit, so Tab moves on to the next control instead of cycling the cells.
        self.setTabKeyNavigation(False)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setShowGrid(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 12)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsMovable(True)
        header.setStretchLastSection(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the service's order first
        header.setSortIndicatorShown(True)
        self.setSortingEnabled(True)
        self.sort_action = QAction("&Sort by this column", self)
        self.sort_action.setObjectName("sortByColumn")
        self.sort_action.setShortcut(QKeySequence(SORT_KEY))
        self.sort_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.sort_action.triggered.connect(self.sort_by_current_column)
        self.addAction(self.sort_action)
        self.setAccessibleDescription(
            f"Arrow keys move between rows and cells; {SORT_KEY} sorts by the current column."
        )
        self.apply_column_widths()
        #: Said in the empty table, so that an empty list reads as "nothing yet", and says
        #: what to do, rather than as a screen that failed to load.
        self.empty_text = "Nothing here yet."
        #: What the empty table says; a page whose filters are its own may say it itself.
        self.describe_empty: Callable[[], str] = self.empty_message
        #: Said instead while the page reads its rows in the background ("Finding overlaps…").
        self.loading_text: str | None = None
        self.records.modelReset.connect(self.viewport().update)
        self.records.modelReset.connect(self.fit_words)
        #: How "Export selection…" writes a file; None where no export is offered.
        self.export_rows: ExportRows | None = None
        #: The right-click menu: owners add their commands (``table.menu.add("Open", …)``).
        self.menu = TableMenu(self)
        #: Whether text columns narrow (``app.ui.column_fit``) when the table is narrower than
        #: its columns, so its figures stay in sight; set by lists read for their amounts.
        self.columns_give_way = False

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if event.reason() == QContextMenuEvent.Reason.Mouse:
            position = event.pos()  # forwarded from the viewport, in its coordinates
        else:  # the Menu key: at the current row
            current = self.currentIndex()
            rect = self.visualRect(current) if current.isValid() else self.viewport().rect()
            position = rect.center() if current.isValid() else rect.topLeft()
        self.menu.popup_at(position)
        event.accept()

    def empty_message(self) -> str:
        """Its ``empty_text``, or that the filter hides every row."""
        records = self.records
        if records.total_count and records.filter_text:
            return f"Nothing matches “{records.filter_text}”. Clear the filter to see all."
        return self.empty_text

    def sort_by_current_column(self) -> None:
        """Sort by the current cell's column: ascending first, reversed when asked again."""
        column = self.currentIndex().column()
        if column < 0 and self.model().columnCount() > 0:
            column = 0
        if column < 0 or not self.isSortingEnabled():
            return
        header = self.horizontalHeader()
        ascending = Qt.SortOrder.AscendingOrder
        order = ascending
        if header.sortIndicatorSection() == column and header.sortIndicatorOrder() == ascending:
            order = Qt.SortOrder.DescendingOrder
        self.sortByColumn(column, order)

    def cut_off(self, index: QModelIndex) -> bool:
        """Whether the cell's text is drawn cut off (``app.ui.cell_tips``)."""
        return cut_off(self, index)

    def cell_tip(self, index: QModelIndex) -> str:
        return cell_tip(self, index)

    def viewportEvent(self, event: QEvent) -> bool:
        return show_cell_tip(self, event) or super().viewportEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.records.rowCount() or not self.isEnabled():
            return
        painter = QPainter(self.viewport())
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        area = self.viewport().rect().adjusted(24, 24, -24, -24)
        flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        said = self.loading_text or self.describe_empty()
        painter.drawText(area, int(flags), said)
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.columns_give_way:
            self.fit_columns()

    def fit_columns(self) -> None:
        """Each column at its set width, the text columns narrowed as far as needed (down to
        their floor) to fit the visible width."""
        count = len(self.records.columns)
        widths = [self.set_width(n) for n in range(count)]
        floors = [self._floor(n) for n in range(count)]
        for n, width in enumerate(give_way(widths, floors, self.viewport().width())):
            if self.columnWidth(n) != width:
                self.setColumnWidth(n, width)

    def _floor(self, n: int) -> int | None:
        column = self.records.columns[n]
        if column.kind is not Kind.TEXT:
            return None  # figures and dates stay whole
        unit = self.fontMetrics().horizontalAdvance(TEXT_SAMPLE) / len(TEXT_SAMPLE)
        bold = QFont(self.font())
        bold.setBold(True)
        header = QFontMetrics(bold).horizontalAdvance(column.header)
        floor = max(round(min(column.width, GIVE_WAY_FLOOR) * unit), header) + COLUMN_PADDING
        return max(floor, self._word_widths.get(column.key, 0))

    def fit_words(self) -> None:
        """Widen each column that shows a labelled choice (a status, a stage) to its widest
        label, so no choice is cut off ("Suspend…"); read from the first row's value, whose
        kind lists every label it can take."""
        model = self.records
        if model.rowCount() == 0:
            return
        row = model.row_at(0)
        metrics = self.fontMetrics()
        for n, column in enumerate(model.columns):
            if column.key in self._word_widths or column.kind is not Kind.TEXT:
                continue
            try:
                value = column.value(row)
            except LookupError:  # new columns reset before their rows (the coverage matrix's
                continue  # families): the rows' own reset measures them
            if not isinstance(value, Enum) or not hasattr(value, "label"):
                continue
            widest = max(metrics.horizontalAdvance(str(m.label)) for m in type(value))
            self._word_widths[column.key] = widest + COLUMN_PADDING
            if self.columnWidth(n) < self._word_widths[column.key]:
                self.setColumnWidth(n, self._word_widths[column.key])

    def apply_column_widths(self) -> None:
        """Each column ``width`` characters wide (digits for numbers and dates), never narrower
        than its header."""
        for n in range(len(self.records.columns)):
            self.setColumnWidth(n, self.set_width(n))

    def set_width(self, n: int) -> int:
        """Column ``n``'s width from its description, in pixels."""
        column = self.records.columns[n]
        # Measured on real text: a font's "average" character is narrower than a name's (24
        # characters of "Redline Managed Services" did not fit in 24), and its widest digit
        # wider than a figure's.
        sample = TEXT_SAMPLE if column.kind is Kind.TEXT else DIGITS_SAMPLE
        unit = self.fontMetrics().horizontalAdvance(sample) / len(sample)
        bold = QFont(self.font())
        bold.setBold(True)
        header = QFontMetrics(bold).horizontalAdvance(column.header)
        words = self._word_widths.get(column.key, 0)
        return max(max(round(column.width * unit), header) + COLUMN_PADDING, words)

    def natural_width(self) -> int:
        """As wide as its columns (the last one, which stretches, at its set width)."""
        header = self.horizontalHeader()
        last = header.logicalIndex(header.count() - 1)
        widths = [
            self.set_width(n) if n == last else header.sectionSize(n) for n in range(header.count())
        ]
        return sum(widths) + 2 * self.frameWidth() + self.verticalScrollBar().sizeHint().width()

    def fit_height_to_rows(self, most: int = 12, fewest: int | None = None, extra: int = 0) -> None:
        """For small tables (the dashboard): as tall as their rows, up to ``most`` rows. With
        ``fewest``, the table gives way in a small window down to that many rows (and scrolls,
        with room for the sideways scroll bar) instead of making the window taller. ``extra``:
        room for a sideways scroll bar at full height."""
        rows = min(max(self.records.rowCount(), 1), most)
        if fewest is None:
            self.setFixedHeight(self.rows_height(rows) + extra)
            return
        self.setMinimumHeight(self.rows_height(min(rows, fewest), bar=True))
        self.setMaximumHeight(self.rows_height(rows) + extra)

    def rows_height(self, rows: int, bar: bool = False) -> int:
        """The height that shows the header and ``rows`` rows (and a sideways scroll bar)."""
        height = self.horizontalHeader().sizeHint().height()
        height += rows * self.verticalHeader().defaultSectionSize() + 2 * self.frameWidth() + 2
        return height + (self.horizontalScrollBar().sizeHint().height() if bar else 0)

    def save_state(self, settings: Settings) -> None:
        """Remember column widths, order and sort under this table's name."""
        state = self.horizontalHeader().saveState()
        settings.window.set_header_state(self._state_key(), bytes(state.data()))

    def restore_state(self, settings: Settings) -> None:
        state = settings.window.header_state(self._state_key())
        if state and not self.horizontalHeader().restoreState(state):
            self.apply_column_widths()

    def _state_key(self) -> str:
        """The table's name plus its columns: a saved state never meets other columns."""
        keys = ",".join(c.key for c in self.records.columns)
        return f"{self.objectName()}-{zlib.crc32(keys.encode()):08x}"


def align_headers(table: QTableWidget, numbers: Sequence[int] = ()) -> None:
    """A hand-filled table's headers aligned as the record tables' are: over text on the left,
    over the ``numbers`` columns on the right, above their figures."""
    table.horizontalHeader().setDefaultAlignment(
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    )
    for n in numbers:
        item = table.horizontalHeaderItem(n)
        if item is not None:
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
