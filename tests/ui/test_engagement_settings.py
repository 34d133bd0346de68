"""The rules of engagement's settings page as a person uses it: read the rules in plain words,
change the two numbers, put an account on the named list with its rep through the account
picker, take another off, save; the claim dialog then follows the new protection."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Account
from app.services.business_settings import load_business_settings
from app.ui.claims.claim_dialog import ClaimDialog
from app.ui.claims.engagement_dialog import EngagementDialog
from app.ui.claims.overlaps_page import OverlapsPage
from app.ui.claims.page import ClaimsPage
from app.ui.main_window import MainWindow
from tests.support.sample_records import TODAY, add_sample_records
from tests.support.table_cells import cells

Opener = Callable[[Database], MainWindow]


def _set_days(qtbot: QtBot, box: object, days: int) -> None:
    from PySide6.QtWidgets import QSpinBox

    assert isinstance(box, QSpinBox)
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, str(days))


def test_change_the_rules_and_the_named_accounts(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database, tmp_path: Path
) -> None:
    add_sample_records(sqlite_db)
    window = open_window(sqlite_db)
    window.show_page("claims")
    page = window.page("claims")
    assert isinstance(page, ClaimsPage)
    qtbot.waitUntil(lambda: page.loads > 0)
    qtbot.mouseClick(page.rules_button, Qt.MouseButton.LeftButton)
    dialog = page.dialogs[-1]
    assert isinstance(dialog, EngagementDialog)
    assert "protects the account for 90 days" in dialog.words.text()
    assert "within the 60 days after" in dialog.words.text()
    assert cells(dialog.table, "name") == ["Fabrikam Inc"]
    assert cells(dialog.table, "rep") == ["Dana Direct"]

    _set_days(qtbot, dialog.protection, 45)
    _set_days(qtbot, dialog.cooling_off, 30)
    assert "protects the account for 45 days" in dialog.words.text()  # as it is typed
    assert "within the 30 days after" in dialog.words.text()
    qtbot.keyClicks(dialog.account_line, "Nobody Ltd")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert "'Nobody Ltd' is not an account" in dialog.problem.text()
    dialog.account_line.clear()
    qtbot.keyClicks(dialog.account_line, "Tailspin Toys · GB")
    dialog.rep_combo.setCurrentIndex(dialog.rep_combo.findText("Dana Direct"))
    qtbot.keyClick(dialog.account_line, Qt.Key.Key_Return)
    assert cells(dialog.table, "name") == ["Fabrikam Inc", "Tailspin Toys"]
    assert dialog.problem.text() == ""
    assert dialog.isVisible()  # Enter added the account: it neither saved nor closed
    with sqlite_db.reading() as s:
        assert [a.name for a in s.scalars(select(Account)) if a.named_account] == ["Fabrikam Inc"]
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert cells(dialog.table, "name") == ["Tailspin Toys"]
    assert dialog.has_unsaved_edits()
    for size in ((1366, 768), (1024, 600)):
        dialog.resize(min(size[0], 760), min(size[1] - 60, 560))
        dialog.grab().save(str(tmp_path / f"rules_{size[0]}.png"))
    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    assert not dialog.isVisible()
    with sqlite_db.reading() as s:
        settings = load_business_settings(s)
        assert (settings.registration_protection_days, settings.direct_cooling_off_days) == (45, 30)
        named = {a.name: a.owner_rep for a in s.scalars(select(Account)) if a.named_account}
        assert list(named) == ["Tailspin Toys"]
        assert named["Tailspin Toys"] is not None and named["Tailspin Toys"].name == "Dana Direct"

    qtbot.mouseClick(page.claim_actions.register_button, Qt.MouseButton.LeftButton)
    claim = page.dialogs[-1]
    assert isinstance(claim, ClaimDialog)
    assert claim.form.date("valid_until") == TODAY + timedelta(days=45)  # the new protection


def test_the_overlaps_page_opens_the_same_rules(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    add_sample_records(sqlite_db)
    window = open_window(sqlite_db)
    window.show_page("overlaps")
    page = window.page("overlaps")
    assert isinstance(page, OverlapsPage)
    qtbot.waitUntil(lambda: page.loads > 0)
    dialog = page.rules_of_engagement()
    assert isinstance(dialog, EngagementDialog)
    qtbot.addWidget(dialog)
    assert cells(dialog.table, "name") == ["Fabrikam Inc"]
    assert not dialog.has_unsaved_edits()
    dialog.close()
