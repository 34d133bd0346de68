"""Lead rules as a person changes them: each grade's route, each tier's weight, the deadlines
and the pause rule, saved for everyone; rules under which no lead could reach a partner are
refused with what to change, and nothing is stored."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.db.engine import Database
from app.services.leads.rules import read_lead_rules
from app.ui.leads.page import LeadsPage
from app.ui.leads.rules_dialog import LeadRulesDialog
from app.ui.main_window import MainWindow
from tests.support.pages import shown_page

Opener = Callable[[Database], MainWindow]


def open_rules(qtbot: QtBot, window: MainWindow) -> LeadRulesDialog:
    page = shown_page(window, "leads", LeadsPage)
    qtbot.mouseClick(page.rules_button, Qt.MouseButton.LeftButton)
    dialogs = [d for d in page.dialogs if isinstance(d, LeadRulesDialog)]
    assert len(dialogs) == 1
    qtbot.waitExposed(dialogs[0])
    qtbot.waitUntil(dialogs[0].isActiveWindow)
    return dialogs[0]


def set_spin(qtbot: QtBot, spin: object, value: int) -> None:
    spin.setFocus()  # type: ignore[attr-defined]
    spin.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(spin, str(value))  # type: ignore[arg-type]


def test_change_the_rules_and_read_them_in_plain_words(
    qtbot: QtBot, open_window: Opener, demo_db: Database
) -> None:
    dialog = open_rules(qtbot, open_window(demo_db))
    assert "A, B, C leads go to the partners" in dialog.summary.text()
    assert not dialog.save_button.isEnabled()
    route_d = dialog.routes["D"]
    route_d.setFocus()
    route_d.setCurrentIndex(route_d.findData("direct"))
    set_spin(qtbot, dialog.weights["Gold"], 5)
    set_spin(qtbot, dialog.numbers["acceptance_days"], 5)
    assert "D leads go to the direct team" in dialog.summary.text()
    assert "5 days to accept" in dialog.summary.text()
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == LeadRulesDialog.DialogCode.Accepted
    with demo_db.reading() as session:
        rules = read_lead_rules(session)
    assert rules.route_of("D") == "direct" and rules.route_of("A") == "partners"
    assert rules.weight_of("Gold") == 5 and rules.weight_of("Silver") == 2
    assert rules.acceptance_days == 5


def test_rules_that_starve_the_partners_are_refused(
    qtbot: QtBot, open_window: Opener, demo_db: Database
) -> None:
    dialog = open_rules(qtbot, open_window(demo_db))
    for spin in dialog.weights.values():
        set_spin(qtbot, spin, 0)
    assert "could never" in dialog.problem.text()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()  # refused: still open, with the reason
    with demo_db.reading() as session:
        assert read_lead_rules(session).weight_of("Gold") == 3  # nothing stored
    dialog.ask_to_discard = lambda _parent, _noun: True  # type: ignore[method-assign]
    dialog.reject()
