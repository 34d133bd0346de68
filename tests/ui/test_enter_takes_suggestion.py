"""Enter on a field's list of suggestions, as a person presses it: a few letters, the one
suggestion they mean in view, Enter (or Tab). Where the field must name one of the records
offered, that takes the suggestion; where it also takes a new name, what was typed stays."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Partner
from app.ui.claims.claim_dialog import ClaimDialog
from app.ui.claims.page import ClaimsPage
from app.ui.completing import offer
from app.ui.main_window import MainWindow
from app.ui.partners.page import PartnersPage
from app.ui.quotes.page import QuotesPage
from tests.support.pages import shown_page
from tests.support.sample_records import add_sample_records

Opener = Callable[[Database], MainWindow]


def type_then(qtbot: QtBot, line: QLineEdit, text: str, key: Qt.Key) -> None:
    """Type ``text`` into ``line``, wait for the suggestions, press ``key`` on them."""
    line.setFocus()
    qtbot.waitUntil(line.hasFocus)
    qtbot.keyClicks(line, text)
    completer = line.completer()
    assert completer is not None
    popup = completer.popup()
    assert popup is not None
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, key)


def test_a_country_is_taken_from_its_only_suggestion_with_enter(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    add_sample_records(sqlite_db)
    page = shown_page(open_window(sqlite_db), "partners", PartnersPage)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = page.dialogs[-1]
    dialog.activateWindow()
    name = dialog.fields.widgets["name"]
    assert isinstance(name, QLineEdit)
    qtbot.keyClicks(name, "Woodgrove Systems")
    country = dialog.fields.widgets["country"]
    assert isinstance(country, QComboBox)
    line = country.lineEdit()
    assert line is not None
    type_then(qtbot, line, "Neth", Qt.Key.Key_Return)
    assert country.currentText() == "Netherlands (NL)"
    assert dialog.fields.problems["country"].isHidden()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    with sqlite_db.reading() as s:
        saved = s.scalars(select(Partner.country).where(Partner.name == "Woodgrove Systems"))
        assert list(saved) == ["NL"]


def test_the_quote_partner_and_account_are_taken_with_enter_and_tab(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    add_sample_records(sqlite_db)
    page = shown_page(open_window(sqlite_db), "quotes", QuotesPage)
    editor = page.new_quote()
    assert editor is not None
    qtbot.waitExposed(editor)
    editor.activateWindow()
    type_then(qtbot, editor.partner, "northw", Qt.Key.Key_Return)
    assert editor.partner.text().startswith("Northwind Traders")
    type_then(qtbot, editor.account, "tailsp", Qt.Key.Key_Tab)
    assert editor.account.text().startswith("Tailspin Toys")
    problems = editor.problems.text()
    assert "There is no partner" not in problems and "There is no account" not in problems


def test_a_new_account_name_stays_as_typed_when_enter_is_pressed(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    """The claim's account may be a new company: "Tailspin" is not "Tailspin Toys"."""
    add_sample_records(sqlite_db)
    page = shown_page(open_window(sqlite_db), "claims", ClaimsPage)
    qtbot.mouseClick(page.claim_actions.register_button, Qt.MouseButton.LeftButton)
    dialog = page.dialogs[-1]
    assert isinstance(dialog, ClaimDialog)
    dialog.activateWindow()
    claimant = dialog.form.widgets["claimant"]
    account = dialog.form.widgets["account_name"]
    assert isinstance(claimant, QLineEdit) and isinstance(account, QLineEdit)
    type_then(qtbot, claimant, "contoso", Qt.Key.Key_Return)
    assert claimant.text().startswith("Contoso Partners")
    type_then(qtbot, account, "Tailspin", Qt.Key.Key_Return)
    assert account.text() == "Tailspin"


def test_the_suggestion_equal_to_what_was_typed_wins_over_the_first(qtbot: QtBot) -> None:
    window = QWidget()
    layout = QVBoxLayout(window)
    line = QLineEdit()
    layout.addWidget(line)
    layout.addWidget(QLineEdit())
    offer(line, ["Blue Sky Holdings", "Blue Sky", "Bluepeak"], must_pick=True)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitActive(window):
        window.activateWindow()
    type_then(qtbot, line, "blue sky", Qt.Key.Key_Return)
    assert line.text() == "Blue Sky"
