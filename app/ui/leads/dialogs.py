"""The small dialogs of the lead actions: a reason to decline or lose a lead, the amount of the
deal a converted lead becomes, and whom to hand a lead to by hand.

Each shows the lead it acts on, so nobody declines the wrong row. A refusal of the service
(a deadline passed, a lead not accepted yet) is shown by the page in one clear message; what the
dialog can check itself (an amount that is not a number) it says under the field.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import InputError
from app.domain.leads.rules import DIRECT
from app.domain.money import COMMON_CURRENCIES, amount_problem, parse_decimal
from app.services.leads.listing import LeadRow
from app.ui.field_box import ProblemLine
from app.ui.figures import unbroken_figures

#: The lead's facts are at least this many characters wide, and wrap past this many.
FACTS_LEAST = 56
FACTS_MOST = 80


def lead_facts(lead: LeadRow) -> QLabel:
    """Which lead the dialog acts on, in one bold line and one plain one."""
    grade = lead.grade or "none"
    facts = f"{lead.country} · grade {grade} · {lead.status.label.lower()}"
    held = f" · with {lead.recipient}" if lead.recipient else ""
    label = QLabel(
        f"<b>{escape(lead.lead_code)}</b> {escape(lead.company)}<br>"
        + unbroken_figures(escape(facts + held))
    )
    label.setObjectName("leadFacts")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    # A wrapping label asks for little width, so the dialog came up narrow and broke these two
    # lines into three or four; as wide as its longer line (within reason), each reads whole.
    bold = QFont(label.font())
    bold.setBold(True)
    plain = QFontMetrics(label.font())
    first = QFontMetrics(bold).horizontalAdvance(lead.lead_code)
    first += plain.horizontalAdvance(f" {lead.company}")
    widest = max(
        first, plain.horizontalAdvance(facts + held), plain.averageCharWidth() * FACTS_LEAST
    )
    label.setMinimumWidth(min(widest + 2, plain.averageCharWidth() * FACTS_MOST))
    return label


class _LeadDialog(QDialog):
    """The lead's facts on top, a form, the problem line, and Cancel beside ``verb``."""

    def __init__(self, lead: LeadRow, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.problem = ProblemLine()  # its room kept: a refusal moves nothing
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(18, 14, 18, 12)
        self.layout_.setSpacing(8)
        self.layout_.addWidget(lead_facts(lead))
        self.layout_.addLayout(self.form)
        self.layout_.addWidget(self.problem)

    def add_buttons(self, verb: str) -> None:
        """``verb`` and Cancel under the fields, made after them so Tab reaches them last."""
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.addButton(verb, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("leadActionButton")
        self.ok_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.layout_.addWidget(buttons)


class ReasonDialog(_LeadDialog):
    """Decline or lose a lead: the reason picked from the list the rules allow."""

    def __init__(
        self,
        lead: LeadRow,
        title: str,
        verb: str,
        reasons: Sequence[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(lead, title, parent)
        self.setObjectName("leadReasonDialog")
        self.reasons = QComboBox()
        self.reasons.setObjectName("leadReason")
        self.reasons.setAccessibleName("Reason")
        self.reasons.addItems(list(reasons))
        self.form.addRow("&Reason", self.reasons)
        self.add_buttons(verb)
        self.reasons.setFocus()

    def reason(self) -> str:
        return self.reasons.currentText()


class ConvertDialog(_LeadDialog):
    """Convert a lead: the deal's amount (0 when unknown yet) and currency."""

    def __init__(
        self,
        lead: LeadRow,
        currency: str,
        currencies: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(lead, "Convert lead", parent)
        self.setObjectName("convertLeadDialog")
        note = QLabel(
            "The lead becomes an account (the matching one, or a new one), a pending claim by "
            "its recipient and a deal at stage qualified, which opens when it is done."
        )
        note.setObjectName("hint")
        note.setWordWrap(True)
        self.form.addRow(note)
        self.amount = QLineEdit("0")
        self.amount.setObjectName("convertAmount")
        self.amount.setAccessibleName("Deal amount")
        self.currency = QComboBox()
        self.currency.setObjectName("convertCurrency")
        self.currency.setAccessibleName("Currency")
        self.currency.setEditable(True)
        offered = list(dict.fromkeys([currency, *currencies, *COMMON_CURRENCIES]))
        self.currency.addItems(offered)
        self.currency.setCurrentIndex(0)
        self.form.addRow("Deal &amount", self.amount)
        self.form.addRow("C&urrency", self.currency)
        self.add_buttons("Con&vert")
        self.amount.selectAll()
        self.amount.setFocus()

    def value(self) -> tuple[Decimal, str]:
        """The amount and currency typed; ``InputError`` when the amount is no amount."""
        amount = parse_decimal(self.amount.text(), "amount")
        problem = amount_problem(amount)
        if problem is not None:
            raise InputError(problem)
        if amount < 0:
            raise InputError("The deal amount cannot be negative.")
        return amount, self.currency.currentText().strip().upper()

    def accept(self) -> None:
        try:
            self.value()
        except InputError as exc:
            self.problem.say(str(exc))
            self.amount.setFocus()
            return
        super().accept()


class AssignDialog(_LeadDialog):
    """Hand a lead to a partner or to the direct team, by hand: type a few letters of the
    Partner ID or the name to find it."""

    def __init__(
        self,
        lead: LeadRow,
        partners: Sequence[tuple[str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(lead, "Assign lead", parent)
        self.setObjectName("assignLeadDialog")
        self.to = QComboBox()
        self.to.setObjectName("assignTo")
        self.to.setAccessibleName("Assign to")
        self.to.setEditable(True)
        self.to.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.to.addItem(f"{DIRECT} (direct team)", DIRECT)
        for code, shown in partners:
            self.to.addItem(shown, code)
        completer = self.to.completer()
        if completer is not None:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.to.setCurrentIndex(-1)
        line = self.to.lineEdit()
        if line is not None:
            line.setPlaceholderText("Partner ID or name, or Direct")
        self.form.addRow("Assign &to", self.to)
        self.add_buttons("&Assign")
        self.to.setFocus()

    def recipient(self) -> str | None:
        """The Partner ID chosen, or ``Direct``; None when the text names neither."""
        text = self.to.currentText().strip()
        found = self.to.findText(text, Qt.MatchFlag.MatchFixedString)
        if found < 0:
            return None
        data = self.to.itemData(found)
        return str(data) if data is not None else None

    def accept(self) -> None:
        if self.recipient() is None:
            self.problem.say("Choose a partner from the list, or Direct.")
            self.to.setFocus()
            return
        super().accept()
