"""Edit › Undo and Redo: the page in view's saved edits, each step named and reported.

Each page that lets a person change rows keeps its own ``QUndoStack``; the window shows the one
of the page in view, so Ctrl+Z never reaches into a page the person is not looking at. The
menu names the step ("Undo edit of Bluepeak Solutions' tier"), and the status bar says what was
undone or redone: an undo is never silent. A step refused because someone changed the record
since shows its message (the command reports it) and leaves the stack.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QUndoGroup, QUndoStack
from PySide6.QtWidgets import QWidget

NOTHING_TO_UNDO = "Nothing to undo on this page"
NOTHING_TO_REDO = "Nothing to redo on this page"


class EditHistory:
    """Keeps ``undo`` and ``redo`` in step with the page in view's stack."""

    def __init__(
        self, parent: QWidget, undo: QAction, redo: QAction, say: Callable[[str], None]
    ) -> None:
        self.group = QUndoGroup(parent)
        self.undo_action, self.redo_action = undo, redo
        self._say = say
        undo.triggered.connect(self.undo)
        redo.triggered.connect(self.redo)
        for signal in (
            self.group.canUndoChanged,
            self.group.canRedoChanged,
            self.group.undoTextChanged,
            self.group.redoTextChanged,
            self.group.activeStackChanged,
        ):
            signal.connect(lambda *_: self.update())
        self.update()

    def show_stack(self, stack: QUndoStack | None) -> None:
        """The page in view changed: its stack (or none) is the one Edit acts on."""
        if stack is not None and stack not in self.group.stacks():
            self.group.addStack(stack)
        self.group.setActiveStack(stack)  # type: ignore[arg-type]  # None: nothing to undo
        self.update()

    def update(self) -> None:
        group = self.group
        for action, can, text, verb, nothing in (
            (self.undo_action, group.canUndo(), group.undoText(), "Undo", NOTHING_TO_UNDO),
            (self.redo_action, group.canRedo(), group.redoText(), "Redo", NOTHING_TO_REDO),
        ):
            action.setEnabled(can)
            action.setText(f"&{verb} {text}" if can and text else f"&{verb}")
            action.setStatusTip(f"{verb} the {text}" if can and text else nothing)

    def undo(self) -> None:
        self._step(self.group.undoText(), self.group.undo, "Undone")

    def redo(self) -> None:
        self._step(self.group.redoText(), self.group.redo, "Redone")

    def _step(self, text: str, step: Callable[[], None], done: str) -> None:
        stack = self.group.activeStack()
        if stack is None:
            return
        count = stack.count()
        step()
        if stack.count() == count:  # a refused step leaves the stack; its message is shown
            self._say(f"{done}: {text}.")
        self.update()
