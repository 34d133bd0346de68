"""E-mailing a quote: To, Subject and Body prefilled from the templates, the issued PDF attached.

Send talks to the mail server on a background thread (``app.ui.operations``), so the window
stays responsive while a slow server answers; a failure is shown in one line inside the dialog
and the quote stays unsent. "Open in mail app" writes an unsent .eml draft and hands it to the
system's handler instead; since only the user knows whether it went out, "Mark as sent" then
records it on request. When the attached PDF is not the one issued (an old revision whose
original was not kept), a note under the attachment says so before anything is sent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import AppError
from app.domain.file_size import size_text
from app.io.eml import draft_name, write_eml_draft
from app.io.mail_password import get_password
from app.io.smtp_send import send_mail
from app.services.quotes.lifecycle import mark_sent
from app.services.quotes.mail import QuoteMail, prepare_quote_mail, send_prepared
from app.services.quotes.mail_settings import load_mail_settings
from app.services.store import Database, data_dir
from app.ui.changes import RecordKind
from app.ui.context import UiContext
from app.ui.field_box import align_labels
from app.ui.operations import Operation
from app.ui.quotes.editor.preview import render_pdf
from app.ui.quotes.mail_settings_dialog import MailSettingsDialog
from app.ui.unsaved import AsksBeforeDiscarding

#: Opens a file with the system's handler; True when something took it. Tests record instead.
Opener = Callable[[Path], bool]


def open_with_system(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class QuoteMailDialog(AsksBeforeDiscarding, QDialog):
    """One issued revision's e-mail, ready to send or to open in the user's mail program."""

    noun = "e-mail"
    sent = Signal(str)  # what to tell the user once the sending is recorded

    def __init__(
        self,
        db: Database,
        context: UiContext,
        mail: QuoteMail,
        parent: QWidget | None = None,
        opener: Opener = open_with_system,
        drafts: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("quoteMail")
        self.setWindowTitle(f"E-mail {mail.number} rev. {mail.revision}")
        self.db, self.context, self.mail = db, context, mail
        self.opener = opener
        self.drafts = drafts or data_dir() / "mail drafts"
        self.operation: Operation[object] | None = None
        self.draft_path: Path | None = None
        self.to = QLineEdit(mail.to)
        self.to.setObjectName("to")
        self.to.setPlaceholderText("name@example.com; another@example.com")
        self.subject = QLineEdit(mail.subject)
        self.subject.setObjectName("subject")
        self.body = QPlainTextEdit(mail.body)
        self.body.setObjectName("body")
        self.body.setTabChangesFocus(True)
        attachment = QLabel(f"{mail.filename}  ({size_text(len(mail.pdf))})")
        attachment.setObjectName("attachment")
        self.attachment_notice = QLabel(mail.notice)  # the PDF is not the one issued
        self.attachment_notice.setObjectName("attachmentNotice")
        self.attachment_notice.setWordWrap(True)
        self.attachment_notice.setStyleSheet("color: #8a5a00;")
        self.attachment_notice.setVisible(bool(mail.notice))
        self.status = QLabel("")
        self.status.setObjectName("mailStatus")
        self.status.setWordWrap(True)
        self.send_button = QPushButton("&Send")
        self.send_button.setDefault(True)
        self.open_button = QPushButton("&Open in mail app")
        self.open_button.setToolTip("Write a draft with the PDF and open it in your mail program")
        self.mark_button = QPushButton("&Mark as sent")
        self.mark_button.setToolTip("Record that you sent the draft from your mail program")
        # Without a mail server Send cannot work: its settings open from here, so the person
        # need not close the message (and lose what they typed) to find them on the page.
        self.settings_button = QPushButton("Ma&il settings…")
        self.settings_button.setObjectName("mailSettingsHere")
        self.settings_button.setToolTip("Set up the mail server this message is sent through")
        self.settings_button.clicked.connect(self.open_settings)
        self.settings_dialog: MailSettingsDialog | None = None
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        for button in (self.send_button, self.open_button, self.mark_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.mark_button.hide()  # after adding: the box shows what it is given
        with db.reading() as session:
            self.settings_button.setVisible(not load_mail_settings(session).configured)
        self.send_button.clicked.connect(self.send)
        self.open_button.clicked.connect(self.open_in_mail_app)
        self.mark_button.clicked.connect(self.mark_as_sent)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("&To", self.to)
        form.addRow("S&ubject", self.subject)
        form.addRow("&Body", self.body)
        form.addRow("Attachment", attachment)
        form.addRow("", self.attachment_notice)
        align_labels(form)
        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(self.status)
        row = QHBoxLayout()  # the settings sit apart, on the left: they do not send
        row.addWidget(self.settings_button)
        row.addStretch(1)
        row.addWidget(buttons)
        layout.addLayout(row)
        self.resize(680, 520)

    @classmethod
    def prepare(
        cls, db: Database, context: UiContext, number: str, revision: int,
        parent: QWidget | None = None,
    ) -> QuoteMailDialog:  # fmt: skip
        """Take the issued PDF (as kept at its first print) and fill in the templates."""
        with db.transaction() as session:
            mail = prepare_quote_mail(session, number, revision, render_pdf, context.today())
        return cls(db, context, mail, parent)

    # --- what the user does ---------------------------------------------------------------

    def send(self) -> Operation[object] | None:
        """Send on a background thread; the dialog closes once the sending is recorded."""
        to, subject, body = self.to.text(), self.subject.text(), self.body.toPlainText()
        try:
            with self.db.reading() as session:
                settings = load_mail_settings(session)
            if not settings.configured:
                self._say(
                    "Set up the mail server first: Mail settings… here, "
                    "or send it from your own mail program with Open in mail app."
                )
                self.settings_button.show()
                return None
            # From as the settings say now: they may have been set up since the message opened.
            self.mail = replace(self.mail, sender=settings.from_address)
            self.mail.outgoing(to, subject, body)  # a bad address is told before connecting
            password = get_password(settings)
        except AppError as exc:
            self._say(str(exc))
            return None

        def work(_progress: object, _cancelled: object) -> object:
            deliver = lambda outgoing: send_mail(settings, password, outgoing)  # noqa: E731
            return send_prepared(self.db, self.mail, to, subject, body, deliver)

        self._busy(True)
        self._say(f"Sending to {to} through {settings.host}…", error=False)
        self.operation = (
            Operation(self, self.context.errors, work)
            .success(lambda _result: self._sent(to))
            .failure(self._failed)
        )
        return self.operation.run_in_background()

    def open_settings(self) -> MailSettingsDialog:
        """The mail settings over this message; once saved, Send is the next step."""
        dialog = MailSettingsDialog(self.db, self.context, self)
        dialog.accepted.connect(self._settings_saved)
        self.settings_dialog = dialog
        dialog.open()
        return dialog

    def _settings_saved(self) -> None:
        with self.db.reading() as session:
            configured = load_mail_settings(session).configured
        self.settings_button.setVisible(not configured)
        if configured:
            self._say("The mail server is set up: Send sends the message now.", error=False)
            self.send_button.setFocus()

    def open_in_mail_app(self) -> Path | None:
        """Write the .eml draft and open it with the system's mail program."""
        try:
            draft = self.mail.draft(self.to.text(), self.subject.text(), self.body.toPlainText())
            name = draft_name(f"{self.mail.number}-rev{self.mail.revision}")
            path = write_eml_draft(self.drafts / name, draft)
        except AppError as exc:
            self._say(str(exc))
            return None
        self.draft_path = path
        if self.opener(path):
            self._say(
                "The draft is open in your mail program. Once you have sent it there, "
                "click Mark as sent.",
                error=False,
            )
        else:
            self._say(f"No mail program opens .eml files here; the draft is saved as {path}.")
        self.mark_button.show()
        return path

    def mark_as_sent(self) -> bool:
        try:
            with self.db.transaction() as session:
                mark_sent(session, self.mail.number, self.mail.revision, self.to.text())
        except AppError as exc:
            self._say(str(exc))
            return False
        self._sent(self.to.text())
        return True

    # --- outcome ----------------------------------------------------------------------------

    def _sent(self, to: str) -> None:
        self.context.changes.announce({RecordKind.QUOTE})
        self.sent.emit(f"{self.mail.number} rev {self.mail.revision} sent to {to.strip()}.")
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        if isinstance(exc, AppError):
            self._say(str(exc))  # the quote stays unsent; the user may fix and try again
        else:
            self.context.errors.show_now(exc)

    def _busy(self, busy: bool) -> None:
        for widget in (self.send_button, self.open_button, self.to, self.subject, self.body):
            widget.setEnabled(not busy)

    def _say(self, text: str, error: bool = True) -> None:
        self.status.setStyleSheet("color: #a33;" if error else "")
        self.status.setText(text)

    def reject(self) -> None:
        """Cancel closes, but not while a sending is under way (it cannot be taken back)."""
        if self.operation is not None and self.operation.running:
            return
        super().reject()
