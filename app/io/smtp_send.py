"""Sending a message through the mail server of the settings (smtplib).

Every way it can fail becomes one ``MailError`` line that says what happened and what to check
(refused connection, wrong password, no answer in time, a refused address, a TLS mismatch), so
the caller can leave the quote unsent and tell the user exactly why.
"""

from __future__ import annotations

import base64
import logging
import smtplib
import socket
import ssl
from collections.abc import Iterator
from contextlib import contextmanager

from app.domain.errors import AppError
from app.domain.mail import MailSettings, OutgoingMail, Security
from app.io.mail_message import to_email_message

log = logging.getLogger(__name__)


class MailError(AppError):
    """The mail server could not take the message; nothing was sent."""

    title = "Cannot send the e-mail"


def send_mail(
    settings: MailSettings,
    password: str | None,
    mail: OutgoingMail,
    context: ssl.SSLContext | None = None,
) -> None:
    """Deliver ``mail``; ``MailError`` with one line if the server does not take it."""
    message = to_email_message(mail)
    with _connected(settings, password, context) as server:
        try:
            refused = server.send_message(message, from_addr=mail.sender, to_addrs=list(mail.to))
        except smtplib.SMTPRecipientsRefused as exc:
            raise MailError(
                f"The mail server refused every recipient ({', '.join(exc.recipients)}); "
                "check the addresses."
            ) from None
        except smtplib.SMTPSenderRefused as exc:
            raise MailError(
                f"The mail server refused the sender {exc.sender} ({_reply(exc)}); check the "
                "From address in Mail settings."
            ) from None
        except smtplib.SMTPDataError as exc:
            raise MailError(f"The mail server did not take the message ({_reply(exc)}).") from None
    if refused:
        log.warning("mail server refused %d of %d recipients", len(refused), len(mail.to))
        raise MailError(
            f"The mail server refused {', '.join(sorted(refused))}; the others got the message."
        )
    log.info("sent to %d recipients via %s:%d", len(mail.to), settings.host, settings.port)


def test_connection(
    settings: MailSettings, password: str | None, context: ssl.SSLContext | None = None
) -> str:
    """Connect, secure and log in as sending would, then leave; says what worked."""
    with _connected(settings, password, context):
        pass
    login = f" and logged in as {settings.user}" if settings.user.strip() else ""
    return f"Connected to {settings.host}:{settings.port} ({settings.security.label}){login}."


test_connection.__test__ = False  # type: ignore[attr-defined]  # not a test for pytest


UNENCRYPTED_REFUSED = (
    "Logging in to {where} without encryption would send your password in the clear, so "
    "nothing was sent: choose STARTTLS or TLS in Mail settings, or tick 'Send my password "
    "unencrypted' there if the server is on your own computer or a network you trust."
)


@contextmanager
def _connected(
    settings: MailSettings, password: str | None, context: ssl.SSLContext | None
) -> Iterator[smtplib.SMTP]:
    where = f"{settings.host}:{settings.port}"
    if settings.password_in_clear and not settings.password_unencrypted:
        raise MailError(UNENCRYPTED_REFUSED.format(where=where))
    context = context or ssl.create_default_context()
    server: smtplib.SMTP | None = None
    try:
        if settings.security is Security.TLS:
            server = smtplib.SMTP_SSL(
                settings.host, settings.port, timeout=settings.timeout_s, context=context
            )
        else:
            server = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout_s)
        server.ehlo()
        if settings.security is Security.STARTTLS:
            server.starttls(context=context)
            server.ehlo()
        if settings.user.strip():
            _login(server, settings.user.strip(), password or "")
        yield server
    except smtplib.SMTPAuthenticationError as exc:
        raise MailError(
            f"The mail server {where} refused the user name or password ({_reply(exc)}); check "
            "them in Mail settings."
        ) from None
    except smtplib.SMTPNotSupportedError:
        raise MailError(
            f"The mail server {where} does not offer "
            f"{'STARTTLS' if settings.security is Security.STARTTLS else 'logging in'}; check the "
            "security setting in Mail settings."
        ) from None
    except ConnectionRefusedError:
        raise MailError(
            f"The mail server {where} refused the connection; check the host and port in "
            "Mail settings."
        ) from None
    except TimeoutError:
        raise _silent(settings) from None
    except ssl.SSLError as exc:
        raise MailError(
            f"The secure connection to {where} failed ({exc.reason or exc}); check the "
            "security setting (TLS is usually port 465, STARTTLS 587)."
        ) from None
    except socket.gaierror:
        raise MailError(
            f"There is no mail server called {settings.host}; check the host."
        ) from None
    except smtplib.SMTPServerDisconnected as exc:
        if "timed out" in str(exc):  # smtplib reports a reply that never came this way
            raise _silent(settings) from None
        raise MailError(
            f"The mail server {where} closed the connection; check the port and the security "
            "setting in Mail settings."
        ) from None
    except smtplib.SMTPResponseException as exc:
        raise MailError(f"The mail server {where} answered {_reply(exc)}.") from None
    except OSError as exc:
        raise MailError(f"Cannot reach the mail server {where}: {exc.strerror or exc}.") from None
    finally:
        if server is not None:
            try:
                server.quit()
            except (smtplib.SMTPException, OSError):
                server.close()


def _login(server: smtplib.SMTP, user: str, password: str) -> None:
    """Log in once with AUTH PLAIN in UTF-8 (RFC 4616) when the server offers it: unlike
    ``smtplib.login`` it takes a password with accents, and a wrong password gets the server's
    one answer instead of a retry with every other mechanism."""
    if not server.has_extn("auth"):
        raise smtplib.SMTPNotSupportedError("AUTH")
    if "plain" not in server.esmtp_features["auth"].lower().split():
        if not (user + password).isascii():
            raise MailError(
                "The mail server does not accept a user name or password with accents or other "
                "non-ASCII characters; use an ASCII password."
            )
        server.login(user, password)
        return
    token = base64.b64encode(f"\0{user}\0{password}".encode()).decode("ascii")
    code, reply = server.docmd("AUTH", f"PLAIN {token}")
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, reply)


def _silent(settings: MailSettings) -> MailError:
    return MailError(
        f"The mail server {settings.host}:{settings.port} did not answer within "
        f"{settings.timeout_s} s; check the host, the port and your network."
    )


def _reply(exc: smtplib.SMTPResponseException) -> str:
    text = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else ""
    return f"{exc.smtp_code} {' '.join(text.split())}".strip()
