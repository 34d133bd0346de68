"""The accounts & claims page: deal registrations on top (all, or those running out in the next
14 days), the accounts they claim below, each with the buttons that act on it.

Keys: Ctrl+R registers a claim, Ctrl+Shift+A approves and Ctrl+Shift+J rejects the selected
claim; Enter opens the selected account.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QTabWidget,
    QWidget,
)

from app.domain.columns import Column
from app.domain.errors import InputError
from app.services.claims.account_list import (
    ACCOUNT_LIST_COLUMNS,
    AccountListRow,
    list_accounts_with_deals,
)
from app.services.claims.account_merge import merge_accounts
from app.services.claims.accounts import AccountRow, ClaimRow, list_claims
from app.services.claims.claim_list import CLAIM_PAGE_COLUMNS, EXPIRING_DAYS, expiring_claims
from app.services.store import Session
from app.ui.changes import RecordKind
from app.ui.claims.account_dialog import AccountDialog
from app.ui.claims.actions import ClaimActions
from app.ui.claims.direct_reps_dialog import DirectRepsDialog
from app.ui.claims.engagement_dialog import EngagementDialog
from app.ui.claims.merge_dialog import AccountMergeDialog
from app.ui.context import UiContext
from app.ui.open_dialogs import OpenDialogs
from app.ui.operations import IsCancelled, Progress
from app.ui.page_base import Page, Reader, table_count
from app.ui.record_table import RecordTable
from app.ui.sections import button, section, splitter
from app.ui.selection_gate import SelectionGate, selected_count
from app.ui.shortcuts import bind
from app.ui.table_menu import Needs


class ClaimsRead(NamedTuple):
    """The page's three lists, read together in the background."""

    claims: Sequence[ClaimRow]
    expiring: Sequence[ClaimRow]
    accounts: Sequence[AccountListRow]


def _run_merge(dialog: AccountMergeDialog) -> bool:
    return dialog.exec() == QDialog.DialogCode.Accepted


