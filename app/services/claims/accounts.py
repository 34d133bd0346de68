"""Accounts and the claims on them (deal registrations): the rows of the accounts & claims page.

A claim is *live* while it is neither rejected nor expired and its validity reaches today
(SPEC.md, "Overlap rules"); a claim without a partner belongs to the direct team.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from app.db.models import Account, Claim, DirectRep, Partner
from app.domain.columns import Column, Kind
from app.domain.enums import ClaimStatus

#: What the claimant column says for the direct team.
DIRECT = "Direct"

_DEAD = (ClaimStatus.REJECTED, ClaimStatus.EXPIRED)


@dataclass(frozen=True, slots=True)
class AccountRow:
    id: int
    name: str
    website: str | None
    country: str | None
    city: str | None
    named_account: bool
    owner_rep: str | None
    live_claims: int
    version: int


@dataclass(frozen=True, slots=True)
class ClaimRow:
    id: int
    claimant: str
    partner_id: int | None
    account_id: int
    account: str
    country: str | None
    direct_rep: str | None
    claimed_on: date
    valid_until: date
    status: ClaimStatus
    live: bool
    deal_amount: Decimal | None
    currency: str | None
    commission_pct: Decimal
    version: int


ACCOUNT_COLUMNS: tuple[Column[AccountRow], ...] = (
    Column("name", "Account", lambda r: r.name, width=30),
    Column("website", "Website", lambda r: r.website, width=24),
    Column("country", "Country", lambda r: r.country, width=8),
    Column("city", "City", lambda r: r.city, width=16),
    Column("named_account", "Named account", lambda r: r.named_account, Kind.BOOL, width=9),
    Column("owner_rep", "Direct owner", lambda r: r.owner_rep, width=18),
    Column("live_claims", "Live claims", lambda r: r.live_claims, Kind.INTEGER, width=9),
)

CLAIM_COLUMNS: tuple[Column[ClaimRow], ...] = (
    Column("claimant", "Claimant", lambda r: r.claimant, width=26),
    Column("account", "Account", lambda r: r.account, width=28),
    Column("status", "Status", lambda r: r.status, width=10),
    Column("claimed_on", "Claimed on", lambda r: r.claimed_on, Kind.DATE, width=11),
    Column("valid_until", "Valid until", lambda r: r.valid_until, Kind.DATE, width=11),
    Column(
        "deal_amount",
        "Deal amount",
        lambda r: r.deal_amount,
        Kind.MONEY,
        currency=lambda r: r.currency,
        width=16,
    ),
    Column("commission_pct", "Commission", lambda r: r.commission_pct, Kind.PERCENT, width=10),
    Column("country", "Country", lambda r: r.country, width=8),
    Column("direct_rep", "Direct rep", lambda r: r.direct_rep, width=18),
    Column("currency", "Currency", lambda r: r.currency, width=8),
)


def is_live(status: ClaimStatus, valid_until: date, today: date) -> bool:
    """A claim counts for overlaps while it is not rejected or expired and still valid."""
    return status not in _DEAD and valid_until >= today


def live_claim_condition(today: date) -> ColumnElement[bool]:
    """The same rule as :func:`is_live`, in SQL."""
    return and_(Claim.status.not_in(_DEAD), Claim.valid_until >= today)


def list_accounts(session: Session, *, today: date | None = None) -> list[AccountRow]:
    """Every account (merged ones left out) with its number of live claims, by name."""
    day = today or date.today()
    live = (
        select(Claim.account_id, func.count(Claim.id).label("n"))
        .where(live_claim_condition(day))
        .group_by(Claim.account_id)
        .subquery()
    )
    query = (
        select(
            Account.id,
            Account.name,
            Account.website,
            Account.country,
            Account.city,
            Account.named_account,
            DirectRep.name,
            func.coalesce(live.c.n, 0),
            Account.version,
        )
        .outerjoin(DirectRep, DirectRep.id == Account.owner_rep_id)
        .outerjoin(live, live.c.account_id == Account.id)
        .where(Account.merged_into_id.is_(None))
        .order_by(Account.name, Account.id)
    )
    return [AccountRow(*row) for row in session.execute(query)]


#: Every claim with its account, claimant and direct rep: the columns of ``ClaimRow``.
CLAIM_QUERY = (
    select(
        Claim.id, Partner.name, Claim.partner_id, Claim.account_id, Account.name,
        Account.country, DirectRep.name, Claim.claimed_on, Claim.valid_until, Claim.status,
        Claim.deal_amount, Claim.currency, Claim.commission_pct, Claim.version,
    )
    .join(Account, Account.id == Claim.account_id)
    .outerjoin(Partner, Partner.id == Claim.partner_id)
    .outerjoin(DirectRep, DirectRep.id == Claim.direct_rep_id)
)  # fmt: skip


def claim_row(r: Any, today: date) -> ClaimRow:
    """One row of ``CLAIM_QUERY`` as the pages show it ("Direct" for the direct team)."""
    return ClaimRow(
        id=r[0], claimant=r[1] if r[2] is not None else DIRECT, partner_id=r[2],
        account_id=r[3], account=r[4], country=r[5], direct_rep=r[6], claimed_on=r[7],
        valid_until=r[8], status=r[9], live=is_live(r[9], r[8], today), deal_amount=r[10],
        currency=r[11], commission_pct=r[12], version=r[13],
    )  # fmt: skip


def list_claims(session: Session, *, today: date | None = None) -> list[ClaimRow]:
    """Every claim with its claimant ("Direct" for the direct team), newest first."""
    day = today or date.today()
    query = CLAIM_QUERY.order_by(Claim.claimed_on.desc(), Claim.id)
    return [claim_row(r, day) for r in session.execute(query)]
