"""Merging two accounts that are the same company: the user picks which one stays.

The two accounts are the two rows selected in the accounts table. Each is described by what
tells them apart (website, place, live claims) so the user keeps the better record; the other's
claims, deals and quotes move to it, and the merge is kept in the history.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.services.claims.accounts import AccountRow


def describe(row: AccountRow) -> str:
    where = ", ".join(p for p in (row.city, row.country) if p) or "no place"
    site = row.website or "no website"
    claims = f"{row.live_claims} live claim{'s' if row.live_claims != 1 else ''}"
    named = " · named account" if row.named_account else ""
    return f"{row.name} — {site} · {where} · {claims}{named}"


class AccountMergeDialog(QDialog):
    """Choose the survivor of two accounts; ``survivor`` and ``merged`` say the choice."""

    def __init__(self, first: AccountRow, second: AccountRow, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("accountMergeDialog")
        self.setWindowTitle("Merge accounts")
        self.rows = (first, second)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 12)
        layout.setSpacing(10)
        text = QLabel(
            "These two accounts are the same company. Choose the one to keep: the other's "
            "claims, deals and quotes move to it, and the other leaves every list. "
            "The merge is kept in the history."
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        self.group = QButtonGroup(self)
        self.choices: list[QRadioButton] = []
        for n, row in enumerate(self.rows):
            button = QRadioButton(f"Keep {describe(row)}")
            button.setObjectName(f"keep{n}")
            self.group.addButton(button, n)
            self.choices.append(button)
            layout.addWidget(button)
        best = max(range(2), key=lambda n: (self.rows[n].live_claims, -self.rows[n].id))
        self.choices[best].setChecked(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = buttons.addButton("&Merge", QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge_button.setObjectName("mergeButton")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(640, 230)

    @property
    def survivor(self) -> AccountRow:
        return self.rows[self.group.checkedId()]

    @property
    def merged(self) -> AccountRow:
        return self.rows[1 - self.group.checkedId()]
