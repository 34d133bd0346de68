"""Every button that acts on selected rows is greyed until the rows it needs are selected, and
greyed again when they are not: it never answers a press with "Select … first" or nothing."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QPushButton
from pytestqt.qtbot import QtBot

from app.db.engine import Database
from app.ui.claims.page import ClaimsPage
from app.ui.context import UiContext
from app.ui.deals.dialog import DealDialog
from app.ui.deals.page import DealsPage
from app.ui.main_window import MainWindow
from app.ui.partners.page import PartnersPage
from app.ui.pricebook.breaks_dialog import BreaksDialog
from app.ui.training.log_dialog import TrainingLogDialog
from app.ui.training.page import COURSES, TrainingPage
from tests.support.pages import shown_page
from tests.support.sample_records import add_sample_records
from tests.ui.test_every_dialog import COURSE
from tests.ui.test_training_page import show_tab

Opener = Callable[[Database], MainWindow]


def click_row(qtbot: QtBot, table: QAbstractItemView, row: int, ctrl: bool = False) -> None:
    """Click the row's first cell, as a person does (with Ctrl to add it to the selection)."""
    rect = table.visualRect(table.model().index(row, 0))
    modifier = Qt.KeyboardModifier.ControlModifier if ctrl else Qt.KeyboardModifier.NoModifier
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def clear(table: QAbstractItemView) -> None:
    table.selectionModel().clearSelection()


def only_with_a_row(
    qtbot: QtBot, table: QAbstractItemView, buttons: list[QPushButton], row: int = 0
) -> None:
    """Greyed with nothing selected, usable with a row, greyed again once it is let go."""
    clear(table)
    assert [b.isEnabled() for b in buttons] == [False] * len(buttons), [b.text() for b in buttons]
    click_row(qtbot, table, row)
    assert [b.isEnabled() for b in buttons] == [True] * len(buttons), [b.text() for b in buttons]
    clear(table)
    assert not any(b.isEnabled() for b in buttons)


def test_page_buttons_wait_for_a_selection(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    add_sample_records(sqlite_db)
    window = open_window(sqlite_db)

    partners = shown_page(window, "partners", PartnersPage)
    qtbot.waitUntil(lambda: partners.model.rowCount() > 0)
    only_with_a_row(qtbot, partners.table, [partners.status_button, partners.delete_button])

    deals = shown_page(window, "deals", DealsPage)
    only_with_a_row(qtbot, deals.table, [deals.open_button, deals.stage_button])

    claims = shown_page(window, "claims", ClaimsPage)
    actions = claims.claim_actions
    decide = [actions.approve_button, actions.reject_button, actions.deal_button]
    only_with_a_row(qtbot, claims.claims, decide)
    assert actions.register_button.isEnabled()  # a new claim needs nothing selected
    only_with_a_row(qtbot, claims.accounts, [claims.edit_account_button])
    # Merge needs the two accounts that are one company
    click_row(qtbot, claims.accounts, 0)
    assert not claims.merge_button.isEnabled()
    click_row(qtbot, claims.accounts, 1, ctrl=True)
    assert claims.merge_button.isEnabled()
    claims.accounts.selectionModel().select(
        claims.accounts.model().index(1, 0),
        QItemSelectionModel.SelectionFlag.Deselect | QItemSelectionModel.SelectionFlag.Rows,
    )
    assert not claims.merge_button.isEnabled()

    window.show_page("training")
    training = window.page("training")
    assert isinstance(training, TrainingPage)
    qtbot.waitUntil(lambda: training.loads > 0)
    show_tab(qtbot, training, COURSES)
    only_with_a_row(qtbot, training.courses.table, [training.courses.edit_button])


def test_dialog_buttons_wait_for_a_selection(
    qtbot: QtBot, context: UiContext, sqlite_db: Database
) -> None:
    add_sample_records(sqlite_db)
    log = TrainingLogDialog(context, sqlite_db, [COURSE])
    qtbot.addWidget(log)
    log.show()
    qtbot.waitExposed(log)
    log.ask_to_discard = lambda *_: True
    only_with_a_row(qtbot, log.found, [log.add_button, log.team_button])
    click_row(qtbot, log.found, 0)
    qtbot.mouseClick(log.add_button, Qt.MouseButton.LeftButton)
    only_with_a_row(qtbot, log.klass, [log.remove_button])

    deal = DealDialog(context, sqlite_db, None, None)
    qtbot.addWidget(deal)
    deal.show()
    qtbot.waitExposed(deal)
    deal.ask_to_discard = lambda *_: True
    parties = deal.parties
    assert not parties.remove_button.isEnabled()
    parties.who.setText("Contoso Partners")
    parties.commission.setText("5")
    qtbot.mouseClick(parties.add_button, Qt.MouseButton.LeftButton)
    assert parties.parties
    only_with_a_row(qtbot, parties.table, [parties.remove_button])

    breaks = BreaksDialog(context, sqlite_db, 1, "CD-101", "")
    qtbot.addWidget(breaks)
    breaks.show()
    qtbot.waitExposed(breaks)
    breaks.ask_to_discard = lambda *_: True
    breaks.add_row("10", "5")
    only_with_a_row(qtbot, breaks.table, [breaks.remove_button])
