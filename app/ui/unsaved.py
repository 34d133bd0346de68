"""What every editing dialog shares: heading, body and Save / Close laid out the same way,
Save enabled only with edits, and Escape or Close asking before unsaved edits are dropped."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialogButtonBox, QPushButton, QVBoxLayout, QWidget


class GuardsUnsavedEdits:
    """Mixed into a QDialog before it (``class X(GuardsUnsavedEdits, QDialog)``). The dialog sets
    ``noun`` ("account") and ``confirm``, has a ``save()``, lays itself out with
    ``lay_out_editor`` and calls ``_show_dirty`` as edits come and go."""

    noun = "record"
    dirty = False
    save_button: QPushButton
    confirm: Callable[[str, str], bool]

    def lay_out_editor(self, heading: QWidget, body: QWidget) -> None:
        """Heading, body, and Save / Close under them; Ctrl+S saves, Escape closes."""
        dialog = cast(QWidget, self)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveButton")
        save = self.save
        buttons.accepted.connect(save)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, dialog).activated.connect(save)
        layout = QVBoxLayout(dialog)
        layout.setContentsMargins(18, 14, 18, 12)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(body, 1)
        layout.addWidget(buttons)

    def save(self) -> bool:
        """Save from a ``FormGrid`` dialog: every field checked first, and a problem shown at
        its field on the Details tab; then ``_write``. Dialogs laid out otherwise override it."""
        dialog = cast(Any, self)
        dialog.form.reveal_all = True
        problems = dialog.check()
        if problems:
            dialog.tabs.setCurrentIndex(0)
            dialog.form.widgets[next(iter(problems))].setFocus()
            return False
        return bool(dialog._write(overwrite=False))

    def reject(self) -> None:
        """Escape or Close: ask before dropping unsaved edits."""
        if self.dirty and not self.confirm(
            "Discard changes?", f"This {self.noun} has unsaved changes. Close without saving?"
        ):
            return
        super().reject()  # type: ignore[misc]  # QDialog.reject, next in the MRO

    def _show_dirty(self, dirty: bool) -> None:
        self.dirty = dirty
        self.save_button.setEnabled(dirty)
