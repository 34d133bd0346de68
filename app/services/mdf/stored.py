"""Allocations and requests read as plain rows (columns, not ORM objects) for the lists.

The page lists every allocation and every request: loading them as ORM objects cost about
fifteen times reading their rows, so the lists select the columns they show and build the
rules' facts from them; the steps, which change one request, still load it as an object.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import MdfAllocation, MdfRequest, Partner
from app.domain.mdf.lifecycle import AllocationFacts, RequestFacts
from app.domain.quarters import parse_quarter
from app.services.mdf.facts import partner_label

#: Ids per IN list: within every driver's limit on bound parameters.
CHUNK = 500


@dataclass(frozen=True, slots=True)
class StoredAllocation:
    id: int
    version: int
    partner_id: int
    partner: str  # as the lists name it: "Bluepeak (P-1001)"
    facts: AllocationFacts


@dataclass(frozen=True, slots=True)
class StoredRequest:
    allocation_id: int
    version: int
    requested_on: date
    reject_reason: str | None
    facts: RequestFacts


def read_allocations(
    session: Session, quarter: str | None = None, partner: int | None = None
) -> list[StoredAllocation]:
    """Every allocation with its partner, or one quarter's and/or one partner's."""
    query = select(
        MdfAllocation.id, MdfAllocation.version, MdfAllocation.partner_id, MdfAllocation.quarter,
        MdfAllocation.amount, MdfAllocation.currency, Partner.name, Partner.partner_code,
    ).join(Partner, Partner.id == MdfAllocation.partner_id)  # fmt: skip
    if quarter is not None:
        query = query.where(MdfAllocation.quarter == (parse_quarter(quarter) or quarter))
    if partner is not None:
        query = query.where(MdfAllocation.partner_id == partner)
    return [
        StoredAllocation(
            id_, version, partner_id, partner_label(name, code),
            AllocationFacts(name, quarter_, amount, currency),
        )
        for id_, version, partner_id, quarter_, amount, currency, name, code
        in session.execute(query)
    ]  # fmt: skip


_REQUEST_COLUMNS = (
    MdfRequest.id, MdfRequest.allocation_id, MdfRequest.version, MdfRequest.activity,
    MdfRequest.starts_on, MdfRequest.ends_on, MdfRequest.status, MdfRequest.requested_amount,
    MdfRequest.approved_amount, MdfRequest.claimed_amount, MdfRequest.claim_approved_amount,
    MdfRequest.paid_amount, MdfRequest.paid_on, MdfRequest.requested_on, MdfRequest.reject_reason,
)  # fmt: skip


def read_requests(
    session: Session, allocation_ids: Collection[int] | None = None
) -> dict[int, list[StoredRequest]]:
    """The requests of the given allocations (of all without), per allocation, oldest first."""
    if allocation_ids is None:
        queries = [select(*_REQUEST_COLUMNS)]
    else:
        wanted = sorted(set(allocation_ids))
        queries = [
            select(*_REQUEST_COLUMNS).where(
                MdfRequest.allocation_id.in_(wanted[start : start + CHUNK])
            )
            for start in range(0, len(wanted), CHUNK)
        ]
    found: dict[int, list[StoredRequest]] = defaultdict(list)
    for query in queries:
        for (
            id_, allocation_id, version, activity, starts_on, ends_on, status, requested,
            approved, claimed, claim_approved, paid, paid_on, requested_on, reason,
        ) in session.execute(query.order_by(MdfRequest.id)):  # fmt: skip
            facts = RequestFacts(
                id_, activity, starts_on, ends_on, status, requested, approved, claimed,
                claim_approved, paid, paid_on,
            )  # fmt: skip
            found[allocation_id].append(
                StoredRequest(allocation_id, version, requested_on, reason, facts)
            )
    return found
