"""The direct team's reps: listed, added, renamed and marked inactive (never deleted).

A rep owns named accounts, claims for the direct team and works deals, so a rep who leaves is
marked inactive rather than deleted: the accounts, claims and deals keep naming them, while the
lists that offer reps for new work leave them out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import Account, DirectRep
from app.domain.columns import Column, Kind
from app.domain.direct_rep_form import check_rep, rep_key
from app.domain.errors import InputError, NotFoundError
from app.domain.partner_form import valid_or_raise
from app.services.program.editing import opened_record


@dataclass(frozen=True, slots=True)
class RepRow:
    id: int
    version: int
    name: str
    email: str | None
    active: bool
    named_accounts: int  # the accounts it owns


REP_COLUMNS: tuple[Column[RepRow], ...] = (
    Column("name", "Name", lambda r: r.name, width=24),
    Column("email", "E-mail", lambda r: r.email, width=28),
    Column("active", "Active", lambda r: r.active, Kind.BOOL, width=7),
    Column("named_accounts", "Accounts owned", lambda r: r.named_accounts, Kind.INTEGER, width=9),
)
_FIELDS = ("name", "email")


def list_reps(session: Session) -> list[RepRow]:
    """Every rep, active ones first, by name."""
    owned = (
        select(Account.owner_rep_id, func.count().label("n"))
        .where(Account.owner_rep_id.is_not(None))
        .group_by(Account.owner_rep_id)
        .subquery()
    )
    query = (
        select(DirectRep.id, DirectRep.version, DirectRep.name, DirectRep.email,
               DirectRep.active, func.coalesce(owned.c.n, 0))
        .outerjoin(owned, owned.c.owner_rep_id == DirectRep.id)
        .order_by(DirectRep.active.desc(), DirectRep.name, DirectRep.id)
    )  # fmt: skip
    return [RepRow(*row) for row in session.execute(query)]


def get_rep(session: Session, rep_id: int) -> RepRow:
    for row in list_reps(session):
        if row.id == rep_id:
            return row
    raise NotFoundError(f"Direct rep {rep_id} no longer exists.")


def add_rep(session: Session, raw: Mapping[str, object]) -> int:
    """A new active rep from ``raw`` (name, email)."""
    rep = DirectRep(active=True)
    _apply(session, rep, raw)
    session.add(rep)
    session.flush()
    return rep.id


def update_rep(
    session: Session, opened: RepRow, raw: Mapping[str, object], overwrite: bool = False
) -> None:
    """Rename ``opened`` or change its e-mail (``ConflictError`` if changed since read)."""
    rep = opened_record(session, DirectRep, opened, opened.name, get_rep, _FIELDS, overwrite)
    _apply(session, rep, raw)
    session.flush()


def set_active(session: Session, opened: RepRow, active: bool) -> None:
    """Mark ``opened`` active or inactive; what it owns stays its own."""
    rep = opened_record(session, DirectRep, opened, opened.name, get_rep, _FIELDS, True)
    rep.active = active
    session.flush()


def _apply(session: Session, rep: DirectRep, raw: Mapping[str, object]) -> None:
    values = valid_or_raise(check_rep(raw))
    name = str(values["name"])
    email = values.get("email")
    others = select(DirectRep.name, DirectRep.email).where(DirectRep.id != (rep.id or 0))
    for other_name, other_email in session.execute(others):
        if rep_key(other_name) == rep_key(name):
            raise InputError(
                f"There is already a direct rep named {other_name}; nothing was saved."
            )
        if email and other_email and rep_key(other_email) == rep_key(str(email)):
            raise InputError(
                f"{other_name} already has the e-mail {other_email}; nothing was saved."
            )
    rep.name = name
    rep.email = str(email) if email else None
