"""The leads page: the leads with their filters and each one's assignment history; the lead
rules and an import of leads are one button away.

The leads are read in the background. Ctrl+E exports the leads as listed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from PySide6.QtWidgets import QDialog, QTabWidget, QWidget

from app.domain.columns import Column
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
from app.ui.leads.leads_tab import LeadsTab
from app.ui.leads.rules_dialog import LeadRulesDialog
from app.ui.operations import IsCancelled, Progress
from app.ui.page_base import Page, Reader, plural
from app.ui.sections import button

LEADS = 0
LOADING = {LEADS: "Reading leads…"}


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
        self.leads = LeadsTab()
        self.remember_splitter(self.leads.splitter)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("leadTabs")
        self.tabs.addTab(self.leads, "&Leads")
        self.rules_button = button(
            "Lead r&ules…", "leadRules", "Grade routes, tier weights, deadlines and the pause rule"
        )
        self.import_button = button(
            "&Import…", "importLeads", "Import a campaign's leads from a workbook"
        )
        at = self.header.count() - 1  # before the filter
        for widget in (self.rules_button,):
            self.header.insertWidget(at, widget)
            at += 1
        self.header.insertWidget(at, self.import_button)
        self.body.addWidget(self.tabs)
        self.loaded: set[int] = set()
        self.total = 0  # every lead, whatever the filters
        self.last_message = ""
        self.dialogs: list[QDialog] = []

        self.tabs.currentChanged.connect(self._tab_shown)
        self.leads.filters.changed.connect(self._filters_changed)
        self.leads.table.selectionModel().selectionChanged.connect(lambda *_: self.show_detail())
        self.leads.table.records.modelReset.connect(self.show_detail)
        self.rules_button.clicked.connect(self.open_rules)
        self.import_button.clicked.connect(self.import_leads)
        self.setTabOrder(self.rules_button, self.import_button)
        self.setTabOrder(self.import_button, self.filter_edit)
        self.setTabOrder(self.filter_edit, self.tabs)

    # --- loading -------------------------------------------------------------------------

    def invalidate(self) -> None:
        self.loaded.clear()
        super().invalidate()

    def reader(self) -> Reader:
        """Read the tab in view, in the background; the other waits until it is shown."""
        self.loading_text = LOADING[LEADS]
        today = self.context.today()
        query = self.leads.filters.query()

        def read_leads(session: Session, _p: Progress, _c: IsCancelled) -> LeadsRead:
            rows = list_leads(session, query, today)
            return LeadsRead(lead_choices(session), rows, count_leads(session))

        return read_leads

    def show_read(self, result: LeadsRead) -> None:
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

    def count_text(self) -> str:
        shown = self.leads.table.records.rowCount()
        if shown != self.total:
            return f"{shown:,} of {plural(self.total, 'lead', 'leads')}"
        return plural(shown, "lead", "leads")

    def export_source(self) -> tuple[str, Sequence[Any], Sequence[Column[Any]]] | None:
        return ("Leads", self.leads.table.records.rows(), LEAD_COLUMNS)

    def apply_filter(self, text: str) -> None:
        """The filter box narrows the table in view (the other keeps its rows)."""
        for table in (self.leads.table,):
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

    # --- commands ------------------------------------------------------------------------

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
        self.dialogs.append(dialog)
        dialog.finished.connect(lambda _r, d=dialog: self._closed(d))
        dialog.show()
        dialog.activateWindow()

    def _closed(self, dialog: QDialog) -> None:
        if dialog in self.dialogs:
            self.dialogs.remove(dialog)
        dialog.deleteLater()

    def say(self, text: str) -> None:
        """A short note in the window's status bar."""
        self.last_message = text
        show = getattr(self.window(), "show_message", None)
        if callable(show):
            show(text)
