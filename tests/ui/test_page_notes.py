"""Every page says what it just did the same way: a note in the window's status bar, kept as
``last_message`` for tests to read; no page keeps a copy of its own."""

from __future__ import annotations

from collections.abc import Callable

from app.db.engine import Database
from app.ui.main_window import MainWindow
from app.ui.page_base import Page
from app.ui.page_list import PAGES

Opener = Callable[[Database], MainWindow]


def test_every_page_says_its_notes_through_the_page_base(
    open_window: Opener, sqlite_db: Database
) -> None:
    for entry in PAGES:
        kind = entry.page_type()
        own = [name for name in ("say", "_say", "_status") if name in vars(kind)]
        assert own == [], entry.key
        assert kind.say is Page.say
    window = open_window(sqlite_db)
    page = window.current_page()
    page.say("Backup written.")
    assert page.last_message == "Backup written."
    assert window.statusBar().currentMessage() == "Backup written."
