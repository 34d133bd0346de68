"""The mail server password in the operating system's keyring, never in a file of ours.

Keyed by server and user, so changing either asks for the password again instead of sending
an old one to a new server. A computer without any keyring (a bare server, some Linux desktops
without a secret service) gets one clear line saying so, instead of a silent plain-text fallback.
"""

from __future__ import annotations

import contextlib
import logging

import keyring
from keyring.errors import KeyringError, NoKeyringError, PasswordDeleteError

from app.domain.errors import AppError
from app.domain.mail import MailSettings

log = logging.getLogger(__name__)

SERVICE = "Channel Desk SMTP"


class KeyringUnavailableError(AppError):
    title = "No password store"


def account_key(settings: MailSettings) -> str:
    return f"{settings.user.strip()}@{settings.host.strip().lower()}:{settings.port}"


def get_password(settings: MailSettings) -> str | None:
    """The stored password for this server and user, or ``None`` when none is stored."""
    if not settings.user.strip():
        return None
    try:
        return keyring.get_password(SERVICE, account_key(settings))
    except KeyringError as exc:
        raise _unavailable(exc) from None


def set_password(settings: MailSettings, password: str) -> None:
    """Keep ``password`` in the keyring; an empty one removes what is stored."""
    try:
        if password:
            keyring.set_password(SERVICE, account_key(settings), password)
        else:
            with contextlib.suppress(PasswordDeleteError):  # nothing was stored
                keyring.delete_password(SERVICE, account_key(settings))
    except KeyringError as exc:
        raise _unavailable(exc) from None
    log.info("mail password %s", "stored" if password else "removed")


def _unavailable(exc: KeyringError) -> KeyringUnavailableError:
    if isinstance(exc, NoKeyringError):
        return KeyringUnavailableError(
            "This computer has no password store (keyring) for the mail password: install and "
            "unlock one (e.g. GNOME Keyring or KWallet), or use a mail server without a password."
        )
    return KeyringUnavailableError(f"The password store refused the mail password: {exc}.")
