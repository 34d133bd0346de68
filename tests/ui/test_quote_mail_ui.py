"""E-mailing a quote from the quotes page like a person, against a real SMTP server on 127.0.0.1:
set up the mail server (password into a test keyring), test the connection, send, fail, and
open the draft in the mail program."""

from __future__ import annotations

import email
import email.policy
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLineEdit, QSpinBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Quote, QuoteRevision
from app.domain.enums import QuoteStatus
from app.domain.mail import MailSettings, Security
from app.io.mail_password import get_password
from app.services.quotes.mail_settings import save_mail_settings
from app.ui.main_window import MainWindow
from app.ui.quotes.editor.preview import revision_pdf
from app.ui.quotes.mail_dialog import QuoteMailDialog
from app.ui.quotes.mail_settings_dialog import MailSettingsDialog
from app.ui.quotes.page import QuotesPage
from tests.support.pages import settled, shown_page
from tests.support.smtp_server import (
    PASSWORD,
    USER,
    MemoryKeyring,
    free_port,
    memory_keyring,
    silent_server,
    smtp_server,
)

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
Click = Qt.MouseButton.LeftButton


@pytest.fixture
def ring() -> Iterator[MemoryKeyring]:
    with memory_keyring() as keys:
        yield keys


def quotes_page(open_window: Callable[[Database], MainWindow], db: Database) -> QuotesPage:
    return shown_page(open_window(db), "quotes", QuotesPage)


def pick_issued(page: QuotesPage) -> tuple[str, int]:
    model = page.table.records
    row = next(r for r in range(model.rowCount()) if model.row_at(r).status is QuoteStatus.ISSUED)
    page.table.selectRow(row)
    return model.row_at(row).number, model.row_at(row).revision


def type_into(qtbot: QtBot, edit: QLineEdit | QSpinBox, text: str) -> None:
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


