"""Approving or rejecting a claim, with the reason written down.

A rejection needs a reason (the partner will ask why); an approval may have one. The dialog
shows what is decided on — claimant, account, dates, amount — so nobody approves the wrong row.
"""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.money import format_money
from app.services.claims.accounts import ClaimRow
from app.services.claims.claim_list import CLAIM_PAGE_COLUMNS
from app.ui.field_box import ProblemLine
from app.ui.figures import unbroken_figures
from app.ui.unsaved import AsksBeforeDiscarding


class ClaimDecisionDialog(AsksBeforeDiscarding, QDialog):
    """``approve`` says which decision; ``reason()`` what the user wrote."""

    def __init__(self, row: ClaimRow, approve: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("claimDecisionDialog")
        self.approve = approve
        self.noun = "decision"
        verb = "Approve" if approve else "Reject"
        self.setWindowTitle(f"{verb} claim")
        columns = {c.key: c for c in CLAIM_PAGE_COLUMNS}
        amount = (
            format_money(row.deal_amount, row.currency)
            if row.deal_amount is not None and row.currency
            else "no amount"
        )
        facts = QLabel(
            f"<b>{escape(row.claimant)}</b> on <b>{escape(row.account)}</b><br>"
            + unbroken_figures(
                f"claimed on {row.claimed_on.isoformat()}, valid until "
                f"{row.valid_until.isoformat()} · {amount} · commission "
                f"{columns['commission_pct'].text(row)} · now {columns['status'].text(row).lower()}"
            )
        )
        facts.setWordWrap(True)
        label = QLabel("&Reason" + ("" if not approve else " (optional)"))
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setObjectName("reason")
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setAccessibleName("Reason")
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setPlaceholderText(
            "Why? e.g. a named account of the direct team" if not approve else ""
        )
        label.setBuddy(self.reason_edit)
        self.problem = ProblemLine()  # its room kept: a refusal moves nothing
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.addButton(f"&{verb}", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("decideButton")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 12)
        layout.setSpacing(8)
        layout.addWidget(facts)
        layout.addWidget(label)
        layout.addWidget(self.reason_edit, 1)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(560, 300)
        self.reason_edit.setFocus()

    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()

    def accept(self) -> None:
        if not self.approve and not self.reason():
            self.problem.setText("Say why the claim is rejected; the partner will ask.")
            self.problem.show()
            self.reason_edit.setFocus()
            return
        super().accept()
