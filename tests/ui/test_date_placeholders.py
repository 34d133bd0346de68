"""An empty date field shows the format to type, not an example day that has gone by (a past
"2026-03-01" under Expected close reads as a suggestion for the deal)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from app.db.engine import Database
from app.ui.deals.page import DealsPage
from app.ui.main_window import MainWindow
from app.ui.partners.page import PartnersPage
from tests.support.sample_records import add_sample_records

Opener = Callable[[Database], MainWindow]
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _no_past_example(dialog: QWidget) -> None:
    """No empty field of the dialog shows a day that has gone by as its example."""
    for edit in dialog.findChildren(QLineEdit):
        for day in DAY.findall(edit.placeholderText()):
            assert date.fromisoformat(day) >= date.today(), (edit.objectName(), day)


def _click(qtbot: QtBot, button: QPushButton) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_date_fields_show_their_format(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    add_sample_records(sqlite_db)
    window = open_window(sqlite_db)
    window.show_page("partners")
    partners = window.page("partners")
    assert isinstance(partners, PartnersPage)
    _click(qtbot, partners.new_button)
    partner = partners.dialogs[-1]
    since = partner.fields.widgets["partner_since"]
    assert isinstance(since, QLineEdit)
    partner_since = since.placeholderText()
    assert partner_since == "YYYY-MM-DD"
    _no_past_example(partner)
    partner.close()

    window.show_page("deals")
    deals = window.page("deals")
    assert isinstance(deals, DealsPage)
    qtbot.waitUntil(lambda: deals.loads > 0)
    _click(qtbot, deals.new_button)
    deal = deals.dialogs[-1]
    _no_past_example(deal)
    close = deal.form.widgets["expected_close"]
    assert isinstance(close, QLineEdit)
    assert close.placeholderText() == partner_since  # one way, on every form
    deal.close()
