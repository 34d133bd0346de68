"""The deals page: joint deals with their parties and total commission, and the pipeline by
stage and by registering partner, with totals per currency.

A deal whose parties together expect more than the commission limit (a business setting) is
marked in the list. Keys: Ctrl+N new deal, Enter opens the selected deal; "Move to" changes the
selected deal's stage without opening it, and Ctrl+Z takes the move back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any, NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.columns import Column
from app.domain.deal_form import CLOSED
from app.domain.enums import DealStage
from app.domain.money import format_money, format_percent
from app.services.business_settings import load_business_settings
from app.services.deals.edit import set_stage
from app.services.deals.pipeline import (
    PARTNER_COLUMNS,
    STAGE_COLUMNS,
    PartnerTotal,
    StageTotal,
    by_partner,
    by_stage,
    open_totals,
)
from app.services.deals.rows import DEAL_COLUMNS, DealRow, list_deals
from app.services.store import Session
from app.ui.changes import RecordKind
from app.ui.context import UiContext
from app.ui.deals.dialog import DealDialog
from app.ui.deals.undo import StageMove
from app.ui.figures import unbroken_figures
from app.ui.open_dialogs import OpenDialogs
from app.ui.operations import IsCancelled, Progress
from app.ui.page_base import Page, Reader, table_count
from app.ui.record_table import RecordTable
from app.ui.selection_gate import SelectionGate
from app.ui.shortcuts import bind
from app.ui.table_menu import Needs


class DealsRead(NamedTuple):
    """What the page reads in the background: the limit, the deals and the pipeline's sums."""

    limit_pct: Decimal
    deals: Sequence[DealRow]
    stages: Sequence[StageTotal]
    partners: Sequence[PartnerTotal]
    totals: dict[str, Decimal]


class _Limit:
    """The commission limit the list compares against, read with the rows."""

    pct = Decimal(30)


#: The deals list: what a CAM reads first on the left, the commission figures in view.
_ORDER = (
    "name", "deal_code", "account", "registering_partner", "stage", "amount",
    "total_commission_pct", "commission_check", "expected_close", "closed_on", "families",
    "paper", "direct_reps", "currency",
)  # fmt: skip
_WIDTHS = {"name": 30, "account": 22, "registering_partner": 20}


def _deal_columns(limit: _Limit) -> tuple[Column[DealRow], ...]:
    check: Column[DealRow] = Column(
        "commission_check",
        "Check",
        lambda r: (
            f"⚠ over {format_percent(limit.pct)}" if r.total_commission_pct > limit.pct else ""
        ),
        width=11,
    )
    known = {c.key: c for c in DEAL_COLUMNS} | {check.key: check}
    columns = [known[key] for key in _ORDER if key in known]
    columns += [c for c in DEAL_COLUMNS if c.key not in _ORDER]
    return tuple(replace(c, width=_WIDTHS.get(c.key, c.width)) for c in columns)


