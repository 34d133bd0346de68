"""The accounts & claims page: deal registrations on top, the accounts they claim below."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from app.domain.columns import Column
from app.services.accounts import ACCOUNT_COLUMNS, CLAIM_COLUMNS, list_accounts, list_claims
from app.ui.changes import RecordKind
from app.ui.context import UiContext
from app.ui.pages.base import Page, table_count
from app.ui.record_table import RecordTable


def _section(title: str, table: RecordTable) -> tuple[QWidget, QLabel]:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(6)
    label = QLabel(title)
    label.setObjectName("sectionTitle")
    label.setBuddy(table)
    layout.addWidget(label)
    layout.addWidget(table, 1)
    return box, label


class ClaimsPage(Page):
    key = "claims"
    title = "Accounts & Claims"
    icon_name = "claims"
    kinds = frozenset({RecordKind.CLAIM, RecordKind.ACCOUNT, RecordKind.PARTNER})

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.claims = RecordTable("claims", CLAIM_COLUMNS)
        self.accounts = RecordTable("accounts", ACCOUNT_COLUMNS)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("claimsSplitter")
        self.splitter.setChildrenCollapsible(False)
        claims_box, self.claims_title = _section("Claims (deal registrations)", self.claims)
        accounts_box, self.accounts_title = _section("Accounts", self.accounts)
        self.splitter.addWidget(claims_box)
        self.splitter.addWidget(accounts_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setHandleWidth(14)
        self.body.addWidget(self.splitter)

    def load(self, session: Session) -> None:
        today = self.context.today()
        self.claims.records.set_rows(list_claims(session, today=today))
        self.accounts.records.set_rows(list_accounts(session, today=today))

    def count_text(self) -> str:
        claims = table_count(self.claims, "claim", "claims")
        accounts = table_count(self.accounts, "account", "accounts")
        self.claims_title.setText(f"Claims (deal registrations) · {claims}")
        self.accounts_title.setText(f"Accounts · {accounts}")
        return f"{claims} · {accounts}"

    def export_source(self) -> tuple[str, Sequence[Any], Sequence[Column[Any]]] | None:
        return ("Claims", self.claims.records.rows(), self.claims.records.columns)

    def save_state(self) -> None:
        super().save_state()
        state = bytes(self.splitter.saveState().data())
        self.context.settings.window.set_splitter_state(self.key, state)

    def restore_state(self) -> None:
        super().restore_state()
        state = self.context.settings.window.splitter_state(self.key)
        if state:
            self.splitter.restoreState(state)
