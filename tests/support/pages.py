"""Showing one page of the main window in a test, as the person would from the sidebar."""

from __future__ import annotations

import time
from typing import TypeVar

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication

from app.ui.main_window import MainWindow
from app.ui.page_base import Page

P = TypeVar("P", bound=Page)


def settled(page: Page, timeout: float = 10.0) -> Page:
    """Let the events run until ``page`` has read its rows (pages read in the background)."""
    deadline = time.monotonic() + timeout
    while page.loading or (page.stale and page.isVisible()):
        assert time.monotonic() < deadline, f"{page.key} did not finish reading"
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.002)
    return page


def shown_page(window: MainWindow, key: str, kind: type[P]) -> P:
    """Show page ``key`` of ``window``, once its rows are read; it, as the ``kind`` of page."""
    window.show_page(key)
    page = window.page(key)
    assert isinstance(page, kind)
    settled(page)
    return page
