"""The balances per partner and quarter: allocated, requested, approved, claimed, paid, lapsed.

Read in two queries of plain rows (the allocations with their partners, then their requests)
and summed by the one rule, ``app.domain.mdf.balances``, so the page and any report agree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import MdfAllocation
from app.domain.columns import Column, Kind
from app.domain.mdf.balances import balance
from app.domain.quarters import quarter_sort_key
from app.services.mdf.stored import (
    StoredAllocation,
    StoredRequest,
    read_allocations,
    read_requests,
)


@dataclass(frozen=True, slots=True)
class BalanceRow:
    """One allocation: a partner's quarter and where its money stands."""

    allocation_id: int
    version: int
    partner_id: int
    partner: str
    quarter: str
    currency: str
    allocated: Decimal
    requested: Decimal
    approved: Decimal
    claimed: Decimal
    paid: Decimal
    lapsed: Decimal
    available: Decimal
    requests: int


def _money(key: str, header: str) -> Column[BalanceRow]:
    return Column(
        key, header, lambda r: getattr(r, key), Kind.MONEY, currency=lambda r: r.currency, width=13
    )


BALANCE_COLUMNS: tuple[Column[BalanceRow], ...] = (
    Column("partner", "Partner", lambda r: r.partner, width=26),
    Column("quarter", "Quarter", lambda r: r.quarter, width=8),
    _money("allocated", "Allocated"),
    _money("requested", "Requested"),
    _money("approved", "Approved"),
    _money("claimed", "Claimed"),
    _money("paid", "Paid"),
    _money("lapsed", "Lapsed"),
    _money("available", "Available"),
    Column("currency", "Currency", lambda r: r.currency, width=8),
    Column("requests", "Requests", lambda r: r.requests, Kind.INTEGER, width=8),
)


def quarters(session: Session) -> list[str]:
    """Every quarter that has an allocation, latest first (the page's quarter filter)."""
    found = session.scalars(select(MdfAllocation.quarter).distinct()).all()
    return sorted(found, key=quarter_sort_key, reverse=True)


def balances(
    session: Session,
    quarter: str | None = None,
    partner: int | None = None,
    today: date | None = None,
) -> list[BalanceRow]:
    """The balance of every allocation, or of one quarter's and/or one partner's, on ``today``;
    ordered by quarter (latest first), then partner."""
    allocations = read_allocations(session, quarter, partner)
    narrowed = quarter is not None or partner is not None
    requests = read_requests(session, [a.id for a in allocations] if narrowed else None)
    return balance_rows(allocations, requests, today or date.today())


def balance_rows(
    allocations: Sequence[StoredAllocation],
    requests: Mapping[int, Sequence[StoredRequest]],
    today: date,
) -> list[BalanceRow]:
    """The balances of ``allocations`` with their ``requests``, latest quarter first."""
    rows = []
    for allocation in allocations:
        facts = allocation.facts
        mine = requests.get(allocation.id, ())
        figures = balance(facts, [r.facts for r in mine], today)
        rows.append(
            BalanceRow(
                allocation.id, allocation.version, allocation.partner_id, allocation.partner,
                facts.quarter, facts.currency, figures.allocated, figures.requested,
                figures.approved, figures.claimed, figures.paid, figures.lapsed,
                figures.available, len(mine),
            )
        )  # fmt: skip
    rows.sort(key=lambda r: (_latest_first(r.quarter), r.partner.casefold()))
    return rows


def _latest_first(quarter: str) -> tuple[int, int]:
    year, number = quarter_sort_key(quarter)
    return (-year, -number)
