"""The global error hook: an AppError as a plain message, a bug with its traceback, any thread."""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from app.domain.errors import AppError, InputError
from app.ui.errors import BUG_TITLE, ErrorHook, ErrorReport
from tests.support.log_file import product_log


@pytest.fixture
def hook(qapp: object) -> ErrorHook:
    shown: list[ErrorReport] = []
    hook = ErrorHook(shown.append)
    hook.install()
    yield hook
    hook.uninstall()


def raise_and_hook(exc: BaseException) -> None:
    try:
        raise exc
    except BaseException:
        sys.excepthook(*sys.exc_info())


def test_an_app_error_is_shown_as_its_title_and_message_without_traceback(
    qtbot: QtBot, hook: ErrorHook
) -> None:
    raise_and_hook(InputError("Row 3: 'Gold-ish' is not a tier."))
    qtbot.waitUntil(lambda: len(hook.shown) == 1)
    report = hook.shown[0]
    assert (report.title, report.message) == (
        "Cannot use this input",
        "Row 3: 'Gold-ish' is not a tier.",
    )
    assert report.details is None and not report.is_bug


def test_a_bug_is_logged_with_its_traceback_and_shown_with_details(
    qtbot: QtBot, hook: ErrorHook, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="app.ui.errors"):
        raise_and_hook(ZeroDivisionError("division by zero"))
        qtbot.waitUntil(lambda: len(hook.shown) == 1)
    report = hook.shown[0]
    assert report.title == BUG_TITLE and report.is_bug
    assert "ZeroDivisionError: division by zero" in report.message
    assert report.details is not None and "Traceback" in report.details
    assert "raise_and_hook" in report.details
    assert any("ZeroDivisionError" in r.getMessage() for r in caplog.records)


def test_an_exception_in_a_thread_is_shown_on_the_gui_thread(qtbot: QtBot, hook: ErrorHook) -> None:
    shown_on: list[threading.Thread] = []
    hook._show = lambda report: (shown_on.append(threading.current_thread()), hook.shown)

    def boom() -> None:
        raise RuntimeError("worker failed")

    worker = threading.Thread(target=boom)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(hook.shown) == 1)
    assert "RuntimeError: worker failed" in hook.shown[0].message
    assert shown_on == [threading.main_thread()]


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_reaches_the_hook(qtbot: QtBot, hook: ErrorHook) -> None:
    def slot() -> None:
        raise AppError("The partner list changed meanwhile.")

    QTimer.singleShot(0, slot)
    qtbot.waitUntil(lambda: len(hook.shown) == 1)
    assert hook.shown[0].message == "The partner list changed meanwhile."


def test_an_error_while_a_dialog_is_open_is_only_logged(qtbot: QtBot, qapp: object) -> None:
    seen: list[ErrorReport] = []

    def show(report: ErrorReport) -> None:
        seen.append(report)
        hook.show_now(ValueError("again, from inside the dialog"))

    hook = ErrorHook(show)
    hook.show_now(ValueError("first"))
    assert len(seen) == 1 and len(hook.shown) == 2


def test_uninstall_restores_the_previous_hooks(qapp: object) -> None:
    before = sys.excepthook, threading.excepthook
    hook = ErrorHook(lambda _r: None)
    hook.install()
    assert sys.excepthook == hook.excepthook
    hook.uninstall()
    assert (sys.excepthook, threading.excepthook) == before


def test_an_app_error_shown_to_the_user_leaves_its_words_out_of_the_log(
    qtbot: QtBot, hook: ErrorHook, tmp_path: Path
) -> None:
    """The message may name a partner or an address; the log keeps that one was shown."""
    with product_log(tmp_path / "data") as log_file:
        raise_and_hook(InputError("Zoë Privatbank GmbH already exists (zoe@example.org)."))
        qtbot.waitUntil(lambda: len(hook.shown) == 1)
        raise_and_hook(KeyError("Zoë Privatbank GmbH"))
        qtbot.waitUntil(lambda: len(hook.shown) == 2)
    text = log_file.read_text(encoding="utf-8")
    assert "Zoë" not in text and "zoe@" not in text, text
    assert "InputError" in text and "KeyError" in text
