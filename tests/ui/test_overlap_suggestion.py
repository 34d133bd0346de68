"""The suggested owner on the overlaps page as a person meets it: a column of the groups, a
sentence of the detail, the choice the resolve dialog starts with, an explanation to copy for
the partners, and the suggestion kept beside the decision."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from app.db.engine import Database
from app.db.models import Account, Claim, OverlapResolution, Partner
from app.domain.enums import ClaimStatus
from app.ui.claims.overlaps_page import OverlapsPage
from app.ui.claims.resolve_dialog import DIRECT_CHOICE, OverlapResolveDialog
from app.ui.main_window import MainWindow
from tests.support.modal import when_modal
from tests.support.overlap_world import add_overlap_world
from tests.support.sample_records import TODAY
from tests.support.table_cells import cells

Opener = Callable[[Database], MainWindow]


def overlaps_page(qtbot: QtBot, window: MainWindow) -> OverlapsPage:
    window.show_page("overlaps")
    page = window.page("overlaps")
    assert isinstance(page, OverlapsPage)
    qtbot.waitUntil(lambda: page.loads > 0)
    return page


def test_suggestion_is_shown_preselected_copied_and_recorded(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    ids = add_overlap_world(sqlite_db, TODAY)
    with sqlite_db.transaction() as s:
        s.execute(update(Partner).where(Partner.id == ids["Tailspin"]).values(partner_code="P-1"))
        s.execute(update(Partner).where(Partner.id == ids["Northwind"]).values(partner_code="P-2"))
    page = overlaps_page(qtbot, open_window(sqlite_db))
    assert cells(page.group_table, "suggested_owner") == ["Direct", "Tailspin (P-1)"]
    assert cells(page.group_table, "rule") == ["first registration"] * 2
    page.group_table.selectRow(1)
    assert "Suggested owner: Tailspin (P-1), by first registration." in page.explanation.text()
    seen: dict[str, str] = {}

    def decide(widget: QWidget) -> None:
        assert isinstance(widget, OverlapResolveDialog)
        owner = widget.findChild(QComboBox, "owner")
        reason = widget.findChild(QPlainTextEdit, "reason")
        label = widget.findChild(QLabel, "suggestedOwner")
        assert owner is not None and reason is not None and label is not None
        seen["label"] = label.text()
        seen["start"] = owner.currentText()
        qtbot.keyClicks(reason, "First to register")
        qtbot.mouseClick(widget.copy_button, Qt.MouseButton.LeftButton)
        seen["copied"] = QApplication.clipboard().text()
        qtbot.mouseClick(widget.ok_button, Qt.MouseButton.LeftButton)

    when_modal(decide)
    qtbot.mouseClick(page.resolve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.group_table.records.rowCount() == 1)
    assert seen["start"].startswith("Tailspin")  # the rules' answer is chosen to start with
    assert "Tailspin (P-1), because Tailspin (P-1) registered it first" in seen["label"]
    assert seen["copied"].splitlines() == [
        "Umbrella Health Group: the account belongs to Tailspin (P-1).",
        "Under our rules of engagement, Tailspin (P-1) registered it first "
        f"({(TODAY - timedelta(days=10)).isoformat()}).",
        "Reason: First to register",
        "The registration of Northwind is closed as rejected.",
    ]
    with sqlite_db.reading() as s:
        resolution = s.scalars(select(OverlapResolution)).one()
        assert (resolution.suggested_owner, resolution.suggested_rule) == (
            "P-1",
            "first registration",
        )
        assert resolution.owner_claim_id == ids["umbrella/Tailspin"]


def test_a_named_account_claimed_by_one_partner_goes_to_the_direct_team(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    ids = add_overlap_world(sqlite_db, TODAY)
    with sqlite_db.transaction() as s:
        s.execute(update(Account).where(Account.id == ids["initech"]).values(named_account=True))
    page = overlaps_page(qtbot, open_window(sqlite_db))
    assert page.count_label.text() == "3 overlaps"
    row = cells(page.group_table, "accounts").index("Initech")
    assert cells(page.group_table, "suggested_owner")[row] == "Direct"
    assert cells(page.group_table, "rule")[row] == "named account"
    page.group_table.selectRow(row)
    assert "on a named account of the direct team" in page.explanation.text()
    seen: dict[str, str] = {}

    def decide(widget: QWidget) -> None:
        assert isinstance(widget, OverlapResolveDialog)
        owner = widget.findChild(QComboBox, "owner")
        reason = widget.findChild(QPlainTextEdit, "reason")
        assert owner is not None and reason is not None
        seen["start"] = owner.currentText()
        qtbot.keyClicks(reason, "Initech is on the direct team's list")
        seen["copied"] = widget.copy_notice()
        qtbot.mouseClick(widget.ok_button, Qt.MouseButton.LeftButton)

    when_modal(decide)
    qtbot.mouseClick(page.resolve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.group_table.records.rowCount() == 2)
    assert seen["start"] == DIRECT_CHOICE
    assert seen["copied"].startswith("Initech: the account belongs to Direct.")
    assert "named account of our direct team" in seen["copied"]
    assert "The registration of Fabrikam is closed as rejected." in seen["copied"]
    with sqlite_db.reading() as s:
        fabrikam = s.get(Claim, ids["initech/Fabrikam"])
        assert fabrikam is not None and fabrikam.status is ClaimStatus.REJECTED
        resolution = s.scalars(select(OverlapResolution)).one()
        owner = s.get(Claim, resolution.owner_claim_id)
        assert owner is not None and owner.partner_id is None
        assert owner.status is ClaimStatus.APPROVED and owner.account_id == ids["initech"]
        assert resolution.suggested_rule == "named account"
