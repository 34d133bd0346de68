"""A partner's request for funds from its allocation: the activity, its dates, the amount in the
allocation's currency, and a note. The allocation's balance is shown, so the amount asked for
can be weighed against what is left before anyone approves it."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import AppError, NotFoundError
from app.domain.mdf.lifecycle import ACTIVITY_LENGTH
from app.domain.money import format_money
from app.domain.quarters import quarter_start
from app.services.mdf.balances import BalanceRow
from app.services.mdf.requests import create_request
from app.services.store import Database
from app.ui.changes import RecordKind
from app.ui.context import UiContext
from app.ui.field_box import ProblemLine
from app.ui.figures import unbroken_figures
from app.ui.labelled_form import FormGrid
from app.ui.mdf.fields import amount_line, day_edit, day_of, read_amount
from app.ui.unsaved import AsksBeforeDiscarding


class MdfRequestDialog(AsksBeforeDiscarding, QDialog):
    """A new request from ``allocation``; ``written`` once written, ``saved_id`` its id."""

    noun = "request"

    def __init__(
        self,
        context: UiContext,
        db: Database,
        allocation: BalanceRow,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mdfRequestDialog")
        self.setWindowTitle("New request")
        self.context, self.db, self.allocation = context, db, allocation
        self.written = False
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
        self.form = FormGrid()
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
        self.form.edited.connect(lambda _name: self.check())
        self.problem = ProblemLine()
        self.problem.setObjectName("requestProblem")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.addButton("&Request", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("doRequest")
        buttons.accepted.connect(self.write)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 12)
        layout.setSpacing(8)
        layout.addWidget(facts)
        layout.addWidget(self.form)
        layout.addStretch(1)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(580, 380)
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

    def say(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def write(self) -> bool:
        self.form.reveal_all = True
        problems = self.check()
        if problems:
            self.form.widgets[next(iter(problems))].setFocus()
            return False
        amount, _problem = read_amount(self.amount.text(), "requested amount")
        assert amount is not None
        try:
            with self.db.transaction() as session:
                self.saved_id = create_request(
                    session, self.allocation.allocation_id, self.activity.text(),
                    day_of(self.starts), day_of(self.ends), amount, self.context.today(),
                    self.note.toPlainText(),
                )  # fmt: skip
        except AppError as exc:
            self.say(exc.message)
            if isinstance(exc, NotFoundError):
                self.context.changes.announce({RecordKind.MDF})
            return False
        self.written = True
        self.context.changes.announce({RecordKind.MDF})
        self.mark_clean()
        self.accept()
        return True
