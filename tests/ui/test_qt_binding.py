"""The Qt binding the app runs on keeps Python's books straight.

PySide6 6.12.0 on Python 3.11 returns ``None`` from every method that returns nothing without
counting the reference, so a long session (thousands of ``setText``, ``update``, ``start``
calls) ends with the interpreter aborting. pyproject.toml keeps that version out; this test
says so if it ever comes back.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel


def test_calls_that_return_nothing_do_not_lose_references_to_none(qapp: object) -> None:
    label = QLabel("x")
    timer = QTimer()
    before = sys.getrefcount(None)
    for _ in range(200):
        label.setText("y")
        timer.start(1000)
        timer.stop()
    assert sys.getrefcount(None) - before > -50  # 600 calls; the broken binding loses 600
