"""Mail settings: the server, the sender, the password (into the keyring) and the e-mail text.

Test connection connects and logs in with what is typed, on a background thread, and says in
one line what worked or what failed, before anything is saved.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import AppError
from app.domain.mail import PLACEHOLDERS, MailSettings, Security
from app.io.mail_password import get_password, set_password
from app.io.smtp_send import test_connection
from app.services.quotes.mail_settings import (
    MailTemplates,
    load_mail_settings,
    load_mail_templates,
    save_mail_settings,
    save_mail_templates,
)
from app.services.store import Database
from app.ui.changes import RecordKind
from app.ui.context import UiContext
from app.ui.field_box import align_labels
from app.ui.operations import Operation
from app.ui.unsaved import AsksBeforeDiscarding


class MailSettingsDialog(AsksBeforeDiscarding, QDialog):
    """Edit and test the mail settings; Save keeps them (the password in the keyring)."""

    noun = "mail setup"

    def __init__(self, db: Database, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mailSettings")
        self.setWindowTitle("Mail settings")
        self.db, self.context = db, context
        self.operation: Operation[str] | None = None
        with db.reading() as session:
            settings = load_mail_settings(session)
            templates = load_mail_templates(session)
        self.host = self._edit("host", settings.host, "smtp.example.com")
        self.port = QSpinBox()
        self.port.setObjectName("port")
        self.port.setRange(1, 65535)
        self.port.setValue(settings.port)
        self.port.setMaximumWidth(110)
        self.security = QComboBox()
        self.security.setObjectName("security")
        for option in Security:
            self.security.addItem(option.label, option)
        self.security.setCurrentIndex(self.security.findData(settings.security))
        self.security.currentIndexChanged.connect(self._security_changed)
        self._last_security = settings.security
        self.user = self._edit("user", settings.user, "user name, often the address")
        self.password = self._edit("password", "", "")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_touched = False
        self.password.textChanged.connect(lambda _t: setattr(self, "password_touched", True))
        try:
            stored = get_password(settings)
        except AppError as exc:
            stored = None
            self.password.setPlaceholderText(str(exc))
            self.password.setEnabled(False)
        else:
            self.password.setPlaceholderText(
                "kept in the system's keyring" if stored else "none stored"
            )
        self.unencrypted = QCheckBox("Send my password u&nencrypted")
        self.unencrypted.setObjectName("passwordUnencrypted")
        self.unencrypted.setToolTip(
            "With security None, logging in sends the password in the clear: allow it only for "
            "a server on this computer or on a network you trust."
        )
        self.unencrypted.setChecked(settings.password_unencrypted)
        self.unencrypted.setEnabled(settings.security is Security.NONE)
        self.from_address = self._edit("from", settings.from_address, "quotes@example.com")
        self.subject = self._edit("subjectTemplate", templates.subject, "")
        self.body = QPlainTextEdit(templates.body)
        self.body.setObjectName("bodyTemplate")
        self.body.setTabChangesFocus(True)
        hint = QLabel("Placeholders: " + ", ".join("{" + key + "}" for key in PLACEHOLDERS))
        hint.setObjectName("placeholders")
        hint.setWordWrap(True)
        self.status = QLabel("")
        self.status.setObjectName("settingsStatus")
        self.status.setWordWrap(True)
        self.test_button = QPushButton("&Test connection")
        self.test_button.clicked.connect(self.test)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        server = QFormLayout()
        server.addRow("&Server", self.host)
        server.addRow("&Port", self.port)
        server.addRow("S&ecurity", self.security)
        server.addRow("&User", self.user)
        server.addRow("Pass&word", self.password)
        server.addRow("", self.unencrypted)
        server.addRow("&From address", self.from_address)
        server_box = QGroupBox("Mail server")
        server_box.setLayout(server)
        text = QFormLayout()
        text.addRow("Su&bject", self.subject)
        text.addRow("B&ody", self.body)
        text.addRow("", hint)
        text_box = QGroupBox("E-mail text")
        text_box.setLayout(text)
        layout = QVBoxLayout(self)
        layout.addWidget(server_box)
        layout.addWidget(text_box, 1)
        layout.addWidget(self.status)
        # Testing is not a way to close the dialog: it sits apart, on the left.
        row = QHBoxLayout()
        row.addWidget(self.test_button)
        row.addStretch(1)
        row.addWidget(buttons)
        layout.addLayout(row)
        align_labels(server, text)
        self.resize(620, 640)

    def _edit(self, name: str, text: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(text)
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        return edit

    def _security_changed(self) -> None:
        """A port still at the old mode's usual number follows the new mode's."""
        chosen = Security(self.security.currentData())
        if self.port.value() == self._last_security.default_port:
            self.port.setValue(chosen.default_port)
        self._last_security = chosen
        self.unencrypted.setEnabled(chosen is Security.NONE)

    def typed(self) -> MailSettings:
        return MailSettings(
            host=self.host.text().strip(),
            port=self.port.value(),
            security=Security(self.security.currentData()),
            user=self.user.text().strip(),
            from_address=self.from_address.text().strip(),
            password_unencrypted=self.unencrypted.isChecked(),
        )

    def _password(self, settings: MailSettings) -> str | None:
        return self.password.text() if self.password_touched else get_password(settings)

    def test(self) -> Operation[str] | None:
        """Connect and log in with the typed settings, off the GUI thread."""
        settings = self.typed()
        try:
            settings.check()
            password = self._password(settings)
        except AppError as exc:
            self._say(str(exc))
            return None
        self.test_button.setEnabled(False)
        self._say(f"Connecting to {settings.host}:{settings.port}…", error=False)
        self.operation = (
            Operation(self, self.context.errors, lambda _p, _c: test_connection(settings, password))
            .success(lambda text: self._tested(text, error=False))
            .failure(lambda exc: self._tested(str(exc), error=True))
        )
        return self.operation.run_in_background()

    def _tested(self, text: str, error: bool) -> None:
        self.test_button.setEnabled(True)
        self._say(text, error)

    def save(self) -> None:
        settings = self.typed()
        templates = MailTemplates(self.subject.text(), self.body.toPlainText())
        try:
            with self.db.transaction() as session:
                save_mail_settings(session, settings)
                save_mail_templates(session, templates)
                if self.password_touched:  # inside: a keyring refusal keeps nothing half-saved
                    set_password(settings, self.password.text())
        except AppError as exc:
            self._say(str(exc))
            return
        self.context.changes.announce({RecordKind.SETTING})
        self.accept()

    def _say(self, text: str, error: bool = True) -> None:
        self.status.setStyleSheet("color: #a33;" if error else "color: #276738;")
        self.status.setText(text)

    def reject(self) -> None:
        if self.operation is not None and self.operation.running:
            return  # the test ends within the timeout; closing now would orphan it
        super().reject()
