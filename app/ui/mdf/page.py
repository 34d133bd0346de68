"""The MDF page: market development funds per partner and quarter, the requests made from them,
and each request's history and proof files.

The balances (allocated, requested, approved, claimed, paid, lapsed, available) are narrowed by
the quarter chosen and by the filter box (a partner's name); the requests below are those of
the selected allocations, or of every allocation in view when none is selected. Each action is
enabled only when the selected request's state allows it, so a greyed button already says why.
Keys: Ctrl+N a new request from the selected allocation, Ctrl+Shift+A a new allocation,
Delete the selected allocation (only one no request was made from).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.domain.columns import Column
from app.domain.errors import AppError
from app.domain.mdf.lifecycle import Step
from app.domain.money import format_money
from app.domain.quarters import quarter_sort_key
from app.services.business_settings import load_business_settings
from app.services.claims.account_edit import Choice
from app.services.mdf.allocations import allocation_partners, delete_allocation
from app.services.mdf.balances import BALANCE_COLUMNS, BalanceRow
from app.services.mdf.overview import mdf_overview
from app.services.mdf.rows import REQUEST_COLUMNS, RequestRow
from app.services.store import Session
from app.ui.changes import RecordKind
from app.ui.combo_fill import refill
from app.ui.context import UiContext
from app.ui.mdf.allocation_dialog import MdfAllocationDialog
from app.ui.mdf.claim_dialog import MdfClaimDialog
from app.ui.mdf.detail import RequestDetailView
from app.ui.mdf.request_dialog import MdfRequestDialog
from app.ui.mdf.step_dialog import MdfStepDialog
from app.ui.open_dialogs import OpenDialogs
from app.ui.operations import IsCancelled, Progress
from app.ui.page_base import Page, Reader, plural, table_count
from app.ui.partners.dialog import ask
from app.ui.record_table import RecordTable
from app.ui.selection_gate import SelectionGate
from app.ui.shortcuts import bind

ALL_QUARTERS = "All quarters"


class MdfRead(NamedTuple):
    """What the page reads in the background."""

    balances: Sequence[BalanceRow]
    requests: Sequence[RequestRow]
    partners: Sequence[Choice]
    currency: str


class MdfPage(Page):
    #: Asks a yes/no question, No the default (tests put an answer instead).
    ask_yes: Callable[[QWidget, str, str], bool] = staticmethod(ask)
    key = "mdf"
    title = "MDF"
    icon_name = "mdf"
    loading_text = "Reading market development funds…"
    kinds = frozenset({RecordKind.MDF, RecordKind.PARTNER, RecordKind.SETTING})

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.read: MdfRead = MdfRead((), (), (), "EUR")
        self.wanted_request: int | None = None  # a request just made, selected once shown
        self.dialogs: OpenDialogs[QDialog] = OpenDialogs()
        self.balances = RecordTable("mdf_balances", BALANCE_COLUMNS, self)
        self.balances.setAccessibleName("Balances per partner and quarter")
        self.balances.empty_text = "No allocations yet. Start with New allocation (Ctrl+Shift+A)."
        self.requests = RecordTable("mdf_requests", REQUEST_COLUMNS, self)
        self.requests.setAccessibleName("Requests")
        self.requests.empty_text = "No requests. Select an allocation and press New request."
        self.detail = RequestDetailView(context.errors, self)
        self.quarter = QComboBox()
        self.quarter.setObjectName("mdfQuarter")
        self.quarter.setAccessibleName("Quarter")
        self.quarter.addItem(ALL_QUARTERS)
        self.quarter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        quarter_label = QLabel("&Quarter")
        quarter_label.setBuddy(self.quarter)
        self.requests_title = QLabel("Requests")
        self.requests_title.setObjectName("sectionTitle")
        self.buttons: dict[str, QPushButton] = {}
        self.new_allocation_button = self._button(
            "newAllocation",
            "New &allocation…",
            "Set a partner's funds for a quarter (Ctrl+Shift+A)",
        )
        self.edit_allocation_button = self._button(
            "editAllocation", "Change a&llocation…", "Change the selected allocation's amount"
        )
        self.new_request_button = self._button(
            "newRequest", "New &request…", "Ask for funds from the selected allocation (Ctrl+N)"
        )
        self.step_buttons = {
            Step.APPROVE: self._button("approve", "A&pprove…", "Approve all or part of it"),
            Step.REJECT: self._button("reject", "Re&ject…", "Reject it, with the reason"),
            Step.CLAIM: self._button("claim", "&Claim…", "Claim it after the activity, with proof"),
            Step.APPROVE_CLAIM: self._button(
                "approveClaim", "Appro&ve claim…", "Approve the claim in full or in part"
            ),
            Step.PAY: self._button("pay", "Mark pai&d…", "Record the payment and its date"),
        }
        self._lay_out(quarter_label)
        self._connect()

    def _button(self, name: str, text: str, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setToolTip(tip)
        self.buttons[name] = button
        return button

    def _lay_out(self, quarter_label: QLabel) -> None:
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(quarter_label)
        top.addWidget(self.quarter)
        top.addStretch(1)
        top.addWidget(self.new_allocation_button)
        top.addWidget(self.edit_allocation_button)
        balances = QWidget()
        upper = QVBoxLayout(balances)
        upper.setContentsMargins(0, 0, 0, 0)
        upper.addLayout(top)
        upper.addWidget(self.balances, 1)
        bar = QHBoxLayout()
        bar.setSpacing(6)
        bar.addWidget(self.requests_title, 1)
        bar.addWidget(self.new_request_button)
        for button in self.step_buttons.values():
            bar.addWidget(button)
        requests = QWidget()
        middle = QVBoxLayout(requests)
        middle.setContentsMargins(0, 0, 0, 0)
        middle.addLayout(bar)
        middle.addWidget(self.requests, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("mdfSplitter")
        self.splitter.setChildrenCollapsible(False)
        for part in (balances, requests, self.detail):
            self.splitter.addWidget(part)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.remember_splitter(self.splitter)
        self.body.addWidget(self.splitter, 1)

    def _connect(self) -> None:
        self.quarter.currentIndexChanged.connect(lambda _n: self._show_balances())
        self.new_allocation_button.clicked.connect(self.new_allocation)
        self.edit_allocation_button.clicked.connect(self.edit_allocation)
        self.new_request_button.clicked.connect(self.new_request)
        for step, button in self.step_buttons.items():
            button.clicked.connect(lambda _c=False, s=step: self.do_step(s))
        self.balances.activated.connect(lambda _index: self.edit_allocation())
        self.balances.selectionModel().selectionChanged.connect(lambda *_: self._show_requests())
        self.requests.selectionModel().selectionChanged.connect(lambda *_: self._show_detail())
        self.balances.menu.add("Change a&llocation…", self.edit_allocation, default=True)
        self.balances.menu.add("New &request…", self.new_request)
        self.balances.menu.add(
            "&Delete allocation…", self.delete_allocation, when=self._can_delete, shortcut="Delete"
        )
        for step, button in self.step_buttons.items():
            self.requests.menu.add(button.text(), self._doer(step), when=self._checker(step))
        bind(self, "Ctrl+N", self.new_request, "New request from the selected allocation")
        bind(self, "Ctrl+Shift+A", self.new_allocation, "New allocation")
        bind(
            self.balances, Qt.Key.Key_Delete, self.delete_allocation,
            "Delete the selected allocation (none was requested from)",
            Qt.ShortcutContext.WidgetShortcut,
        )  # fmt: skip
        self.gate = SelectionGate(self)
        self.gate.rows(self.edit_allocation_button, self.balances)
        self.gate.rows(self.new_request_button, self.balances)
        self.gate.watch(self.requests)
        for step, button in self.step_buttons.items():
            self.gate.add(button, self._checker(step))

    def _checker(self, step: Step) -> Callable[[], bool]:
        return lambda: self._can(step)

    def _doer(self, step: Step) -> Callable[[], object]:
        return lambda: self.do_step(step)

    # --- reading -------------------------------------------------------------------------

    def reader(self) -> Reader:
        """Every allocation's balance and every request, in the background."""
        today = self.context.today()

        def read(session: Session, _progress: Progress, _cancelled: IsCancelled) -> MdfRead:
            overview = mdf_overview(session, today)
            return MdfRead(
                overview.balances,
                overview.requests,
                allocation_partners(session),
                load_business_settings(session).reporting_currency,
            )

        return read

    def show_read(self, result: MdfRead) -> None:
        self.read = result
        found = sorted({r.quarter for r in result.balances}, key=quarter_sort_key, reverse=True)
        refill(self.quarter, [(quarter, quarter) for quarter in found])
        self._show_balances()

    def _show_balances(self) -> None:
        kept = {r.allocation_id for r in self.selected_allocations()}
        quarter = self.quarter.currentText()
        rows = [r for r in self.read.balances if quarter in (ALL_QUARTERS, r.quarter)]
        self.balances.records.set_rows(rows)
        for n, row in enumerate(self.balances.records.rows()):
            if row.allocation_id in kept:
                self.balances.selectRow(n)
        self._show_requests()
        self.update_count()

    def _show_requests(self) -> None:
        kept = self.selected_request()
        chosen = self.selected_allocations() or self.balances.records.rows()
        wanted = {r.allocation_id for r in chosen}
        self.requests.records.set_rows([r for r in self.read.requests if r.allocation_id in wanted])
        some = "the selected allocation" if self.selected_allocations() else "the allocations shown"
        self.requests_title.setText(f"Requests of {some} · {self.requests.records.rowCount()}")
        keep_id = self.wanted_request
        if keep_id is None and kept is not None:
            keep_id = kept.id
        if keep_id is not None:
            for n, row in enumerate(self.requests.records.rows()):
                if row.id == keep_id:
                    self.requests.selectRow(n)
                    if keep_id == self.wanted_request:
                        self.wanted_request = None
        self._show_detail()
        self.gate.update()

    def _show_detail(self) -> None:
        self.detail.show_request(self._db, self.selected_request())
        self.gate.update()

    def apply_filter(self, text: str) -> None:
        """The filter narrows the balances (a partner, a quarter); the requests follow them."""
        self.balances.records.set_filter(text)
        self._show_requests()
        self.update_count()

    def count_text(self) -> str:
        shown = table_count(self.balances, "allocation", "allocations")
        return f"{shown} · {plural(self.requests.records.rowCount(), 'request', 'requests')}"

    def export_source(self) -> tuple[str, Sequence[Any], Sequence[Column[Any]]] | None:
        return ("MDF balances", self.balances.records.rows(), self.balances.records.columns)

    # --- selections ----------------------------------------------------------------------

    def selected_allocations(self) -> list[BalanceRow]:
        rows = self.balances.selectionModel().selectedRows()
        return [self.balances.records.row_at(i.row()) for i in sorted(rows, key=lambda i: i.row())]

    def selected_request(self) -> RequestRow | None:
        rows = self.requests.selectionModel().selectedRows()
        return self.requests.records.row_at(rows[0].row()) if len(rows) == 1 else None

    def _can(self, step: Step) -> bool:
        row = self.selected_request()
        return row is not None and step in row.steps and not self.loading

    def loading_changed(self) -> None:
        self.gate.update()

    # --- acting --------------------------------------------------------------------------

    def keep(self, dialog: QDialog) -> QDialog:
        """Show a modeless dialog and forget it once closed."""
        return self.dialogs.show(dialog)

    def new_allocation(self) -> MdfAllocationDialog | None:
        if self._db is None:
            return None
        read = self.read
        dialog = MdfAllocationDialog(
            self.context, self._db, read.partners, read.currency, None, self.window()
        )
        self.keep(dialog)
        return dialog

    def edit_allocation(self) -> MdfAllocationDialog | None:
        chosen = self.selected_allocations()
        if self._db is None or len(chosen) != 1:
            return None
        read = self.read
        dialog = MdfAllocationDialog(
            self.context, self._db, read.partners, read.currency, chosen[0], self.window()
        )
        self.keep(dialog)
        return dialog

    def _can_delete(self) -> bool:
        chosen = self.selected_allocations()
        return len(chosen) == 1 and chosen[0].requests == 0

    def delete_allocation(self) -> bool:
        """Delete the selected allocation, once the user says yes; True when deleted. One that
        requests were made from stays (the service says why)."""
        chosen = self.selected_allocations()
        if self._db is None or len(chosen) != 1:
            return False
        row = chosen[0]
        amount = format_money(row.allocated, row.currency)
        question = f"Delete {row.partner}'s {row.quarter} allocation of {amount}?"
        if not self.ask_yes(self.window(), "Delete allocation", question):
            return False
        try:
            with self._db.transaction() as session:
                delete_allocation(session, row.allocation_id, row.version)
        except AppError as exc:
            self.context.errors.show_now(exc)
            self.context.changes.announce({RecordKind.MDF})
            return False
        self.context.changes.announce({RecordKind.MDF})
        return True

    def new_request(self) -> MdfRequestDialog | None:
        chosen = self.selected_allocations()
        if self._db is None or len(chosen) != 1:
            return None
        dialog = MdfRequestDialog(self.context, self._db, chosen[0], self.window())
        dialog.accepted.connect(lambda d=dialog: self._made(d.saved_id))
        self.keep(dialog)
        return dialog

    def _made(self, request_id: int | None) -> None:
        """A request just made is the one selected, its steps a click away: now if its row is
        in view, else once the page has read it."""
        self.wanted_request = request_id
        if not self.loading:
            self._show_requests()

    def do_step(self, step: Step) -> QDialog | None:
        """Open the dialog of ``step`` for the selected request (if its state allows it)."""
        row = self.selected_request()
        if self._db is None or row is None or not self._can(step):
            return None
        dialog: QDialog
        if step is Step.CLAIM:
            dialog = MdfClaimDialog(self.context, self._db, row, self.window())
        else:
            dialog = MdfStepDialog(self.context, self._db, row, step, self.window())
        return self.keep(dialog)
