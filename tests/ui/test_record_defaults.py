"""Forms start from the record in front of them: a claim or quote for a company in the United
States is in dollars; a quote's currency is one the price book has; and an account typed a little
differently from one on file is offered before a duplicate is created."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.db.engine import Database
from app.db.models import Account, Claim, Price, Product
from app.domain.names import name_key
from app.ui.claims.claim_dialog import ClaimDialog
from app.ui.context import UiContext
from app.ui.quotes.editor.dialog import QuoteEditor
from tests.support.quote_book import add_price_book
from tests.support.sample_records import TODAY, add_sample_records


def type_in(qtbot: QtBot, field: object, text: str) -> None:
    line = field.lineEdit() if isinstance(field, QComboBox) else field
    assert isinstance(line, QLineEdit)
    line.setFocus()
    line.selectAll()
    qtbot.keyClick(line, Qt.Key.Key_Backspace)
    qtbot.keyClicks(line, text)


def claim_dialog(qtbot: QtBot, context: UiContext, db: Database) -> ClaimDialog:
    dialog = ClaimDialog(context, db)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    dialog.ask_to_discard = lambda *_: True
    return dialog


def currency(dialog: ClaimDialog) -> str:
    return dialog.form.text("currency")


def test_a_claim_for_a_us_partner_and_account_is_in_dollars_until_the_user_picks(
    qtbot: QtBot, context: UiContext, sqlite_db: Database
) -> None:
    add_sample_records(sqlite_db)
    dialog = claim_dialog(qtbot, context, sqlite_db)
    assert currency(dialog) == "JPY"  # nothing known yet: the last claim's currency
    form = dialog.form.widgets
    type_in(qtbot, form["claimant"], "Contoso Partners")  # in the US
    assert currency(dialog) == "USD"
    type_in(qtbot, form["account_name"], "Tailspin Toys · GB")  # the account decides
    assert currency(dialog) == "GBP"
    type_in(qtbot, form["account_name"], "Lyon Robotique")  # a new account, in France
    type_in(qtbot, form["country"], "France (FR)")
    assert currency(dialog) == "EUR"

    type_in(qtbot, form["currency"], "CHF")  # the user's own choice stays
    type_in(qtbot, form["account_name"], "Fabrikam Inc · US")
    assert currency(dialog) == "CHF"


def test_a_quote_picks_its_currency_from_the_price_book_and_follows_the_account(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    add_sample_records(sqlite_db)
    add_price_book(sqlite_db)
    with sqlite_db.transaction() as s:
        router = s.scalar(select(Product).where(Product.sku == "CD-100"))
        s.add(Price(product=router, currency="USD", list_price=Decimal(1400),
                    effective_from=date(2000, 1, 1)))  # fmt: skip
    editor = QuoteEditor(sqlite_db, TODAY)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    assert isinstance(editor.currency, QComboBox) and not editor.currency.isEditable()
    assert [editor.currency.itemText(i) for i in range(editor.currency.count())] == [
        "EUR", "JPY", "USD",
    ]  # fmt: skip
    assert editor.currency.currentText() == "EUR"
    qtbot.keyClicks(editor.partner, "Northwind Traders")  # in Germany
    qtbot.keyClicks(editor.account, "Fabrikam Inc")  # in the United States
    assert editor.currency.currentText() == "USD"
    editor.ask_to_discard = lambda *_: True


def answer_question(qtbot: QtBot, button: str, seen: list[str]) -> None:
    def poll() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, poll)
            return
        seen.append(box.text())
        found = box.findChild(QPushButton, button)
        assert found is not None
        qtbot.mouseClick(found, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, poll)


def accounts_named(db: Database, name: str) -> int:
    with db.reading() as s:
        return s.scalar(select(func.count()).where(Account.name_key == name_key(name))) or 0


def test_a_near_duplicate_account_is_offered_before_one_is_created(
    qtbot: QtBot, context: UiContext, sqlite_db: Database
) -> None:
    add_sample_records(sqlite_db)
    with sqlite_db.transaction() as s:
        s.add(Account(name="Globex Corporation", name_key=name_key("Globex Corporation"),
                      country="US"))  # fmt: skip
    dialog = claim_dialog(qtbot, context, sqlite_db)
    form = dialog.form.widgets
    type_in(qtbot, form["claimant"], "Contoso Partners")
    type_in(qtbot, form["account_name"], "Globex Corp Inc")
    type_in(qtbot, form["country"], "United States (US)")
    use = dialog.offer.button
    qtbot.waitUntil(use.isVisible)
    assert use.text().replace("&", "") == "Use Globex Corporation"
    assert "Globex Corporation (US) is already an account" in dialog.offer.note.text()
    qtbot.mouseClick(use, Qt.MouseButton.LeftButton)
    assert dialog.form.text("account_name") == "Globex Corporation · US"
    assert dialog.account_id() is not None and not use.isVisible()

    # typed again and registered straight away: asked once more, and the existing one used
    type_in(qtbot, form["account_name"], "Globex Corp Inc")
    seen: list[str] = []
    answer_question(qtbot, "useExisting", seen)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert seen and "Globex Corporation (US) is already an account" in seen[0]
    assert dialog.claim_id is not None and accounts_named(sqlite_db, "Globex") == 1
    with sqlite_db.reading() as s:
        claim = s.get(Claim, dialog.claim_id)
        assert claim is not None and claim.account.name == "Globex Corporation"


def test_a_duplicate_is_created_only_when_the_user_says_so(
    qtbot: QtBot, context: UiContext, sqlite_db: Database
) -> None:
    add_sample_records(sqlite_db)
    with sqlite_db.transaction() as s:
        s.add(Account(name="Globex Corporation", name_key=name_key("Globex Corporation"),
                      country="US"))  # fmt: skip
    dialog = claim_dialog(qtbot, context, sqlite_db)
    form = dialog.form.widgets
    type_in(qtbot, form["claimant"], "Contoso Partners")
    type_in(qtbot, form["account_name"], "Globex Corp Inc")
    type_in(qtbot, form["country"], "United States (US)")
    seen: list[str] = []
    answer_question(qtbot, "createNew", seen)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert len(seen) == 1 and dialog.claim_id is not None
    assert accounts_named(sqlite_db, "Globex") == 2
