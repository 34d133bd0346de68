"""Undo and redo of saved partner edits (Ctrl+Z / Ctrl+Shift+Z on the partners page).

A saved edit is already in the database, so undoing it is another save: the fields the edit
changed go back to their old values. If someone changed one of those fields since, undoing would
silently drop their change, so the undo is refused with a message instead.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from app.domain.errors import ConflictError
from app.domain.partner_form import LABELS
from app.services.partners.edit import get_partner, update_partner
from app.services.store import Database


class PartnerEdit(QUndoCommand):
    """One saved edit of one partner: the changed fields' values before and after."""

    def __init__(
        self,
        db: Database,
        partner_id: int,
        name: str,
        before: dict[str, object],
        after: dict[str, object],
        done: Callable[[BaseException | None], None],
    ) -> None:
        super().__init__(f"edit of {name}")
        self.db, self.partner_id = db, partner_id
        changed = [f for f in after if before.get(f) != after.get(f)]
        self.before = {f: before.get(f) for f in changed}
        self.after = {f: after.get(f) for f in changed}
        self._done = done
        self._applied = True  # pushed after the save: the first redo has nothing to do

    def undo(self) -> None:
        self._write(self.after, self.before)

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self._write(self.before, self.after)

    def _write(self, expected: dict[str, object], wanted: dict[str, object]) -> None:
        try:
            with self.db.transaction() as session:
                current = get_partner(session, self.partner_id)
                values = current.values()
                moved = [f for f, v in expected.items() if values.get(f) != v]
                if moved:
                    fields = ", ".join(LABELS.get(f, f) for f in moved)
                    raise ConflictError(
                        f"{current.name} was changed by someone else since ({fields}); "
                        "undoing would overwrite their change, so nothing was changed."
                    )
                update_partner(session, current, {**values, **wanted})
        except Exception as exc:  # shown to the user; the step cannot be undone any more
            self.setObsolete(True)
            self._done(exc)
            return
        self._done(None)
