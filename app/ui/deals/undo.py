"""Undo and redo of a stage move on the deals page (Edit › Undo, Ctrl+Z).

"Move to" changes a deal without opening it, so a slip of the mouse must be easy to take back.
The move is already saved, so undoing it is another save; if someone moved the deal again since,
the undo is refused with a message rather than overwriting their move. A move to won or lost
records the day the deal closed; undoing it puts back the deal's closing day as it was before
(none for a deal that was open).
"""

from __future__ import annotations

from datetime import date

from app.domain.enums import DealStage
from app.domain.errors import ConflictError
from app.services.deals.edit import get_deal, set_stage
from app.services.store import Database, Session
from app.ui.saved_edit import Done, SavedEdit

#: A deal's stage and the day it closed (None while open).
StageState = tuple[DealStage, date | None]


class StageMove(SavedEdit[StageState]):
    """One saved stage move of one deal."""

    def __init__(
        self,
        db: Database,
        deal_id: int,
        name: str,
        before: StageState,
        after: StageState,
        done: Done,
    ) -> None:
        super().__init__(db, f"move of {name} to {after[0].label.lower()}", before, after, done)
        self.deal_id, self.name = deal_id, name

    def write(self, session: Session, expected: StageState, wanted: StageState) -> None:
        current = get_deal(session, self.deal_id)
        if current.stage is not expected[0]:
            raise ConflictError(
                f"{self.name} was moved to {current.stage.label.lower()} by someone "
                "else since; undoing would overwrite their move, so nothing was changed."
            )
        set_stage(session, self.deal_id, current.version, wanted[0], closed_on=wanted[1])
