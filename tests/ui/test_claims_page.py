"""The accounts & claims page as a person uses it: create and edit an account, merge two that
are the same company, register a claim that overlaps and see the warning before saving,
approve and reject with a reason, and find the claims running out soon."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Account, Claim, Deal, Setting
from app.domain.enums import ClaimStatus
from app.ui.claims.account_dialog import AccountDialog
from app.ui.claims.claim_dialog import ClaimDialog
from app.ui.claims.page import ClaimsPage
from app.ui.claims.same_company import NEW_ACCOUNT
from app.ui.deals.dialog import DealDialog
from app.ui.errors import ErrorReport
from app.ui.main_window import MainWindow
from app.ui.record_table import RecordTable
from app.ui.stale_dialog import StaleChoice, StaleDialog
from tests.support.modal import when_modal
from tests.support.sample_records import TODAY, add_sample_records
from tests.support.table_cells import cells

Opener = Callable[[Database], MainWindow]


def claims_page(qtbot: QtBot, window: MainWindow) -> ClaimsPage:
    window.show_page("claims")
    page = window.page("claims")
    assert isinstance(page, ClaimsPage)
    qtbot.waitUntil(lambda: page.loads > 0)
    return page


def type_in(qtbot: QtBot, widget: QWidget, text: str) -> None:
    if isinstance(widget, QComboBox):
        line = widget.lineEdit()
        assert line is not None
        widget = line
    assert isinstance(widget, QLineEdit)
    widget.selectAll()
    if not text:
        qtbot.keyClick(widget, Qt.Key.Key_Backspace)
    qtbot.keyClicks(widget, text)


def select_rows(table: RecordTable, rows: list[int]) -> None:
    table.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in rows:
        table.selectionModel().select(table.records.index(row, 0), flags)


def test_create_edit_and_merge_accounts(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database, qtmodeltester: ModelTester
) -> None:
    add_sample_records(sqlite_db)
    page = claims_page(qtbot, open_window(sqlite_db))
    qtbot.mouseClick(page.new_account_button, Qt.MouseButton.LeftButton)
    dialog = page.dialogs[-1]
    assert isinstance(dialog, AccountDialog) and not dialog.save_button.isEnabled()
    type_in(qtbot, dialog.form.widgets["website"], "not a website")
    assert dialog.form.problems["website"].text().startswith("Website is not a web address")
    type_in(qtbot, dialog.form.widgets["website"], "https://www.fabrikam.example")
    assert dialog.form.problems["website"].isHidden()
    type_in(qtbot, dialog.form.widgets["name"], "Fabrikam, Inc.")
    type_in(qtbot, dialog.form.widgets["country"], "United States")
    type_in(qtbot, dialog.form.widgets["city"], "Redmond")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.windowTitle() == "Fabrikam, Inc. — account" and dialog.tabs.count() == 3
    qtmodeltester.check(dialog.claims.records)
    qtmodeltester.check(dialog.deals.records)
    assert not dialog.dirty
    dialog.close()
    qtbot.waitUntil(lambda: "Fabrikam, Inc." in cells(page.accounts, "name"))
    assert page.count_label.text() == "3 claims · 3 accounts"

    # Open the new account with Enter and change its city.
    row = cells(page.accounts, "name").index("Fabrikam, Inc.")
    page.accounts.setFocus()
    page.accounts.selectRow(row)
    qtbot.keyClick(page.accounts, Qt.Key.Key_Return)
    dialog = page.dialogs[-1]
    assert isinstance(dialog, AccountDialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    type_in(qtbot, dialog.form.widgets["city"], "Seattle")
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.dirty
    dialog.close()
    qtbot.waitUntil(lambda: "Seattle" in cells(page.accounts, "city"))

    # The two Fabrikams are one company: merge the new one into the one with the claims.
    qtbot.keyClicks(page.filter_edit, "fabrikam")
    assert sorted(cells(page.accounts, "name")) == ["Fabrikam Inc", "Fabrikam, Inc."]
    select_rows(page.accounts, [0, 1])

    seen: list[tuple[str, bool]] = []

    def keep_the_old_one(widget: QWidget) -> None:
        keep = next(b for b in widget.findChildren(QRadioButton) if "Fabrikam Inc —" in b.text())
        seen.append((keep.text(), keep.isChecked()))
        merge = widget.findChild(QPushButton, "mergeButton")
        qtbot.mouseClick(merge, Qt.MouseButton.LeftButton)

    when_modal(keep_the_old_one)
    qtbot.mouseClick(page.merge_button, Qt.MouseButton.LeftButton)
    assert "2 live claims" in seen[0][0] and seen[0][1]  # the busier one is kept by default
    assert page.last_message.startswith("Fabrikam, Inc. was merged into Fabrikam Inc")
    qtbot.waitUntil(lambda: cells(page.accounts, "name") == ["Fabrikam Inc"])
    assert cells(page.accounts, "open_deals") == ["1"]
    with sqlite_db.reading() as s:
        twin = s.scalars(select(Account).where(Account.name == "Fabrikam, Inc.")).one()
        assert twin.merged_into_id is not None
    for table in page.tables():
        qtmodeltester.check(table.records)


def test_merge_needs_two_accounts_selected(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database, shown_errors: list[ErrorReport]
) -> None:
    add_sample_records(sqlite_db)
    page = claims_page(qtbot, open_window(sqlite_db))
    select_rows(page.accounts, [0])
    assert not page.merge_button.isEnabled()  # greyed until the second one is chosen
    qtbot.mouseClick(page.merge_button, Qt.MouseButton.LeftButton)
    assert shown_errors == []
    select_rows(page.accounts, [0, 1])
    assert page.merge_button.isEnabled()


def test_register_an_overlapping_claim_sees_the_warning_first(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database, qtmodeltester: ModelTester
) -> None:
    add_sample_records(sqlite_db)
    page = claims_page(qtbot, open_window(sqlite_db))
    page.claims.setFocus()
    qtbot.keyClick(page.claims, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    dialog = page.dialogs[-1]
    assert isinstance(dialog, ClaimDialog)
    assert dialog.form.date("valid_until") == TODAY + timedelta(days=90)  # the setting
    assert dialog.summary.text() == "No live claim overlaps this one."
    form = dialog.form.widgets
    type_in(qtbot, form["claimant"], "Contoso Partners")
    type_in(qtbot, form["account_name"], "Fabrikam Inc · US")
    assert not form["website"].isEnabled()  # an existing account: nothing more to ask
    type_in(qtbot, form["deal_amount"], "80000")
    type_in(qtbot, form["commission_pct"], "15")
    qtbot.waitUntil(lambda: len(dialog.overlaps) == 2)
    assert sorted(cells(dialog.table, "claimant")) == ["Direct", "Northwind Traders"]
    assert cells(dialog.table, "confidence") == ["Certain", "Certain"]
    assert dialog.summary.text().startswith(
        "⚠ Named direct account: Fabrikam Inc is a named account of the direct team "
        "(owner Dana Direct). The claim is saved pending.\n"
        f"⚠ Direct team active since {(TODAY - timedelta(days=5)).isoformat()} on this company: "
        "the claim is saved pending.\n"
        "⚠ 2 live claims would overlap this one"
    )
    qtmodeltester.check(dialog.table.records)

    asked: list[str] = []
    dialog.confirm = lambda title, _text: asked.append(title) is None and False
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert asked == ["Register despite the overlap?"] and dialog.isVisible()

    def yes(widget: QWidget) -> None:
        assert isinstance(widget, QMessageBox)
        qtbot.mouseClick(widget.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)

    from app.ui.partners.dialog import ask

    dialog.confirm = lambda t, x: ask(dialog, t, x)
    when_modal(yes)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.claim_id is not None
    qtbot.waitUntil(lambda: cells(page.claims, "claimant").count("Contoso Partners") == 2)
    with sqlite_db.reading() as s:
        claim = s.get(Claim, dialog.claim_id)
        assert claim is not None and claim.account.name == "Fabrikam Inc"
        assert claim.status is ClaimStatus.PENDING and claim.deal_amount == Decimal(80000)


def test_register_a_claim_on_a_new_account_for_the_direct_team(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    add_sample_records(sqlite_db)
    with sqlite_db.transaction() as s:
        s.add(Setting(key="registration_protection_days", value="30"))
    page = claims_page(qtbot, open_window(sqlite_db))
    qtbot.mouseClick(page.claim_actions.register_button, Qt.MouseButton.LeftButton)
    dialog = page.dialogs[-1]
    assert isinstance(dialog, ClaimDialog)
    form = dialog.form.widgets
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.form.problems["claimant"].text().startswith("Claimed by is required")
    assert dialog.form.problems["account_name"].text().startswith("Account is required")
    assert dialog.form.date("valid_until") == TODAY + timedelta(days=30)  # the setting
    dialog.form.set_date("claimed_on", TODAY - timedelta(days=2))  # follows the claim date
    assert dialog.form.date("valid_until") == TODAY + timedelta(days=28)
    type_in(qtbot, form["claimant"], "Direct team")
    assert form["direct_rep_id"].isEnabled()
    type_in(qtbot, form["account_name"], "Litware Ltd")
    assert dialog.offer.note.text() == NEW_ACCOUNT and form["website"].isEnabled()
    type_in(qtbot, form["website"], "litware.example")
    type_in(qtbot, form["country"], "GB")
    type_in(qtbot, form["deal_amount"], "12.345")
    type_in(qtbot, form["currency"], "EUR")
    assert "more than 2 decimals" in dialog.form.problems["deal_amount"].text()
    type_in(qtbot, form["deal_amount"], "12345.60")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.claim_id is not None
    qtbot.waitUntil(lambda: "Litware Ltd" in cells(page.accounts, "name"))
    with sqlite_db.reading() as s:
        claim = s.get(Claim, dialog.claim_id)
        assert claim is not None and claim.partner_id is None
        assert claim.account.domain == "litware.example" and claim.account.country == "GB"


def test_approve_and_reject_with_a_reason_and_the_expiring_list(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database, shown_errors: list[ErrorReport]
) -> None:
    add_sample_records(sqlite_db)
    with sqlite_db.transaction() as s:
        tailspin = s.scalars(select(Account).where(Account.name == "Tailspin Toys")).one()
        s.add(Claim(account=tailspin, claimed_on=TODAY - timedelta(days=80),
                    valid_until=TODAY + timedelta(days=6)))  # fmt: skip
    page = claims_page(qtbot, open_window(sqlite_db))
    assert page.claim_tabs.tabText(1) == "Expiring in 14 days (1)"
    assert cells(page.expiring, "account") == ["Tailspin Toys"]
    assert "Expired" in cells(page.claims, "status")

    direct = cells(page.claims, "claimant").index("Direct")
    select_rows(page.claims, [direct])

    def reject_with(reason: str) -> Callable[[QWidget], None]:
        def act(widget: QWidget) -> None:
            button = widget.findChild(QPushButton, "decideButton")
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # no reason yet: refused
            problem = widget.findChild(QWidget, "fieldProblem")
            assert problem is not None and problem.isVisible()
            edit = widget.findChild(QPlainTextEdit, "reason")
            qtbot.keyClicks(edit, reason)
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

        return act

    when_modal(reject_with("Named account of the direct team"))
    qtbot.mouseClick(page.claim_actions.reject_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Rejected" in cells(page.claims, "status"))
    with sqlite_db.reading() as s:
        reasons = set(s.scalars(select(Claim.decision_reason)))
        assert "Named account of the direct team" in reasons

    page.claim_tabs.setCurrentIndex(1)
    page.window().activateWindow()  # back from the dialog
    qtbot.waitUntil(page.window().isActiveWindow)
    select_rows(page.expiring, [0])
    page.expiring.setFocus()
    when_modal(lambda w: qtbot.mouseClick(w.findChild(QPushButton, "decideButton"),
                                          Qt.MouseButton.LeftButton))  # fmt: skip
    qtbot.keyClick(
        page.expiring, Qt.Key.Key_A,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )  # fmt: skip
    qtbot.waitUntil(lambda: cells(page.expiring, "status") == ["Approved"])

    # An expired claim cannot be approved any more.
    page.claim_tabs.setCurrentIndex(0)
    select_rows(page.claims, [cells(page.claims, "status").index("Expired")])
    when_modal(lambda w: qtbot.mouseClick(w.findChild(QPushButton, "decideButton"),
                                          Qt.MouseButton.LeftButton))  # fmt: skip
    qtbot.mouseClick(page.claim_actions.approve_button, Qt.MouseButton.LeftButton)
    assert "expired" in shown_errors[-1].message


def test_an_account_changed_by_someone_else_meets_the_stale_dialog(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    add_sample_records(sqlite_db)
    page = claims_page(qtbot, open_window(sqlite_db))
    select_rows(page.accounts, [cells(page.accounts, "name").index("Tailspin Toys")])
    qtbot.mouseClick(page.edit_account_button, Qt.MouseButton.LeftButton)
    dialog = page.dialogs[-1]
    assert isinstance(dialog, AccountDialog)
    with sqlite_db.transaction() as s:  # another user, meanwhile
        other = s.scalars(select(Account).where(Account.name == "Tailspin Toys")).one()
        other.city = "Leeds"
    type_in(qtbot, dialog.form.widgets["city"], "London")
    shown: list[list[tuple[str, str, str]]] = []

    def reload(stale: StaleDialog) -> StaleChoice:
        shown.append(stale.cells())
        return StaleChoice.RELOAD

    dialog.ask_stale = reload
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert shown == [[("City", "London", "Leeds")]]
    assert dialog.form.text("city") == "Leeds" and not dialog.dirty


def test_a_new_account_that_is_likely_the_same_company_is_flagged_before_saving(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database, qtmodeltester: ModelTester
) -> None:
    add_sample_records(sqlite_db)
    page = claims_page(qtbot, open_window(sqlite_db))
    dialog = page.claim_actions.register()
    assert isinstance(dialog, ClaimDialog)
    form = dialog.form.widgets
    type_in(qtbot, form["claimant"], "Adatum Systems")
    type_in(qtbot, form["account_name"], "Fabrikamm")  # a typo: not an account yet
    type_in(qtbot, form["country"], "United States")
    qtbot.waitUntil(lambda: len(dialog.overlaps) == 2)
    assert cells(dialog.table, "confidence") == ["Likely", "Likely"]
    assert cells(dialog.table, "why")[0].startswith("similar name")
    type_in(qtbot, form["website"], "https://www.fabrikam.example/contact")
    qtbot.waitUntil(lambda: cells(dialog.table, "confidence") == ["Certain", "Certain"])
    assert cells(dialog.table, "why") == ["same domain fabrikam.example"] * 2
    qtmodeltester.check(dialog.table.records)
    type_in(qtbot, form["account_name"], "Northwind Bakery")
    type_in(qtbot, form["website"], "")
    qtbot.waitUntil(lambda: dialog.overlaps == [])
    assert dialog.summary.text() == "No live claim overlaps this one."


def test_a_deal_grows_from_a_claim(qtbot: QtBot, open_window: Opener, sqlite_db: Database) -> None:
    add_sample_records(sqlite_db)
    page = claims_page(qtbot, open_window(sqlite_db))
    north = cells(page.claims, "claimant").index("Northwind Traders")
    select_rows(page.claims, [north])
    qtbot.mouseClick(page.claim_actions.deal_button, Qt.MouseButton.LeftButton)
    dialog = page.dialogs[-1]
    assert isinstance(dialog, DealDialog)
    assert dialog.heading.text() == "New deal from the claim of Northwind Traders"
    assert dialog.form.text("account_id") == "Fabrikam Inc · US"
    assert dialog.form.text("amount") == "125,000.00" and dialog.form.text("currency") == "EUR"
    assert [(p.name, p.commission_pct) for p in dialog.parties.parties] == [
        ("Northwind Traders", Decimal(20))
    ]
    type_in(qtbot, dialog.form.widgets["name"], "Fabrikam second site")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.deal_id is not None
    with sqlite_db.reading() as s:
        deal = s.get(Deal, dialog.deal_id)
        assert deal is not None and deal.claim_id == page.claims.records.rows()[north].id
        assert deal.amount == Decimal("125000.00") and deal.currency == "EUR"
