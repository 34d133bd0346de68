"""Enter in a field with a job of its own, pressed as a person presses it: it logs the
activity or adds the party, and never saves the deal's other edits by surprise."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Deal
from app.ui.deals.dialog import DealDialog
from tests.support.sample_records import add_sample_records
from tests.support.table_cells import cells
from tests.ui.test_deals_page import Opener, deals_page, type_in


def test_enter_logs_the_activity_and_adds_the_party_and_saves_nothing_else(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    add_sample_records(sqlite_db)
    page = deals_page(qtbot, open_window(sqlite_db))
    row = cells(page.table, "name").index("Fabrikam roll-out")
    page.table.setFocus()
    page.table.selectRow(row)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = page.dialogs[-1]
    assert isinstance(dialog, DealDialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    with sqlite_db.reading() as s:
        stored = s.scalars(select(Deal.amount).where(Deal.name == "Fabrikam roll-out")).one()
    type_in(qtbot, dialog.form.widgets["amount"], "777777")  # an edit, not saved yet
    assert dialog.save_button.isEnabled()

    type_in(qtbot, dialog.parties.who, "Adatum Systems")
    type_in(qtbot, dialog.parties.commission, "4")
    qtbot.keyClick(dialog.parties.commission, Qt.Key.Key_Return)
    assert "Adatum Systems" in [p.name for p in dialog.parties.parties]
    dialog.tabs.setCurrentIndex(1)
    type_in(qtbot, dialog.log.summary, "Call with the buyer")
    qtbot.keyClick(dialog.log.summary, Qt.Key.Key_Return)
    assert cells(dialog.log.table, "summary") == ["Call with the buyer"]

    assert dialog.isVisible() and dialog.save_button.isEnabled()  # the edits still wait
    with sqlite_db.reading() as s:
        amount = s.scalars(select(Deal.amount).where(Deal.name == "Fabrikam roll-out")).one()
    assert amount == stored != Decimal(777777)
