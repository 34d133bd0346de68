"""Editing the volume breaks of one SKU or one product family: rows of minimum quantity and
discount, each row's problem written beside it. A note says how the two combine: a SKU break
wins from its quantity on (SPEC.md, "Pricing rules" 2.3)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import ConflictError
from app.domain.settings import format_setting
from app.services.pricebook.rules import Break, check_breaks, product_breaks, save_breaks
from app.services.store import Database
from app.ui.changes import RecordKind
from app.ui.context import UiContext
from app.ui.record_table import align_headers
from app.ui.selection_gate import SelectionGate
from app.ui.sheet_table import SheetTable
from app.ui.stale_dialog import StaleChoice, StaleDialog, run_stale
from app.ui.unsaved import AsksBeforeDiscarding

PROBLEM = QColor("#b42318")


class BreaksDialog(AsksBeforeDiscarding, QDialog):
    noun = "list of volume breaks"

    def __init__(
        self, context: UiContext, db: Database, owner_id: int, owner: str,
        note: str, parent: QWidget | None = None, of_family: bool = False,
    ) -> None:  # fmt: skip
        """The breaks of the SKU ``owner_id`` (or, ``of_family``, of that product family)."""
        super().__init__(parent)
        self.setObjectName("breaksDialog")
        self.setWindowTitle(f"Volume breaks — {owner}")
        self.context, self.db, self.owner_id, self.owner = context, db, owner_id, owner
        self.of_family = of_family
        self.ask_stale: Callable[[StaleDialog], StaleChoice] = run_stale
        heading = QLabel(f"Volume breaks of {'the family ' if of_family else ''}{owner}")
        heading.setObjectName("sectionTitle")
        family = QLabel(note)
        family.setWordWrap(True)
        self.table = SheetTable(0, 3, "Volume breaks")
        self.table.setObjectName("breaksTable")
        self.table.setHorizontalHeaderLabels(["Min quantity", "Discount %", "Problem"])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        align_headers(self.table, numbers=(0, 1))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        self.table.setColumnWidth(0, 120)
        self.table.setColumnWidth(1, 110)
        header.setStretchLastSection(True)
        self.table.itemChanged.connect(lambda _item: self.check())
        self.add_button = QPushButton("&Add break")
        self.add_button.setObjectName("addBreak")
        self.remove_button = QPushButton("&Remove break")
        self.remove_button.setObjectName("removeBreak")
        self.add_button.clicked.connect(lambda: self.add_row("", ""))
        self.remove_button.clicked.connect(self.remove_selected)
        self.gate = SelectionGate(self)  # Remove break waits for a break to be selected
        self.gate.watch(self.table)
        self.gate.add(self.remove_button, lambda: bool(self.table.selectedIndexes()))
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveButton")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(self.save)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 12)
        layout.setSpacing(8)
        layout.addWidget(heading)
        layout.addWidget(family)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(560, 380)
        self.reload()

    def reload(self) -> None:
        with self.db.reading() as session:
            self.opened: list[Break] = product_breaks(session, self.owner_id, self.of_family)
        self.table.setRowCount(0)
        for qty, pct in self.opened:
            self.add_row(str(qty), format_setting(pct.normalize()))
        self.mark_clean()

    def extra_state(self) -> tuple[tuple[str, str], ...]:
        return tuple(self.lines())

    def add_row(self, qty: str, pct: str) -> None:
        self.table.blockSignals(True)
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, text in enumerate((qty, pct)):
            figure = QTableWidgetItem(text)
            figure.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, column, figure)
        problem = QTableWidgetItem("")
        problem.setFlags(Qt.ItemFlag.ItemIsEnabled)
        problem.setForeground(QBrush(PROBLEM))
        self.table.setItem(row, 2, problem)
        self.table.blockSignals(False)
        if not qty:
            self.table.setCurrentCell(row, 0)
            if (first := self.table.item(row, 0)) is not None:
                self.table.editItem(first)

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            self.table.removeRow(row)

    def lines(self) -> list[tuple[str, str]]:
        def text(row: int, column: int) -> str:
            item = self.table.item(row, column)
            return item.text() if item is not None else ""

        return [(text(r, 0), text(r, 1)) for r in range(self.table.rowCount())]

    def check(self) -> tuple[list[Break], dict[int, str]]:
        breaks, errors = check_breaks(self.lines())
        self.table.blockSignals(True)
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 2)
            if item is not None:
                item.setText(errors.get(row, ""))
        self.table.blockSignals(False)
        return breaks, errors

    def save(self) -> bool:
        breaks, errors = self.check()
        if errors:
            return False
        return self._write(breaks, overwrite=False)

    def _write(self, breaks: Sequence[Break], overwrite: bool) -> bool:
        try:
            with self.db.transaction() as session:
                save_breaks(session, self.owner_id, self.opened, breaks, overwrite, self.of_family)
        except ConflictError as conflict:
            theirs = conflict.changes.get("breaks", ("", ""))[1]
            mine = ", ".join(f"{q}+: {format_setting(p)}%" for q, p in breaks) or "none"
            dialog = StaleDialog(self.owner, [("Volume breaks", mine, str(theirs))], self)
            choice = self.ask_stale(dialog)
            if choice is StaleChoice.RELOAD:
                self.reload()
            elif choice is StaleChoice.OVERWRITE:
                return self._write(breaks, overwrite=True)
            return False
        except Exception as exc:  # an AppError shows its one line; a bug its details
            self.context.errors.show_now(exc)
            return False
        self.context.changes.announce({RecordKind.PRICE_BOOK})
        self.accept()
        return True
