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


def partner_by_key(session: Session, key: str) -> tuple[int, str] | None:
    """(row id, key) of the partner a report's key names: its Partner ID in any case, else the
    exact name of a partner stored without one. A name never reaches a partner that has a
    Partner ID, so a partner's pages, charts and review pack all follow the one partner the
    report's line is about."""
    wanted = key.strip()
    row = session.execute(
        select(Partner.id, Partner.partner_code)
        .where(func.lower(Partner.partner_code) == wanted.lower())
        .limit(1)
    ).first()
    if row is None:
        row = session.execute(
            select(Partner.id, Partner.name)
            .where(Partner.partner_code.is_(None), Partner.name == wanted)
            .order_by(Partner.id)
            .limit(1)
        ).first()
    return (row[0], str(row[1])) if row is not None else None
