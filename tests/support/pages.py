"""Showing one page of the main window in a test, as the person would from the sidebar."""

from __future__ import annotations

from typing import TypeVar

from app.ui.main_window import MainWindow
from app.ui.page_base import Page

P = TypeVar("P", bound=Page)


def shown_page(window: MainWindow, key: str, kind: type[P]) -> P:
    """Show page ``key`` of ``window``; it, as the ``kind`` of page it is."""
    window.show_page(key)
    page = window.page(key)
    assert isinstance(page, kind)
    return page
