"""Resolving an overlap: pick the claim that owns the account and say why.

Every other claim of the group is rejected with that reason, so the dialog shows each claim's
claimant, account, dates and commission at stake — the facts the decision rests on.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.money import format_money, percent_number
from app.services.claims.overlap_rows import OverlapClaimRow
from app.ui.field_box import ProblemLine
from app.ui.figures import unbroken_figures
from app.ui.unsaved import AsksBeforeDiscarding


def claim_choice(row: OverlapClaimRow) -> str:
    """``Northwind — Contoso Ltd · since 2026-11-13 · EUR 200,000.00 at 10%``."""
    amount = (
        format_money(row.deal_amount, row.currency)
        if row.deal_amount is not None and row.currency
        else "no amount"
    )
    pct = percent_number(row.commission_pct)
    return (
        f"{row.claimant} — {row.account} · since {row.claimed_on.isoformat()} · {amount} at {pct}%"
    )


class OverlapResolveDialog(AsksBeforeDiscarding, QDialog):
    """``owner_claim_id()`` and ``reason()`` once accepted."""

    noun = "decision"

    def __init__(
        self, claims: Sequence[OverlapClaimRow], explanation: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("overlapResolveDialog")
        self.setWindowTitle("Resolve overlap")
        self.claims = list(claims)
        facts = QLabel(unbroken_figures(explanation))
        facts.setWordWrap(True)
        owner_label = QLabel("&Owner of the account")
        self.owner_combo = QComboBox()
        self.owner_combo.setObjectName("owner")
        self.owner_combo.setAccessibleName("Owner")
        for row in self.claims:
            self.owner_combo.addItem(claim_choice(row), row.claim_id)
        # Long names make the choice long: the dialog keeps its width and the open list
        # shows each choice whole.
        self.owner_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.owner_combo.setMinimumContentsLength(40)
        choices = self.owner_combo.view()
        choices.setMinimumWidth(choices.sizeHintForColumn(0) + 24)
        owner_label.setBuddy(self.owner_combo)
        note = QLabel("The other claims are rejected with the reason below.")
        note.setObjectName("hint")
        reason_label = QLabel("Rea&son")
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setObjectName("reason")
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setAccessibleName("Reason")
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setPlaceholderText("Why? e.g. first to register, with a signed NDA")
        reason_label.setBuddy(self.reason_edit)
        self.problem = ProblemLine()  # its room kept: a refusal moves nothing
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.addButton("&Resolve", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("resolveButton")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 12)
        layout.setSpacing(8)
        layout.addWidget(facts)
        layout.addWidget(owner_label)
        layout.addWidget(self.owner_combo)
        layout.addWidget(note)
        layout.addWidget(reason_label)
        layout.addWidget(self.reason_edit, 1)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(640, 340)
        self.owner_combo.setFocus()

    def owner_claim_id(self) -> int:
        return int(self.owner_combo.currentData())

    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()

    def accept(self) -> None:
        if not self.reason():
            self.problem.setText("Say why this claimant owns the account; the others will ask.")
            self.problem.show()
            self.reason_edit.setFocus()
            return
        super().accept()
