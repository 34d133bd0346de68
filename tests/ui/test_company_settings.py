"""Company and documents: the letterhead typed on the settings page shows in its live preview at
once, is stored on Save (every field checked, nothing stored while one is wrong), and is what the
next quote's PDF prints."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from app.db.engine import Database
from app.domain.enums import QuoteStatus
from app.services.business_settings import load_business_settings
from app.ui.main_window import MainWindow
from app.ui.quotes import company_dialog
from app.ui.quotes.company_dialog import CompanyDialog
from app.ui.quotes.editor.preview import revision_pdf
from app.ui.quotes.page import QuotesPage
from tests.cli.test_settings_cli import LOGO
from tests.support.pages import shown_page
from tests.support.quote_docs import pdftotext_pages

Click = Qt.MouseButton.LeftButton


def text_of(pdf: bytes) -> str:
    return " ".join(" ".join(pdftotext_pages(pdf)).split())


def open_dialog(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], db: Database
) -> tuple[QuotesPage, CompanyDialog]:
    window = open_window(db)
    window.resize(1366, 768)  # every step of the tool bar in view
    page = shown_page(window, "quotes", QuotesPage)
    qtbot.mouseClick(page.company_button, Click)
    dialog = window.findChild(CompanyDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return page, dialog


def retype(qtbot: QtBot, dialog: CompanyDialog, key: str, text: str) -> None:
    field = dialog.fields[key]
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.keyClicks(field, text)


def test_the_letterhead_typed_is_previewed_stored_and_printed(
    qtbot: QtBot,
    open_window: Callable[[Database], MainWindow],
    demo_db: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page, dialog = open_dialog(qtbot, open_window, demo_db)
    retype(qtbot, dialog, "company_name", "Bluepeak Channel GmbH")
    retype(qtbot, dialog, "quote_footer", "Amtsgericht Berlin HRB 4711")
    qtbot.waitUntil(lambda: "Bluepeak Channel GmbH" in text_of(dialog.preview.pdf))
    assert "Amtsgericht Berlin HRB 4711" in text_of(dialog.preview.pdf)
    assert dialog.preview.pixmap().width() > 0

    def chosen(*_args: Any, **_kwargs: Any) -> tuple[str, str]:
        return str(LOGO), company_dialog.PICTURES

    monkeypatch.setattr(company_dialog.QFileDialog, "getOpenFileName", chosen)
    qtbot.mouseClick(dialog.findChild(QPushButton, "chooseLogo"), Click)
    assert dialog.fields["company_logo_path"].text() == str(LOGO)  # type: ignore[union-attr]
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Click)
    assert not dialog.isVisible()
    with demo_db.reading() as s:
        stored = load_business_settings(s)
    assert stored.company_name == "Bluepeak Channel GmbH"
    assert stored.quote_footer == "Amtsgericht Berlin HRB 4711"
    assert stored.company_logo_path == str(LOGO.absolute())

    model = page.table.records
    draft = next(model.row_at(r) for r in range(model.rowCount())
                 if model.row_at(r).status is QuoteStatus.DRAFT)  # fmt: skip
    printed = text_of(revision_pdf(demo_db, draft.number, draft.revision).data)
    assert "Bluepeak Channel GmbH" in printed and "Amtsgericht Berlin HRB 4711" in printed
    assert "Your Company" not in printed and "Cedar Data Systems" not in printed


def test_wrong_fields_are_all_named_and_nothing_is_stored(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], demo_db: Database
) -> None:
    with demo_db.reading() as s:
        before = load_business_settings(s)
    _page, dialog = open_dialog(qtbot, open_window, demo_db)
    retype(qtbot, dialog, "company_name", "   ")
    retype(qtbot, dialog, "company_email", "sales at cedar")
    retype(qtbot, dialog, "company_logo_path", "/no/such/logo.png")
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Click)
    problems = dialog.problems.text()
    assert dialog.isVisible()
    for said in ("Company name: type the name", "is not an e-mail address",
                 "Logo: there is no file"):  # fmt: skip
        assert said in problems
    with demo_db.reading() as s:
        assert load_business_settings(s) == before
    dialog.ask_to_discard = lambda *_: True  # the user gives up on the wrong values
    dialog.reject()
