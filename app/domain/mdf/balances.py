"""An allocation's balance: what was allocated, asked for, approved, claimed, paid and lapsed.

Requested counts every request that was not rejected (a rejected request takes nothing). The
unapproved remainder is *available* while the quarter runs and *lapsed* once it has ended.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.domain.enums import MdfStatus
from app.domain.mdf.lifecycle import AllocationFacts, RequestFacts, taken
from app.domain.money import ZERO


@dataclass(frozen=True, slots=True)
class Balance:
    allocated: Decimal
    requested: Decimal
    approved: Decimal
    claimed: Decimal
    paid: Decimal
    lapsed: Decimal
    available: Decimal


def balance(allocation: AllocationFacts, requests: Iterable[RequestFacts], today: date) -> Balance:
    """The balance of ``allocation`` with its ``requests`` on ``today``."""
    found = [r for r in requests if r.status is not MdfStatus.REJECTED]
    approved = taken(found)
    remainder = max(allocation.amount - approved, ZERO)
    over = allocation.lapsed(today)
    return Balance(
        allocated=allocation.amount,
        requested=sum((r.requested for r in found), ZERO),
        approved=approved,
        claimed=sum((r.claimed for r in found if r.claimed is not None), ZERO),
        paid=sum((r.paid for r in found if r.paid is not None), ZERO),
        lapsed=remainder if over else ZERO,
        available=ZERO if over else remainder,
    )
