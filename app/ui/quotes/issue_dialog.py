"""The question before a draft is issued: its total and its warnings, once more.

Issuing freezes the figures for good, so it is never a side effect of saving: the person sees
which quote, for whom, the total that will be frozen and every warning (nobody certified for a
product family, approval missing …), and confirms with Issue. Cancel (or Escape) leaves the draft
as it is. A draft that cannot be issued shows why, with Issue disabled.
"""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app.domain.errors import AppError
from app.services.quotes.issue_check import IssueCheck, issue_check
from app.services.store import Database


class IssueDialog(QDialog):
    """Asks to issue one draft, showing what will be frozen."""

    def __init__(self, check: IssueCheck, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("issueDialog")
        self.setWindowTitle(f"Issue {check.name}?")
        self.check = check
        lines = f"{check.lines} line" + ("" if check.lines == 1 else "s")
        summary = QLabel(
            f"<b>{html.escape(check.name)}</b> for {html.escape(check.partner)}, "
            f"end customer {html.escape(check.account)} ({lines})"
        )
        summary.setWordWrap(True)
        self.total = QLabel(f"Total {html.escape(check.total)}")
        self.total.setObjectName("issueTotal")
        self.total.setStyleSheet("font-size: 15pt; font-weight: 600;")
        if check.warnings:
            items = "".join(f"<li>{html.escape(w)}</li>" for w in check.warnings)
            text = f"<b>Please read before issuing:</b><ul style='margin-left: -20px'>{items}</ul>"
        else:
            text = "No warnings."
        self.warnings = QLabel(text)
        self.warnings.setObjectName("issueWarnings")
        self.warnings.setWordWrap(True)
        if check.warnings:
            self.warnings.setStyleSheet("color: #8a3a00;")
        freeze = QLabel(
            "Issuing freezes the figures, the partner's and the company's data: the PDF never "
            "changes after this. A later change makes a new revision."
            if not check.blocked
            else "This draft cannot be issued yet; the lines above say why."
        )
        freeze.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.issue_button = self.buttons.addButton("&Issue", QDialogButtonBox.ButtonRole.AcceptRole)
        self.issue_button.setObjectName("confirmIssue")
        self.issue_button.setEnabled(not check.blocked)
        self.issue_button.setAutoDefault(False)  # Enter does not freeze a quote by surprise
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (summary, self.total, self.warnings, freeze):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)


def confirm_issue(db: Database, number: str, revision: int, parent: QWidget | None) -> bool:
    """Ask before issuing ``number`` rev ``revision``; True when the person chose Issue."""
    try:
        with db.reading() as session:
            check = issue_check(session, number, revision)
    except AppError:
        return True  # the issue step itself refuses with its own message
    return IssueDialog(check, parent).exec() == QDialog.DialogCode.Accepted
