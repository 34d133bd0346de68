"""The return table's model: every amount is in the reporting currency, so a cell shows the
figure alone (``12,500.00``) and the page says the currency once, instead of twelve columns
repeating "EUR" and a program's totals cut off to fit it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from app.domain.columns import Column, Kind
from app.domain.money import format_amount
from app.ui.table_model import RowTableModel


class FiguresModel(RowTableModel[Any]):
    def display_text(self, row: Any, column: Column[Any]) -> str:
        value = column.value(row)
        if column.kind is Kind.MONEY and isinstance(value, Decimal) and column.currency:
            currency = column.currency(row)
            if currency:
                return format_amount(value, currency, *self._separators)
        return super().display_text(row, column)
