"""The shape every MDF dialog that writes one thing shares: an allocation set, a request made,
a step taken, a claim filed.

A form whose problems show under its fields, one line kept free for a refusal, Cancel and the
dialog's own button. The write runs in one transaction; a refusal (more than is left, a lapsed
quarter, someone else's newer step) is said in the dialog in one sentence and the dialog stays
open, so the amount can be changed and tried again; when the refusal came from a record that
changed or went meanwhile, the page is told to read what is stored.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLayout, QVBoxLayout, QWidget

from app.domain.errors import AppError, ConflictError, NotFoundError
from app.services.store import Database, Session
from app.ui.changes import RecordKind
from app.ui.context import UiContext
from app.ui.field_box import ProblemLine, focus_first_problem
from app.ui.labelled_form import FormGrid
from app.ui.unsaved import AsksBeforeDiscarding

#: Where ``lay_out`` puts the room a dialog gives away when it grows.
STRETCH = None


class MdfFormDialog(AsksBeforeDiscarding, QDialog):
    """Subclasses fill ``self.form``, then call ``lay_out``; they implement ``check`` and
    ``store``. ``written`` is True once stored."""

    def __init__(
        self, context: UiContext, db: Database, name: str, title: str, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.context, self.db = context, db
        self.written = False
        self.form = FormGrid()
        self.form.edited.connect(lambda _name: self.check())
        self.problem = ProblemLine()  # its room kept: a refusal moves nothing

    def button_box(self, text: str | None, name: str) -> QDialogButtonBox:
        """Cancel and the dialog's own button, ``text`` (None: Save); the latter is
        ``ok_button``."""
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        if text is None:
            buttons.addButton(QDialogButtonBox.StandardButton.Save)
            self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        else:
            self.ok_button = buttons.addButton(text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName(name)
        buttons.accepted.connect(self.write)
        buttons.rejected.connect(self.reject)
        return buttons

    def lay_out(
        self,
        parts: Sequence[QWidget | QLayout | None],
        buttons: QDialogButtonBox,
        size: tuple[int, int],
    ) -> None:
        """``parts`` top to bottom (``STRETCH`` where the room goes; a layout takes it), then
        the refusal line and the buttons."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 12)
        layout.setSpacing(8)
        for part in parts:
            if part is STRETCH:
                layout.addStretch(1)
            elif isinstance(part, QLayout):
                layout.addLayout(part, 1)
            else:
                layout.addWidget(part)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(*size)

    # --- for subclasses ------------------------------------------------------------------

    def check(self) -> dict[str, str]:
        """The fields' problems, shown under the fields (by ``form.show_problems``)."""
        raise NotImplementedError

    def store(self, session: Session) -> None:
        """Write what the dialog is for, in ``session``'s transaction."""
        raise NotImplementedError

    # --- behaviour -----------------------------------------------------------------------

    def write(self) -> bool:
        """Store; True when done (the dialog closes), else the problem is shown."""
        self.form.reveal_all = True
        problems = self.check()
        if problems:
            focus_first_problem(self.form.widgets, problems)
            return False
        try:
            with self.db.transaction() as session:
                self.store(session)
        except AppError as exc:
            self.problem.say(exc.message)
            if isinstance(exc, ConflictError | NotFoundError):
                self.context.changes.announce({RecordKind.MDF})  # the page shows what is stored
            return False
        self.written = True
        self.context.changes.announce({RecordKind.MDF})
        self.mark_clean()
        self.accept()
        return True
