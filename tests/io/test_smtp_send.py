"""Sending through a real SMTP server on 127.0.0.1 (aiosmtpd): plain, with a password, over
STARTTLS and TLS, and every failure as one line; the password in a keyring, never in a file."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest
from keyring.backends.fail import Keyring as NoKeyring

from app.domain.mail import Attachment, MailSettings, OutgoingMail, Security
from app.io import mail_password
from app.io.mail_password import KeyringUnavailableError, get_password, set_password
from app.io.smtp_send import MailError, send_mail, test_connection
from tests.support.smtp_server import (
    PASSWORD,
    USER,
    free_port,
    memory_keyring,
    self_signed,
    silent_server,
    smtp_server,
)

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")

PDF = b"%PDF-1.4\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"
MAIL = OutgoingMail(
    sender="quotes@example.com",
    to=("buyer@example.org", "cam@example.org"),
    subject="Quote Q-2026-00001 rev 1 — Müller & Söhne",
    body="Dear Zoë,\n\nplease find our quote attached.\n",
    attachments=(Attachment("Q-2026-00001-rev1.pdf", "application/pdf", PDF),),
)


def settings(port: int, security: Security = Security.NONE, user: str = "") -> MailSettings:
    return MailSettings("127.0.0.1", port, security, user, "quotes@example.com", timeout_s=2)


def test_the_server_receives_the_message_with_the_same_pdf_bytes() -> None:
    with smtp_server() as (port, inbox):
        send_mail(settings(port), None, MAIL)
    (got,) = inbox.received
    assert got.mail_from == "quotes@example.com"
    assert got.rcpt_tos == ["buyer@example.org", "cam@example.org"]
    assert got.message["Subject"] == MAIL.subject
    body = got.message.get_body(("plain",))
    assert body is not None and body.get_content().replace("\r\n", "\n") == MAIL.body
    assert got.attachment() == ("Q-2026-00001-rev1.pdf", PDF)


def test_login_with_the_right_password_and_a_wrong_one() -> None:
    with smtp_server(auth=True) as (port, inbox):
        send_mail(settings(port, user=USER), PASSWORD, MAIL)
        assert "logged in as" in test_connection(settings(port, user=USER), PASSWORD)
        with pytest.raises(MailError) as wrong:
            send_mail(settings(port, user=USER), "guess", MAIL)
    assert len(inbox.received) == 1
    message = str(wrong.value)
    assert message.startswith("The mail server 127.0.0.1:")
    assert "refused the user name or password (535" in message and "\n" not in message


def test_starttls_and_tls_with_a_trusted_certificate(tmp_path: Path) -> None:
    pytest.importorskip("cryptography")  # comes with keyring's SecretStorage on Linux
    server_tls, client_tls = self_signed(tmp_path)
    with smtp_server(auth=True, starttls=server_tls) as (port, inbox):
        send_mail(settings(port, Security.STARTTLS, USER), PASSWORD, MAIL, client_tls)
        with pytest.raises(MailError, match=r"secure connection .* failed"):
            send_mail(settings(port, Security.STARTTLS, USER), PASSWORD, MAIL)  # not trusted
    assert len(inbox.received) == 1
    with smtp_server(implicit_tls=server_tls) as (port, inbox):
        send_mail(settings(port, Security.TLS), None, MAIL, client_tls)
        with pytest.raises(MailError):  # TLS expected, STARTTLS chosen: told, not hung
            send_mail(settings(port, Security.STARTTLS), None, MAIL, client_tls)
    assert inbox.received[0].attachment()[1] == PDF


def test_refused_connection_and_silence_are_one_line_each() -> None:
    port = free_port()  # nothing listens there
    with pytest.raises(MailError) as refused:
        send_mail(settings(port), None, MAIL)
    assert str(refused.value) == (
        f"The mail server 127.0.0.1:{port} refused the connection; check the host and port in "
        "Mail settings."
    )
    with silent_server() as port, pytest.raises(MailError) as silent:
        send_mail(settings(port), None, MAIL)
    assert str(silent.value).endswith("did not answer within 2 s; check the host, the port and "
                                      "your network.")  # fmt: skip


def test_the_password_lives_in_the_keyring_per_server_and_user() -> None:
    with memory_keyring() as ring:
        one = settings(2525, user=USER)
        set_password(one, PASSWORD)
        assert get_password(one) == PASSWORD
        assert get_password(settings(2526, user=USER)) is None  # another server asks again
        assert ring.secrets == {(mail_password.SERVICE, f"{USER}@127.0.0.1:2525"): PASSWORD}
        set_password(one, "")
        assert get_password(one) is None and ring.secrets == {}


def test_no_keyring_on_this_computer_is_said_clearly() -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(NoKeyring())
    try:
        with pytest.raises(KeyringUnavailableError, match="no password store"):
            set_password(settings(25, user=USER), PASSWORD)
        with pytest.raises(KeyringUnavailableError):
            get_password(settings(25, user=USER))
    finally:
        keyring.set_keyring(previous)
