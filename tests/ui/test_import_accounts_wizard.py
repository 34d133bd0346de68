"""File › Import › Accounts: the wizard driven like a person; the check says what would change
(the named list and its reps), the import writes it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Account
from app.ui.importing.wizard_run import CheckPage, ResultPage
from app.ui.main_window import MainWindow
from tests.support.sample_records import add_sample_records
from tests.support.workbooks import write_workbook
from tests.ui.test_import_courses_wizard import _next, _wait


def test_accounts_are_imported_through_the_wizard(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], sqlite_db: Database,
    tmp_path: Path,
) -> None:  # fmt: skip
    add_sample_records(sqlite_db)  # Fabrikam Inc (named, Dana Direct), Tailspin Toys
    book = write_workbook(tmp_path / "accounts.xlsx", [
        ["Customer", "Web", "Country", "Named account", "Direct rep"],
        ["Tailspin Toys", None, "GB", "yes", "dana@vendor.example"],
        ["Fabrikam, Inc.", "https://www.fabrikam.example", "US", "no", None],
        ["Litware", "litware.example", "DE", None, None],
    ])  # fmt: skip
    window = open_window(sqlite_db)
    window.menu_actions.import_records.trigger()
    wizard = window.commands.wizard
    qtbot.waitExposed(wizard)
    source = wizard.source
    source.kind.setFocus()
    while source.kind.currentData() != "accounts":
        before = source.kind.currentIndex()
        qtbot.keyClick(source.kind, Qt.Key.Key_Down)
        assert source.kind.currentIndex() != before, "no Accounts in the list of kinds"
    assert source.kind.currentText() == "Accounts (end customers)"
    qtbot.keyClicks(source.path, str(book))
    for _ in range(3):  # sheet, columns, check
        _next(qtbot, wizard)
    check = wizard.currentPage()
    assert isinstance(check, CheckPage)
    _wait(qtbot, wizard)
    assert check.counts.text().startswith("1 new, 2 updated, 0 unchanged")
    planned = {c.record: (c.action, c.changes) for c in check.changes.records.rows()}
    assert planned["Tailspin Toys · GB"] == (
        "Update",
        "Direct rep: — → Dana Direct; Named account: No → Yes",
    )
    # the same company domain: Fabrikam Inc itself, renamed and taken off the named list
    assert planned["Fabrikam Inc · US"][1].startswith("Name: Fabrikam Inc → Fabrikam, Inc.")
    assert "Named account: Yes → No" in planned["Fabrikam Inc · US"][1]
    assert planned["Litware · DE"] == ("New", "")
    _next(qtbot, wizard)
    result = wizard.currentPage()
    assert isinstance(result, ResultPage)
    _wait(qtbot, wizard)
    assert "imported 1 new, 2 updated" in result.result.text()
    with sqlite_db.reading() as s:
        named = [a.name for a in s.scalars(select(Account).where(Account.named_account))]
    assert named == ["Tailspin Toys"]
