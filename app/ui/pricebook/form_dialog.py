"""The shape every price-book editor shares: a form with problems under its fields, Save (Ctrl+S)
and Cancel, and the stale-save dialog when someone else saved the same record meanwhile."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app.domain.errors import ConflictError
from app.services.store import Database, Session
from app.ui.changes import RecordKind
from app.ui.context import UiContext
from app.ui.field_box import focus_first_problem
from app.ui.labelled_form import FormGrid
from app.ui.stale_dialog import StaleChoice, StaleDialog, run_stale, settle_stale
from app.ui.unsaved import AsksBeforeDiscarding


def shown(value: object) -> str:
    """A stored value as the stale dialog shows it."""
    if value is None:
        return ""
    return format(value, "f") if hasattr(value, "as_tuple") else str(value)


class FormDialog(AsksBeforeDiscarding, QDialog):
    """Subclasses fill ``self.form`` and implement ``problems``, ``write`` and ``reload``."""

    noun = "price book entry"
    saved = Signal()
    kinds: frozenset[RecordKind] = frozenset({RecordKind.PRICE_BOOK})
    labels: Mapping[str, str] = MappingProxyType({})

    def __init__(
        self, context: UiContext, db: Database, title: str, heading: str, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.context, self.db = context, db
        self.setWindowTitle(title)
        self.ask_stale: Callable[[StaleDialog], StaleChoice] = run_stale
        self.form = FormGrid()
        self.form.grid.setColumnStretch(3, 0)  # one column of fields: let them use the width
        self.form.edited.connect(lambda _f: self.check())
        self.heading = QLabel(heading)
        self.heading.setObjectName("sectionTitle")
        self.heading.setWordWrap(True)
        self.note = QLabel("")
        self.note.setObjectName("formNote")
        self.note.setWordWrap(True)
        self.note.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveButton")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(self.save)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 12)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(self.note)
        layout.addWidget(self.form, 1)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    # --- for subclasses ------------------------------------------------------------------

    def problems(self) -> dict[str, str]:
        raise NotImplementedError

    def write(self, session: Session, overwrite: bool) -> None:
        raise NotImplementedError

    def reload(self) -> None:
        """Show what is stored now (after the user chose to reload theirs)."""

    def name(self) -> str:
        return self.windowTitle()

    # --- behaviour -----------------------------------------------------------------------

    def check(self) -> dict[str, str]:
        errors = self.problems()
        self.form.show_problems(errors)
        return errors

    def save(self) -> bool:
        self.form.reveal_all = True
        errors = self.check()
        if errors:
            focus_first_problem(self.form.widgets, errors)
            return False
        return self._write(overwrite=False)

    def _write(self, overwrite: bool) -> bool:
        try:
            with self.db.transaction() as session:
                self.write(session, overwrite)
        except ConflictError as conflict:
            return self._stale(conflict)
        except Exception as exc:  # an AppError shows its one line; a bug its details
            self.context.errors.show_now(exc)
            return False
        self.context.changes.announce(self.kinds)
        self.saved.emit()
        self.accept()
        return True

    def _reload(self) -> None:
        self.reload()
        self.mark_clean()  # theirs, as stored: nothing of the user's left to lose

    def _stale(self, conflict: ConflictError) -> bool:
        rows = [
            (self.labels.get(f, f), self.form.text(f) if f in self.form.widgets else "",
             shown(theirs))
            for f, (_opened, theirs) in conflict.changes.items()
        ]  # fmt: skip
        dialog = StaleDialog(self.name(), rows, self)
        return settle_stale(
            self.ask_stale, dialog, self._reload, lambda: self._write(overwrite=True)
        )
