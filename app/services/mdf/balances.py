"""The balances per partner and quarter: allocated, requested, approved, claimed, paid, lapsed.

Read in two queries (the allocations with their partners, then their requests) and summed by
the one rule, ``app.domain.mdf.balances``, so the page and any report agree.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import MdfAllocation, MdfRequest, Partner
from app.domain.columns import Column, Kind
from app.domain.mdf.balances import balance
from app.domain.mdf.lifecycle import AllocationFacts, RequestFacts
from app.domain.mdf.quarters import parse_quarter, quarter_sort_key
from app.services.mdf.facts import partner_label, request_facts


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
        key, header, lambda r: getattr(r, key), Kind.MONEY, currency=lambda r: r.currency, width=12
    )


BALANCE_COLUMNS: tuple[Column[BalanceRow], ...] = (
    Column("partner", "Partner", lambda r: r.partner, width=24),
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
    day = today or date.today()
    query = select(MdfAllocation, Partner.name, Partner.partner_code).join(
        Partner, Partner.id == MdfAllocation.partner_id
    )
    if quarter is not None:
        query = query.where(MdfAllocation.quarter == (parse_quarter(quarter) or quarter))
    if partner is not None:
        query = query.where(MdfAllocation.partner_id == partner)
    found = session.execute(query).all()
    wanted = [allocation.id for allocation, _name, _code in found]
    requests: dict[int, list[RequestFacts]] = defaultdict(list)
    for start in range(0, len(wanted), 500):  # bound parameters stay within every driver's limit
        chunk = wanted[start : start + 500]
        for request in session.scalars(
            select(MdfRequest).where(MdfRequest.allocation_id.in_(chunk))
        ):
            requests[request.allocation_id].append(request_facts(request))
    rows = []
    for allocation, name, code in found:
        facts = AllocationFacts(name, allocation.quarter, allocation.amount, allocation.currency)
        mine = requests.get(allocation.id, [])
        figures = balance(facts, mine, day)
        rows.append(
            BalanceRow(
                allocation.id, allocation.version, allocation.partner_id,
                partner_label(name, code), allocation.quarter, allocation.currency,
                figures.allocated, figures.requested, figures.approved, figures.claimed,
                figures.paid, figures.lapsed, figures.available, len(mine),
            )
        )  # fmt: skip
    rows.sort(key=lambda r: (_latest_first(r.quarter), r.partner.casefold()))
    return rows


def _latest_first(quarter: str) -> tuple[int, int]:
    year, number = quarter_sort_key(quarter)
    return (-year, -number)
