"""Resolving an overlap: pick the claim that owns the account and say why.

Every other claim of the group is rejected with that reason, so the dialog shows each claim's
claimant, account, dates and commission at stake — the facts the decision rests on — and the
owner the rules of engagement suggest, chosen to start with. "Copy explanation" puts the few
sentences the partners involved should read on the clipboard, so each hears the same rule.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.engagement import DIRECT, resolution_notice, rule_sentence
from app.domain.money import format_money, percent_number
from app.services.claims.group_matches import ResolveAdvice
from app.services.claims.overlap_rows import OverlapClaimRow
from app.ui.field_box import ProblemLine
from app.ui.figures import unbroken_figures
from app.ui.unsaved import AsksBeforeDiscarding

#: The choice that gives a named account to the direct team when it holds no claim there.
DIRECT_CHOICE = "Direct team — its named account (a claim of the team is registered for it)"


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
        self,
        claims: Sequence[OverlapClaimRow],
        explanation: str,
        parent: QWidget | None = None,
        advice: ResolveAdvice | None = None,
    ) -> None:
        super().__init__(parent)
        self.advice = advice
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
        if advice is not None and advice.direct_choice:
            self.owner_combo.addItem(DIRECT_CHOICE, None)
        if advice is not None:  # the rules' answer to start with
            self.owner_combo.setCurrentIndex(
                max(self.owner_combo.findData(advice.suggested_claim), 0)
            )
        # Long names make the choice long: the dialog keeps its width and the open list
        # shows each choice whole.
        self.owner_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.owner_combo.setMinimumContentsLength(40)
        choices = self.owner_combo.view()
        choices.setMinimumWidth(choices.sizeHintForColumn(0) + 24)
        owner_label.setBuddy(self.owner_combo)
        suggested = QLabel(self._suggested_text())
        suggested.setObjectName("suggestedOwner")
        suggested.setWordWrap(True)
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
        self.copy_button = buttons.addButton(
            "&Copy explanation", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.copy_button.setObjectName("copyExplanation")
        self.copy_button.setToolTip(
            "Put the explanation for the partners involved on the clipboard, ready to paste"
        )
        self.copy_button.clicked.connect(self.copy_notice)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 12)
        layout.setSpacing(8)
        layout.addWidget(facts)
        layout.addWidget(suggested)
        layout.addWidget(owner_label)
        layout.addWidget(self.owner_combo)
        layout.addWidget(note)
        layout.addWidget(reason_label)
        layout.addWidget(self.reason_edit, 1)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(640, 340)
        self.owner_combo.setFocus()

    def _suggested_text(self) -> str:
        advice = self.advice
        if advice is None:
            return ""
        why = rule_sentence(advice.suggestion, advice.suggested_name, advice.first_day)
        return f"Suggested owner: {advice.suggested_name}, because {why}."

    def owner_claim_id(self) -> int | None:
        """The chosen claim; None: the direct team, for its named account."""
        data = self.owner_combo.currentData()
        return None if data is None else int(data)

    def notice(self) -> str:
        """The explanation for the partners involved, for the owner chosen now."""
        owner = self.owner_claim_id()
        chosen = next((r for r in self.claims if r.claim_id == owner), None)
        owner_name = chosen.claimant if chosen is not None else DIRECT
        others = list(dict.fromkeys(r.claimant for r in self.claims if r.claimant != owner_name))
        account = (chosen or self.claims[0]).account if self.claims else ""
        advice = self.advice
        if advice is None:
            return f"{account}: the account belongs to {owner_name}.\nReason: {self.reason()}"
        suggested_name = advice.suggested_name
        same = owner_name == suggested_name or (
            chosen is not None and chosen.claim_id == advice.suggested_claim
        )
        return resolution_notice(
            account=account,
            owner_name=suggested_name if same else owner_name,
            suggestion=advice.suggestion,
            suggested_name=suggested_name,
            first_day=advice.first_day,
            others=others,
            reason=self.reason(),
        )

    def copy_notice(self) -> str:
        text = self.notice()
        QApplication.clipboard().setText(text)
        return text

    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()

    def accept(self) -> None:
        if not self.reason():
            self.problem.setText("Say why this claimant owns the account; the others will ask.")
            self.problem.show()
            self.reason_edit.setFocus()
            return
        super().accept()
