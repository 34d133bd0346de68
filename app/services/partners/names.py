"""Partners' names by the key reports give them by: the Partner ID, or for a partner stored
without one, its name (as the program's return report keys its lines)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import Partner


def partner_names(session: Session) -> dict[str, str]:
    """Partner ID (or name, when it has none) → the partner's name."""
    key = func.coalesce(Partner.partner_code, Partner.name)
    return {code: name for code, name in session.execute(select(key, Partner.name))}


def partner_label(code: str, name: str) -> str:
    """A partner as lists offer it: its name and, to tell it apart, its Partner ID
    (``Bluepeak (P-1001)``); a partner stored without one, its name alone."""
    return name if code == name else f"{name} ({code})"
