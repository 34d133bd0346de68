"""The one background-work helper: run a long function off the GUI thread, with progress.

Modelled on Anki's ``CollectionOp(...).success(...).failure(...).with_progress(...)
.run_in_background()`` and superqt's QRunnable-plus-signals worker. The work function is plain
Python: it receives ``progress(done, total)`` and ``cancelled()`` callables, so the import, export
and PDF code it calls stays free of Qt. Only plain data crosses threads: the work's result or
its exception, and progress counts.

    Operation(window, errors, lambda progress, cancelled: export(rows, path, progress, cancelled))
        .success(lambda path: status(f"Saved {path}"))
        .with_progress("Exporting partners…")
        .run_in_background()
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, Generic, Self, TypeVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.ui.errors import ErrorHook

log = logging.getLogger(__name__)

T = TypeVar("T")
Progress = Callable[[int, int], None]
IsCancelled = Callable[[], bool]
Work = Callable[[Progress, IsCancelled], T]

#: Work quicker than this never flashes a progress dialog.
PROGRESS_DELAY_MS = 400


class _Signals(QObject):
    """Lives on the GUI thread; the worker emits, Qt queues the calls to the GUI thread.

    It has no parent: the worker keeps it alive for as long as it runs, so a page closed (and
    deleted) while its work runs takes only its ``Operation`` with it; Qt drops the connections
    to the deleted operation and the worker's last signals reach nobody, instead of a deleted
    object.
    """

    progressed = Signal(int, int)
    noted = Signal(str)
    succeeded = Signal(object)
    failed = Signal(object)


class _Runner(QRunnable):
    def __init__(self, work: Work[Any], signals: _Signals, cancel: threading.Event) -> None:
        super().__init__()
        self._work = work
        self._signals = signals
        self._cancel = cancel

    def run(self) -> None:
        try:
            result = self._work(self._signals.progressed.emit, self._cancel.is_set)
        except BaseException as exc:  # handed to the GUI thread, which decides what to show
            self._deliver(self._signals.failed, exc)
        else:
            self._deliver(self._signals.succeeded, result)

    @staticmethod
    def _deliver(signal: Any, value: object) -> None:
        """Emit, unless the application is already tearing the signals down (the window was
        closed while the work ran): then nobody is left to tell."""
        try:
            signal.emit(value)
        except RuntimeError:
            log.debug("background work ended after its window closed")


class Operation(QObject, Generic[T]):
    """One piece of background work and what to do when it ends.

    ``finished`` is emitted last, after the success, failure or cancel callback ran: tests wait
    for it, and nothing of the operation is left running after it.
    """

    finished = Signal()

    def __init__(
        self,
        parent: QWidget,
        errors: ErrorHook,
        work: Work[T],
        *,
        pool: QThreadPool | None = None,
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._errors = errors
        self._work = work
        self._pool = pool or QThreadPool.globalInstance()
        self._on_success: Callable[[T], None] = lambda _result: None
        self._on_failure: Callable[[BaseException], None] = errors.show_now
        self._on_cancel: Callable[[], None] = lambda: None
        self._label: str | None = None
        self._on_progress: Callable[[int, int], None] = lambda _done, _total: None
        self._on_note: Callable[[str], None] = lambda _text: None
        self._result_wins = False
        self._cancel = threading.Event()
        self._dialog: QProgressDialog | None = None
        self._signals = _Signals()
        self.running = False
        self.outcome: str | None = None  # "success", "failure" or "cancelled" once finished

    def success(self, callback: Callable[[T], None]) -> Self:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> Self:
        self._on_failure = callback
        return self

    def when_cancelled(self, callback: Callable[[], None]) -> Self:
        self._on_cancel = callback
        return self

    def ending_says_what_happened(self) -> Self:
        """Work that raises when it honours a cancel (an import: ``CancelledByUser``, then a
        rollback) and otherwise finishes what it began: a result after Cancel was pressed means
        the cancel came too late (the import was already committing), so it is a success."""
        self._result_wins = True
        return self

    def with_progress(self, label: str) -> Self:
        """Show a progress dialog with a Cancel button if the work takes a moment."""
        self._label = label
        return self

    def progressing(self, callback: Callable[[int, int], None]) -> Self:
        """Also hand each ``progress(done, total)`` to ``callback`` on the GUI thread: a page
        shows its own loading line instead of a dialog (``total`` 0: no count yet)."""
        self._on_progress = callback
        return self

    def noting(self, callback: Callable[[str], None]) -> Self:
        """Also hand each ``note(text)`` to ``callback`` on the GUI thread."""
        self._on_note = callback
        return self

    def note(self, text: str) -> None:
        """Say what the work is doing now, such as waiting for another program (from any
        thread): the progress dialog shows it at once, and the ``noting`` callback gets it.
        An empty ``text`` says the work is back to what its label says."""
        self._signals.noted.emit(text)

    def run_in_background(self) -> Self:
        self.running = True
        if self._label is not None:
            self._dialog = self._make_dialog(self._label)
        self._signals.progressed.connect(self._progressed, Qt.ConnectionType.QueuedConnection)
        self._signals.noted.connect(self._noted, Qt.ConnectionType.QueuedConnection)
        self._signals.succeeded.connect(self._succeeded, Qt.ConnectionType.QueuedConnection)
        self._signals.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        self._pool.start(_Runner(self._work, self._signals, self._cancel))
        return self

    def cancel(self) -> None:
        """Ask the work to stop; it stops at its next ``cancelled()`` check."""
        self._cancel.set()

    @property
    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def _make_dialog(self, label: str) -> QProgressDialog:
        dialog = QProgressDialog(label, "Cancel", 0, 0, self._parent)
        dialog.setWindowTitle("Working…")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(PROGRESS_DELAY_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self.cancel)
        dialog.setValue(0)
        return dialog

    def _progressed(self, done: int, total: int) -> None:
        if not self._cancel.is_set():
            self._on_progress(done, total)
        if self._dialog is not None and not self._cancel.is_set():
            self._dialog.setMaximum(max(total, 0))
            self._dialog.setValue(min(done, total) if total > 0 else 0)

    def _noted(self, text: str) -> None:
        if self._cancel.is_set():
            return
        self._on_note(text)
        if self._dialog is not None:
            self._dialog.setLabelText(text or self._label or "")
            if text:
                self._dialog.show()

    def _succeeded(self, result: T) -> None:
        if self._cancel.is_set() and not self._result_wins:
            self._end("cancelled", self._on_cancel)
        else:
            self._end("success", lambda: self._on_success(result))

    def _failed(self, exc: BaseException) -> None:
        if self._cancel.is_set():
            log.info("cancelled work ended with %s", type(exc).__name__)
            self._end("cancelled", self._on_cancel)
        else:
            self._end("failure", lambda: self._on_failure(exc))

    def _end(self, outcome: str, callback: Callable[[], None]) -> None:
        if self._dialog is not None:
            self._dialog.canceled.disconnect(self.cancel)
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None
        self.running = False
        self.outcome = outcome
        try:
            callback()
        finally:
            # Not deleted here: the window owns it (a few bytes) until it closes, so a caller
            # or a test may still read ``outcome`` after ``finished``.
            self.finished.emit()


class LatestOnly:
    """Work whose newest run is the only one that counts, such as reading a page's rows again:
    starting a run cancels the one before, and its ending is then ignored (``is_current``)."""

    def __init__(self) -> None:
        self.operation: Operation[Any] | None = None

    @property
    def running(self) -> bool:
        return self.operation is not None and self.operation.running

    def start(self, operation: Operation[Any]) -> None:
        self.cancel()
        self.operation = operation
        operation.finished.connect(lambda: self._forget(operation))
        operation.run_in_background()

    def _forget(self, operation: Operation[Any]) -> None:
        """Its callbacks have run: let it go (it may be deleted next)."""
        if self.operation is operation:
            self.operation = None

    def cancel(self) -> None:
        """Ask the current run to stop; whatever it still returns is ignored."""
        if self.operation is not None and self.operation.running:
            self.operation.cancel()

    def is_current(self, operation: Operation[Any]) -> bool:
        return operation is self.operation
