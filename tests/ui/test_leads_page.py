"""The leads page as a person uses it: find leads by status, grade, recipient, campaign and
country; read a lead's every assignment and why; act on the selected lead (accept, decline,
convert, lose, assign) with refusals said in one clear message."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Deal, Lead
from app.ui.errors import ErrorReport
from app.ui.leads.page import LeadsPage
from app.ui.main_window import MainWindow
from tests.support.lead_world import add_lead_world
from tests.support.pages import settled, shown_page
from tests.support.sample_records import TODAY
from tests.support.table_cells import cells

Opener = Callable[[Database], MainWindow]


def leads_page(window: MainWindow) -> LeadsPage:
    return shown_page(window, "leads", LeadsPage)


def select_lead(qtbot: QtBot, page: LeadsPage, code: str) -> None:
    """Click the lead's row, as a person picks it from the list."""
    table = page.leads.table
    row = cells(table, "lead_code").index(code)
    rect = table.visualRect(table.records.index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.selected_lead() is not None and page.selected_lead().lead_code == code


def pick(page: LeadsPage, key: str, text: str) -> None:
    combo = page.leads.filters.combos[key]
    combo.setFocus()
    combo.setCurrentIndex(combo.findText(text))
    settled(page)


def test_filter_the_leads_and_read_a_leads_history(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database, qtmodeltester: ModelTester
) -> None:
    add_lead_world(sqlite_db, TODAY)
    window = open_window(sqlite_db)
    page = leads_page(window)
    qtmodeltester.check(page.leads.table.records)
    assert window.count_label.text() == "7 leads"
    select_lead(qtbot, page, "L-007")
    assert cells(page.leads.history, "recipient") == ["P-001", "P-002"]
    assert cells(page.leads.history, "outcome") == ["Expired", "Accepted"]
    assert cells(page.leads.history, "reason") == ["load 2/3", "load 1/1"]
    summary = page.leads.summary.text()
    assert "with Contoso Partners" in summary and "quiet" in summary

    pick(page, "grade", "A")
    assert sorted(cells(page.leads.table, "lead_code")) == ["L-001", "L-007"]
    assert window.count_label.text() == "2 of 7 leads"
    pick(page, "recipient", "Direct (direct team)")
    assert cells(page.leads.table, "lead_code") == ["L-001"]
    pick(page, "grade", "All grades")
    pick(page, "recipient", "All recipients")
    pick(page, "campaign", "Trade show")
    assert sorted(cells(page.leads.table, "lead_code")) == ["L-002", "L-005"]
    pick(page, "campaign", "All campaigns")
    pick(page, "country", "France (FR)")
    assert cells(page.leads.table, "status") == ["Unroutable"]
    assert "FR" in cells(page.leads.table, "status_reason")[0]
    pick(page, "country", "All countries")
    pick(page, "status", "Nurture")
    assert cells(page.leads.table, "lead_code") == ["L-005"]
    pick(page, "status", "All statuses")
    page.leads.filters.quiet.click()
    settled(page)
    assert sorted(cells(page.leads.table, "lead_code")) == ["L-001", "L-007"]
    page.leads.filters.quiet.click()
    settled(page)
    qtbot.keyClicks(page.filter_edit, "blue")
    assert cells(page.leads.table, "lead_code") == ["L-002"]
    assert window.count_label.text() == "1 of 7 leads"

    source = page.export_source()
    assert source is not None and source[0] == "Leads" and len(source[1]) == 1


def test_the_buttons_follow_what_the_selected_lead_allows(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    add_lead_world(sqlite_db, TODAY)
    page = leads_page(open_window(sqlite_db))
    tab = page.leads

    def enabled() -> set[str]:
        return {b.objectName() for b in tab.action_buttons if b.isEnabled()}

    select_lead(qtbot, page, "L-002")  # with a partner, waiting for its answer
    assert enabled() == {"acceptLead", "declineLead", "assignLead"}
    assert (TODAY + timedelta(days=2)).isoformat() in tab.summary.text()
    select_lead(qtbot, page, "L-001")  # with the direct team: converted or lost straight away
    assert enabled() == {"convertLead", "loseLead", "assignLead"}
    select_lead(qtbot, page, "L-004")  # converted: nothing left to do
    assert enabled() == set()
    select_lead(qtbot, page, "L-003")  # declined: back to routing, or by hand
    assert enabled() == {"assignLead"}


def test_a_refused_action_is_one_clear_message_and_changes_nothing(
    qtbot: QtBot,
    open_window: Opener,
    sqlite_db: Database,
    shown_errors: list[ErrorReport],
) -> None:
    add_lead_world(sqlite_db, TODAY)
    window = open_window(sqlite_db)
    page = leads_page(window)
    select_lead(qtbot, page, "L-002")
    later = TODAY + timedelta(days=5)  # past assigned on + 3 acceptance days
    page.context.today = lambda: later
    qtbot.mouseClick(page.leads.accept_button, Qt.MouseButton.LeftButton)
    assert len(shown_errors) == 1
    assert "deadline" in shown_errors[0].message.lower() or "accept" in shown_errors[0].message
    settled(page)
    select_lead(qtbot, page, "L-002")
    assert page.selected_lead() is not None
    assert page.selected_lead().status.value == "assigned"


def test_decline_with_a_reason_then_assign_by_hand(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    add_lead_world(sqlite_db, TODAY)
    window = open_window(sqlite_db)
    page = leads_page(window)
    select_lead(qtbot, page, "L-002")
    seen: list[QDialog] = []

    def decline(dialog: QDialog) -> bool:
        seen.append(dialog)
        reasons = dialog.reasons  # type: ignore[attr-defined]
        reasons.setCurrentIndex(reasons.findText("capacity"))
        return True

    page.lead_actions.ask = decline
    qtbot.mouseClick(page.leads.decline_button, Qt.MouseButton.LeftButton)
    settled(page)
    assert "declined" in page.last_message
    select_lead(qtbot, page, "L-002")
    assert page.selected_lead().status.value == "declined"
    assert cells(page.leads.history, "end_reason") == ["capacity"]

    def assign(dialog: QDialog) -> bool:
        to = dialog.to  # type: ignore[attr-defined]
        to.setCurrentIndex(to.findData("P-001"))  # the one that declined it: by hand, allowed
        return True

    page.lead_actions.ask = assign
    qtbot.mouseClick(page.leads.assign_button, Qt.MouseButton.LeftButton)
    settled(page)
    select_lead(qtbot, page, "L-002")
    assert cells(page.leads.history, "reason")[-1] == "by hand"
    assert page.selected_lead().recipient == "P-001"


def test_convert_opens_the_new_deal(qtbot: QtBot, open_window: Opener, sqlite_db: Database) -> None:
    add_lead_world(sqlite_db, TODAY)
    window = open_window(sqlite_db)
    page = leads_page(window)
    select_lead(qtbot, page, "L-001")  # Direct's, accepted on assignment

    def convert(dialog: QDialog) -> bool:
        amount = dialog.amount  # type: ignore[attr-defined]
        amount.clear()
        qtbot.keyClicks(amount, "12,500.00")
        return True

    page.lead_actions.ask = convert
    qtbot.mouseClick(page.leads.convert_button, Qt.MouseButton.LeftButton)
    assert page.lead_actions.opened_deal is not None
    opened = [d for d in page.dialogs if d.objectName() == "dealDialog"]
    assert opened, "the new deal opens for the person"
    settled(page)
    select_lead(qtbot, page, "L-001")
    assert page.selected_lead().status.value == "converted"
    for dialog in list(page.dialogs):
        dialog.close()


def test_a_lead_becomes_a_deal_in_its_own_countrys_currency(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    """An American lead's deal is offered in USD, as a quote for its account would be."""
    add_lead_world(sqlite_db, TODAY)
    page = leads_page(open_window(sqlite_db))
    select_lead(qtbot, page, "L-007")  # US, accepted by Contoso
    offered: list[str] = []

    def convert(dialog: QDialog) -> bool:
        offered.append(dialog.currency.currentText())  # type: ignore[attr-defined]
        qtbot.keyClicks(dialog.amount, "9000")  # type: ignore[attr-defined]
        return True

    page.lead_actions.ask = convert
    qtbot.mouseClick(page.leads.convert_button, Qt.MouseButton.LeftButton)
    assert offered == ["USD"]
    with sqlite_db.reading() as s:
        deal = s.scalars(select(Deal).order_by(Deal.id.desc())).first()
        assert deal is not None and deal.currency == "USD"
    for dialog in list(page.dialogs):
        dialog.close()


def test_the_convert_dialog_reads_its_lead_on_two_lines(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    """The dialog opens wide enough for the lead's name and its facts to read one line each,
    not wrapped into three or four lines in a narrow box."""
    add_lead_world(sqlite_db, TODAY)
    with sqlite_db.transaction() as session:  # a name as long as many a real company's
        lead = session.scalars(select(Lead).where(Lead.lead_code == "L-007")).one()
        lead.company = "Ironwood Media & Entertainment Holdings Ltd"
    page = leads_page(open_window(sqlite_db))
    select_lead(qtbot, page, "L-007")  # accepted by P-002: the facts name the recipient
    heights: list[tuple[int, int]] = []

    def look(dialog: QDialog) -> bool:
        dialog.show()  # at the size it opens at
        qtbot.waitExposed(dialog)
        facts = dialog.findChild(QLabel, "leadFacts")
        assert facts is not None
        heights.append((facts.height(), facts.fontMetrics().lineSpacing()))
        dialog.reject()
        return False

    page.lead_actions.ask = look
    qtbot.mouseClick(page.leads.convert_button, Qt.MouseButton.LeftButton)
    [(height, line)] = heights
    assert height < 3 * line, "the lead's facts wrap past two lines"
