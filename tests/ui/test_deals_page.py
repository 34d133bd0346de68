"""The deals page as a person uses it: add a joint deal with parties and see the commission
warning, log an activity, move a deal's stage, and read the pipeline per currency."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Deal
from app.domain.enums import DealStage, Paper, PartyRole
from app.ui.deals.dialog import DealDialog
from app.ui.deals.page import DealsPage
from app.ui.main_window import MainWindow
from app.ui.record_table import RecordTable
from tests.support.sample_records import add_sample_records
from tests.support.table_cells import cells

Opener = Callable[[Database], MainWindow]


def type_in(qtbot: QtBot, widget: QWidget, text: str) -> None:
    if isinstance(widget, QComboBox):
        line = widget.lineEdit()
        assert line is not None
        widget = line
    assert isinstance(widget, QLineEdit)
    widget.selectAll()
    qtbot.keyClicks(widget, text)


def choose(combo: QWidget, text: str) -> None:
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findText(text))


def deals_page(qtbot: QtBot, window: MainWindow) -> DealsPage:
    window.show_page("deals")
    page = window.page("deals")
    assert isinstance(page, DealsPage)
    qtbot.waitUntil(lambda: page.loads > 0)
    return page


def select_row(table: RecordTable, row: int) -> None:
    flags = (
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    )
    table.selectionModel().select(table.records.index(row, 0), flags)


def add_party(qtbot: QtBot, dialog: DealDialog, who: str, commission: str) -> None:
    editor = dialog.parties
    type_in(qtbot, editor.who, who)
    type_in(qtbot, editor.commission, commission)
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)


def test_add_a_joint_deal_with_parties_and_see_the_commission_warning(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database, qtmodeltester: ModelTester
) -> None:
    add_sample_records(sqlite_db)
    page = deals_page(qtbot, open_window(sqlite_db))
    # A figure wraps whole: a no-break space holds the currency code to its amount.
    assert page.totals.text() == "Open pipeline: EUR\u00a0125,000.00"
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = page.dialogs[-1]
    assert dialog.windowTitle() == "New deal" and not dialog.tabs.isTabEnabled(1)
    form = dialog.form.widgets
    type_in(qtbot, form["name"], "Tailspin expansion")
    type_in(qtbot, form["account_id"], "Tailspin Toys · GB")
    choose(form["stage"], "Qualified")
    choose(form["paper"], "Ours")
    type_in(qtbot, form["amount"], "250000")
    type_in(qtbot, form["currency"], "USD")
    type_in(qtbot, form["expected_close"], "2031-02-30")
    assert dialog.form.problems["expected_close"].text() == "Expected close is not a real date"
    type_in(qtbot, form["expected_close"], "2031-03-31")

    add_party(qtbot, dialog, "Contoso Partners", "20")
    add_party(qtbot, dialog, "Nobody Ltd", "5")
    assert dialog.parties.problem.text() == "Choose a partner or a direct rep from the list."
    add_party(qtbot, dialog, "Adatum Systems", "8")
    assert dialog.parties.total.text() == "Commission together: 28% (limit 30%)"
    add_party(qtbot, dialog, "Dana Direct  (direct rep)", "5")
    roles = [p.role for p in dialog.parties.parties]
    assert roles == [
        PartyRole.REGISTERING_PARTNER,
        PartyRole.FULFILMENT_PARTNER,
        PartyRole.DIRECT_REP,
    ]
    assert dialog.parties.total.text().startswith("⚠ The parties expect 33% commission together")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.windowTitle() == "Tailspin expansion — deal" and dialog.tabs.isTabEnabled(1)

    # Log a meeting with the next step.
    dialog.tabs.setCurrentIndex(1)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    type_in(qtbot, dialog.log.summary, "Workshop with the CIO")
    type_in(qtbot, dialog.log.next_step, "Send the proposal")
    qtbot.keyClick(dialog.log.next_step, Qt.Key.Key_Return)
    assert cells(dialog.log.table, "summary") == ["Workshop with the CIO"]
    assert dialog.tabs.tabText(1) == "Activity log (1)"
    qtmodeltester.check(dialog.log.table.records)
    dialog.close()

    qtbot.waitUntil(lambda: "Tailspin expansion" in cells(page.table, "name"))
    row = cells(page.table, "name").index("Tailspin expansion")
    assert cells(page.table, "commission_check")[row] == "⚠ over 30%"
    assert cells(page.table, "total_commission_pct")[row] == "33%"
    assert page.over_limit.text() == "⚠ 1 deal over the 30% commission limit"
    shown = page.totals.text().replace("\u00a0", " ")
    assert shown.startswith("Open pipeline: EUR 125,000.00 · USD 250,000.00")
    with sqlite_db.reading() as s:
        deal = s.scalars(select(Deal).where(Deal.name == "Tailspin expansion")).one()
        assert deal.paper is Paper.OURS and deal.amount == Decimal(250000)
        assert deal.stage is DealStage.QUALIFIED and len(deal.parties) == 3
        assert [a.next_step for a in deal.activities] == ["Send the proposal"]
    for table in page.tables():
        qtmodeltester.check(table.records)


def test_move_a_deals_stage_and_read_the_pipeline(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    add_sample_records(sqlite_db)
    page = deals_page(qtbot, open_window(sqlite_db))
    assert cells(page.stages, "stage") == ["Proposal", "Won"]
    assert cells(page.partners, "partner") == ["Northwind Traders", "(direct team only)"]
    select_row(page.table, cells(page.table, "name").index("Fabrikam roll-out"))
    action = next(a for a in page.stage_menu.actions() if a.text() == "Negotiation")
    action.trigger()
    assert page.last_message.startswith("Fabrikam roll-out moved to negotiation")
    qtbot.waitUntil(lambda: cells(page.stages, "stage") == ["Negotiation", "Won"])
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # a slip
    qtbot.waitUntil(lambda: cells(page.stages, "stage") == ["Proposal", "Won"])
    qtbot.keyClick(
        page.table, Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )  # fmt: skip
    qtbot.waitUntil(lambda: cells(page.stages, "stage") == ["Negotiation", "Won"])
    assert cells(page.stages, "amount") == ["EUR 125,000.00", "USD 9,900.50"]
    row = cells(page.table, "name").index("Fabrikam roll-out")
    assert cells(page.table, "stage")[row] == "Negotiation"

    # Open it with Enter: the stage shows; move it back in the dialog and save.
    select_row(page.table, row)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = page.dialogs[-1]
    assert dialog.heading.text() == "Fabrikam roll-out  ·  Negotiation"
    assert [p.name for p in dialog.parties.parties] == ["Northwind Traders", "Dana Direct"]
    choose(dialog.form.widgets["stage"], "Won")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    dialog.close()
    qtbot.waitUntil(lambda: cells(page.stages, "stage") == ["Won", "Won"])
    assert page.totals.text() == "Open pipeline: nothing open"


def test_a_long_deal_name_ends_in_an_ellipsis_instead_of_widening_the_dialog(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    add_sample_records(sqlite_db)
    page = deals_page(qtbot, open_window(sqlite_db))
    dialog = page.new_deal()
    assert dialog is not None
    narrow = dialog.minimumSizeHint().width()
    dialog.heading.setText("Contoso Ltd – Network Monitoring migration, phase two " * 3)
    assert dialog.minimumSizeHint().width() == narrow
    assert dialog.heading.toolTip().startswith("Contoso Ltd – Network Monitoring")
    dialog.resize(dialog.minimumSizeHint())
    for field in (dialog.parties.who, dialog.parties.commission):
        assert field.width() >= field.minimumSizeHint().width()
    # The commission field's placeholder is its only label: it shows whole.
    commission = dialog.parties.commission
    needed = commission.fontMetrics().horizontalAdvance(commission.placeholderText())
    assert commission.width() > needed
    dialog.close()
