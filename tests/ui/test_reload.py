"""F5 (Go › Reload) reads the pages again: what another program wrote into the same database
(a scheduled command-line import, a colleague on the shared server) comes into view, which
the window's own change signal never announces."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.db.engine import Database
from app.services.partners.edit import create_partner
from app.ui.main_window import MainWindow
from app.ui.partners.page import PartnersPage
from app.ui.training.page import TrainingPage
from tests.support.pages import settled, shown_page
from tests.support.sample_records import add_sample_records


def partner_names(page: PartnersPage) -> set[str]:
    model = page.model
    return {model.row_at(r).name for r in range(model.rowCount())}


def test_f5_brings_what_another_program_saved_into_view(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], sqlite_db: Database
) -> None:
    add_sample_records(sqlite_db)
    window = open_window(sqlite_db)
    training = shown_page(window, "training", TrainingPage)  # built, then hidden
    partners = shown_page(window, "partners", PartnersPage)
    assert "Woodgrove Systems" not in partner_names(partners)
    loads = training.loads

    with sqlite_db.transaction() as session:  # another program, as the command line writes
        create_partner(session, {"name": "Woodgrove Systems", "country": "NL"})
    window.show_page("training")
    window.show_page("partners")
    settled(partners)
    assert "Woodgrove Systems" not in partner_names(partners)  # nothing told the window

    partners.table.setFocus()
    qtbot.keyClick(partners.table, Qt.Key.Key_F5)
    settled(partners)
    assert "Woodgrove Systems" in partner_names(partners)
    assert window.statusBar().currentMessage() == "Read again from the database."
    assert partners.count_label.text() == "4 partners"
    assert training.stale and training.loads == loads  # hidden: read when next shown
    shown_page(window, "training", TrainingPage)
    assert training.loads == loads + 1
