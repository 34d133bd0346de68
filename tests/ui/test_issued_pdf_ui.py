"""Preview and E-mail on the quotes page show an issued quote's kept PDF, and say so beside the
pages or the attachment when an old revision's reprint is not the PDF as issued."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from app.db.engine import Database
from app.db.models import Quote, QuoteRevision
from app.domain.quote_print import QuoteDocument
from app.ui.main_window import MainWindow
from app.ui.quotes.editor import preview as preview_module
from app.ui.quotes.editor.preview import PdfPreview
from app.ui.quotes.page import QuotesPage
from tests.ui.test_quote_mail_ui import open_mail, pick_issued, quotes_page

Click = Qt.MouseButton.LeftButton
NOT_AS_ISSUED = "is not the PDF as issued"


def revision_id(db: Database, number: str, revision: int) -> int:
    with db.reading() as s:
        return s.scalars(
            select(QuoteRevision.id)
            .join(Quote, Quote.id == QuoteRevision.quote_id)
            .where(Quote.number == number, QuoteRevision.revision == revision)
        ).one()


def printed_by_an_old_version(db: Database, number: str, revision: int) -> None:
    """As a version that kept only the hash, of a PDF this version no longer makes."""
    rev_id = revision_id(db, number, revision)
    with db.transaction() as s:
        s.execute(update(QuoteRevision).where(QuoteRevision.id == rev_id).values(
            pdf_sha256="0" * 64, pdf_data=None))  # fmt: skip


def open_preview(qtbot: QtBot, page: QuotesPage) -> PdfPreview:
    qtbot.mouseClick(page.preview_button, Click)
    previews = page.window().findChildren(PdfPreview)
    assert previews
    preview = previews[-1]
    qtbot.waitExposed(preview)
    return preview


def never(_document: QuoteDocument) -> bytes:
    raise AssertionError("an issued revision's kept PDF is never rendered again")


def test_preview_shows_the_kept_pdf_without_rendering_it_again(
    qtbot: QtBot,
    open_window: Callable[[Database], MainWindow],
    demo_db: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = quotes_page(open_window, demo_db)
    number, revision = pick_issued(page)
    first = open_preview(qtbot, page)
    pages = first.document.pageCount()
    assert pages > 0 and first.notice.isHidden()
    with demo_db.reading() as s:
        kept = s.scalar(
            select(QuoteRevision.pdf_data).where(
                QuoteRevision.id == revision_id(demo_db, number, revision)
            )
        )
    assert kept is not None and kept.startswith(b"%PDF")
    first.close()
    monkeypatch.setattr(preview_module, "render_pdf", never)  # a later, different renderer
    again = open_preview(qtbot, page)
    assert again is not first and again.document.pageCount() == pages
    assert again.notice.isHidden()


def test_preview_says_when_an_old_revision_no_longer_prints_as_issued(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], demo_db: Database
) -> None:
    page = quotes_page(open_window, demo_db)
    number, revision = pick_issued(page)
    printed_by_an_old_version(demo_db, number, revision)
    preview = open_preview(qtbot, page)
    assert preview.document.pageCount() > 0  # printed all the same
    assert preview.notice.isVisible()
    assert f"This copy of {number} rev {revision} {NOT_AS_ISSUED}" in preview.notice.text()


def test_the_mail_dialog_says_when_the_attachment_is_not_the_pdf_as_issued(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], demo_db: Database
) -> None:
    page = quotes_page(open_window, demo_db)
    number, revision = pick_issued(page)
    dialog = open_mail(qtbot, page)
    assert dialog.attachment_notice.isHidden()
    dialog.reject()
    page.mail_dialogs.clear()
    printed_by_an_old_version(demo_db, number, revision)
    dialog = open_mail(qtbot, page)
    assert dialog.attachment_notice.isVisible()
    assert NOT_AS_ISSUED in dialog.attachment_notice.text()
    assert dialog.send_button.isEnabled()  # the user decides; nothing is blocked
