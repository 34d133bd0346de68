"""The global error hook: expected problems as a plain message, bugs with their traceback.

An ``AppError`` says what went wrong in words written for the user, so it is shown as it is. Any
other exception is a bug: it is logged with its traceback and shown with a "Details" section a
user can copy into a report (qutebrowser's KnownError/BugError). Exceptions raised in worker
threads are handed to the GUI thread through a queued signal: widgets live on the GUI thread only.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.domain.errors import AppError

log = logging.getLogger(__name__)

BUG_TITLE = "Something went wrong"
BUG_TEXT = (
    "Channel Desk ran into an unexpected problem (a bug). Your data is safe: the action that "
    "failed was not saved. The details below are also in the log file."
)


@dataclass(frozen=True)
class ErrorReport:
    """What the user is shown: plain data, so it can cross from a worker thread."""

    title: str
    message: str
    details: str | None = None  # the traceback, for bugs only
    backup: str | None = None  # a damaged database's newest backup, which the box offers

    @property
    def is_bug(self) -> bool:
        return self.details is not None


#: Shows a report; answers True when the person chose to open the report's ``backup``.
ShowError = Callable[[ErrorReport], object]
OPEN_BACKUP = "Open the &backup"


def report_for(exc: BaseException, tb: TracebackType | None = None) -> ErrorReport:
    """The report for ``exc``: a plain message for an AppError, a bug report otherwise."""
    if isinstance(exc, AppError):
        backup = getattr(exc, "backup", None)
        return ErrorReport(exc.title, exc.message, backup=str(backup) if backup else None)
    details = "".join(traceback.format_exception(type(exc), exc, tb or exc.__traceback__))
    summary = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return ErrorReport(title=BUG_TITLE, message=f"{BUG_TEXT}\n\n{summary}", details=details)


def message_box_shower(parent: Callable[[], QWidget | None]) -> ShowError:
    """The real dialog: a modal message box over ``parent()`` (tests inject their own)."""
    return lambda report: error_box(report, parent())


def error_box(report: ErrorReport, parent: QWidget | None = None, refuse: str = "&Close") -> bool:
    """The message box for ``report``; True when the person chose to open its backup (a
    damaged database, at start-up or found in the middle of the work alike: the same words
    and the same offer). ``refuse``: the other button's text then."""
    box = QMessageBox(parent)
    box.setObjectName("errorBox")
    box.setWindowTitle(report.title)
    box.setText(report.message)
    choice = None
    if report.is_bug:
        box.setIcon(QMessageBox.Icon.Critical)
        box.setDetailedText(report.details or "")
    else:
        box.setIcon(QMessageBox.Icon.Critical if report.backup else QMessageBox.Icon.Warning)
    if report.backup:
        box.setInformativeText(f"Open the backup {report.backup} instead?")
        choice = box.addButton(OPEN_BACKUP, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(refuse, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(choice)
    else:
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()
    return choice is not None and box.clickedButton() is choice


class ErrorHook(QObject):
    """Installs ``sys.excepthook`` and ``threading.excepthook`` and shows what they catch."""

    _deliver = Signal(object)  # ErrorReport, queued to the GUI thread when raised elsewhere

    def __init__(self, show: ShowError, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._show = show
        self._showing = False
        self._previous_sys: Callable[..., object] | None = None
        self._previous_threading: Callable[..., object] | None = None
        self.shown: list[ErrorReport] = []  # what was shown in this session, newest last
        #: Opens a damaged database's backup when the person asks to (set by the window).
        self.open_backup: Callable[[str], object] | None = None
        self._deliver.connect(self._present, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        self._previous_sys = sys.excepthook
        self._previous_threading = threading.excepthook
        sys.excepthook = self.excepthook
        threading.excepthook = self.threading_excepthook

    def uninstall(self) -> None:
        if self._previous_sys is not None:
            sys.excepthook = self._previous_sys
        if self._previous_threading is not None:
            threading.excepthook = self._previous_threading

    def excepthook(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        self.report(exc, tb)

    def threading_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        self.report(args.exc_value, args.exc_traceback)

    def report(self, exc: BaseException, tb: TracebackType | None = None) -> ErrorReport:
        """Log ``exc`` (with its traceback if it is a bug) and show it on the GUI thread."""
        report = report_for(exc, tb)
        if report.is_bug:
            log.error("unexpected error (a bug):\n%s", report.details)
        else:
            log.info("shown to the user: %s (%s)", report.title, type(exc).__name__)
        self._deliver.emit(report)
        return report

    def show_now(self, exc: BaseException) -> None:
        """Show ``exc`` at once (from the GUI thread), e.g. from an operation's failure."""
        report = report_for(exc)
        if report.is_bug:
            log.error("unexpected error (a bug):\n%s", report.details)
        self._present(report)

    def _present(self, report: ErrorReport) -> None:
        self.shown.append(report)
        if self._showing:  # an error while a dialog is open (e.g. in paint): log only
            log.warning("another error while one is shown: %s", report.title)
            return
        self._showing = True
        try:
            chosen = self._show(report)
        finally:
            self._showing = False
        if chosen is True and report.backup and self.open_backup is not None:
            self.open_backup(report.backup)


def default_parent() -> QWidget | None:
    return QApplication.activeWindow()
