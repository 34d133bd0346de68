"""Undo and redo of a claim's approval or rejection (Edit › Undo on the claims page).

A decision is taken from the claims table in two clicks, so a slip must be easy to take back:
undoing puts the claim back where it stood (pending, with no reason) as another save. If
someone decided the claim again since, the undo is refused with a message instead.
"""

from __future__ import annotations

from app.domain.enums import ClaimStatus
from app.services.claims.claim_edit import Decision, restore_decision
from app.services.store import Database, Session
from app.ui.saved_edit import Done, SavedEdit, possessive


class ClaimDecisionEdit(SavedEdit[Decision]):
    """One saved decision on one claim."""

    def __init__(
        self,
        db: Database,
        claim_id: int,
        claimant: str,
        account: str,
        before: Decision,
        after: Decision,
        done: Done,
    ) -> None:
        what = "approval" if after.status is ClaimStatus.APPROVED else "rejection"
        text = f"{what} of {possessive(claimant)} claim on {account}"
        super().__init__(db, text, before, after, done)
        self.claim_id = claim_id

    def write(self, session: Session, expected: Decision, wanted: Decision) -> None:
        restore_decision(session, self.claim_id, expected, wanted)
