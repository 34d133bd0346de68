"""The rules of engagement's settings: registration protection, direct cooling-off and the
direct team's named accounts, read and saved together as the settings page shows them.

The two numbers are business settings (``app.domain.settings``); a named account is a flag on
the account with the direct rep who owns it. Saving checks both numbers by the settings' own
rules (as ``main.py settings set`` does) and changes only the accounts whose flag or rep
changed. Nothing is committed here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.db.models import Account, DirectRep
from app.domain.errors import InputError, NotFoundError
from app.services.business_settings import load_business_settings
from app.services.company import save_settings_text


@dataclass(frozen=True, slots=True)
class NamedAccount:
    """An account on the direct team's list, with the rep who owns it."""

    account_id: int
    name: str
    country: str | None
    rep_id: int | None
    rep: str | None


@dataclass(frozen=True, slots=True)
class EngagementRules:
    protection_days: int
    cooling_off_days: int
    named: tuple[NamedAccount, ...]


def named_accounts(session: Session) -> list[NamedAccount]:
    """The direct team's named accounts by name (merged ones left out)."""
    query = (
        select(Account.id, Account.name, Account.country, Account.owner_rep_id, DirectRep.name)
        .outerjoin(DirectRep, DirectRep.id == Account.owner_rep_id)
        .where(Account.named_account.is_(True), Account.merged_into_id.is_(None))
        .order_by(Account.name, Account.id)
    )
    return [NamedAccount(*row) for row in session.execute(query)]


def read_engagement(session: Session) -> EngagementRules:
    settings = load_business_settings(session)
    return EngagementRules(
        settings.registration_protection_days,
        settings.direct_cooling_off_days,
        tuple(named_accounts(session)),
    )


def save_engagement(
    session: Session,
    protection_days: str,
    cooling_off_days: str,
    named: Mapping[int, int | None],
) -> None:
    """Store both numbers and make ``named`` (account id → its direct rep, or None) the named
    accounts; refuse with every problem and change nothing if any is wrong."""
    save_settings_text(
        session,
        {
            "registration_protection_days": protection_days,
            "direct_cooling_off_days": cooling_off_days,
        },
    )
    reps = {rep for rep in named.values() if rep is not None}
    if reps:
        known = set(session.scalars(select(DirectRep.id).where(DirectRep.id.in_(reps))))
        if reps - known:
            raise NotFoundError("A direct rep chosen here no longer exists; choose again.")
    accounts = session.scalars(
        select(Account).where(or_(Account.named_account.is_(True), Account.id.in_(list(named))))
    ).all()
    found = {account.id for account in accounts if account.merged_into_id is None}
    missing = set(named) - found
    if missing:
        raise InputError(
            "An account chosen here no longer exists (merged or removed); pick it again."
        )
    for account in accounts:
        wanted = account.id in named
        if account.named_account != wanted:
            account.named_account = wanted
        if wanted and account.owner_rep_id != named[account.id]:
            account.owner_rep_id = named[account.id]
    session.flush()
