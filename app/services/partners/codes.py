"""Giving partners their Partner IDs: one new ID, or one for each partner that has none.

The last number given is kept in the shared setting ``last_partner_number`` and only goes up,
so an ID is never given twice, even after its partner was deleted. On PostgreSQL the setting's
row is locked while IDs are taken (``FOR UPDATE``), so two people saving at once take turns;
SQLite writes one transaction at a time anyway.
"""

from __future__ import annotations

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

from app.db.models import Partner, Setting
from app.db.types import utcnow
from app.domain.partner_codes import PREFIX, next_codes

#: The shared setting that holds the last number given.
LAST_NUMBER = "last_partner_number"


def take_partner_codes(session: Session, count: int) -> list[str]:
    """``count`` new Partner IDs, never given before."""
    if count <= 0:
        return []
    stored = session.execute(
        select(Setting.value).where(Setting.key == LAST_NUMBER).with_for_update()
    ).scalar_one_or_none()
    last = int(stored) if stored is not None and stored.isdigit() else 0
    ours = session.scalars(
        select(Partner.partner_code).where(Partner.partner_code.ilike(f"{PREFIX}%"))
    )
    codes, last = next_codes(count, last, (c for c in ours if c))
    # Written with Core: the counter is bookkeeping, not a change for anyone's history.
    table: Table = Setting.__table__  # type: ignore[assignment]
    if stored is None:
        now = utcnow()
        session.execute(
            insert(table).values(
                key=LAST_NUMBER, value=str(last), version=1, created_at=now, updated_at=now
            )
        )
    else:
        session.execute(
            update(table)
            .where(table.c.key == LAST_NUMBER)
            .values(value=str(last), version=table.c.version + 1, updated_at=utcnow())
        )
    return codes


def give_missing_partner_codes(session: Session) -> int:
    """A new Partner ID for every partner without one (after an import); how many."""
    missing = list(
        session.scalars(
            select(Partner.id).where(Partner.partner_code.is_(None)).order_by(Partner.id)
        )
    )
    if not missing:
        return 0
    codes = take_partner_codes(session, len(missing))
    table: Table = Partner.__table__  # type: ignore[assignment]
    given = (
        update(table).where(table.c.id == bindparam("pid")).values(partner_code=bindparam("code"))
    )  # a form open on one of them keeps the ID when saved (an empty ID box keeps it)
    session.execute(
        given, [{"pid": pid, "code": code} for pid, code in zip(missing, codes, strict=True)]
    )
    return len(missing)
