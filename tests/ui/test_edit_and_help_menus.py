"""Edit › Undo and Redo name the step and say what they did; Help has a guide and the keys,
and ``docs/keyboard.md`` lists the same keys the window binds."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QShortcut
from pytestqt.qtbot import QtBot

from app.db.engine import Database
from app.services.partners.edit import get_partner
from app.ui.help import keyboard_markdown
from app.ui.main_window import MainWindow
from tests.conftest import REPO
from tests.support.pages import settled
from tests.support.sample_records import add_sample_records
from tests.ui.test_partners_page import names, partners_page, type_into

Opener = Callable[[Database], MainWindow]


def edit_menu(window: MainWindow) -> list[str]:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "Edi&t")
    return [a.text() for a in menu.actions() if a.text()]


def test_edit_undo_names_the_edit_and_says_it_was_undone(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    add_sample_records(sqlite_db)
    window = open_window(sqlite_db)
    page = partners_page(window)
    undo, redo = window.menu_actions.undo, window.menu_actions.redo
    assert not undo.isEnabled() and undo.text() == "&Undo"
    page.table.selectRow(names(page).index("Northwind Traders"))
    dialog = page.open_selected()
    assert dialog is not None and dialog.partner_id is not None
    type_into(qtbot, dialog, "city", "Hamburg")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert edit_menu(window) == ["&Undo edit of Northwind Traders' city", "&Redo"]
    assert undo.isEnabled() and not redo.isEnabled()

    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() == "Undone: edit of Northwind Traders' city."
    with sqlite_db.reading() as s:
        assert get_partner(s, dialog.partner_id).city != "Hamburg"
    assert redo.text() == "&Redo edit of Northwind Traders' city"
    redo.trigger()
    assert window.statusBar().currentMessage() == "Redone: edit of Northwind Traders' city."
    with sqlite_db.reading() as s:
        assert get_partner(s, dialog.partner_id).city == "Hamburg"

    # Another page's edits are its own: Training has none to undo.
    window.show_page("training")
    assert not undo.isEnabled() and undo.text() == "&Undo"
    window.show_page("partners")
    assert undo.text() == "&Undo edit of Northwind Traders' city"


def test_a_stage_move_is_undone_from_the_edit_menu(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    add_sample_records(sqlite_db)
    window = open_window(sqlite_db)
    window.show_page("deals")
    page = settled(window.page("deals"))
    row = [page.table.records.row_at(r).name for r in range(page.table.records.rowCount())]
    page.table.selectRow(row.index("Fabrikam roll-out"))
    next(a for a in page.stage_menu.actions() if a.text() == "Negotiation").trigger()
    assert window.menu_actions.undo.text() == "&Undo move of Fabrikam roll-out to negotiation"
    window.menu_actions.undo.trigger()
    assert window.statusBar().currentMessage() == (
        "Undone: move of Fabrikam roll-out to negotiation."
    )


def test_help_shows_the_guide_and_the_keys(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    window = open_window(sqlite_db)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    guide = window.help_dialog
    assert guide.isVisible() and "Partners" in guide.text.toPlainText()
    guide.close()
    window.menu_actions.shortcuts.trigger()
    keys = window.help_dialog.text.toPlainText()
    assert "Ctrl+N" in keys and "New partner" in keys and "Log training" in keys
    window.help_dialog.close()


def test_every_page_shortcut_says_what_it_does_and_the_docs_list_them(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    window = open_window(sqlite_db)
    for page in window.pages:
        for shortcut in page.findChildren(QShortcut):
            assert shortcut.whatsThis(), f"a shortcut of {page.title} says nothing about itself"
    written = (REPO / "docs" / "keyboard.md").read_text(encoding="utf-8")
    assert written == keyboard_markdown(window), (
        "docs/keyboard.md is out of date: QT_QPA_PLATFORM=offscreen "
        ".venv/bin/python -m app.ui.help > docs/keyboard.md"
    )


def test_a_claim_decision_is_undone_from_the_edit_menu(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    from PySide6.QtWidgets import QPushButton

    from tests.ui.test_claims_page import cells, claims_page, when_modal

    add_sample_records(sqlite_db)
    window = open_window(sqlite_db)
    page = claims_page(qtbot, window)
    pending = cells(page.claims, "status").index("Pending")
    claimant = cells(page.claims, "claimant")[pending]
    account = cells(page.claims, "account")[pending]
    page.claims.selectRow(pending)
    when_modal(lambda w: qtbot.mouseClick(w.findChild(QPushButton, "decideButton"),
                                          Qt.MouseButton.LeftButton))  # fmt: skip
    qtbot.mouseClick(page.claim_actions.approve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: cells(page.claims, "status").count("Pending") == 0)
    owner = f"{claimant}'" if claimant.endswith("s") else f"{claimant}'s"
    step = f"approval of {owner} claim on {account}"
    assert window.menu_actions.undo.text() == f"&Undo {step}"
    window.menu_actions.undo.trigger()
    assert window.statusBar().currentMessage() == f"Undone: {step}."
    qtbot.waitUntil(lambda: "Pending" in cells(page.claims, "status"))
