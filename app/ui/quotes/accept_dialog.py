"""The question when a partner accepts a quote: on which day.

The acceptance is dated (a SPIF earns on accepted quotes, and the day is what a dispute turns
on), so Partner accepted… asks for the day, today unless the person picks another, and says at
once why a day cannot be taken (before the quote date, after the offer lapsed, a day to come):
the rule is ``acceptance_refusal``, the one the command line's ``quote accept`` answers by.
"""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.domain.quote_lifecycle import RevisionState, acceptance_refusal, latest_acceptance_day
from app.ui.field_box import ProblemLine


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class AcceptDialog(QDialog):
    """Asks for the day the partner accepted one issued revision."""

    def __init__(
        self, state: RevisionState, partner: str, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("acceptDialog")
        self.setWindowTitle(f"{state.name} accepted")
        self.state, self.today = state, today
        summary = QLabel(
            f"<b>{html.escape(state.name)}</b>: the day {html.escape(partner)} accepted it."
        )
        summary.setWordWrap(True)
        self.day = QDateEdit(_qdate(latest_acceptance_day(state, today)))
        self.day.setObjectName("acceptedOn")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setMaximumDate(_qdate(today))
        self.problem = ProblemLine()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.addButton(
            "&Record acceptance", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok.setObjectName("recordAcceptance")
        self.ok.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Accepted &on", self.day)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)  # room for a refusal in one line
        self.day.dateChanged.connect(lambda _d: self._check())
        self._check()

    def chosen(self) -> date:
        value = self.day.date()
        return date(value.year(), value.month(), value.day())

    def _check(self) -> None:
        why = acceptance_refusal(self.state, self.chosen(), self.today)
        self.problem.setText(why or "")
        self.problem.setVisible(why is not None)
        self.ok.setEnabled(why is None)


def ask_acceptance_day(
    state: RevisionState, partner: str, today: date, parent: QWidget | None
) -> date | None:
    """The day the person says the partner accepted ``state``, or None when they cancel."""
    dialog = AcceptDialog(state, partner, today, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.chosen()