class ClaimsPage(Page):
    key = "claims"
    title = "Accounts & Claims"
    icon_name = "claims"
    loading_text = "Reading claims and accounts…"
    kinds = frozenset({RecordKind.CLAIM, RecordKind.ACCOUNT, RecordKind.PARTNER, RecordKind.DEAL})

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.claims = RecordTable("claims", CLAIM_PAGE_COLUMNS)
        self.expiring = RecordTable("expiring_claims", CLAIM_PAGE_COLUMNS)
        self.accounts = RecordTable("accounts", ACCOUNT_LIST_COLUMNS)
        self.claims.empty_text = "No claims yet. Register a deal with Register claim (Ctrl+R)."
        self.expiring.empty_text = "No live claim runs out in the next 14 days."
        self.accounts.empty_text = (
            "No accounts yet. Add one with New account, or register a claim for a new one."
        )
        self.claim_tabs = QTabWidget()
        self.claim_tabs.setObjectName("claimTabs")
        self.claim_tabs.addTab(self.claims, "All claims")
        self.claim_tabs.addTab(self.expiring, f"Expiring in {EXPIRING_DAYS} days")
        self.edits = self.undo_stack = QUndoStack(self)  # Edit › Undo takes a decision back
        self.claim_actions = ClaimActions(self)
        self.new_account_button = button("&New account", "newAccount", "Create an account")
        self.edit_account_button = button(
            "&Open account", "openAccount", "Open the selected account (Enter)"
        )
        self.merge_button = button(
            "&Merge…", "mergeAccounts", "Merge the two selected accounts: they are one company"
        )
        self.rules_button = button(
            "Rules of &engagement…", "rulesOfEngagement",
            "Registration protection, the direct cooling-off and the named accounts",
        )  # fmt: skip
        self.reps_button = button(
            "Direct rep&s…", "directReps", "Add, rename or retire the direct team's reps"
        )
        claims_box, self.claims_title = section(
            "&Claims (deal registrations)", self.claim_tabs, self.claim_actions.buttons
        )
        accounts_box, self.accounts_title = section(
            "&Accounts",
            self.accounts,
            [
                self.new_account_button,
                self.edit_account_button,
                self.merge_button,
                self.rules_button,
                self.reps_button,
            ],
        )
        self.splitter = splitter(
            Qt.Orientation.Vertical, "claimsSplitter", [(claims_box, 3), (accounts_box, 2)]
        )
        self.remember_splitter(self.splitter)
        self.body.addWidget(self.splitter)
        self.dialogs: OpenDialogs[QDialog] = OpenDialogs()
        self.ask_merge: Callable[[AccountMergeDialog], bool] = _run_merge

        self.new_account_button.clicked.connect(self.new_account)
        self.edit_account_button.clicked.connect(self.open_account)
        self.merge_button.clicked.connect(self.merge_selected)
        self.rules_button.clicked.connect(self.rules_of_engagement)
        self.reps_button.clicked.connect(self.direct_reps)
        self.accounts.activated.connect(lambda _index: self.open_account())
        self.accounts.menu.add("&Open account…", self.open_account, default=True, shortcut="Return")
        two = lambda: selected_count(self.accounts) == 2  # noqa: E731
        self.accounts.menu.add("&Merge…", self.merge_selected, Needs.SOME, when=two)
        for table in (self.claims, self.expiring):
            menu = table.menu
            menu.add("&Approve…", lambda: self.claim_actions.decide(approve=True))
            menu.add("&Reject…", lambda: self.claim_actions.decide(approve=False))
            menu.add("&Deal from claim…", self.claim_actions.deal_from_claim)
        open_key = bind(
            self.accounts,
            Qt.Key.Key_Return,
            self.open_account,
            "Open the selected account",
            Qt.ShortcutContext.WidgetShortcut,
        )
        # Open and Merge wait for the account(s) they act on to be selected
        self.gate = SelectionGate(self)
        self.gate.rows(self.edit_account_button, self.accounts)
        self.gate.add(open_key, lambda: selected_count(self.accounts) == 1)
        self.gate.add(self.merge_button, two)

    def reader(self) -> Reader:
        """Every claim and every account with its deals: in the background."""
        today = self.context.today()

        def read(session: Session, _progress: Progress, _cancelled: IsCancelled) -> ClaimsRead:
            return ClaimsRead(
                list_claims(session, today=today),
                expiring_claims(session, today),
                list_accounts_with_deals(session, today),
            )

        return read

    def show_read(self, result: ClaimsRead) -> None:
        self.claims.records.set_rows(result.claims)
        self.expiring.records.set_rows(result.expiring)
        self.accounts.records.set_rows(result.accounts)
        soon = self.expiring.records.total_count
        self.claim_tabs.setTabText(1, f"Expiring in {EXPIRING_DAYS} days ({soon})")

    def count_text(self) -> str:
        claims = table_count(self.claims, "claim", "claims")
        accounts = table_count(self.accounts, "account", "accounts")
        self.claims_title.setText(f"&Claims (deal registrations) · {claims}")
        self.accounts_title.setText(f"&Accounts · {accounts}")
        return f"{claims} · {accounts}"

    def export_source(self) -> tuple[str, Sequence[Any], Sequence[Column[Any]]] | None:
        return ("Claims", self.claims.records.rows(), self.claims.records.columns)

    # --- selections ----------------------------------------------------------------------

    def selected_accounts(self) -> list[AccountRow]:
        rows = self.accounts.selectionModel().selectedRows()
        return [self.accounts.records.row_at(i.row()) for i in rows]

    def selected_claim(self) -> ClaimRow | None:
        table = self.claim_tabs.currentWidget()
        assert isinstance(table, RecordTable)
        rows = table.selectionModel().selectedRows()
        return table.records.row_at(rows[0].row()) if rows else None

    # --- accounts ------------------------------------------------------------------------

    def new_account(self) -> AccountDialog | None:
        return self._open_account(None)

    def open_account(self) -> AccountDialog | None:
        chosen = self.selected_accounts()
        return self._open_account(chosen[0].id) if chosen else None

    def _open_account(self, account_id: int | None) -> AccountDialog | None:
        if self._db is None:
            return None
        dialog = AccountDialog(self.context, self._db, account_id, self.window())
        self.keep(dialog)
        return dialog

    def rules_of_engagement(self) -> EngagementDialog | None:
        if self._db is None:
            return None
        dialog = EngagementDialog(self._db, self.context, self.window())
        self.keep(dialog)
        return dialog

    def direct_reps(self) -> DirectRepsDialog | None:
        if self._db is None:
            return None
        dialog = DirectRepsDialog(self.context, self._db, self.window())
        self.keep(dialog)
        return dialog

    def keep(self, dialog: QDialog) -> None:
        """Show a modeless dialog and forget it once closed."""
        self.dialogs.show(dialog)

    def merge_selected(self) -> None:
        chosen = self.selected_accounts()
        if self._db is None:
            return
        if len(chosen) != 2:
            self.context.errors.show_now(
                InputError("Select the two accounts to merge (Ctrl+click the second one).")
            )
            return
        dialog = AccountMergeDialog(chosen[0], chosen[1], self.window())
        if not self.ask_merge(dialog):
            return
        survivor, merged = dialog.survivor, dialog.merged
        try:
            with self._db.transaction() as session:
                result = merge_accounts(
                    session, survivor.id, merged.id,
                    survivor_version=survivor.version, merged_version=merged.version,
                )  # fmt: skip
        except Exception as exc:  # the refusal (or a bug) is shown through the error hook
            self.context.errors.show_now(exc)
            return
        moved = {RecordKind.ACCOUNT, RecordKind.CLAIM, RecordKind.DEAL, RecordKind.QUOTE}
        self.context.changes.announce(moved)
        self.say(result.summary())
