"""Save PDF… on the quotes page, in its context menu and in the preview: the very bytes of
``main.py quote pdf``, a save dialog that opens where the last PDF went, a question before a file
is replaced, and a clear message when the file cannot be written."""

from __future__ import annotations

import errno
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

import main
from app.db.engine import Database
from app.domain.enums import QuoteStatus
from app.ui.errors import ErrorReport
from app.ui.main_window import MainWindow
from app.ui.quotes import save_pdf
from app.ui.quotes.editor.preview import PdfPreview
from app.ui.quotes.page import QuotesPage
from tests.support.pages import shown_page


class Dialogs:
    """Stands in for the save dialog and the replace question, recording what they were asked."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.answers: list[str] = []
        self.started_in: list[str] = []
        self.replace = QMessageBox.StandardButton.Yes
        self.asked_replace: list[str] = []
        monkeypatch.setattr(save_pdf.QFileDialog, "getSaveFileName", self._save_name)
        monkeypatch.setattr(save_pdf.QMessageBox, "question", self._question)

    def _save_name(self, _parent: object, _title: str, start: str, *_a: Any, **_k: Any) -> Any:
        self.started_in.append(start)
        return (self.answers.pop(0) if self.answers else ""), save_pdf.PDF_FILTER

    def _question(self, _parent: object, _title: str, text: str, *_a: Any) -> Any:
        self.asked_replace.append(text)
        return self.replace


def quotes_page(open_window: Callable[[Database], MainWindow], db: Database) -> QuotesPage:
    page = shown_page(open_window(db), "quotes", QuotesPage)
    model = page.table.records
    issued = next(
        r for r in range(model.rowCount()) if model.row_at(r).status is QuoteStatus.ISSUED
    )
    page.table.selectRow(issued)
    return page


def cli_pdf(db: Database, number: str, out: Path) -> bytes:
    assert main.main(["quote", "pdf", number, "--out", str(out), "--db", str(db.path)]) == 0
    return out.read_bytes()


def test_save_pdf_writes_the_bytes_of_the_command_line_and_remembers_the_folder(
    qtbot: QtBot,
    open_window: Callable[[Database], MainWindow],
    demo_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialogs = Dialogs(monkeypatch)
    page = quotes_page(open_window, demo_db)
    row = page.selected()
    assert row is not None and page.save_pdf_button.isEnabled()
    first = tmp_path / "out" / "first"  # no extension typed: .pdf is added
    first.parent.mkdir()
    dialogs.answers.append(str(first))
    qtbot.mouseClick(page.save_pdf_button, Qt.MouseButton.LeftButton)
    saved = first.with_name("first.pdf")
    assert saved.read_bytes() == cli_pdf(demo_db, row.number, tmp_path / "cli.pdf")
    assert dialogs.started_in[0].endswith(f"{row.number}-rev{row.revision}.pdf")

    # The context menu has it too, and its dialog opens in the folder used last time.
    action = next(a for a in page.table.menu.build().actions() if a.text() == "Save PDF…")
    dialogs.answers.append(str(tmp_path / "out" / "second.pdf"))
    action.trigger()
    assert dialogs.started_in[1] == str(tmp_path / "out" / f"{row.number}-rev{row.revision}.pdf")
    assert (tmp_path / "out" / "second.pdf").read_bytes() == saved.read_bytes()
    assert dialogs.asked_replace == []


def test_an_existing_file_is_replaced_only_when_the_user_says_so(
    qtbot: QtBot,
    open_window: Callable[[Database], MainWindow],
    demo_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialogs = Dialogs(monkeypatch)
    page = quotes_page(open_window, demo_db)
    target = tmp_path / "quote.pdf"
    target.write_bytes(b"my other document")
    dialogs.replace = QMessageBox.StandardButton.No
    dialogs.answers.append(str(target))
    qtbot.mouseClick(page.save_pdf_button, Qt.MouseButton.LeftButton)
    assert target.read_bytes() == b"my other document"
    assert "quote.pdf exists already" in dialogs.asked_replace[0]
    dialogs.replace = QMessageBox.StandardButton.Yes
    dialogs.answers.append(str(target))
    qtbot.mouseClick(page.save_pdf_button, Qt.MouseButton.LeftButton)
    assert target.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("failure", "said"),
    [(errno.ENOSPC, "the disk is full"), (errno.EROFS, "the disk is read-only")],
)
def test_a_file_that_cannot_be_written_is_a_clear_message(
    qtbot: QtBot,
    open_window: Callable[[Database], MainWindow],
    demo_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    shown_errors: list[ErrorReport],
    failure: int,
    said: str,
) -> None:
    dialogs = Dialogs(monkeypatch)
    page = quotes_page(open_window, demo_db)
    target = tmp_path / "quote.pdf"
    target.write_bytes(b"the good one")

    def refuse(_path: Path, _data: bytes) -> int:
        raise OSError(failure, "no")

    monkeypatch.setattr(Path, "write_bytes", refuse)
    dialogs.answers.append(str(target))
    qtbot.mouseClick(page.save_pdf_button, Qt.MouseButton.LeftButton)
    monkeypatch.undo()
    (report,) = shown_errors
    assert not report.is_bug and said in report.message and str(target) in report.message
    assert target.read_bytes() == b"the good one"
    assert list(tmp_path.glob(".quote.pdf.*")) == []  # no half-written file left behind


def test_the_preview_saves_the_pdf_it_shows(
    qtbot: QtBot,
    open_window: Callable[[Database], MainWindow],
    demo_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialogs = Dialogs(monkeypatch)
    page = quotes_page(open_window, demo_db)
    preview = page.preview_selected()
    assert isinstance(preview, PdfPreview)
    qtbot.waitExposed(preview)
    assert preview.save_button.isVisible()
    dialogs.answers.append(str(tmp_path / "from-preview.pdf"))
    qtbot.mouseClick(preview.save_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "from-preview.pdf").read_bytes() == bytes(preview._bytes.data())
    dialogs.answers.append(str(tmp_path / "by-key.pdf"))
    preview.activateWindow()
    qtbot.waitUntil(preview.isActiveWindow)
    qtbot.keyClick(preview, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert (tmp_path / "by-key.pdf").exists()
    preview.close()
