"""The leads list with its filters, and below it the selected lead: where it stands, and every
assignment it had and why.

The handle between list and detail gives either more room in a small window.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.domain.enums import LeadStatus
from app.services.leads.listing import (
    ASSIGNMENT_COLUMNS,
    LEAD_COLUMNS,
    AssignmentRow,
    LeadRow,
)
from app.ui.leads.filters import LeadFilters
from app.ui.record_table import RecordTable
from app.ui.sections import section, splitter

NOTHING_SELECTED = "Select a lead to see every assignment it had and why."
HISTORY_ROWS = 5


def describe(lead: LeadRow) -> str:
    """One line on where ``lead`` stands, in words."""
    grade = lead.grade or "no grade"
    said = f"{lead.lead_code} · {lead.company} ({lead.country}), grade {grade}: {lead.status.label}"
    if lead.recipient is not None and lead.status is not LeadStatus.NURTURE:
        said += f" with {lead.recipient_name or lead.recipient}"
        if lead.answer_by is not None:
            said += f", to accept by {lead.answer_by.isoformat()}"
        elif lead.accepted_on is not None:
            said += f", accepted on {lead.accepted_on.isoformat()}"
    if lead.quiet:
        said += " — quiet: no conversion or loss since it was accepted"
    if lead.status_reason:
        said += f". Reason: {lead.status_reason}"
    return said


class LeadsTab(QWidget):
    """The list, the filters and the detail (the page connects them)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("leadsTab")
        self.filters = LeadFilters()
        self.table = RecordTable("leads", LEAD_COLUMNS)
        self.table.empty_text = (
            "No leads yet. Import a campaign's leads with Import leads…, then Route them."
        )
        self.table.setSelectionMode(RecordTable.SelectionMode.SingleSelection)
        self.summary = QLabel(NOTHING_SELECTED)
        self.summary.setObjectName("leadSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.history = RecordTable("lead_assignments", ASSIGNMENT_COLUMNS)
        self.history.empty_text = "Never assigned."
        self.history.setSelectionMode(RecordTable.SelectionMode.NoSelection)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.setSpacing(6)
        detail_layout.addWidget(self.summary)
        detail_layout.addWidget(section("Assignment histor&y", self.history, [])[0], 1)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.setSpacing(6)
        top_layout.addWidget(self.filters)
        top_layout.addWidget(self.table, 1)
        self.splitter = splitter(Qt.Orientation.Vertical, "leadsSplitter", [(top, 3), (detail, 2)])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.splitter)
        self.history.setMinimumHeight(self.history.rows_height(2))
        self.table.setMinimumHeight(self.table.rows_height(3, bar=True))

    def selected(self) -> LeadRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.table.records.row_at(rows[0].row()) if rows else None

    def show_lead(self, lead: LeadRow | None, history: Sequence[AssignmentRow]) -> None:
        self.summary.setText(NOTHING_SELECTED if lead is None else describe(lead))
        self.history.records.set_rows(list(history))

    def select_code(self, code: str | None) -> None:
        """Select the lead with Lead ID ``code`` if listed, else the first one."""
        model = self.table.records
        if not model.rowCount():
            return
        found = [r for r in range(model.rowCount()) if model.row_at(r).lead_code == code]
        self.table.selectRow(found[0] if found else 0)
