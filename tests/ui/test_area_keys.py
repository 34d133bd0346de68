"""Every area has a key: Ctrl+1 to Ctrl+9, then Ctrl+0, in the order of the list; after the
tenth, Ctrl+Shift and the area's letter in the Go menu (Program: Ctrl+Shift+G), since Shift
turns a digit into another sign on most keyboards. The narrow window's tooltips say the key,
and no area's key is taken by anything else the window binds."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.db.engine import Database
from app.ui import main_window
from app.ui.help import keyboard_sections
from app.ui.main_window import MainWindow
from app.ui.page_list import PAGES


def test_the_tenth_area_is_ctrl_0_and_later_ones_ctrl_shift_and_their_letter(
    qtbot: QtBot,
    open_window: Callable[[Database], MainWindow],
    sqlite_db: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    extra = tuple(
        replace(e, key=f"{e.key}_again", title=f"{e.title} again", menu_text="&Zeta") for e in PAGES
    )
    areas = (PAGES[:10] + extra)[:11]
    monkeypatch.setattr(main_window, "PAGES", areas)
    window = open_window(sqlite_db)
    window.set_compact(True)
    tips = [window.navigation.item(row).toolTip() for row in range(11)]
    assert tips[0] == f"{PAGES[0].title} (Ctrl+1)"
    assert tips[8].endswith("(Ctrl+9)")
    assert tips[9] == f"{areas[9].title} (Ctrl+0)"
    assert tips[10] == f"{areas[10].title} (Ctrl+Shift+Z)"
    window.menu_actions.pages[0].trigger()
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.navigation.currentRow() == 9


def test_ctrl_shift_g_shows_the_program_area(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], sqlite_db: Database
) -> None:
    window = open_window(sqlite_db)
    program = [entry.key for entry in PAGES].index("program")
    assert program >= 10  # after the digits
    window.navigation.setFocus()
    qtbot.keyClick(
        window.navigation,
        Qt.Key.Key_G,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.navigation.currentRow() == program
    assert window.menu_actions.pages[program].shortcut().toString() == "Ctrl+Shift+G"


def test_no_area_key_is_bound_to_anything_else(
    open_window: Callable[[Database], MainWindow], sqlite_db: Database
) -> None:
    window = open_window(sqlite_db)
    for page in PAGES:
        window.show_page(page.key)  # every page built, with its own keys
    taken = Counter(
        key.strip()
        for _heading, rows in keyboard_sections(window)
        for keys, _what in rows
        for key in keys.split(",")
    )
    for action in window.menu_actions.pages:
        key = action.shortcut().toString()
        assert taken[key] == 1, key
