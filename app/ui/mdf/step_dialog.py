"""One step of an MDF request: approve (the amount prefilled, less is a partial approval),
reject (a reason the partner will read), approve the claim (in full or in part) or mark it
paid (the amount and the day it was paid).

The dialog writes the step itself, so a refusal (more than the allocation has left, a lapsed
quarter, someone else's newer step) is shown in it in one sentence, and the amount can be
changed and tried again without opening it anew.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from html import escape

from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from app.domain.mdf.lifecycle import STATUS_WORDS, Step
from app.domain.money import format_money
from app.services.mdf.requests import approve, approve_claim, pay, reject
from app.services.mdf.rows import RequestRow
from app.services.store import Database, Session
from app.ui.context import UiContext
from app.ui.figures import unbroken_figures
from app.ui.mdf.fields import amount_line, day_edit, day_of, read_amount
from app.ui.mdf.form_base import STRETCH, MdfFormDialog


@dataclass(frozen=True)
class _Look:
    title: str
    button: str
    amount: str | None  # the amount's label, None when the step has none
    note: str


_LOOKS = {
    Step.APPROVE: _Look("Approve request", "&Approve", "Approved a&mount", "&Note (optional)"),
    Step.REJECT: _Look("Reject request", "&Reject", None, "&Reason"),
    Step.APPROVE_CLAIM: _Look(
        "Approve claim", "&Approve claim", "Approved a&mount", "&Note (optional)"
    ),
    Step.PAY: _Look("Mark paid", "Mark &paid", "Paid a&mount", "&Note (optional)"),
}


def prefilled(row: RequestRow, step: Step) -> Decimal | None:
    """What the amount field offers: all that was asked for (within what is left), claimed,
    or approved to pay."""
    if step is Step.APPROVE:
        return min(row.requested, row.left_to_approve)
    if step is Step.APPROVE_CLAIM:
        return row.claimed
    if step is Step.PAY:
        return row.claim_approved
    return None


def facts_text(row: RequestRow) -> str:
    """The request as the dialogs show it at their top, so nobody decides on the wrong row."""
    money = [("requested", row.requested), ("approved", row.approved), ("claimed", row.claimed)]
    money += [("claim approved", row.claim_approved)]
    figures = " · ".join(f"{w} {format_money(a, row.currency)}" for w, a in money if a is not None)
    left = format_money(row.left_to_approve, row.currency)
    return (
        f"<b>{escape(row.activity)}</b> · {escape(row.partner)} · {row.quarter}<br>"
        + unbroken_figures(
            f"{row.starts_on.isoformat()} to {row.ends_on.isoformat()} · {figures} · "
            f"now {STATUS_WORDS[row.status]}"
            + (f" · {left} left to approve" if row.approved is None else "")
        )
    )


class MdfStepDialog(MdfFormDialog):
    """``step`` on ``row``; ``written`` is True once the step is written."""

    noun = "step"

    def __init__(
        self,
        context: UiContext,
        db: Database,
        row: RequestRow,
        step: Step,
        parent: QWidget | None = None,
    ) -> None:
        look = _LOOKS[step]
        super().__init__(context, db, f"mdfStepDialog_{step.value}", look.title, parent)
        self.row, self.step = row, step
        facts = QLabel(facts_text(row))
        facts.setObjectName("requestFacts")
        facts.setWordWrap(True)
        self.amount: QLineEdit | None = None
        line = 0
        if look.amount is not None:
            self.amount = amount_line(prefilled(row, step), row.currency)
            self.form.add("amount", look.amount, self.amount, line)
            line += 1
        self.paid_on = day_edit(context.today())
        if step is Step.PAY:
            self.form.add("paid_on", "Paid &on", self.paid_on, line)
            line += 1
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(90)
        if step is Step.REJECT:
            self.note.setPlaceholderText("Why? The partner will ask.")
        self.form.add("note", look.note, self.note, line)
        self.problem.setObjectName("stepProblem")
        buttons = self.button_box(look.button, "doStep")
        self.lay_out([facts, self.form, STRETCH], buttons, (600, 320))
        (self.amount or self.note).setFocus()

    def check(self) -> dict[str, str]:
        """The fields' problems, shown under the fields the user touched."""
        problems: dict[str, str] = {}
        if self.amount is not None:
            _value, problem = read_amount(self.amount.text(), "amount")
            if problem:
                problems["amount"] = problem
        if self.step is Step.REJECT and not self.note.toPlainText().strip():
            problems["note"] = "Say why the request is rejected; the partner will ask."
        self.form.show_problems(problems)
        return problems

    def store(self, session: Session) -> None:
        amount = Decimal(0)
        if self.amount is not None:
            typed, _problem = read_amount(self.amount.text(), "amount")
            assert typed is not None
            amount = typed
        note, row, today = self.note.toPlainText(), self.row, self.context.today()
        if self.step is Step.APPROVE:
            approve(session, row.id, row.version, amount, today, note)
        elif self.step is Step.REJECT:
            reject(session, row.id, row.version, note)
        elif self.step is Step.APPROVE_CLAIM:
            approve_claim(session, row.id, row.version, amount, note)
        else:
            pay(session, row.id, row.version, amount, day_of(self.paid_on), today, note)
