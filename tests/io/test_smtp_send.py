"""Sending through a real SMTP server on 127.0.0.1 (aiosmtpd): plain, with a password, over
STARTTLS and TLS, and every failure as one line; the password in a keyring, never in a file."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends.fail import Keyring as NoKeyring
from keyring.backends.null import Keyring as NullKeyring

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


def settings(
    port: int, security: Security = Security.NONE, user: str = "", unencrypted: bool = True
) -> MailSettings:
    """Settings for the test server; it has no certificate, so logging in there over a plain
    connection is what the user allowed (``unencrypted``), unless a test says otherwise."""
    return MailSettings(
        "127.0.0.1", port, security, user, "quotes@example.com", timeout_s=2,
        password_unencrypted=unencrypted,
    )  # fmt: skip


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


def test_logging_in_without_encryption_needs_the_users_explicit_yes() -> None:
    with smtp_server(auth=True) as (port, inbox):
        plain = settings(port, user=USER, unencrypted=False)
        for attempt in (lambda: send_mail(plain, PASSWORD, MAIL),
                        lambda: test_connection(plain, PASSWORD)):  # fmt: skip
            with pytest.raises(MailError) as refused:
                attempt()
            message = str(refused.value)
            assert "would send your password in the clear" in message and "\n" not in message
            assert "Send my password unencrypted" in message
        assert inbox.received == []
        send_mail(settings(port, user=USER, unencrypted=True), PASSWORD, MAIL)
    assert len(inbox.received) == 1


def test_without_a_user_nothing_is_sent_in_the_clear_and_no_yes_is_needed() -> None:
    with smtp_server() as (port, inbox):
        send_mail(settings(port, unencrypted=False), None, MAIL)
    assert len(inbox.received) == 1


@pytest.mark.parametrize("kind", ["plaintext file", "null"])
def test_a_keyring_that_keeps_no_secret_is_refused_and_says_so(kind: str, tmp_path: Path) -> None:
    if kind == "plaintext file":
        from keyrings.alt.file import PlaintextKeyring

        backend: KeyringBackend = PlaintextKeyring()
        backend.file_path = str(tmp_path / "keyring_pass.cfg")  # type: ignore[attr-defined]
    else:
        backend = NullKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        with pytest.raises(KeyringUnavailableError) as refused:
            set_password(settings(25, user=USER), PASSWORD)
        with pytest.raises(KeyringUnavailableError):
            get_password(settings(25, user=USER))
    finally:
        keyring.set_keyring(previous)
    assert "any program can read, or not at all" in str(refused.value)
    assert list(tmp_path.iterdir()) == []  # no file with the password in it


def test_a_chain_uses_its_safe_keyring_and_passes_over_the_plaintext_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from keyring.backends.chainer import ChainerBackend
    from keyrings.alt.file import PlaintextKeyring

    plain = PlaintextKeyring()
    plain.file_path = str(tmp_path / "keyring_pass.cfg")  # type: ignore[attr-defined]
    with memory_keyring() as ring:
        # The file first, as priorities may put it (a chain finds its back-ends by itself).
        monkeypatch.setattr(ChainerBackend, "backends", [plain, ring])
        keyring.set_keyring(ChainerBackend())
        set_password(settings(25, user=USER), PASSWORD)
        assert get_password(settings(25, user=USER)) == PASSWORD
        assert list(ring.secrets.values()) == [PASSWORD]
    assert list(tmp_path.iterdir()) == []
