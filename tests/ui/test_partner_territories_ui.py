"""The partner dialog's Territories field: typed as the import reads it, checked as typed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from app.db.engine import Database
from app.services.partners.edit import get_partner
from app.ui.main_window import MainWindow
from app.ui.partners.page import PartnersPage
from tests.support.sample_records import add_sample_records


def test_territories_are_typed_checked_and_saved_in_their_stored_form(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], sqlite_db: Database
) -> None:
    add_sample_records(sqlite_db)
    window = open_window(sqlite_db)
    page = window.page("partners")
    assert isinstance(page, PartnersPage)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = page.dialogs[-1]
    name = dialog.fields.widgets["name"]
    territories = dialog.fields.widgets["territories"]
    assert isinstance(name, QLineEdit) and isinstance(territories, QLineEdit)
    qtbot.keyClicks(name, "Woodgrove Bank")
    territories.setFocus()
    qtbot.keyClicks(territories, "Norway; Sweden, Atlantis")
    problem = dialog.fields.problems["territories"]
    assert problem.isVisible()
    assert problem.text().startswith("Territories names 'Atlantis', not a country")
    assert not dialog.save_button.isEnabled() or not dialog.save()
    for _ in range(len(", Atlantis")):
        qtbot.keyClick(territories, Qt.Key.Key_Backspace)
    assert problem.isHidden()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.partner_id is not None
    with sqlite_db.reading() as session:
        assert get_partner(session, dialog.partner_id).territories == "NO;SE"
    assert territories.text() == "NO;SE"  # the saved form shows what was stored
