"""The leads page as a person uses it: find leads by status, grade, recipient, campaign and
country, and read a lead's every assignment and why."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.db.engine import Database
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
