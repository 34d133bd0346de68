"""The quarterly review dialog as it looks: Choose… sits level with the file it chooses."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.db.engine import Database
from app.ui.partners.page import PartnersPage
from tests.support.pages import shown_page
from tests.support.sample_records import add_sample_records
from tests.ui.test_partners_page import Opener, names


def middle(widget: QWidget, top: QWidget) -> float:
    return widget.mapTo(top, widget.rect().topLeft()).y() + widget.height() / 2


def test_choose_is_level_with_the_file_field(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    add_sample_records(sqlite_db)
    page = shown_page(open_window(sqlite_db), "partners", PartnersPage)
    page.table.setFocus()
    page.table.selectRow(names(page).index("Northwind Traders"))
    page.review_button.click()
    dialog = page.reviews[-1]
    qtbot.waitExposed(dialog)
    QApplication.processEvents()
    assert abs(middle(dialog.browse, dialog) - middle(dialog.path, dialog)) <= 2
