"""Answering a modal dialog in a test the way a person does: look at it, then click a button."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QPushButton, QWidget


def when_modal(act: Callable[[QWidget], None]) -> None:
    """Act on the next modal dialog once it is open (it blocks the test until closed)."""

    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if widget is None:
            QTimer.singleShot(20, poll)
            return
        act(widget)

    QTimer.singleShot(0, poll)


def click_in_modal(text: str, seen: list[QWidget] | None = None) -> None:
    """Click the button labelled ``text`` (mnemonic ``&`` ignored) in the next modal dialog;
    the dialog is added to ``seen`` first, so the test can read what it showed."""

    def act(dialog: QWidget) -> None:
        if seen is not None:
            seen.append(dialog)
        for button in dialog.findChildren(QPushButton):
            if button.text().replace("&", "") == text:
                button.click()
                return
        raise AssertionError(f"no button {text!r} in {dialog.windowTitle()!r}")

    when_modal(act)
