"""The editor's deal field: one of the account's deals, or none."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from app.services.quotes.lifecycle import account_deals
from app.services.store import Database
from app.ui.combo_fill import refill

NO_DEAL = "(no deal)"


class DealField(QComboBox):
    """Lists the deals of the account typed in the editor; follows it as it changes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deal")
        self.setAccessibleName("Deal")
        self.setMinimumContentsLength(24)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.account_id: int | None = None
        self.addItem(NO_DEAL, None)
        self.setEnabled(False)  # until an account with deals is typed

    def show_account(self, db: Database, account_id: int | None, keep: int | None = None) -> None:
        """The deals of ``account_id``; the one chosen stays chosen (or ``keep``)."""
        if account_id == self.account_id and keep is None:
            return
        chosen = keep if keep is not None else self.deal_id()
        self.account_id = account_id
        deals: list[tuple[int, str]] = []
        if account_id is not None:
            with db.reading() as session:
                deals = account_deals(session, account_id)
        refill(self, [(name, deal_id) for deal_id, name in deals], choose=chosen)
        self.setEnabled(bool(deals))

    def deal_id(self) -> int | None:
        data = self.currentData()
        return int(data) if data is not None else None
