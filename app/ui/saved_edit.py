"""An undoable edit that is already saved: undoing and redoing it are saves of their own.

Every table whose rows a person changes pushes one of these on its page's undo stack, and the
window's Edit menu undoes and redoes them, naming the step ("Undo edit of Bluepeak Solutions'
tier"). If someone changed the record since, the step is refused with a message rather than
overwriting their change, and it leaves the stack (it can never apply again).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtGui import QUndoCommand

from app.services.store import Database, Session

State = TypeVar("State")

#: Called after every undo or redo: the problem that stopped it, or None.
Done = Callable[[BaseException | None], None]


class SavedEdit(QUndoCommand, Generic[State]):
    """One saved change from ``before`` to ``after``; subclasses ``write`` a state."""

    def __init__(self, db: Database, text: str, before: State, after: State, done: Done) -> None:
        super().__init__(text)
        self.db = db
        self.before, self.after = before, after
        self._done = done
        self._applied = True  # pushed after the save: the first redo has nothing to do

    def undo(self) -> None:
        self._apply(self.after, self.before)

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self._apply(self.before, self.after)

    def _apply(self, expected: State, wanted: State) -> None:
        try:
            with self.db.transaction() as session:
                self.write(session, expected, wanted)
        except Exception as exc:  # shown to the user; the step cannot be undone any more
            self.setObsolete(True)
            self._done(exc)
            return
        self._done(None)

    def write(self, session: Session, expected: State, wanted: State) -> None:
        """Put the record in ``wanted``, refusing (``ConflictError``) unless it is in
        ``expected``."""
        raise NotImplementedError


def possessive(name: str) -> str:
    """``Bluepeak Solutions'``, ``Contoso's``."""
    return f"{name}'" if name.endswith(("s", "S")) else f"{name}'s"
