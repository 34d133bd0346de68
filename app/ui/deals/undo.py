"""Undo and redo of a stage move on the deals page (Ctrl+Z / Ctrl+Shift+Z).

"Move to" changes a deal without opening it, so a slip of the mouse must be easy to take back.
The move is already saved, so undoing it is another save; if someone moved the deal again since,
the undo is refused with a message rather than overwriting their move.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from app.domain.enums import DealStage
from app.domain.errors import ConflictError
from app.services.deals.edit import get_deal, set_stage
from app.services.store import Database


class StageMove(QUndoCommand):
    """One saved stage move of one deal."""

    def __init__(
        self,
        db: Database,
        deal_id: int,
        name: str,
        before: DealStage,
        after: DealStage,
        done: Callable[[BaseException | None], None],
    ) -> None:
        super().__init__(f"move of {name} to {after.label.lower()}")
        self.db, self.deal_id, self.name = db, deal_id, name
        self.before, self.after = before, after
        self._done = done
        self._applied = True  # pushed after the save: the first redo has nothing to do

    def undo(self) -> None:
        self._write(self.after, self.before)

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self._write(self.before, self.after)

    def _write(self, expected: DealStage, wanted: DealStage) -> None:
        try:
            with self.db.transaction() as session:
                current = get_deal(session, self.deal_id)
                if current.stage is not expected:
                    raise ConflictError(
                        f"{self.name} was moved to {current.stage.label.lower()} by someone "
                        "else since; undoing would overwrite their move, so nothing was changed."
                    )
                set_stage(session, self.deal_id, current.version, wanted)
        except Exception as exc:  # shown to the user; the step cannot be undone any more
            self.setObsolete(True)
            self._done(exc)
            return
        self._done(None)
