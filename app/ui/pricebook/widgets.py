"""Pieces of the price book page: the price history model that marks each price's state, and
the titled sections with their buttons."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from app.domain.pricebook import PriceState
from app.services.pricebook.read import PriceRow
from app.ui.table_model import RowTableModel

Index = QModelIndex | QPersistentModelIndex
CURRENT_BACKGROUND = QColor("#e3f4e8")
FUTURE_COLOUR = QColor("#1d4ed8")
PAST_COLOUR = QColor("#64748b")


class PriceHistoryModel(RowTableModel[PriceRow]):
    """Prices of one SKU, marked: in force today bold on green, future blue, superseded grey."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role in (
            Qt.ItemDataRole.FontRole,
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.BackgroundRole,
        ):
            state = self.row_at(index.row()).state
            if role == Qt.ItemDataRole.FontRole and state is not PriceState.PAST:
                font = QFont()
                font.setBold(state is PriceState.CURRENT)
                font.setItalic(state is PriceState.FUTURE)
                return font
            if role == Qt.ItemDataRole.ForegroundRole and state is not PriceState.CURRENT:
                return QBrush(FUTURE_COLOUR if state is PriceState.FUTURE else PAST_COLOUR)
            if role == Qt.ItemDataRole.BackgroundRole and state is PriceState.CURRENT:
                return QBrush(CURRENT_BACKGROUND)
            return None
        return super().data(index, role)
