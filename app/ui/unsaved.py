"""The guard every editing dialog shares: Save is enabled only with edits, and Escape or Close
asks before unsaved edits are dropped."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QPushButton


class GuardsUnsavedEdits:
    """Mixed into a QDialog before it (``class X(GuardsUnsavedEdits, QDialog)``). The dialog sets
    ``noun`` ("account"), ``save_button`` and ``confirm``, and calls ``_show_dirty``."""

    noun = "record"
    dirty = False
    save_button: QPushButton
    confirm: Callable[[str, str], bool]

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
