"""A page's own Import… opens the one import wizard with its records already chosen."""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot

from app.db.engine import Database
from app.ui.main_window import MainWindow


def test_the_wizard_opens_on_the_kind_a_page_asks_for(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], sqlite_db: Database
) -> None:
    window = open_window(sqlite_db)
    window.commands.import_records(kind="contacts")
    wizard = window.commands.wizard
    qtbot.waitExposed(wizard)
    assert wizard.source.kind.currentData() == "contacts"
    wizard.close()

    window.menu_actions.import_records.trigger()  # File › Import starts with partners
    wizard = window.commands.wizard
    qtbot.waitExposed(wizard)
    assert wizard.source.kind.currentData() == "partners"
    wizard.close()
