"""A partner's request for funds from its allocation: the activity, its dates, the amount in the
allocation's currency, and a note. The allocation's balance is shown, so the amount asked for
can be weighed against what is left before anyone approves it."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from app.domain.mdf.lifecycle import ACTIVITY_LENGTH
from app.domain.money import format_money
from app.domain.quarters import quarter_start
from app.services.mdf.balances import BalanceRow
from app.services.mdf.requests import create_request
from app.services.store import Database, Session
from app.ui.context import UiContext
from app.ui.figures import unbroken_figures
from app.ui.mdf.fields import amount_line, day_edit, day_of, read_amount
from app.ui.mdf.form_base import STRETCH, MdfFormDialog


class MdfRequestDialog(MdfFormDialog):
    """A new request from ``allocation``; ``written`` once written, ``saved_id`` its id."""

    noun = "request"

    def __init__(
        self,
        context: UiContext,
        db: Database,
        allocation: BalanceRow,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, db, "mdfRequestDialog", "New request", parent)
        self.allocation = allocation
        self.saved_id: int | None = None
        money = allocation.currency
        facts = QLabel(
            f"<b>{escape(allocation.partner)}</b> · {allocation.quarter}<br>"
            + unbroken_figures(
                f"allocated {format_money(allocation.allocated, money)} · approved "
                f"{format_money(allocation.approved, money)} · available "
                f"{format_money(allocation.available, money)}"
            )
        )
        facts.setWordWrap(True)
        start = max(context.today(), quarter_start(allocation.quarter))
        self.activity = QLineEdit()
        self.activity.setMaxLength(ACTIVITY_LENGTH)
        self.activity.setPlaceholderText("A webinar, a trade show booth, a campaign…")
        self.starts = day_edit(start)
        self.ends = day_edit(start)
        self.amount = amount_line(None, money)
        self.note = QPlainTextEdit()
        self.note.setMaximumHeight(70)
        self.form.add("activity", "&Activity", self.activity, 0)
        self.form.add("starts_on", "&Starts on", self.starts, 1)
        self.form.add("ends_on", "&Ends on", self.ends, 2)
        self.form.add("amount", f"A&mount ({money})", self.amount, 3)
        self.form.add("note", "&Note (optional)", self.note, 4)
        self.problem.setObjectName("requestProblem")
        buttons = self.button_box("&Request", "doRequest")
        self.lay_out([facts, self.form, STRETCH], buttons, (580, 380))
        self.activity.setFocus()

    def check(self) -> dict[str, str]:
        problems: dict[str, str] = {}
        if not self.activity.text().strip():
            problems["activity"] = "Say what the activity is."
        if day_of(self.ends) < day_of(self.starts):
            problems["ends_on"] = "The activity ends before it starts."
        _value, problem = read_amount(self.amount.text(), "requested amount")
        if problem:
            problems["amount"] = problem
        self.form.show_problems(problems)
        return problems

    def store(self, session: Session) -> None:
        amount, _problem = read_amount(self.amount.text(), "requested amount")
        assert amount is not None
        self.saved_id = create_request(
            session, self.allocation.allocation_id, self.activity.text(),
            day_of(self.starts), day_of(self.ends), amount, self.context.today(),
            self.note.toPlainText(),
        )  # fmt: skip
