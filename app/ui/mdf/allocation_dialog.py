"""Setting a partner's MDF allocation for a quarter: a new one, or changing one already set.

The partner is picked by typing part of its name; the quarter is written as people write it
("2026Q4", "Q4 2026") and defaults to the current one; the amount is in the allocation's
currency (the reporting currency for a new one). Once requests were made from an allocation its
partner, quarter and currency stay as they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from app.domain.money import COMMON_CURRENCIES
from app.domain.quarters import parse_quarter, quarter_of, quarter_problem
from app.services.claims.account_edit import Choice
from app.services.mdf.allocations import set_allocation
from app.services.mdf.balances import BalanceRow
from app.services.store import Database, Session
from app.ui.context import UiContext
from app.ui.mdf.fields import amount_line, read_amount
from app.ui.mdf.form_base import STRETCH, MdfFormDialog


def _partner_combo(partners: Sequence[Choice]) -> QComboBox:
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    line = combo.lineEdit()
    assert line is not None  # an editable combo has one
    line.setPlaceholderText("Type part of the partner's name")
    for choice in partners:
        combo.addItem(choice.label, choice.id)
    completer = combo.completer()
    assert completer is not None  # an editable combo has one
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    combo.setCurrentIndex(-1)
    return combo


class MdfAllocationDialog(MdfFormDialog):
    """A new allocation (``row`` None) or ``row``'s; ``written`` once saved."""

    noun = "allocation"

    def __init__(
        self,
        context: UiContext,
        db: Database,
        partners: Sequence[Choice],
        currency: str,
        row: BalanceRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = "New allocation" if row is None else "Change allocation"
        super().__init__(context, db, "mdfAllocationDialog", title, parent)
        self.row = row
        self.saved_id: int | None = None
        self.partner = _partner_combo(partners)
        self.quarter = QLineEdit(row.quarter if row else quarter_of(context.today()))
        self.quarter.setPlaceholderText("2026Q4")
        self.amount = amount_line(row.allocated if row else None, row.currency if row else currency)
        self.currency = QComboBox()
        self.currency.setEditable(True)
        self.currency.addItems(COMMON_CURRENCIES)
        self.currency.setCurrentText(row.currency if row else currency)
        self.form.add("partner", "&Partner", self.partner, 0)
        self.form.add("quarter", "&Quarter", self.quarter, 1)
        self.form.add("amount", "A&mount", self.amount, 2)
        self.form.add("currency", "C&urrency", self.currency, 3)
        if row is not None:
            self.partner.setCurrentIndex(self.partner.findData(row.partner_id))
            fixed = row.requests > 0
            for name in ("partner", "quarter", "currency"):
                self.form.set_enabled(name, not fixed)
        self.currency.currentTextChanged.connect(
            lambda code: self.amount.setPlaceholderText(f"Amount in {code.strip().upper()}")
        )
        self.problem.setObjectName("allocationProblem")
        buttons = self.button_box(None, "saveButton")
        self.save_button = self.ok_button
        self.lay_out([self.form, STRETCH], buttons, (520, 280))
        (self.partner if row is None else self.amount).setFocus()

    def partner_id(self) -> int | None:
        """The partner picked, also when its name was typed whole."""
        index = self.partner.findText(
            self.partner.currentText().strip(), Qt.MatchFlag.MatchFixedString
        )
        data = self.partner.itemData(index) if index >= 0 else None
        return data if isinstance(data, int) else None

    def check(self) -> dict[str, str]:
        problems: dict[str, str] = {}
        if self.partner_id() is None:
            problems["partner"] = "Pick a partner from the list."
        if parse_quarter(self.quarter.text()) is None:
            problems["quarter"] = quarter_problem(self.quarter.text()) or ""
        _value, problem = read_amount(self.amount.text(), "allocation")
        if problem:
            problems["amount"] = problem
        self.form.show_problems(problems)
        return problems

    def store(self, session: Session) -> None:
        partner = self.partner_id()
        amount, _problem = read_amount(self.amount.text(), "allocation")
        assert partner is not None and amount is not None
        row = self.row
        self.saved_id = set_allocation(
            session, partner, self.quarter.text(), Decimal(amount), self.currency.currentText(),
            row.allocation_id if row else None, row.version if row else None,
        )  # fmt: skip
