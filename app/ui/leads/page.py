"""The leads page: the leads with their filters and each one's assignment history, and the lead
board, one tab each. Route works out a routing run on the chosen day, shows it, and runs it on
the person's word; the lead rules and an import of leads are one button away.

Only the tab in view is read, in the background. Keys: Ctrl+Shift+O routes, Ctrl+Tab moves
between tabs, Ctrl+E exports the tab in view; on a lead, Ctrl+Shift+A accepts it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from itertools import pairwise
from typing import Any, NamedTuple

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDateEdit, QDialog, QHBoxLayout, QTabWidget, QWidget

from app.domain.columns import Column
from app.services.leads.board_rows import BOARD_COLUMNS, BoardLine, BoardView, board_view
from app.services.leads.listing import (
    LEAD_COLUMNS,
    LeadChoices,
    LeadRow,
    count_leads,
    lead_assignments,
    lead_choices,
    list_leads,
)
from app.services.store import Session
from app.ui.changes import RecordKind
from app.ui.context import UiContext
from app.ui.leads.board_tab import BoardTab
from app.ui.leads.lead_actions import LeadActions
from app.ui.leads.leads_tab import LeadsTab
from app.ui.leads.route import RouteFlow
from app.ui.leads.rules_dialog import LeadRulesDialog
from app.ui.open_dialogs import OpenDialogs
from app.ui.operations import IsCancelled, Progress
from app.ui.page_base import Page, Reader, plural, table_count
from app.ui.sections import button
from app.ui.shortcuts import bind

LEADS, BOARD = range(2)
LOADING = {LEADS: "Reading leads…", BOARD: "Counting the lead board…"}


class LeadsRead(NamedTuple):
    choices: LeadChoices
    rows: Sequence[LeadRow]
    total: int  # every lead, whatever the filters


class LeadsPage(Page):
    key = "leads"
    title = "Leads"
    icon_name = "leads"
    kinds = frozenset(
        {
            RecordKind.LEAD,
            RecordKind.PARTNER,
            RecordKind.TIER,
            RecordKind.SETTING,
            RecordKind.DEAL,
        }
    )

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        today = context.today()
        self.leads = LeadsTab()
        self.board = BoardTab(today)
        self.remember_splitter(self.leads.splitter)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("leadTabs")
        self.tabs.addTab(self.leads, "&Leads")
        self.tabs.addTab(self.board, "Lead &board")
        self.route_on = QDateEdit(QDate(today.year, today.month, today.day))
        self.route_on.setObjectName("routeOn")
        self.route_on.setCalendarPopup(True)
        self.route_on.setDisplayFormat("yyyy-MM-dd")
        self.route_on.setAccessibleName("Route on")
        self.route_on.setToolTip(
            "Route on this day: the run counts deadlines and loads on it (today unless changed)"
        )
        self.route_button = button(
            "&Route…", "routeLeads", "See what a routing run would do, then run it (Ctrl+Shift+O)"
        )
        self.rules_button = button(
            "Lead r&ules…", "leadRules", "Grade routes, tier weights, deadlines and the pause rule"
        )
        self.import_button = button(
            "&Import…", "importLeads", "Import a campaign's leads from a workbook"
        )
        at = self.header.count() - 1  # before the filter
        for widget in (self.route_on, self.route_button):
            self.header.insertWidget(at, widget)
            at += 1
        # The rules and the import sit at the right of the tabs, leaving the header the room a
        # small screen lacks.
        corner = QWidget()
        corner.setObjectName("leadCommands")
        corner_row = QHBoxLayout(corner)
        corner_row.setContentsMargins(0, 0, 0, 4)
        corner_row.setSpacing(8)
        corner_row.addWidget(self.rules_button)
        corner_row.addWidget(self.import_button)
        self.tabs.setCornerWidget(corner, Qt.Corner.TopRightCorner)
        self.body.addWidget(self.tabs)
        self.lead_actions = LeadActions(self)
        self.loaded: set[int] = set()
        self.total = 0  # every lead, whatever the filters
        self.route_flow: RouteFlow | None = None
        self.dialogs: OpenDialogs[QDialog] = OpenDialogs()

        self.tabs.currentChanged.connect(self._tab_shown)
        self.leads.filters.changed.connect(self._filters_changed)
        self.leads.table.selectionModel().selectionChanged.connect(lambda *_: self.show_detail())
        self.leads.table.records.modelReset.connect(self.show_detail)
        self.board.dates_changed.connect(self._board_dates_changed)
        self.board.quiet_asked.connect(self.show_quiet)
        self.route_button.clicked.connect(self.route)
        self.rules_button.clicked.connect(self.open_rules)
        self.import_button.clicked.connect(self.import_leads)
        bind(self, "Ctrl+Shift+O", self.route, "Route the leads (preview first)")
        order = (
            self.route_on, self.route_button, self.filter_edit, self.rules_button,
            self.import_button, self.tabs,
        )  # fmt: skip
        for first, second in pairwise(order):
            self.setTabOrder(first, second)

    # --- loading -------------------------------------------------------------------------

    def invalidate(self) -> None:
        self.loaded.clear()
        super().invalidate()

    def reader(self) -> Reader:
        """Read the tab in view, in the background; the other waits until it is shown."""
        tab = self.tabs.currentIndex()
        self.loading_text = LOADING[tab]
        today = self.context.today()
        if tab == BOARD:
            on, since = self.board.dates()

            def read_board(session: Session, _p: Progress, _c: IsCancelled) -> BoardView:
                return board_view(session, on, since)

            return read_board
        query = self.leads.filters.query()

        def read_leads(session: Session, _p: Progress, _c: IsCancelled) -> LeadsRead:
            rows = list_leads(session, query, today)
            return LeadsRead(lead_choices(session), rows, count_leads(session))

        return read_leads

    def show_read(self, result: LeadsRead | BoardView) -> None:
        if isinstance(result, BoardView):
            self.board.show_board(result)
            self.loaded.add(BOARD)
            return
        kept = self.leads.selected()
        self.leads.filters.set_choices(result.choices)
        self.total = result.total
        self.leads.table.records.set_rows(list(result.rows))
        self.leads.select_code(kept.lead_code if kept is not None else None)
        self.loaded.add(LEADS)

    def _tab_shown(self, tab: int) -> None:
        if tab not in self.loaded and self.isVisible():
            self.refresh()
        else:
            self.update_count()

    def _filters_changed(self) -> None:
        self.loaded.discard(LEADS)
        if self.isVisible() and self.tabs.currentIndex() == LEADS:
            self.refresh()

    def _board_dates_changed(self) -> None:
        self.loaded.discard(BOARD)
        if self.isVisible() and self.tabs.currentIndex() == BOARD:
            self.refresh()

    def loading_changed(self) -> None:
        self.lead_actions.enable()

    def count_text(self) -> str:
        if self.tabs.currentIndex() == BOARD:
            return table_count(self.board.table, "recipient", "recipients")
        shown = self.leads.table.records.rowCount()
        if shown != self.total:
            return f"{shown:,} of {plural(self.total, 'lead', 'leads')}"
        return plural(shown, "lead", "leads")

    def export_source(self) -> tuple[str, Sequence[Any], Sequence[Column[Any]]] | None:
        if self.tabs.currentIndex() == BOARD:
            return ("Lead board", self.board.table.records.rows(), BOARD_COLUMNS)
        return ("Leads", self.leads.table.records.rows(), LEAD_COLUMNS)

    def apply_filter(self, text: str) -> None:
        """The filter box narrows the table in view (the other keeps its rows)."""
        for table in (self.leads.table, self.board.table):
            table.records.set_filter(text)
        self.update_count()

    # --- the selected lead ---------------------------------------------------------------

    def selected_lead(self) -> LeadRow | None:
        return self.leads.selected()

    def show_detail(self) -> None:
        lead = self.selected_lead()
        history = []
        if lead is not None and self._db is not None:
            with self._db.reading() as session:  # one lead's few rows, by its index
                history = lead_assignments(session, lead.id)
        self.leads.show_lead(lead, history)
        self.lead_actions.enable()

    def show_quiet(self, line: BoardLine) -> None:
        """The leads list with only ``line``'s quiet leads, as the board counted them."""
        view = self.board.view
        on = view.on.isoformat() if view is not None else ""
        said = f"Quiet leads of {line.recipient} on {on}: {plural(line.quiet, 'lead', 'leads')}"
        self.tabs.setCurrentIndex(LEADS)
        self.leads.filters.show_only(frozenset(line.quiet_leads), said)
        self.leads.table.setFocus()

    # --- commands ------------------------------------------------------------------------

    def route_day(self) -> date:
        day = self.route_on.date()
        return date(day.year(), day.month(), day.day())

    def route(self) -> RouteFlow | None:
        """Preview the run on the chosen day, then run it if the person says so."""
        if self._db is None or (self.route_flow is not None and self.route_flow.busy):
            return None
        self.route_flow = RouteFlow(self, self.context, self._db, self.route_day(), self.say)
        self.route_flow.start()
        return self.route_flow

    def open_rules(self) -> LeadRulesDialog | None:
        if self._db is None:
            return None
        dialog = LeadRulesDialog(self.context, self._db, self.window())
        dialog.saved.connect(lambda: self.say("Lead rules saved."))
        self.keep(dialog)
        return dialog

    def import_leads(self) -> None:
        commands = getattr(self.window(), "commands", None)
        if commands is not None:
            commands.import_records(kind="leads")

    def keep(self, dialog: QDialog) -> None:
        """Show a modeless dialog and forget it once closed."""
        self.dialogs.show(dialog)
