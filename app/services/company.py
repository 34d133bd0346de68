"""The company's letterhead and the other business settings, read and written as text.

The settings page and ``main.py settings`` both go through here: every value is parsed by its
declared type (``app.domain.settings``) and the letterhead's texts by their own checks
(``app.domain.letterhead``), all problems are reported at once, and nothing is written unless
everything is right. A logo is checked by the caller (it is a file, read by ``app.io``).
Nothing is committed here.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session

from app.db.models import Setting
from app.domain.errors import InputError
from app.domain.letterhead import letterhead_problems
from app.domain.settings import format_setting, parse_setting
from app.services.business_settings import load_business_settings


def settings_text(session: Session) -> dict[str, str]:
    """Every business setting as text (stored, or its default)."""
    return load_business_settings(session).as_text()


def save_settings_text(session: Session, values: Mapping[str, str]) -> None:
    """Store ``values`` (setting → text) after checking each; refuse with every problem."""
    known = settings_text(session)
    problems: list[str] = []
    stored: dict[str, str] = {}
    for key, text in values.items():
        if key not in known:
            problems.append(f"There is no setting {key}.")
            continue
        try:
            stored[key] = format_setting(parse_setting(key, text.strip()))
        except InputError as exc:
            problems.append(str(exc))
    problems.extend(letterhead_problems(stored).values())
    if problems:
        raise InputError("\n".join(problems))
    for key, text in stored.items():
        row = session.get(Setting, key)
        if row is None:
            session.add(Setting(key=key, value=text))
        elif row.value != text:
            row.value = text
    session.flush()
