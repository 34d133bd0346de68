"""Direct reps added, renamed and retired from the Accounts & Claims page and from the Rules of
engagement, then picked as an account's Direct owner: on a fresh database nobody else could be."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Account, DirectRep
from app.ui.claims.account_dialog import AccountDialog
from app.ui.claims.direct_reps_dialog import DirectRepsDialog, RepDialog
from app.ui.claims.engagement_dialog import EngagementDialog
from app.ui.claims.page import ClaimsPage
from app.ui.errors import ErrorReport
from app.ui.main_window import MainWindow
from tests.support.pages import shown_page
from tests.support.table_cells import cells

Opener = Callable[[Database], MainWindow]


def type_into(qtbot: QtBot, widget: QWidget, text: str) -> None:
    assert isinstance(widget, QLineEdit)
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClicks(widget, text)


def add_rep(qtbot: QtBot, reps: DirectRepsDialog, name: str, email: str) -> RepDialog:
    """Ctrl+N, the name and e-mail typed, Ctrl+S: as a person adds one."""
    reps.activateWindow()
    qtbot.waitUntil(reps.isActiveWindow)
    qtbot.keyClick(reps, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = reps.editor
    assert isinstance(editor, RepDialog)
    qtbot.waitUntil(editor.isActiveWindow)
    type_into(qtbot, editor.form.widgets["name"], name)
    type_into(qtbot, editor.form.widgets["email"], email)
    qtbot.keyClick(editor.form.widgets["email"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    return editor


def offered(combo: QWidget) -> list[str]:
    assert isinstance(combo, QComboBox)
    return [combo.itemText(n) for n in range(combo.count())]


def test_a_rep_added_is_picked_as_an_accounts_direct_owner(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    page = shown_page(open_window(sqlite_db), "claims", ClaimsPage)
    qtbot.mouseClick(page.reps_button, Qt.MouseButton.LeftButton)
    reps = page.dialogs[-1]
    assert isinstance(reps, DirectRepsDialog)
    assert reps.table.records.rowCount() == 0  # a fresh database: nobody on file
    assert not add_rep(qtbot, reps, "Dana Direct", "dana@vendor.example").isVisible()
    assert cells(reps.table, "name") == ["Dana Direct"]
    reps.close()

    qtbot.mouseClick(page.new_account_button, Qt.MouseButton.LeftButton)
    dialog = page.dialogs[-1]
    assert isinstance(dialog, AccountDialog)
    type_into(qtbot, dialog.form.widgets["name"], "Initech")
    owner = dialog.form.widgets["owner_rep_id"]
    assert offered(owner) == ["(nobody)", "Dana Direct"]
    owner.setFocus()
    qtbot.keyClick(owner, Qt.Key.Key_Down)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    with sqlite_db.reading() as session:
        account = session.scalars(select(Account).where(Account.name == "Initech")).one()
        dana = session.scalars(select(DirectRep)).one()
        assert (account.owner_rep_id, dana.email) == (dana.id, "dana@vendor.example")


def test_the_rules_of_engagement_offer_a_rep_as_soon_as_it_is_added(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    page = shown_page(open_window(sqlite_db), "claims", ClaimsPage)
    qtbot.mouseClick(page.rules_button, Qt.MouseButton.LeftButton)
    rules = page.dialogs[-1]
    assert isinstance(rules, EngagementDialog)
    assert offered(rules.rep_combo) == ["(no rep)"]
    qtbot.mouseClick(rules.reps_button, Qt.MouseButton.LeftButton)
    reps = rules.reps_dialog
    assert reps is not None
    assert not add_rep(qtbot, reps, "Sam Seller", "").isVisible()
    assert offered(rules.rep_combo) == ["(no rep)", "Sam Seller"]
    reps.close()
    rules.close()


def test_a_retired_rep_is_offered_no_more_but_keeps_its_accounts(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database, shown_errors: list[ErrorReport]
) -> None:
    with sqlite_db.transaction() as session:
        rep = DirectRep(name="Dana Direct", email=None, active=True)
        session.add(Account(name="Initech", name_key="initech", named_account=True, owner_rep=rep))
    page = shown_page(open_window(sqlite_db), "claims", ClaimsPage)
    qtbot.mouseClick(page.reps_button, Qt.MouseButton.LeftButton)
    reps = page.dialogs[-1]
    assert isinstance(reps, DirectRepsDialog)
    assert cells(reps.table, "named_accounts") == ["1"]
    reps.table.setFocus()
    reps.table.selectRow(0)
    qtbot.mouseClick(reps.active_button, Qt.MouseButton.LeftButton)
    assert cells(reps.table, "active") == ["No"]
    assert reps.active_button.text() == "Mark &active"
    editor = add_rep(qtbot, reps, "dana  direct", "")  # the same name: refused
    assert editor.isVisible()
    assert "already a direct rep named Dana Direct" in shown_errors[-1].message
    editor.ask_to_discard = lambda _parent, _noun: True  # type: ignore[method-assign]
    editor.reject()
    reps.close()

    qtbot.mouseClick(page.new_account_button, Qt.MouseButton.LeftButton)
    new = page.dialogs[-1]
    assert isinstance(new, AccountDialog)
    assert offered(new.form.widgets["owner_rep_id"]) == ["(nobody)"]
    new.close()
    page.accounts.setFocus()
    page.accounts.selectRow(0)
    qtbot.keyClick(page.accounts, Qt.Key.Key_Return)
    opened = page.dialogs[-1]
    assert isinstance(opened, AccountDialog)
    owner = opened.form.widgets["owner_rep_id"]
    assert isinstance(owner, QComboBox) and owner.currentText() == "Dana Direct (inactive)"
