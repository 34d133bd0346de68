"""The items behind one figure of the Program page: the spend items or the won deals it sums.

A figure is only believed when its items can be seen: double-clicking a cell (or Enter on it)
lists what that cell adds up, each item in its own currency and converted, with their count
and sum in the reporting currency, which is the figure itself. Items no rate converts are
listed too, and said to count for nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app.domain.money import format_money
from app.ui.program.rows import ITEM_COLUMNS, ItemLine
from app.ui.record_table import ExportRows, RecordTable

#: What each figure's items are called in the dialog's title.
FIGURE_TITLES = {
    "all": "Spend",
    "sourced": "Sourced deals won",
    "influenced": "Influenced deals won",
}


def figure_title(figure: str) -> str:
    return FIGURE_TITLES.get(figure, f"{figure} spend")


def converted_sum(items: Sequence[ItemLine]) -> Decimal:
    """What the converted items add up to (those no rate converts count for nothing)."""
    return sum((i.converted for i in items if i.converted is not None), Decimal(0))


def items_summary(items: Sequence[ItemLine], currency: str) -> str:
    """``3 items, EUR 1,250.00 in all`` and how many no rate converts."""
    count = f"{len(items):,} item{'' if len(items) == 1 else 's'}"
    said = f"{count}, {format_money(converted_sum(items), currency)} in all"
    left = sum(1 for i in items if i.converted is None)
    if left:
        said += f"; {left:,} not converted (no rate into {currency} on its date) and left out"
    return said


class DrillDialog(QDialog):
    """A list of items, what they add up to, and Close; Export selection from its menu."""

    def __init__(
        self,
        title: str,
        items: Sequence[ItemLine],
        summary: str,
        export_rows: ExportRows | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("drillDialog")
        self.setWindowTitle(title)
        self.summary = QLabel(summary)
        self.summary.setObjectName("drillSummary")
        self.summary.setWordWrap(True)
        self.table = RecordTable("drill_items", ITEM_COLUMNS, self)
        self.table.setAccessibleName("Items")
        self.table.empty_text = "No items."
        self.table.export_rows = export_rows
        self.table.columns_give_way = True  # the converted amounts stay in sight
        self.table.records.set_rows(items)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(min(self.table.natural_width() + 40, 1000), 440)
        self.table.setFocus()
        if items:
            self.table.selectRow(0)
