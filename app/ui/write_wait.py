"""A save behind another program's write waits in sight, and can be stopped.

SQLite lets one program write at a time. A small dialog's Save begins its transaction on the
window's thread; while another program holds the write lock, the turn is asked for again and
again (``app.db.write_turn``). Between the tries the window goes on painting and answering, a
box says "Waiting for another program to finish writing…" with a Cancel button, and a cancel
refuses the save in one line with nothing written and the dialog still open. Every save of
every dialog goes through ``Database.transaction``, so this is set once, on the database the
window shows, and no dialog needs to know of it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

if TYPE_CHECKING:  # storage loads after the window's first paint
    from app.services.store import Database

#: How long events are processed between two tries for the turn, at most.
EVENTS_MS = 20


class WriteWait(QObject):
    """The wait of the window's own transactions; ``box`` while one waits."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.box: QProgressDialog | None = None
        self.waits = 0  # waits shown: tests read it

    def install(self, database: Database) -> None:
        database.waiting = self.waiting
        database.window_wait = self.here

    def _on_window_thread(self) -> bool:
        return QThread.currentThread() is self.thread()

    def here(self) -> Callable[[], bool] | None:
        """The ``cancelled`` of a transaction begun now: on the window's thread only."""
        return self.cancelled if self._on_window_thread() else None

    def waiting(self, on: bool) -> None:
        if not self._on_window_thread():
            return  # a worker's wait is its own operation's to show
        if on:
            from app.services.store import WAITING_TEXT  # loaded by then: a save is writing

            self.waits += 1
            parent = QApplication.activeModalWidget() or QApplication.activeWindow()
            box = QProgressDialog(WAITING_TEXT, "&Stop waiting", 0, 0, parent or self.window)
            box.setObjectName("writeWait")
            box.setWindowTitle("Saving")
            box.setWindowModality(Qt.WindowModality.ApplicationModal)
            box.setMinimumDuration(0)
            box.setAutoClose(False)
            box.setAutoReset(False)
            box.show()
            self.box = box
        elif self.box is not None:
            self.box.close()
            self.box.deleteLater()
            self.box = None

    def cancelled(self) -> bool:
        """Let the window paint and answer between two tries; True once the person stopped
        waiting."""
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, EVENTS_MS)
        box = self.box
        if box is not None and box.wasCanceled():
            self.waiting(False)
            return True
        return False
