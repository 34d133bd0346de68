"""The Program page: what the partner program spent over a period and what it won, partner by
partner and for the whole program, with the items behind every figure one key away.

Figures are in the reporting currency; an amount no rate converts is left out of them and
listed ("not converted") rather than taken at 1. The report reads every deal and spend item of
the period, so it is computed in the background while the page stays usable. Keys: Enter (or a
double click) on a figure lists its items; Ctrl+N a new spend item.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.columns import Column
from app.services.store import Session
from app.ui.changes import RETURN_KINDS
from app.ui.context import UiContext
from app.ui.flow_layout import FlowLayout
from app.ui.open_dialogs import OpenDialogs
from app.ui.operations import IsCancelled, Operation, Progress
from app.ui.page_base import Page, Reader, plural
from app.ui.program.drill import DrillDialog, figure_title, items_summary
from app.ui.program.figures_model import FiguresModel
from app.ui.program.period import Period, PeriodPicker
from app.ui.program.rates_dialog import RatesDialog
from app.ui.program.report_source import read_items, read_program
from app.ui.program.rows import FIGURES, RETURN_COLUMNS, ItemLine, ProgramRead, ReturnRow
from app.ui.program.rules_dialog import RulesDialog
from app.ui.program.spend_dialog import SpendDialog, SpendItemsDialog
from app.ui.program.total_row import TotalRow
from app.ui.record_table import RecordTable
from app.ui.shortcuts import bind


class ProgramPage(Page):
    key = "program"
    title = "Program"
    icon_name = "program"
    loading_text = "Adding up the program…"
    kinds = RETURN_KINDS  # the return report's records

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.read: ProgramRead | None = None
        self.drilling: Operation[list[ItemLine]] | None = None  # tests wait on it
        self.drilled: DrillDialog | None = None
        self.dialogs: OpenDialogs[QDialog] = OpenDialogs()
        self.period_picker = PeriodPicker(context.today())
        self.period_picker.changed.connect(lambda _period: self.invalidate())
        self.spend_button = QPushButton("Spend &items…")
        self.spend_button.setObjectName("spendItems")
        self.spend_button.setToolTip(
            "The spend items of the period, typed in or imported (Ctrl+N: a new one)"
        )
        self.rates_button = QPushButton("E&xchange rates…")
        self.rates_button.setObjectName("exchangeRates")
        self.rates_button.setToolTip("The reporting currency and the rates into it")
        self.rules_button = QPushButton("SPIF and rebate &rules…")
        self.rules_button.setObjectName("programRules")
        self.rules_button.setToolTip("The rules that accrue SPIF and rebate spend")
        controls = FlowLayout(spacing=8)
        controls.addWidget(self.period_picker)
        for button in (self.spend_button, self.rates_button, self.rules_button):
            controls.addWidget(button)
        self.body.addLayout(controls)
        self.table = RecordTable(
            "program_partners", RETURN_COLUMNS, self, FiguresModel(RETURN_COLUMNS)
        )
        self.table.setAccessibleName("Partners")
        self.table.empty_text = (
            "No partner spent or won anything in this period. Choose another period, or add "
            "spend items and won deals."
        )
        self.program_table = TotalRow("program_total", self.table, self)
        self.program_table.setAccessibleName("Whole program")
        tables = QVBoxLayout()
        tables.setSpacing(0)  # the total row sits right under the partners, as in a sheet
        tables.addWidget(self.table, 1)
        tables.addWidget(self.program_table)
        self.body.addLayout(tables, 1)
        self.not_converted = QLabel()
        self.not_converted.setObjectName("notConverted")
        self.not_converted.setStyleSheet("color: #b54708;")
        self.not_converted.setWordWrap(True)
        self.not_converted_button = QPushButton("Show &not converted…")
        self.not_converted_button.setObjectName("showNotConverted")
        self.not_converted_button.clicked.connect(self.show_not_converted)
        line = QHBoxLayout()
        line.addWidget(self.not_converted, 1)
        line.addWidget(self.not_converted_button)
        self.body.addLayout(line)
        self._show_not_converted(0)
        bind(self, "Ctrl+N", self.new_spend_item, "New spend item")
        self.spend_button.clicked.connect(self.open_spend_items)
        self.rates_button.clicked.connect(self.open_rates)
        self.rules_button.clicked.connect(self.open_rules)
        self._drills_from(self.table, "List the items behind a partner's figure")
        self._drills_from(self.program_table, "List the items behind the whole program's figure")

    def _drills_from(self, table: RecordTable, what: str) -> None:
        """A double click, Enter or the menu's first command on a figure lists its items."""

        def at_current() -> None:
            self.drill(table)

        def at(index: QModelIndex) -> None:
            self.drill(table, index)

        table.activated.connect(at)
        table.menu.add("&Show the items", at_current, default=True, shortcut="Return")
        bind(table, Qt.Key.Key_Return, at_current, what, Qt.ShortcutContext.WidgetShortcut)

    # --- reading -------------------------------------------------------------------------

    @property
    def period(self) -> Period:
        return self.period_picker.period()

    def reader(self) -> Reader:
        """Every deal and spend item of the period: in the background."""
        period = self.period

        def read(session: Session, progress: Progress, cancelled: IsCancelled) -> ProgramRead:
            return read_program(session, period.start, period.end, progress, cancelled)

        return read

    def show_read(self, result: ProgramRead) -> None:
        self.read = result
        self.program_table.records.set_rows([result.program])
        self.program_table.fit()
        self.table.records.set_rows(result.partners)
        self._show_not_converted(len(result.not_converted))

    def _show_not_converted(self, count: int) -> None:
        currency = self.read.currency if self.read is not None else ""
        self.not_converted.setText(
            f"{plural(count, 'amount', 'amounts')} not converted: no rate into {currency} on "
            "their date, so they are left out of the figures above."
            if count
            else ""
        )
        for widget in (self.not_converted, self.not_converted_button):
            widget.setVisible(bool(count))

    def apply_filter(self, text: str) -> None:
        """The filter narrows the partners; the whole program's row stays as it is."""
        self.table.records.set_filter(text)
        self.update_count()

    def count_text(self) -> str:
        if self.read is None:
            return self.period.name
        shown = self.table.records
        partners = plural(shown.total_count, "partner", "partners")
        if shown.filter_text and shown.rowCount() != shown.total_count:
            partners = f"{shown.rowCount():,} of {partners}"
        return f"{self.period.name} · {partners} · amounts in {self.read.currency}"

    def export_source(self) -> tuple[str, Sequence[Any], Sequence[Column[Any]]] | None:
        """The partners as shown, then the whole program's row (nothing before the first read)."""
        rows = [*self.table.records.rows(), *self.program_table.records.rows()]
        return (f"Program return {self.period.name}", rows, RETURN_COLUMNS)

    # --- drilling down -------------------------------------------------------------------

    def drill(self, table: RecordTable, index: QModelIndex | None = None) -> None:
        """List the items behind the figure at ``index`` (the current cell when None): a
        program's spend, all spend, or the deals won; a partner's name or the ratio lists all
        its spend. The items are read in the background; the list opens when they arrive."""
        if index is None:
            index = table.currentIndex()
        if self.read is None or self._db is None or not index.isValid():
            return
        row: ReturnRow = table.records.row_at(index.row())
        figure = FIGURES.get(table.records.columns[index.column()].key, "all")
        read, db, export = self.read, self._db, table.export_rows
        partner = None if row.is_program else row.partner_code

        def work(_progress: Progress, _cancelled: IsCancelled) -> list[ItemLine]:
            with db.reading() as session:
                return read_items(session, read.start, read.end, partner, figure)

        def arrived(items: list[ItemLine]) -> None:
            title = f"{figure_title(figure)}: {row.partner}, {self.period_text(read)}"
            summary = items_summary(items, read.currency)
            self.drilled = DrillDialog(title, items, summary, export, self.window())
            self._show(self.drilled)

        self.drilling = (
            Operation(self, self.context.errors, work)
            .success(arrived)
            .with_progress("Listing the items…")
            .run_in_background()
        )

    @staticmethod
    def period_text(read: ProgramRead) -> str:
        return f"{read.start.isoformat()} to {read.end.isoformat()}"

    def show_not_converted(self) -> DrillDialog | None:
        if self.read is None:
            return None
        items = self.read.not_converted
        summary = (
            f"{plural(len(items), 'amount', 'amounts')} without a rate into "
            f"{self.read.currency} on their date, left out of every figure. Add the rates "
            "(Exchange rates…) to count them."
        )
        title = f"Not converted, {self.period_text(self.read)}"
        dialog = DrillDialog(title, items, summary, self.table.export_rows, self.window())
        self._show(dialog)
        return dialog

    def _show(self, dialog: QDialog) -> QDialog:
        return self.dialogs.show(dialog)

    # --- the program's records -----------------------------------------------------------

    def new_spend_item(self) -> QDialog | None:
        if self._db is None:
            return None
        return self._show(SpendDialog(self.context, self._db, None, self.window()))

    def open_spend_items(self) -> QDialog | None:
        if self._db is None:
            return None
        period = self.period
        dialog = SpendItemsDialog(self.context, self._db, period.start, period.end, self.window())
        return self._show(dialog)

    def open_rates(self) -> QDialog | None:
        if self._db is None:
            return None
        return self._show(RatesDialog(self.context, self._db, self.window()))

    def open_rules(self) -> QDialog | None:
        if self._db is None:
            return None
        return self._show(RulesDialog(self.context, self._db, self.window()))
