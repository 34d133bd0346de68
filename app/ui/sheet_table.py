"""A hand-filled table that never keeps the keyboard: Tab leaves it, or moves like a spreadsheet.

Qt's item views take Tab for themselves by default and wrap from the last cell to the first, so
a keyboard user can never Tab out of a table. Here a table that cannot be edited hands Tab to
the next control at once (the arrows move inside it), and one that can be edited moves from
cell to cell as a spreadsheet does, leaving after the last cell (Shift+Tab: before the first).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QAbstractScrollArea,
    QTableWidget,
    QWidget,
)

from app.ui.cell_tips import show_cell_tip

Hint = QAbstractItemDelegate.EndEditHint


class SheetTable(QTableWidget):
    """A ``QTableWidget`` whose Tab goes on to the next control when it reaches an edge, with
    the ``name`` a screen reader says for it ("Volume breaks")."""

    def __init__(self, rows: int, columns: int, name: str, parent: QWidget | None = None) -> None:
        super().__init__(rows, columns, parent)
        self.setAccessibleName(name)

    def viewportEvent(self, event: QEvent) -> bool:
        """A cut-off cell shows its whole text as a tooltip (``app.ui.cell_tips``)."""
        return show_cell_tip(self, event) or super().viewportEvent(event)

    def editable(self) -> bool:
        return self.editTriggers() != QAbstractItemView.EditTrigger.NoEditTriggers

    def at_edge(self, forward: bool) -> bool:
        """Whether Tab (``forward``) or Shift+Tab would wrap around: the current cell is the
        last (first) one, or there is none."""
        current = self.currentIndex()
        if not current.isValid() or self.rowCount() == 0:
            return True
        cells = self.rowCount() * self.columnCount()
        position = current.row() * self.columnCount() + current.column()
        return position == (cells - 1 if forward else 0)

    def focusNextPrevChild(self, next: bool) -> bool:
        if self.editable() and not self.at_edge(next):
            return super().focusNextPrevChild(next)
        # The scroll area's own step: the next control in the window's focus chain.
        return QAbstractScrollArea.focusNextPrevChild(self, next)

    def closeEditor(self, editor: QWidget, hint: Hint) -> None:
        """Tab in a cell being edited: to the next cell, or out of the table after the last."""
        forward = hint == Hint.EditNextItem
        if hint in (Hint.EditNextItem, Hint.EditPreviousItem) and self.at_edge(forward):
            super().closeEditor(editor, Hint.SubmitModelCache)
            QAbstractScrollArea.focusNextPrevChild(self, forward)
            return
        super().closeEditor(editor, hint)
