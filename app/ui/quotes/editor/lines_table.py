"""The quote editor's table of lines, where quantity and special discount are edited in place.

Only those two cells can be edited; Tab goes from one of them to the next as in a spreadsheet
(skipping the cells that cannot be edited) and leaves the table after the last one. An edit is
read by the quote spec's rules (a whole quantity from 1, a special discount as ``quote create``
takes it) and refused with a message when it does not fit, the cell going back to what it was:
a line never holds a value the pricing would not take.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidgetItem, QWidget

from app.domain.errors import InputError
from app.domain.money import format_amount, percent_number
from app.domain.pricing import MAX_QUANTITY, LineRequest, PricedQuote
from app.domain.quote_spec import special_discount
from app.ui.record_table import align_headers
from app.ui.sheet_table import SheetTable

HEADERS = ("SKU", "Description", "Qty", "Special %", "Net unit", "Line total")
QTY, SPECIAL = 2, 3
EDITABLE = (QTY, SPECIAL)
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
Cursor = QAbstractItemView.CursorAction


def quantity(text: str) -> int:
    """A line's quantity as typed in its cell: a whole number from 1 (``1,000`` too)."""
    cleaned = text.strip().replace(",", "").replace("\u202f", "").replace(" ", "")
    if not cleaned.isdigit() or not 1 <= int(cleaned) <= MAX_QUANTITY:
        raise InputError(f"Qty: '{text.strip()}' is not a whole number from 1 to {MAX_QUANTITY:,}.")
    return int(cleaned)


class LinesTable(SheetTable):
    """The lines, their figures, and in-place editing of quantity and special discount."""

    #: A valid edit: the row and the line as it now reads.
    line_edited = Signal(int, object)
    #: An edit that was refused, with the message that says why (the cell shows the old value).
    refused = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(HEADERS), "Quote lines", parent)
        self.setObjectName("lines")
        self.setHorizontalHeaderLabels(HEADERS)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.set_editable(True)
        align_headers(self, numbers=(2, 3, 4, 5))
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.requests: list[LineRequest] = []
        self.itemChanged.connect(self._edited)

    def set_editable(self, editable: bool) -> None:
        triggers = QAbstractItemView.EditTrigger
        self.setEditTriggers(
            triggers.DoubleClicked | triggers.EditKeyPressed | triggers.AnyKeyPressed
            | triggers.SelectedClicked
            if editable
            else triggers.NoEditTriggers
        )  # fmt: skip

    # --- showing ---------------------------------------------------------------------------

    def show_lines(
        self,
        requests: list[LineRequest],
        priced: PricedQuote | None,
        uncertified: frozenset[int],
    ) -> None:
        """Every line with its figures (``—`` where the quote cannot be priced yet)."""
        self.requests = list(requests)
        current = (self.currentRow(), self.currentColumn())
        by_pos = {ln.position: ln for ln in priced.lines} if priced else {}
        currency = priced.currency if priced else ""
        self.blockSignals(True)
        try:
            self.setRowCount(len(requests))
            for row, request in enumerate(requests):
                line = by_pos.get(row + 1)
                cells = (
                    request.sku,
                    line.description if line else "—",
                    f"{request.qty:,}",
                    percent_number(request.special_pct),
                    format_amount(line.net_unit, currency) if line else "—",
                    format_amount(line.line_total, currency) if line else "—",
                )
                for col, text in enumerate(cells):
                    item = QTableWidgetItem(text)
                    flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
                    if col in EDITABLE:
                        flags |= Qt.ItemFlag.ItemIsEditable
                        item.setToolTip("Type to change it; Enter keeps it, Escape leaves it")
                    item.setFlags(flags)
                    if col >= 2:
                        item.setTextAlignment(RIGHT)
                    if row + 1 in uncertified:
                        item.setForeground(Qt.GlobalColor.darkRed)
                        item.setToolTip("The partner is not certified for this product family")
                    self.setItem(row, col, item)
        finally:
            self.blockSignals(False)
        if 0 <= current[0] < len(requests) and current[1] >= 0:
            self.setCurrentCell(*current)

    # --- editing ---------------------------------------------------------------------------

    def _edited(self, item: QTableWidgetItem) -> None:
        row, col = item.row(), item.column()
        if not 0 <= row < len(self.requests) or col not in EDITABLE:
            return
        old = self.requests[row]
        try:
            if col == QTY:
                new = LineRequest(old.sku, quantity(item.text()), old.special_pct)
            else:  # the quote spec's rule, so the table and `quote create` take the same text
                new = LineRequest(old.sku, old.qty, special_discount(item.text()))
        except InputError as exc:
            self.blockSignals(True)
            item.setText(f"{old.qty:,}" if col == QTY else percent_number(old.special_pct))
            self.blockSignals(False)
            self.refused.emit(f"Line {row + 1}: {exc}")
            return
        self.line_edited.emit(row, new)

    # --- Tab, as in a spreadsheet over the editable cells -----------------------------------

    def _editable_cells(self) -> list[tuple[int, int]]:
        return [(row, col) for row in range(self.rowCount()) for col in EDITABLE]

    def at_edge(self, forward: bool) -> bool:
        cells = self._editable_cells()
        current = self.currentIndex()
        if not cells or not current.isValid():
            return True
        here = (current.row(), current.column())
        if forward:
            return here >= cells[-1]
        return here <= cells[0]

    def moveCursor(
        self,
        cursor_action: Cursor,
        modifiers: Qt.KeyboardModifier,
    ) -> QModelIndex:
        cells = self._editable_cells()
        if cursor_action not in (Cursor.MoveNext, Cursor.MovePrevious) or not cells:
            # No line yet: Qt asks for a first cell when the table takes the focus.
            return super().moveCursor(cursor_action, modifiers)
        current = self.currentIndex()
        here = (current.row(), current.column()) if current.isValid() else (-1, -1)
        if cursor_action == Cursor.MoveNext:
            after = [cell for cell in cells if cell > here]
            target = after[0] if after else cells[-1]
        else:
            before = [cell for cell in cells if cell < here]
            target = before[-1] if before else cells[0]
        return self.model().index(*target)

    def edit_cell(self, row: int, col: int) -> None:
        """Open the editor of one cell (tests and the Enter key of a selected line)."""
        index = self.model().index(row, col)
        self.setCurrentIndex(index)
        self.edit(index)
