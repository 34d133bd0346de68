"""A deal's closing day, Deal ID and product families as a person sets them: in the deal dialog
(typed and picked, with the certification warning) and with Move to on the deals page (and its
undo)."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Deal
from app.domain.enums import DealStage
from app.ui.deals.dialog import DealDialog
from app.ui.errors import ErrorReport
from tests.support.sample_records import TODAY, add_sample_records
from tests.support.table_cells import cells
from tests.ui.test_deals_page import Opener, add_party, deals_page, select_row, type_in


def _open(qtbot: QtBot, open_window: Opener, db: Database, name: str) -> DealDialog:
    page = deals_page(qtbot, open_window(db))
    select_row(page.table, cells(page.table, "name").index(name))
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = page.dialogs[-1]
    assert isinstance(dialog, DealDialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def _stored(db: Database, name: str) -> Deal:
    with db.reading() as s:
        deal = s.scalars(select(Deal).where(Deal.name == name)).one()
        s.expunge(deal)
        return deal


def test_won_fills_today_a_day_to_come_is_refused_and_reopening_clears_it(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    add_sample_records(sqlite_db)
    dialog = _open(qtbot, open_window, sqlite_db, "Fabrikam roll-out")
    closed, stage = dialog.form.widgets["closed_on"], dialog.form.widgets["stage"]
    assert closed.text() == ""
    stage.setFocus()
    for _ in range(2):  # Proposal → Negotiation → Won, with the arrow key
        qtbot.keyClick(stage, Qt.Key.Key_Down)
    assert stage.currentText() == "Won"
    assert closed.text() == TODAY.isoformat()
    type_in(qtbot, closed, (TODAY + timedelta(days=1)).isoformat())
    assert dialog.form.problems["closed_on"].text().startswith("Closed on is in the future")
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert _stored(sqlite_db, "Fabrikam roll-out").stage is DealStage.PROPOSAL  # refused
    type_in(qtbot, closed, (TODAY - timedelta(days=2)).isoformat())
    type_in(qtbot, dialog.form.widgets["deal_code"], "D-42")
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    deal = _stored(sqlite_db, "Fabrikam roll-out")
    assert (deal.stage, deal.closed_on, deal.deal_code) == (
        DealStage.WON, TODAY - timedelta(days=2), "D-42"
    )  # fmt: skip
    stage.setFocus()
    qtbot.keyClick(stage, Qt.Key.Key_Up)  # back to Negotiation: it is open again
    assert closed.text() == ""
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    deal = _stored(sqlite_db, "Fabrikam roll-out")
    assert (deal.stage, deal.closed_on) == (DealStage.NEGOTIATION, None)
    dialog.close()


def test_a_deal_id_another_deal_holds_is_refused(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database, shown_errors: list[ErrorReport]
) -> None:
    add_sample_records(sqlite_db)
    dialog = _open(qtbot, open_window, sqlite_db, "Fabrikam roll-out")
    type_in(qtbot, dialog.form.widgets["deal_code"], "D-42")
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    dialog.close()
    other = _open(qtbot, open_window, sqlite_db, "Tailspin pilot")
    type_in(qtbot, other.form.widgets["deal_code"], "d-42")
    qtbot.keyClick(other, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert [e.message for e in shown_errors] == [
        "Deal ID d-42 is already used by the deal Fabrikam roll-out; give this deal another ID "
        "or leave it empty. Nothing was saved."
    ]
    assert _stored(sqlite_db, "Tailspin pilot").deal_code is None
    other.form.widgets["deal_code"].clear()
    other.close()


def test_families_are_picked_and_an_uncertified_partner_is_warned_about(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    add_sample_records(sqlite_db)
    dialog = _open(qtbot, open_window, sqlite_db, "Fabrikam roll-out")
    picker = dialog.families
    assert picker.button.text().startswith("None chosen")
    core = next(a for a in picker.menu.actions() if a.text() == "Core Platform")
    core.trigger()  # a click on the family in the drop-down list
    assert picker.button.text().startswith("Core Platform")
    assert picker.warning.text() == ""  # Northwind's Alice is certified
    add_party(qtbot, dialog, "Adatum Systems", "3")
    assert picker.warning.text() == (
        "⚠ No one at Adatum Systems holds a valid Core Platform certification."
    )
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    with sqlite_db.reading() as s:
        deal = s.scalars(select(Deal).where(Deal.name == "Fabrikam roll-out")).one()
        assert [f.family.name for f in deal.families] == ["Core Platform"]
    assert picker.warning.text().startswith("⚠ No one at Adatum Systems")
    dialog.close()


def test_move_to_won_closes_today_and_undo_reopens(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    add_sample_records(sqlite_db)
    page = deals_page(qtbot, open_window(sqlite_db))
    row = cells(page.table, "name").index("Fabrikam roll-out")
    select_row(page.table, row)
    next(a for a in page.stage_menu.actions() if a.text() == "Won").trigger()
    assert page.last_message == (
        f"Fabrikam roll-out moved to won, closed on {TODAY.isoformat()} (Ctrl+Z takes it back)."
    )
    qtbot.waitUntil(lambda: cells(page.table, "stage")[
        cells(page.table, "name").index("Fabrikam roll-out")
    ] == "Won")  # fmt: skip
    row = cells(page.table, "name").index("Fabrikam roll-out")
    assert cells(page.table, "closed_on")[row] == TODAY.isoformat()
    assert _stored(sqlite_db, "Fabrikam roll-out").closed_on == TODAY
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _stored(sqlite_db, "Fabrikam roll-out").stage is DealStage.PROPOSAL)
    assert _stored(sqlite_db, "Fabrikam roll-out").closed_on is None
    qtbot.waitUntil(lambda: cells(page.table, "closed_on")[
        cells(page.table, "name").index("Fabrikam roll-out")
    ] == "")  # fmt: skip
