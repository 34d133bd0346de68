"""Text pasted into a dialog is held to the one text rule, as the import holds a file to it: a
control character is named under its field and the record cannot be saved until it is gone."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from app.db.engine import Database
from app.services.partners.rows import list_partners
from app.ui.main_window import MainWindow
from app.ui.partners.page import PartnersPage

Opener = Callable[[Database], MainWindow]


def test_a_pasted_escape_sequence_is_named_and_not_saved(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    window = open_window(sqlite_db)
    page = window.page("partners")
    assert isinstance(page, PartnersPage)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = page.dialogs[-1]
    name = dialog.fields.widgets["name"]
    assert isinstance(name, QLineEdit)
    name.setFocus()
    QApplication.clipboard().setText("Woodgrove\x1b[2J Bank")
    qtbot.keyClick(name, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert name.text() == "Woodgrove\x1b[2J Bank"
    problem = dialog.fields.problems["name"]
    assert problem.text() == "Name contains a control character, ESC (U+001B): remove it"
    assert not problem.isHidden()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    with sqlite_db.reading() as session:
        assert list_partners(session) == []
    name.selectAll()
    qtbot.keyClicks(name, "Woodgrove Bank")
    assert problem.isHidden()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    with sqlite_db.reading() as session:
        assert [p.name for p in list_partners(session)] == ["Woodgrove Bank"]
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
