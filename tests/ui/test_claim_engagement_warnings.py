"""The claim dialog's rules-of-engagement warnings as a person meets them: a partner claim on
a named account of the direct team, with no overlap at all, is said before saving, asked once
more, and saved pending."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from app.db.engine import Database
from app.db.models import Account, Claim
from app.domain.enums import ClaimStatus
from app.ui.claims.claim_dialog import ClaimDialog
from app.ui.claims.page import ClaimsPage
from app.ui.main_window import MainWindow
from tests.support.sample_records import add_sample_records
from tests.ui.test_claims_page import type_in

Opener = Callable[[Database], MainWindow]


def test_a_claim_on_a_named_account_warns_asks_and_is_saved_pending(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    add_sample_records(sqlite_db)
    with sqlite_db.transaction() as s:
        s.execute(update(Account).where(Account.name == "Tailspin Toys").values(named_account=True))
    window = open_window(sqlite_db)
    window.show_page("claims")
    page = window.page("claims")
    assert isinstance(page, ClaimsPage)
    qtbot.waitUntil(lambda: page.loads > 0)
    qtbot.mouseClick(page.claim_actions.register_button, Qt.MouseButton.LeftButton)
    dialog = page.dialogs[-1]
    assert isinstance(dialog, ClaimDialog)
    form = dialog.form.widgets
    type_in(qtbot, form["claimant"], "Contoso Partners")
    type_in(qtbot, form["account_name"], "Tailspin Toys · GB")
    qtbot.waitUntil(lambda: bool(dialog.engagement))
    assert dialog.overlaps == []  # its only claim expired long ago
    assert dialog.summary.text() == (
        "⚠ Named direct account: Tailspin Toys is a named account of the direct team. "
        "The claim is saved pending."
    )
    asked: list[str] = []
    dialog.confirm = lambda title, _text: asked.append(title) is None and False
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert asked == ["Register despite the rules of engagement?"] and dialog.isVisible()
    dialog.confirm = lambda _title, _text: True
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.claim_id is not None
    with sqlite_db.reading() as s:
        claim = s.scalars(select(Claim).where(Claim.id == dialog.claim_id)).one()
        assert claim.status is ClaimStatus.PENDING and claim.account.name == "Tailspin Toys"
