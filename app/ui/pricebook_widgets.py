"""Pieces of the price book page: the price history model that marks each price's state, and
the titled sections with their buttons."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from app.domain.pricebook import PriceState
from app.services.pricebook_read import PriceRow
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


def button(text: str, name: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setToolTip(tip)
    return button


def section(title: str, body: QWidget, buttons: Sequence[QPushButton]) -> tuple[QWidget, QLabel]:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(6)
    row = QHBoxLayout()
    label = QLabel(title)
    label.setObjectName("sectionTitle")
    label.setBuddy(body)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    label.setMinimumWidth(60)
    row.addWidget(label, 1)
    for button in buttons:
        row.addWidget(button)
    layout.addLayout(row)
    layout.addWidget(body, 1)
    return box, label
