"""What the claims page does to claims: register one, approve or reject the selected one.

Kept apart from the page so the page stays about showing rows. Dialogs are run through
replaceable callables (``ask_decision``) so tests drive them as a person would, without a modal
loop blocking the test.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QPushButton

from app.domain.errors import InputError
from app.services.claims.claim_edit import decide_claim
from app.ui.changes import RecordKind
from app.ui.claims.claim_dialog import ClaimDialog
from app.ui.claims.decision_dialog import ClaimDecisionDialog
from app.ui.claims.undo import ClaimDecisionEdit
from app.ui.deals.dialog import DealDialog
from app.ui.selection_gate import SelectionGate
from app.ui.shortcuts import bind

if TYPE_CHECKING:
    from app.ui.claims.page import ClaimsPage


def _run(dialog: ClaimDecisionDialog) -> bool:
    return dialog.exec() == QDialog.DialogCode.Accepted


class ClaimActions:
    """The claim buttons of ``page`` and what they do."""

    def __init__(self, page: ClaimsPage) -> None:
        self.page = page
        self.register_button = QPushButton("&Register claim…")
        self.register_button.setObjectName("registerClaim")
        self.register_button.setToolTip("Register a deal for a partner or the direct team (Ctrl+R)")
        self.approve_button = QPushButton("A&pprove…")
        self.approve_button.setObjectName("approveClaim")
        self.approve_button.setToolTip("Approve the selected claim (Ctrl+Shift+A)")
        self.reject_button = QPushButton("Re&ject…")
        self.reject_button.setObjectName("rejectClaim")
        self.reject_button.setToolTip("Reject the selected claim, saying why (Ctrl+Shift+J)")
        self.deal_button = QPushButton("&Deal…")
        self.deal_button.setObjectName("dealFromClaim")
        self.deal_button.setToolTip("Open a joint deal from the selected claim")
        self.buttons = [
            self.register_button,
            self.approve_button,
            self.reject_button,
            self.deal_button,
        ]
        self.ask_decision: Callable[[ClaimDecisionDialog], bool] = _run
        self.register_button.clicked.connect(self.register)
        self.approve_button.clicked.connect(lambda: self.decide(approve=True))
        self.reject_button.clicked.connect(lambda: self.decide(approve=False))
        self.deal_button.clicked.connect(self.deal_from_claim)
        bind(page, "Ctrl+R", self.register, "Register a claim")
        approve_key = bind(
            page, "Ctrl+Shift+A", lambda: self.decide(approve=True), "Approve the claim"
        )
        reject_key = bind(
            page, "Ctrl+Shift+J", lambda: self.decide(approve=False), "Reject the claim"
        )
        # what acts on a claim waits for one to be selected in the table in view
        self.gate = SelectionGate(page)
        self.gate.watch(page.claims, page.expiring)
        self.gate.follow(page.claim_tabs.currentChanged)
        for control in (
            self.approve_button, self.reject_button, self.deal_button, approve_key, reject_key,
        ):  # fmt: skip
            self.gate.add(control, lambda: page.selected_claim() is not None)

    def register(self) -> ClaimDialog | None:
        db = self.page._db
        if db is None:
            return None
        dialog = ClaimDialog(self.page.context, db, self.page.window())
        dialog.saved.connect(lambda _id: self.page.say("Claim registered (pending)."))
        self.page.keep(dialog)
        return dialog

    def deal_from_claim(self) -> DealDialog | None:
        """A new joint deal on the selected claim's account, its claimant registering."""
        page, db = self.page, self.page._db
        row = page.selected_claim()
        if db is None:
            return None
        if row is None:
            page.context.errors.show_now(InputError("Select a claim first."))
            return None
        dialog = DealDialog(page.context, db, None, page.window(), claim=row)
        page.keep(dialog)
        return dialog

    def _undone(self, problem: BaseException | None) -> None:
        if problem is not None:
            self.page.context.errors.show_now(problem)
        self.page.context.changes.announce({RecordKind.CLAIM})

    def decide(self, approve: bool) -> bool:
        """Approve or reject the selected claim; True when it was saved."""
        page, db = self.page, self.page._db
        row = page.selected_claim()
        if db is None:
            return False
        if row is None:
            page.context.errors.show_now(InputError("Select a claim first."))
            return False
        dialog = ClaimDecisionDialog(row, approve, page.window())
        if not self.ask_decision(dialog):
            return False
        try:
            with db.transaction() as session:
                before, after = decide_claim(
                    session, row.id, row.version, approve, dialog.reason(), page.context.today()
                )
        except Exception as exc:  # the refusal (or a bug) is shown through the error hook
            page.context.errors.show_now(exc)
            return False
        page.edits.push(
            ClaimDecisionEdit(db, row.id, row.claimant, row.account, before, after, self._undone)
        )
        verb = "approved" if approve else "rejected"
        page.say(f"The claim of {row.claimant} on {row.account} was {verb} (Ctrl+Z takes it back).")
        page.context.changes.announce({RecordKind.CLAIM})
        return True
