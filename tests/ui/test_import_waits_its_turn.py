"""File › Import while a command-line import writes to the same file: the window says it waits
for the other program, then imports when its turn comes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWizard
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.db.engine import Database
from app.db.models import Partner
from app.services.store import WAITING_TEXT
from app.ui.importing.wizard_run import CheckPage, ResultPage
from app.ui.main_window import MainWindow
from tests.support.writers import partner_csv, start_main, wait_until_writing


def _next(qtbot: QtBot, wizard: QWizard) -> None:
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)


def test_the_import_waits_for_a_command_line_import_and_says_so(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], sqlite_db: Database,
    tmp_path: Path,
) -> None:  # fmt: skip
    path = sqlite_db.path
    assert path is not None
    window = open_window(sqlite_db)
    window.menu_actions.import_records.trigger()
    wizard = window.commands.wizard
    qtbot.waitExposed(wizard)
    wizard.source.path.setText(str(partner_csv(tmp_path / "mine.csv", "GUI", 2)))
    while not isinstance(wizard.currentPage(), CheckPage):  # sheet (if asked), columns
        _next(qtbot, wizard)
    check = wizard.currentPage()
    assert isinstance(check, CheckPage)
    qtbot.waitUntil(lambda: check.summary is not None, timeout=20000)

    other = start_main(
        ["import", "partners", str(partner_csv(tmp_path / "big.csv", "CLI", 60_000)), "--db",
         str(path)],
        tmp_path / "data",
    )  # fmt: skip
    wait_until_writing(path, other)
    _next(qtbot, wizard)  # Import
    result = wizard.currentPage()
    assert isinstance(result, ResultPage)
    seen: list[str] = []

    def waiting_shown() -> bool:
        dialogs = [d for d in wizard.findChildren(QProgressDialog) if d.isVisible()]
        seen.extend(d.labelText() for d in dialogs)
        return WAITING_TEXT in seen and result.result.text() == WAITING_TEXT

    qtbot.waitUntil(waiting_shown, timeout=20000)
    assert other.wait(timeout=300) == 0, other.communicate()[1]
    qtbot.waitUntil(lambda: result.done, timeout=60000)
    assert "imported 2 new" in result.result.text()
    with sqlite_db.reading() as session:
        assert session.scalar(select(func.count(Partner.id))) == 60_002
