"""The leads list with its filters, and below it the selected lead: where it stands, every
assignment it had and why, and the buttons that act on it (accept, decline, convert, lose,
assign by hand).

The handle between list and detail gives either more room in a small window.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.enums import LeadStatus
from app.services.leads.listing import (
    ASSIGNMENT_COLUMNS,
    LEAD_COLUMNS,
    AssignmentRow,
    LeadRow,
)
from app.ui.flow_layout import FlowLayout
from app.ui.leads.filters import LeadFilters
from app.ui.record_table import RecordTable
from app.ui.sections import button, section, splitter

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
    """The list, the filters, the detail and the action buttons (the page connects them)."""

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
        self.accept_button = button("A&ccept", "acceptLead", "The recipient takes the lead on")
        self.decline_button = button(
            "&Decline…", "declineLead", "The partner gives the lead back, with a reason"
        )
        self.convert_button = button(
            "Con&vert…", "convertLead", "Make the lead an account, a pending claim and a deal"
        )
        self.lose_button = button("L&ose…", "loseLead", "The lead came to nothing, with a reason")
        self.assign_button = button(
            "A&ssign to…", "assignLead", "Give the lead to a partner or the direct team by hand"
        )
        self.action_buttons: Sequence[QPushButton] = (
            self.accept_button, self.decline_button, self.convert_button, self.lose_button,
            self.assign_button,
        )  # fmt: skip
        actions = QWidget()
        row = FlowLayout(actions, spacing=6)
        for widget in self.action_buttons:
            row.addWidget(widget)
        row.setContentsMargins(0, 0, 0, 0)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.setSpacing(6)
        detail_layout.addWidget(self.summary)
        detail_layout.addWidget(actions)
        detail_layout.addWidget(section("Assignment histor&y", self.history, [])[0])
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.setSpacing(6)
        top_layout.addWidget(self.filters)
        top_layout.addWidget(self.table, 1)
        # The list takes the room; the detail is as tall as the lead's history (a few rows).
        self.splitter = splitter(Qt.Orientation.Vertical, "leadsSplitter", [(top, 1), (detail, 0)])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.splitter)
        self.history.fit_height_to_rows(HISTORY_ROWS, fewest=1)
        self.table.setMinimumHeight(self.table.rows_height(3, bar=True))

    def selected(self) -> LeadRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.table.records.row_at(rows[0].row()) if rows else None

    def show_lead(self, lead: LeadRow | None, history: Sequence[AssignmentRow]) -> None:
        self.summary.setText(NOTHING_SELECTED if lead is None else describe(lead))
        self.history.records.set_rows(list(history))
        self.fit_history()

    def fit_history(self) -> None:
        """The history as tall as its rows (up to a few), with room for its sideways scroll bar
        when the window is too narrow for its columns."""
        sideways = self.history.horizontalScrollBar()
        bar = sideways.sizeHint().height() if sideways.maximum() > 0 else 0
        self.history.fit_height_to_rows(HISTORY_ROWS, fewest=1, extra=bar)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_history()

    def select_code(self, code: str | None) -> None:
        """Select the lead with Lead ID ``code`` if listed, else the first one."""
        model = self.table.records
        if not model.rowCount():
            return
        found = [r for r in range(model.rowCount()) if model.row_at(r).lead_code == code]
        self.table.selectRow(found[0] if found else 0)