def set_up_mail(qtbot: QtBot, page: QuotesPage, port: int, password: str) -> None:
    """Fill in Mail settings as a person would and save."""
    dialog = open_settings(qtbot, page)
    type_into(qtbot, dialog.host, "127.0.0.1")
    dialog.security.setCurrentIndex(dialog.security.findText("None"))
    assert dialog.port.value() == 25  # follows the mode
    type_into(qtbot, dialog.port, str(port))
    type_into(qtbot, dialog.user, USER)
    ascii_part = password.encode("ascii", "ignore").decode()[:8]
    qtbot.keyClicks(dialog.password, ascii_part)  # the test platform types ASCII only
    dialog.password.insert(password[len(ascii_part) :])
    type_into(qtbot, dialog.from_address, "quotes@example.com")
    for _tick in range(2):  # refused without encryption until the person allows it
        qtbot.mouseClick(dialog.test_button, Click)
        assert dialog.operation is not None
        with qtbot.waitSignal(dialog.operation.finished, timeout=10_000):
            pass
        if dialog.unencrypted.isChecked():
            break
        assert "would send your password in the clear" in dialog.status.text()
        assert dialog.unencrypted.isEnabled()
        box = dialog.unencrypted  # clicked on its square, where a person clicks
        qtbot.mouseClick(box, Click, pos=QPoint(8, box.height() // 2))
    assert dialog.status.text().startswith("Connected to 127.0.0.1")
    qtbot.mouseClick(dialog.save_button, Click)
    assert not dialog.isVisible()


def open_settings(qtbot: QtBot, page: QuotesPage) -> MailSettingsDialog:
    qtbot.mouseClick(page.mail_settings_button, Click)
    dialog = page.mail_dialogs[-1]
    assert isinstance(dialog, MailSettingsDialog)
    return dialog


def open_mail(qtbot: QtBot, page: QuotesPage) -> QuoteMailDialog:
    qtbot.mouseClick(page.email_button, Click)
    dialog = next(d for d in page.mail_dialogs if isinstance(d, QuoteMailDialog))
    qtbot.waitExposed(dialog)
    return dialog


def sent_state(db: Database, number: str, revision: int) -> tuple[QuoteStatus, str | None]:
    with db.reading() as s:
        rev = s.scalars(
            select(QuoteRevision)
            .join(Quote, Quote.id == QuoteRevision.quote_id)
            .where(Quote.number == number, QuoteRevision.revision == revision)
        ).one()
        return rev.status, rev.sent_to


def test_set_up_the_server_and_send_the_quote(
    qtbot: QtBot,
    open_window: Callable[[Database], MainWindow],
    demo_db: Database,
    ring: MemoryKeyring,
) -> None:
    page = quotes_page(open_window, demo_db)
    with smtp_server(auth=True) as (port, inbox):
        set_up_mail(qtbot, page, port, PASSWORD)
        assert list(ring.secrets.values()) == [PASSWORD]  # in the keyring, not in the database
        number, revision = pick_issued(page)
        dialog = open_mail(qtbot, page)
        assert dialog.subject.text().startswith(f"Quote {number} rev {revision}")
        assert "Total:" in dialog.body.toPlainText()
        type_into(qtbot, dialog.to, "buyer@example.org")
        qtbot.mouseClick(dialog.send_button, Click)
        assert dialog.operation is not None
        assert not dialog.send_button.isEnabled()  # while it is sending
        with qtbot.waitSignal(dialog.operation.finished, timeout=10_000):
            pass
        assert not dialog.isVisible()
    (got,) = inbox.received
    assert got.rcpt_tos == ["buyer@example.org"]
    pdf = revision_pdf(demo_db, number, revision).data
    assert got.attachment() == (f"{number}-rev{revision}.pdf", pdf)
    assert sent_state(demo_db, number, revision) == (QuoteStatus.SENT, "buyer@example.org")
    settled(page)
    assert page.table.records.row_at(page.table.currentIndex().row()).status is QuoteStatus.SENT
    editor = page.open_selected()
    assert editor is not None and editor.problems.text().startswith("Sent to buyer@example.org on")


def test_a_wrong_password_is_said_in_the_dialog_and_the_quote_stays_unsent(
    qtbot: QtBot,
    open_window: Callable[[Database], MainWindow],
    demo_db: Database,
    ring: MemoryKeyring,
) -> None:
    page = quotes_page(open_window, demo_db)
    with smtp_server(auth=True) as (port, inbox):
        with demo_db.transaction() as s:
            save_mail_settings(s, MailSettings("127.0.0.1", port, Security.NONE, USER,
                                               "quotes@example.com",
                                               password_unencrypted=True))  # fmt: skip
        ring.set_password("Channel Desk SMTP", f"{USER}@127.0.0.1:{port}", "wrong")
        number, revision = pick_issued(page)
        dialog = open_mail(qtbot, page)
        qtbot.mouseClick(dialog.send_button, Click)
        assert dialog.operation is not None
        with qtbot.waitSignal(dialog.operation.finished, timeout=10_000):
            pass
    assert inbox.received == []
    assert dialog.isVisible() and dialog.send_button.isEnabled()
    assert "refused the user name or password" in dialog.status.text()
    assert sent_state(demo_db, number, revision) == (QuoteStatus.ISSUED, None)


def test_the_window_stays_responsive_while_a_silent_server_times_out(
    qtbot: QtBot,
    open_window: Callable[[Database], MainWindow],
    demo_db: Database,
    ring: MemoryKeyring,
) -> None:
    page = quotes_page(open_window, demo_db)
    with silent_server() as port:
        with demo_db.transaction() as s:
            save_mail_settings(s, MailSettings("127.0.0.1", port, Security.NONE, "",
                                               "quotes@example.com", timeout_s=1))  # fmt: skip
        number, revision = pick_issued(page)
        dialog = open_mail(qtbot, page)
        qtbot.mouseClick(dialog.send_button, Click)
        assert dialog.operation is not None and dialog.operation.running
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # no closing while it is under way
        assert dialog.isVisible()
        page.table.selectRow(0)  # the window answers meanwhile
        assert page.selected() is not None
        with qtbot.waitSignal(dialog.operation.finished, timeout=10_000):
            pass
    assert "did not answer within 1 s" in dialog.status.text()
    assert sent_state(demo_db, number, revision)[1] is None
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_open_in_mail_app_writes_a_draft_and_mark_as_sent_records_it(
    qtbot: QtBot,
    open_window: Callable[[Database], MainWindow],
    demo_db: Database,
    tmp_path: Path,
    ring: MemoryKeyring,
) -> None:
    page = quotes_page(open_window, demo_db)
    number, revision = pick_issued(page)
    dialog = open_mail(qtbot, page)
    opened: list[Path] = []
    dialog.opener = lambda path: opened.append(path) is None
    dialog.drafts = tmp_path
    type_into(qtbot, dialog.to, "zoe@example.org")
    qtbot.mouseClick(dialog.open_button, Click)
    assert opened == [tmp_path / f"{number}-rev{revision}.eml"]
    message = email.message_from_bytes(opened[0].read_bytes(), policy=email.policy.default)
    assert message["X-Unsent"] == "1" and message["To"] == "zoe@example.org"
    (part,) = message.iter_attachments()
    assert part.get_content() == revision_pdf(demo_db, number, revision).data
    assert sent_state(demo_db, number, revision) == (QuoteStatus.ISSUED, None)  # not yet
    assert dialog.mark_button.isVisible()
    qtbot.mouseClick(dialog.mark_button, Click)
    assert sent_state(demo_db, number, revision) == (QuoteStatus.SENT, "zoe@example.org")


def test_without_settings_the_dialog_says_what_to_do_and_a_refused_test_is_one_line(
    qtbot: QtBot,
    open_window: Callable[[Database], MainWindow],
    demo_db: Database,
    ring: MemoryKeyring,
) -> None:
    page = quotes_page(open_window, demo_db)
    pick_issued(page)
    dialog = open_mail(qtbot, page)
    qtbot.mouseClick(dialog.send_button, Click)
    assert dialog.operation is None and "Set up the mail server first" in dialog.status.text()
    dialog.close()
    settings = open_settings(qtbot, page)
    type_into(qtbot, settings.host, "127.0.0.1")
    type_into(qtbot, settings.port, str(free_port()))
    type_into(qtbot, settings.from_address, "quotes@example.com")
    settings.security.setCurrentIndex(settings.security.findText("None"))
    qtbot.mouseClick(settings.test_button, Click)
    assert settings.operation is not None
    with qtbot.waitSignal(settings.operation.finished, timeout=10_000):
        pass
    assert "refused the connection" in settings.status.text()
    assert get_password(settings.typed()) is None


def test_the_mail_server_is_set_up_from_the_message_and_it_is_sent(
    qtbot: QtBot,
    open_window: Callable[[Database], MainWindow],
    demo_db: Database,
    ring: MemoryKeyring,
) -> None:
    """A first e-mail, no server set up yet: the message offers its settings, and what was
    typed in it is still there to send once they are saved."""
    page = quotes_page(open_window, demo_db)
    number, revision = pick_issued(page)
    dialog = open_mail(qtbot, page)
    assert dialog.settings_button.isVisible()
    type_into(qtbot, dialog.to, "buyer@example.org")
    qtbot.mouseClick(dialog.send_button, Click)
    assert "Mail settings… here" in dialog.status.text()
    with smtp_server(auth=False) as (port, inbox):
        qtbot.mouseClick(dialog.settings_button, Click)
        settings = dialog.settings_dialog
        assert settings is not None
        qtbot.waitExposed(settings)
        type_into(qtbot, settings.host, "127.0.0.1")
        settings.security.setCurrentIndex(settings.security.findText("None"))
        type_into(qtbot, settings.port, str(port))
        type_into(qtbot, settings.from_address, "quotes@example.com")
        qtbot.mouseClick(settings.save_button, Click)
        assert not settings.isVisible()
        assert not dialog.settings_button.isVisible()
        assert dialog.to.text() == "buyer@example.org"  # nothing typed was lost
        qtbot.mouseClick(dialog.send_button, Click)
        assert dialog.operation is not None, dialog.status.text()
        with qtbot.waitSignal(dialog.operation.finished, timeout=10_000):
            pass
    (got,) = inbox.received
    assert got.rcpt_tos == ["buyer@example.org"]
    assert sent_state(demo_db, number, revision) == (QuoteStatus.SENT, "buyer@example.org")
