"""Every area has a key while digits last: Ctrl+1 to Ctrl+9, then Ctrl+0, in the order of the
list. An area after the tenth is reached through the Go menu or the list; the narrow window's
tooltips never promise a Ctrl+11 that no key can press."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.db.engine import Database
from app.ui import main_window
from app.ui.main_window import MainWindow
from app.ui.page_list import PAGES


def test_the_tenth_area_is_ctrl_0_and_later_ones_promise_no_digit_key(
    qtbot: QtBot,
    open_window: Callable[[Database], MainWindow],
    sqlite_db: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    extra = tuple(replace(e, key=f"{e.key}_again", title=f"{e.title} again") for e in PAGES)
    areas = (PAGES + extra)[:11]
    monkeypatch.setattr(main_window, "PAGES", areas)
    window = open_window(sqlite_db)
    window.set_compact(True)
    tips = [window.navigation.item(row).toolTip() for row in range(11)]
    assert tips[0] == f"{PAGES[0].title} (Ctrl+1)"
    assert tips[8].endswith("(Ctrl+9)")
    assert tips[9] == f"{areas[9].title} (Ctrl+0)"
    assert "Ctrl" not in tips[10] and tips[10] == areas[10].title
    window.menu_actions.pages[0].trigger()
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.navigation.currentRow() == 9