class DealsPage(Page):
    key = "deals"
    title = "Deals"
    icon_name = "deals"
    loading_text = "Reading deals…"
    kinds = frozenset({RecordKind.DEAL, RecordKind.ACCOUNT, RecordKind.PARTNER, RecordKind.SETTING})

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.limit = _Limit()
        self.table = RecordTable(self.key, _deal_columns(self.limit), self)
        self.stages = RecordTable("pipeline_stages", STAGE_COLUMNS, self)
        self.partners = RecordTable("pipeline_partners", PARTNER_COLUMNS, self)
        self.table.empty_text = "No deals yet. Start one with New deal (Ctrl+N)."
        self.stages.empty_text = self.partners.empty_text = "No open deals."
        self.tabs = QTabWidget()
        self.tabs.setObjectName("dealTabs")
        self.tabs.addTab(self.table, "Deals")
        self.tabs.addTab(self.stages, "Pipeline by stage")
        self.tabs.addTab(self.partners, "Pipeline by partner")
        self.totals = QLabel()
        self.totals.setObjectName("openTotals")
        self.totals.setWordWrap(True)
        self.over_limit = QLabel()
        self.over_limit.setObjectName("overLimit")
        self.over_limit.setStyleSheet("color: #b54708; font-weight: bold;")
        self.new_button = QPushButton("&New deal")
        self.new_button.setObjectName("newDeal")
        self.new_button.setToolTip("Create a joint deal (Ctrl+N)")
        self.open_button = QPushButton("&Open")
        self.open_button.setObjectName("openDeal")
        self.open_button.setToolTip("Open the selected deal (Enter)")
        self.stage_button = QPushButton("&Move to")
        self.stage_button.setObjectName("moveStage")
        self.stage_button.setToolTip("Move the selected deal to another stage")
        self.stage_menu = QMenu("&Move to", self.stage_button)
        for stage in DealStage:
            action = self.stage_menu.addAction(stage.label)
            action.setObjectName(f"stage_{stage.value}")
            action.triggered.connect(lambda _c=False, s=stage: self.move_to(s))
        self.stage_button.setMenu(self.stage_menu)
        bar = QHBoxLayout()
        sums = QVBoxLayout()
        sums.setSpacing(2)
        sums.addWidget(self.totals)
        sums.addWidget(self.over_limit)
        bar.addLayout(sums, 1)
        bar.addWidget(self.new_button)
        bar.addWidget(self.open_button)
        bar.addWidget(self.stage_button)
        self.body.addLayout(bar)
        self.body.addWidget(self.tabs, 1)
        self.dialogs: OpenDialogs[DealDialog] = OpenDialogs()
        self.new_button.clicked.connect(self.new_deal)
        self.open_button.clicked.connect(self.open_selected)
        self.table.activated.connect(lambda _index: self.open_selected())
        self.table.menu.add("&Open", self.open_selected, default=True, shortcut="Return")
        self.table.menu.add_action(self.stage_menu.menuAction(), Needs.ONE)
        open_key = bind(
            self.table,
            Qt.Key.Key_Return,
            self.open_selected,
            "Open the selected deal",
            Qt.ShortcutContext.WidgetShortcut,
        )
        bind(self, "Ctrl+N", self.new_deal, "New deal")
        # Open and Move to wait for a deal to be selected
        self.gate = SelectionGate(self)
        for control in (self.open_button, self.stage_button, open_key):
            self.gate.rows(control, self.table)
        self.edits = self.undo_stack = QUndoStack(self)  # Edit › Undo takes a move back

    def reader(self) -> Reader:
        """Every deal and the pipeline's sums: in the background."""

        def read(session: Session, _progress: Progress, _cancelled: IsCancelled) -> DealsRead:
            return DealsRead(
                load_business_settings(session).commission_limit_pct,
                list_deals(session),
                by_stage(session),
                by_partner(session),
                open_totals(session),
            )

        return read

    def show_read(self, result: DealsRead) -> None:
        self.limit.pct = result.limit_pct
        chosen = self.selected()
        self.table.records.set_rows(result.deals)
        self.stages.records.set_rows(result.stages)
        self.partners.records.set_rows(result.partners)
        totals = result.totals
        shown = " · ".join(format_money(a, c) for c, a in totals.items()) or "nothing open"
        over = sum(1 for r in self.table.records.rows() if r.total_commission_pct > self.limit.pct)
        limit = format_percent(self.limit.pct)
        self.totals.setText(unbroken_figures(f"Open pipeline: {shown}"))
        self.over_limit.setText(
            f"⚠ {over} deal{'s' if over != 1 else ''} over the {limit} commission limit"
            if over
            else ""
        )
        self.over_limit.setVisible(bool(over))
        if chosen is not None:
            ids = [r.id for r in self.table.records.rows()]
            if chosen.id in ids:
                self.table.selectRow(ids.index(chosen.id))

    def count_text(self) -> str:
        return table_count(self.table, "deal", "deals")

    def export_source(self) -> tuple[str, Sequence[Any], Sequence[Column[Any]]] | None:
        return (self.title, self.table.records.rows(), self.table.records.columns)

    # --- acting on deals -----------------------------------------------------------------

    def selected(self) -> DealRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.table.records.row_at(rows[0].row()) if rows else None

    def new_deal(self) -> DealDialog | None:
        return self._show(None)

    def open_selected(self) -> DealDialog | None:
        row = self.selected()
        return self._show(row.id) if row is not None else None

    def _show(self, deal_id: int | None) -> DealDialog | None:
        if self._db is None:
            return None
        return self.dialogs.show(DealDialog(self.context, self._db, deal_id, self.window()))

    def _undone(self, problem: BaseException | None) -> None:
        if problem is not None:
            self.context.errors.show_now(problem)
        self.context.changes.announce({RecordKind.DEAL})

    def move_to(self, stage: DealStage) -> bool:
        row = self.selected()
        if row is None or self._db is None or row.stage is stage:
            return False
        today = self.context.today()
        try:
            with self._db.transaction() as session:
                set_stage(session, row.id, row.version, stage, today=today)
        except Exception as exc:  # a stale row or a bug, shown through the error hook
            self.context.errors.show_now(exc)
            self.context.changes.announce({RecordKind.DEAL})
            return False
        closed = today if stage in CLOSED else None
        before, after = (row.stage, row.closed_on), (stage, closed)
        self.edits.push(StageMove(self._db, row.id, row.name, before, after, self._undone))
        when = f", closed on {today.isoformat()}" if closed else ""
        self.say(f"{row.name} moved to {stage.label.lower()}{when} (Ctrl+Z takes it back).")
        self.context.changes.announce({RecordKind.DEAL})
        return True
