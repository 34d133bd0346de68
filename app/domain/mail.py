"""E-mail in plain terms: the SMTP settings, a message with its attachment, the text templates.

Sending, drafting an .eml file and the password store are file and network work (``app.io``);
here are only the facts they share, so the rules (a valid address, a known placeholder) are
checked the same way by the settings dialog, the e-mail dialog and the tests.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from email.utils import getaddresses
from enum import StrEnum

from app.domain.errors import InputError


class Security(StrEnum):
    """How the connection to the mail server is protected."""

    TLS = "tls"  # encrypted from the first byte, usually port 465
    STARTTLS = "starttls"  # plain, then upgraded, usually port 587
    NONE = "none"  # only for a relay on the local network

    @property
    def label(self) -> str:
        return {"tls": "TLS", "starttls": "STARTTLS", "none": "None"}[self.value]

    @property
    def default_port(self) -> int:
        return {"tls": 465, "starttls": 587, "none": 25}[self.value]


@dataclass(frozen=True, slots=True)
class MailSettings:
    """The mail server and the sender; the password is kept in the system's keyring."""

    host: str = ""
    port: int = 587
    security: Security = Security.STARTTLS
    user: str = ""
    from_address: str = ""
    timeout_s: int = 20
    #: The user's explicit choice to log in over a connection without encryption (a relay on
    #: their own computer or network); without it such a login is refused.
    password_unencrypted: bool = False

    @property
    def password_in_clear(self) -> bool:
        """Whether logging in would send the password over an unencrypted connection."""
        return self.security is Security.NONE and bool(self.user.strip())

    @property
    def configured(self) -> bool:
        return bool(self.host and self.from_address)

    def check(self) -> None:
        """One ``InputError`` naming every field that cannot be used."""
        problems: list[str] = []
        if not self.host.strip():
            problems.append("Mail server: give the host name, e.g. smtp.example.com.")
        if not 1 <= self.port <= 65535:
            problems.append(f"Port: {self.port} is not a port number (1 to 65535).")
        if not is_address(self.from_address):
            problems.append(
                f"From address: '{self.from_address}' is not an e-mail address "
                "such as quotes@example.com."
            )
        if problems:
            raise InputError("\n".join(problems))


@dataclass(frozen=True, slots=True)
class Attachment:
    filename: str
    content_type: str  # "application/pdf"
    data: bytes


@dataclass(frozen=True, slots=True)
class OutgoingMail:
    """One message as the user approved it in the e-mail dialog."""

    sender: str
    to: tuple[str, ...]
    subject: str
    body: str
    attachments: tuple[Attachment, ...] = ()


_ADDRESS = re.compile(r"^[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;]+$")


def is_address(text: str) -> bool:
    return bool(_ADDRESS.match(text.strip()))


def parse_recipients(text: str) -> tuple[str, ...]:
    """``"Ann <ann@example.com>; bob@example.com"`` → both addresses, or an ``InputError``
    naming the ones that are not addresses."""
    pairs = getaddresses([text.replace(";", ",")])
    found = [(name, address.strip()) for name, address in pairs if name or address.strip()]
    bad = [address or name for name, address in found if not is_address(address)]
    if bad:
        raise InputError(f"To: {', '.join(bad)} is not an e-mail address.")
    if not found:
        raise InputError("To: give at least one e-mail address.")
    return tuple(address for _name, address in found)


# Templates --------------------------------------------------------------------------------------

#: The placeholders a subject or body template may use, with what each becomes.
PLACEHOLDERS: Mapping[str, str] = {
    "greeting": "Dear and the contact person's name, or Hello when no person is known",
    "contact": "the contact person's name (empty when no person is known)",
    "number": "the quote number, Q-2026-00001",
    "revision": "the revision, 1",
    "partner": "the partner's name",
    "account": "the end customer's name",
    "total": "the total with its currency, EUR 1,234.50",
    "valid_until": "the last day the quote is valid",
    "company": "your company's name",
}
DEFAULT_SUBJECT = "Quote {number} rev {revision} — {account}"
DEFAULT_BODY = (
    "{greeting},\n\n"
    "please find attached our quote {number} (revision {revision}) for {account}.\n"
    "Total: {total}, valid until {valid_until}.\n\n"
    "Kind regards,\n{company}\n"
)
#: Said when the mail goes to an address that names no person (a shared inbox).
NEUTRAL_GREETING = "Hello"


def greeting(contact: str) -> str:
    """``Dear Anna Schmidt`` for a person, else a greeting that suits anyone."""
    return f"Dear {contact.strip()}" if contact.strip() else NEUTRAL_GREETING


_FIELD = re.compile(r"\{([A-Za-z_]+)\}")


def check_template(template: str, what: str = "Template") -> None:
    """Refuse a placeholder that does not exist, naming the ones that do."""
    unknown = sorted({m.group(1) for m in _FIELD.finditer(template)} - set(PLACEHOLDERS))
    if unknown:
        known = ", ".join("{" + key + "}" for key in PLACEHOLDERS)
        wrong = ", ".join("{" + key + "}" for key in unknown)
        raise InputError(f"{what}: {wrong} is not a placeholder; use {known}.")


def fill_template(template: str, values: Mapping[str, str]) -> str:
    """Each known ``{placeholder}`` replaced by its value; any other text is left as written
    (a value containing braces is never expanded again)."""
    return _FIELD.sub(lambda m: values.get(m.group(1), m.group(0)), template)
