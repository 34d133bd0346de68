"""The mail server settings and the e-mail templates, kept in table ``setting``.

They sit beside the company profile because the team shares them: one mail server, one way of
writing to partners. The password is never stored here: it lives in the keyring of each
person's computer (``app.io.mail_password``).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Setting
from app.domain.errors import InputError
from app.domain.mail import DEFAULT_BODY, DEFAULT_SUBJECT, MailSettings, Security, check_template

_PREFIX = "mail_"


@dataclass(frozen=True, slots=True)
class MailTemplates:
    subject: str = DEFAULT_SUBJECT
    body: str = DEFAULT_BODY


def load_mail_settings(session: Session) -> MailSettings:
    """The stored settings over their defaults (an unreadable value keeps its default)."""
    stored = _stored(session)
    defaults = MailSettings()
    security = Security(stored["security"]) if stored.get("security") in set(Security) else None
    return MailSettings(
        host=stored.get("host", defaults.host),
        port=_int(stored.get("port"), defaults.port),
        security=security or defaults.security,
        user=stored.get("user", defaults.user),
        from_address=stored.get("from_address", defaults.from_address),
        timeout_s=_int(stored.get("timeout_s"), defaults.timeout_s),
        password_unencrypted=stored.get("password_unencrypted") == "yes",
    )


def save_mail_settings(session: Session, settings: MailSettings) -> None:
    """Check and store ``settings``; a bad field is refused with every problem at once."""
    settings.check()
    values = {
        "host": settings.host.strip(),
        "port": str(settings.port),
        "security": settings.security.value,
        "user": settings.user.strip(),
        "from_address": settings.from_address.strip(),
        "timeout_s": str(settings.timeout_s),
        "password_unencrypted": "yes" if settings.password_unencrypted else "no",
    }
    _store(session, values)


def load_mail_templates(session: Session) -> MailTemplates:
    stored = _stored(session)
    defaults = MailTemplates()
    return MailTemplates(
        subject=stored.get("subject_template", defaults.subject),
        body=stored.get("body_template", defaults.body),
    )


def save_mail_templates(session: Session, templates: MailTemplates) -> None:
    check_template(templates.subject, "Subject")
    check_template(templates.body, "Body")
    if not templates.subject.strip():
        raise InputError("Subject: the template must not be empty.")
    _store(session, {"subject_template": templates.subject, "body_template": templates.body})


def _stored(session: Session) -> dict[str, str]:
    rows = session.execute(
        select(Setting.key, Setting.value).where(Setting.key.startswith(_PREFIX))
    )
    return {key[len(_PREFIX) :]: value for key, value in rows}


def _store(session: Session, values: dict[str, str]) -> None:
    for key, value in values.items():
        row = session.get(Setting, _PREFIX + key)
        if row is None:
            session.add(Setting(key=_PREFIX + key, value=value))
        elif row.value != value:
            row.value = value
    session.flush()


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default
