"""The modeless dialogs a page has open: shown, kept while open, let go when closed.

A page's editors are modeless (a user may open two partners side by side), so the page must hold
a reference while each is open, or Python would collect it, and must let it go when it closes, or
every editor ever opened would stay in memory. Tests find the newest one as ``dialogs[-1]``.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QDialog

D = TypeVar("D", bound=QDialog)


class OpenDialogs(list[D]):
    """A list of the open dialogs that keeps itself up to date."""

    def show(self, dialog: D) -> D:
        """Show ``dialog``, raised and active, and keep it until it is closed."""
        self.append(dialog)
        dialog.finished.connect(lambda _result, d=dialog: self.forget(d))
        dialog.show()
        dialog.activateWindow()
        return dialog

    def forget(self, dialog: D) -> None:
        if dialog in self:
            self.remove(dialog)
        dialog.deleteLater()
