"""The one table model: frozen rows plus a tuple of ``Column`` descriptions, read-only.

Sorting and filtering happen here, on a Python list, not in a ``QSortFilterProxyModel``: over
100,000 rows a proxy calls into Python for every comparison and takes half a minute per sort
(ENVIRONMENT.md), while ``list.sort`` with the column's key takes milliseconds.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from enum import Enum, IntEnum, auto
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from app.domain.columns import Column, Kind
from app.domain.money import format_money

Row = TypeVar("Row")
Index = QModelIndex | QPersistentModelIndex

#: Kinds whose cells are right-aligned, so digits line up.
NUMERIC = frozenset({Kind.MONEY, Kind.INTEGER, Kind.PERCENT, Kind.BYTES})
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
#: Every cell's flags, made once: the view asks for them per cell on every paint.
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_HORIZONTAL = Qt.Orientation.Horizontal


class Role(IntEnum):
    """Roles beyond Qt's own: what a view, a delegate or a test can ask of a cell."""

    ROW = Qt.ItemDataRole.UserRole + 1  # the frozen row itself
    VALUE = Qt.ItemDataRole.UserRole + 2  # the column's raw value (Decimal, date, enum, …)
    SORT = Qt.ItemDataRole.UserRole + 3  # the column's sort key
    CURRENCY = Qt.ItemDataRole.UserRole + 4  # the currency of a money cell, or None


class _Answer(Enum):
    DISPLAY = auto()
    ALIGNMENT = auto()
    DESCRIPTION = auto()
    ROW = auto()
    VALUE = auto()
    SORT = auto()
    CURRENCY = auto()


#: The roles this model answers, by their plain int value.
_ANSWERS: dict[int, _Answer] = {
    Qt.ItemDataRole.DisplayRole.value: _Answer.DISPLAY,
    Qt.ItemDataRole.TextAlignmentRole.value: _Answer.ALIGNMENT,
    Qt.ItemDataRole.AccessibleDescriptionRole.value: _Answer.DESCRIPTION,
    Role.ROW.value: _Answer.ROW,
    Role.VALUE.value: _Answer.VALUE,
    Role.SORT.value: _Answer.SORT,
    Role.CURRENCY.value: _Answer.CURRENCY,
}


class RowTableModel(QAbstractTableModel, Generic[Row]):
    """Rows of one frozen dataclass shown through ``columns``; sorted and filtered in place."""

    def __init__(
        self,
        columns: Sequence[Column[Row]],
        rows: Sequence[Row] = (),
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.columns: tuple[Column[Row], ...] = tuple(columns)
        self._all: list[Row] = list(rows)
        self._rows: list[Row] = list(self._all)
        self._haystacks: list[str] | None = None
        self._filter = ""
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._separators = (",", ".")

    # --- what the pages call -------------------------------------------------------------

    def set_rows(self, rows: Sequence[Row]) -> None:
        """Replace every row, keeping the present sort order and filter."""
        self.beginResetModel()
        self._all = list(rows)
        self._haystacks = None
        self._rows = self._filtered()
        if self._sort is not None:
            self._rows = self._sorted(self._rows, *self._sort)
        self.endResetModel()

    def set_filter(self, text: str) -> None:
        """Show only rows where some cell contains ``text`` (case-insensitive)."""
        wanted = " ".join(text.split()).casefold()
        if wanted == self._filter:
            return
        self.beginResetModel()
        self._filter = wanted
        self._rows = self._filtered()
        if self._sort is not None:
            self._rows = self._sorted(self._rows, *self._sort)
        self.endResetModel()

    def set_number_format(self, thousands: str, point: str) -> None:
        """How money is written in cells (the user's number-format preference)."""
        self._separators = (thousands, point)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self.columns) - 1)
            )

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def rows(self) -> list[Row]:
        """The rows as shown: filtered and sorted (what an export writes)."""
        return list(self._rows)

    @property
    def total_count(self) -> int:
        return len(self._all)

    @property
    def filter_text(self) -> str:
        return self._filter

    def display_text(self, row: Row, column: Column[Row]) -> str:
        value = column.value(row)
        if column.kind is Kind.MONEY and isinstance(value, Decimal):
            currency = column.currency(row) if column.currency else None
            if currency:
                return format_money(value, currency, *self._separators)
        return column.text(row)

    # --- Qt's interface ------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A view asks each visible cell for a dozen roles on every paint, most of which the
        # model does not answer: those return at once, and the roles are compared as plain
        # ints, since reading a member of Qt's enums costs microseconds a time in Python.
        answer = _ANSWERS.get(role)
        if answer is None or not index.isValid():
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        if answer is _Answer.DISPLAY:
            return self.display_text(row, column)
        if answer is _Answer.ALIGNMENT:
            return _RIGHT if column.kind in NUMERIC else _LEFT
        if answer is _Answer.DESCRIPTION:
            # What a screen reader says after the cell's text: the explanation a subclass
            # gives as its tooltip, else which column the cell is in.
            tip = self.data(index, Qt.ItemDataRole.ToolTipRole)
            return str(tip) if tip else column.header
        if answer is _Answer.ROW:
            return row
        if answer is _Answer.VALUE:
            return column.value(row)
        if answer is _Answer.SORT:
            return column.sort_key(row)
        return column.currency(row) if column.currency else None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        answer = _ANSWERS.get(role)  # asked per section and role on every paint, as cells are
        if answer is None or orientation != _HORIZONTAL:
            return None
        if not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if answer is _Answer.DISPLAY:
            return column.header
        if answer is _Answer.ALIGNMENT:
            return _RIGHT if column.kind in NUMERIC else _LEFT
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else _NO_FLAGS

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by ``column``; empty cells stay last either way; selection follows its rows."""
        if not 0 <= column < len(self.columns):
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        old_persistent = self.persistentIndexList()
        old_rows = [self._rows[i.row()] if i.isValid() else None for i in old_persistent]
        self._rows = self._sorted(self._rows, column, order)
        if old_persistent:
            position = {id(r): n for n, r in enumerate(self._rows)}
            new = [
                self.index(position[id(r)], i.column()) if r is not None else QModelIndex()
                for i, r in zip(old_persistent, old_rows, strict=True)
            ]
            self.changePersistentIndexList(old_persistent, new)
        self.layoutChanged.emit()

    # --- inside --------------------------------------------------------------------------

    def _sorted(self, rows: list[Row], column: int, order: Qt.SortOrder) -> list[Row]:
        key = self.columns[column].sort_key
        keyed = [(key(r), r) for r in rows]
        filled = [pair for pair in keyed if pair[0][0] == 0]
        empty = [pair[1] for pair in keyed if pair[0][0] != 0]
        descending = order == Qt.SortOrder.DescendingOrder
        filled.sort(key=lambda pair: pair[0], reverse=descending)
        return [pair[1] for pair in filled] + empty

    def _filtered(self) -> list[Row]:
        if not self._filter:
            return list(self._all)
        if self._haystacks is None:
            self._haystacks = [
                "\t".join(self.display_text(r, c) for c in self.columns).casefold()
                for r in self._all
            ]
        wanted = self._filter
        return [r for r, text in zip(self._all, self._haystacks, strict=True) if wanted in text]
