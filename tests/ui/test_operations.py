"""The background-work helper: results come back, failures are shown, cancel stops the work."""

from __future__ import annotations

import threading
import time

from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from app.domain.errors import InputError
from app.ui.errors import ErrorHook, ErrorReport
from app.ui.operations import Operation


def make(qtbot: QtBot) -> tuple[QWidget, ErrorHook, list[ErrorReport]]:
    parent = QWidget()
    qtbot.addWidget(parent)
    shown: list[ErrorReport] = []
    return parent, ErrorHook(shown.append), shown


def test_work_runs_off_the_gui_thread_and_its_result_comes_back(qtbot: QtBot) -> None:
    parent, errors, shown = make(qtbot)
    results: list[object] = []
    progress_seen: list[tuple[int, int]] = []

    def work(progress, cancelled):  # type: ignore[no-untyped-def]
        for n in range(3):
            progress(n + 1, 3)
        return threading.current_thread() is not threading.main_thread()

    op = Operation(parent, errors, work).success(results.append).with_progress("Counting…")
    op._signals.progressed.connect(lambda d, t: progress_seen.append((d, t)))

    with qtbot.waitSignal(op.finished, timeout=5000):
        op.run_in_background()
    assert results == [True] and shown == []
    assert progress_seen[-1] == (3, 3)
    assert op.outcome == "success" and not op.running


def test_a_failure_is_shown_by_the_error_hook(qtbot: QtBot) -> None:
    parent, errors, shown = make(qtbot)

    def work(progress, cancelled):  # type: ignore[no-untyped-def]
        raise InputError("notes.xlsx is encrypted: save it without a password and try again.")

    op = Operation(parent, errors, work)
    with qtbot.waitSignal(op.finished, timeout=5000):
        op.run_in_background()
    assert [r.message for r in shown] == [
        "notes.xlsx is encrypted: save it without a password and try again."
    ]
    assert op.outcome == "failure"


def test_a_bug_in_the_work_is_shown_with_its_traceback(qtbot: QtBot) -> None:
    parent, errors, shown = make(qtbot)
    op = Operation(parent, errors, lambda p, c: 1 / 0)
    with qtbot.waitSignal(op.finished, timeout=5000):
        op.run_in_background()
    assert shown[0].is_bug and "ZeroDivisionError" in (shown[0].details or "")


def test_cancel_stops_the_work_and_calls_the_cancel_callback(qtbot: QtBot) -> None:
    parent, errors, shown = make(qtbot)
    started = threading.Event()
    outcome: list[str] = []

    def work(progress, cancelled):  # type: ignore[no-untyped-def]
        started.set()
        deadline = time.monotonic() + 3
        while not cancelled() and time.monotonic() < deadline:
            time.sleep(0.005)
        return "finished anyway"

    op = (
        Operation(parent, errors, work)
        .success(lambda r: outcome.append(r))
        .when_cancelled(lambda: outcome.append("cancelled"))
        .with_progress("Waiting…")
    )
    with qtbot.waitSignal(op.finished, timeout=5000):
        op.run_in_background()
        assert started.wait(2)
        dialog = op._dialog
        assert dialog is not None
        dialog.findChild(QPushButton).click()  # the user presses Cancel
    assert outcome == ["cancelled"] and shown == []
    assert op.outcome == "cancelled"


def test_a_cancel_too_late_for_work_that_raises_on_cancel_is_a_success(qtbot: QtBot) -> None:
    parent, errors, _shown = make(qtbot)
    started, pressed = threading.Event(), threading.Event()
    outcome: list[str] = []

    def work(progress, cancelled):  # type: ignore[no-untyped-def]
        started.set()
        assert pressed.wait(3)  # Cancel comes while the work is past its last check
        return "committed"

    op = (
        Operation(parent, errors, work)
        .success(lambda r: outcome.append(r))
        .when_cancelled(lambda: outcome.append("cancelled"))
        .ending_says_what_happened()
        .with_progress("Importing…")
    )
    with qtbot.waitSignal(op.finished, timeout=5000):
        op.run_in_background()
        assert started.wait(2)
        op.cancel()
        pressed.set()
    assert outcome == ["committed"] and op.outcome == "success"
