"""Quarterly review… on the Partners page as a person uses it: select the partner, open the
dialog, type the quarter and the file, write; a wrong quarter or a missing folder is said where
it belongs and nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from app.db.engine import Database
from app.ui.main_window import MainWindow
from app.ui.partners.page import PartnersPage
from app.ui.partners.review_dialog import ReviewDialog
from tests.support.qbr_world import add_qbr_world
from tests.support.sample_records import TODAY as TODAY_OF_UI
from tests.ui.test_partner_scorecard_tab import click_scorecard, open_partner
from tests.ui.test_partners_page import Opener, names, partners_page


def _open_review(qtbot: QtBot, window: MainWindow) -> tuple[PartnersPage, ReviewDialog]:
    page = partners_page(window)
    qtbot.waitUntil(lambda: "Northwind Traders" in names(page))
    assert not page.review_button.isEnabled()  # waits for a partner to be picked
    page.table.setFocus()
    page.table.selectRow(names(page).index("Northwind Traders"))
    assert page.review_button.isEnabled()
    qtbot.mouseClick(page.review_button, Qt.MouseButton.LeftButton)
    dialog = page.reviews[-1]
    dialog.choose_path = lambda suggested: pytest.fail(f"browsed for a file from {suggested}")
    assert dialog.windowTitle() == "Quarterly review: Northwind Traders"
    return page, dialog


def _retype(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)


def _write(qtbot: QtBot, dialog: ReviewDialog, out: Path) -> str | None:
    """Type the file, click Write PDF, wait for the background work: its outcome."""
    _retype(qtbot, dialog.path, str(out))
    qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    operation = dialog.last_operation
    assert operation is not None
    qtbot.waitUntil(lambda: operation.outcome is not None, timeout=60_000)
    return operation.outcome


def test_the_review_is_written_in_the_background_and_said_so(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database, tmp_path: Path
) -> None:
    add_qbr_world(sqlite_db)
    window = open_window(sqlite_db)
    page, dialog = _open_review(qtbot, window)
    assert dialog.path.text().endswith("P-1-" + dialog.quarter.text() + "-review.pdf")
    _retype(qtbot, dialog.quarter, "Q1 2026")
    assert dialog.path.text().endswith("P-1-2026Q1-review.pdf")  # the name follows the quarter
    out = tmp_path / "northwind review"
    outcome = _write(qtbot, dialog, out)
    written = out.with_name("northwind review.pdf")  # .pdf added
    assert outcome == "success" and dialog.saved == written
    assert written.read_bytes().startswith(b"%PDF-")
    assert dialog not in page.reviews  # closed once written
    assert window.statusBar().currentMessage() == f"Saved the business review to {written}"


def test_a_wrong_quarter_or_a_missing_folder_is_said_and_nothing_written(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database, tmp_path: Path
) -> None:
    add_qbr_world(sqlite_db)
    window = open_window(sqlite_db)
    _page, dialog = _open_review(qtbot, window)
    _retype(qtbot, dialog.quarter, "2026Q7")
    _retype(qtbot, dialog.path, str(tmp_path / "review.pdf"))
    qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    assert dialog.last_operation is None and dialog.isVisible()
    assert dialog.form.problems["quarter"].text().startswith("'2026Q7' is not a quarter")
    assert dialog.focusWidget() is dialog.quarter  # taken to the field to fix
    _retype(qtbot, dialog.quarter, "2026Q1")
    missing = tmp_path / "gone" / "review.pdf"
    _retype(qtbot, dialog.path, str(missing))
    qtbot.keyClick(dialog.path, Qt.Key.Key_Return)  # Enter writes, as the default button
    operation = dialog.last_operation
    assert operation is not None
    qtbot.waitUntil(lambda: operation.outcome is not None, timeout=60_000)
    assert operation.outcome == "failure" and dialog.isVisible()
    assert dialog.problem.text() == (
        f"Cannot write {missing}: the folder does not exist. Choose an existing folder."
    )
    assert dialog.write_button.isEnabled() and not missing.parent.exists()
    assert list(tmp_path.glob("*.pdf")) == []


def test_the_scorecard_tab_opens_the_same_review_for_its_partner(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    add_qbr_world(sqlite_db)
    window = open_window(sqlite_db)
    partner = open_partner(qtbot, window, "Northwind Traders")
    tab = click_scorecard(qtbot, partner)
    qtbot.mouseClick(tab.review, Qt.MouseButton.LeftButton)
    dialog = tab.review.dialogs[-1]
    assert dialog.windowTitle() == "Quarterly review: Northwind Traders"
    today = TODAY_OF_UI
    assert dialog.partner_code == "P-1"
    assert dialog.quarter.text() == f"{today.year}Q{(today.month - 1) // 3 + 1}"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not tab.review.dialogs)


def test_a_partner_without_a_partner_id_gets_its_deals_and_spend(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database, tmp_path: Path
) -> None:
    """The pack follows the partner selected on the page: the deals won and the spend behind
    its figures are listed though it has no Partner ID."""
    from pypdf import PdfReader
    from sqlalchemy import update

    from app.db.models import Partner

    add_qbr_world(sqlite_db)
    with sqlite_db.transaction() as s:
        s.execute(update(Partner).where(Partner.partner_code == "P-1").values(partner_code=None))
    window = open_window(sqlite_db)
    _page, dialog = _open_review(qtbot, window)
    _retype(qtbot, dialog.quarter, "2026Q1")
    out = tmp_path / "review.pdf"
    assert _write(qtbot, dialog, out) == "success"
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    assert "D-1" in text  # won in the quarter
    assert "SPIF" in text and "Rebate" in text  # the spend items
