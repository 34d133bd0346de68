"""Undo and redo of a stage move on the deals page (Edit › Undo, Ctrl+Z).

"Move to" changes a deal without opening it, so a slip of the mouse must be easy to take back.
The move is already saved, so undoing it is another save; if someone moved the deal again since,
the undo is refused with a message rather than overwriting their move.
"""

from __future__ import annotations

from app.domain.enums import DealStage
from app.domain.errors import ConflictError
from app.services.deals.edit import get_deal, set_stage
from app.services.store import Database, Session
from app.ui.saved_edit import Done, SavedEdit


class StageMove(SavedEdit[DealStage]):
    """One saved stage move of one deal."""

    def __init__(
        self,
        db: Database,
        deal_id: int,
        name: str,
        before: DealStage,
        after: DealStage,
        done: Done,
    ) -> None:
        super().__init__(db, f"move of {name} to {after.label.lower()}", before, after, done)
        self.deal_id, self.name = deal_id, name

    def write(self, session: Session, expected: DealStage, wanted: DealStage) -> None:
        current = get_deal(session, self.deal_id)
        if current.stage is not expected:
            raise ConflictError(
                f"{self.name} was moved to {current.stage.label.lower()} by someone "
                "else since; undoing would overwrite their move, so nothing was changed."
            )
        set_stage(session, self.deal_id, current.version, wanted)
