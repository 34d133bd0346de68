"""The mail server password in the operating system's keyring, never in a file of ours.

Keyed by server and user, so changing either asks for the password again instead of sending
an old one to a new server. A computer without any keyring (a bare server, some Linux desktops
without a secret service) gets one clear line saying so, instead of a silent plain-text fallback.

Some keyring back-ends are stores in name only: ``keyrings.alt``'s plain-text file keeps the
password base64-encoded in a file any program of the user can read, and the null back-end
forgets it. They are passed over; when nothing else is there, the password is refused with a
line that says why.
"""

from __future__ import annotations

import contextlib
import logging

import keyring
from keyring.backend import KeyringBackend
from keyring.errors import KeyringError, NoKeyringError, PasswordDeleteError

from app.domain.errors import AppError
from app.domain.mail import MailSettings

log = logging.getLogger(__name__)

SERVICE = "Channel Desk SMTP"

#: (module, class) of back-ends that do not keep a secret: a readable file, or nowhere.
INSECURE_BACKENDS = frozenset(
    {
        ("keyrings.alt.file", "PlaintextKeyring"),
        ("keyring.backends.null", "Keyring"),
    }
)


class KeyringUnavailableError(AppError):
    title = "No password store"


def account_key(settings: MailSettings) -> str:
    return f"{settings.user.strip()}@{settings.host.strip().lower()}:{settings.port}"


def get_password(settings: MailSettings) -> str | None:
    """The stored password for this server and user, or ``None`` when none is stored."""
    if not settings.user.strip():
        return None
    try:
        return _store().get_password(SERVICE, account_key(settings))
    except KeyringError as exc:
        raise _unavailable(exc) from None


def set_password(settings: MailSettings, password: str) -> None:
    """Keep ``password`` in the keyring; an empty one removes what is stored."""
    try:
        store = _store()
        if password:
            store.set_password(SERVICE, account_key(settings), password)
        else:
            with contextlib.suppress(PasswordDeleteError):  # nothing was stored
                store.delete_password(SERVICE, account_key(settings))
    except KeyringError as exc:
        raise _unavailable(exc) from None
    log.info("mail password %s", "stored" if password else "removed")


def insecure(backend: KeyringBackend) -> bool:
    """Whether ``backend`` keeps passwords where any program could read them, or not at all."""
    kind = type(backend)
    if (kind.__module__, kind.__name__) in INSECURE_BACKENDS:
        return True
    wrapped = getattr(backend, "_keyring", None)  # keyrings.alt's multipart wrapper
    return isinstance(wrapped, KeyringBackend) and insecure(wrapped)


def _store() -> KeyringBackend:
    """The keyring to use: the chosen one, or the first safe one of a chain; refuses (in one
    line) when the only ones there keep the password in a readable file or nowhere."""
    chosen = keyring.get_keyring()
    chain: list[KeyringBackend] = list(getattr(chosen, "backends", None) or [chosen])
    safe = [backend for backend in chain if not insecure(backend)]
    if safe:
        return safe[0] if len(safe) < len(chain) else chosen
    names = ", ".join(sorted({type(backend).__name__ for backend in chain}))
    raise KeyringUnavailableError(
        f"The only password store on this computer ({names}) keeps passwords in a file any "
        "program can read, or not at all, so Channel Desk does not keep the mail password "
        "there: install and unlock a system keyring (GNOME Keyring, KWallet, the macOS "
        "Keychain or the Windows Credential Manager), or use a mail server without a password."
    )


def _unavailable(exc: KeyringError) -> KeyringUnavailableError:
    if isinstance(exc, NoKeyringError):
        return KeyringUnavailableError(
            "This computer has no password store (keyring) for the mail password: install and "
            "unlock one (e.g. GNOME Keyring or KWallet), or use a mail server without a password."
        )
    return KeyringUnavailableError(f"The password store refused the mail password: {exc}.")
