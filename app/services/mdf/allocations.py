"""Setting a partner's MDF allocation for a quarter, and removing one nobody asked from yet.

One allocation per partner and quarter: a new one for a pair that has one already is refused
(someone else may have just set it; the user edits that one instead), an edit of a stale one is
refused like every other record, and the amount never drops below what approvals took.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import MdfAllocation, Partner
from app.domain.enums import PartnerStatus
from app.domain.errors import InputError, NotFoundError, RefusedError
from app.domain.mdf.lifecycle import AllocationFacts, RequestFacts, allocation_refusal
from app.domain.money import format_money, normalize_currency
from app.domain.quarters import parse_quarter, quarter_problem
from app.services.claims.account_edit import Choice
from app.services.mdf.facts import fresh_allocation, partner_label, request_facts, requests_of


def allocation_partners(session: Session) -> list[Choice]:
    """The partners an allocation may be for (not terminated), labelled as the balances name
    them: ``Bluepeak (P-1001)``."""
    query = (
        select(Partner.id, Partner.name, Partner.partner_code, Partner.country)
        .where(Partner.status != PartnerStatus.TERMINATED)
        .order_by(Partner.name, Partner.id)
    )
    return [
        Choice(id_, partner_label(name, code), country)
        for id_, name, code, country in session.execute(query)
    ]


def set_allocation(
    session: Session,
    partner_id: int,
    quarter: str,
    amount: Decimal,
    currency: str,
    allocation_id: int | None = None,
    version: int | None = None,
) -> int:
    """Create (no ``allocation_id``) or change an allocation; its id. Refusals change nothing."""
    normal = parse_quarter(quarter)
    if normal is None:
        raise InputError(f"{quarter_problem(quarter)} Nothing was saved.")
    code = normalize_currency(currency)
    partner = session.get(Partner, partner_id)
    if partner is None:
        raise NotFoundError("This partner no longer exists; pick it again.")
    same = session.scalars(
        select(MdfAllocation).where(
            MdfAllocation.partner_id == partner_id, MdfAllocation.quarter == normal
        )
    ).first()
    if allocation_id is None:
        if same is not None:
            raise RefusedError(
                f"{partner.name} has a {normal} allocation already "
                f"({format_money(same.amount, same.currency)}); change that one instead."
            )
        allocation = MdfAllocation(partner_id=partner_id, quarter=normal)
        requests: list[RequestFacts] = []
        before = None
    else:
        allocation = fresh_allocation(session, allocation_id, version)
        if same is not None and same.id != allocation.id:
            raise RefusedError(
                f"{partner.name} has a {normal} allocation already; change that one instead."
            )
        requests = [request_facts(r) for r in requests_of(session, allocation.id)]
        before = allocation.currency
        if requests and (allocation.quarter != normal or allocation.partner_id != partner_id):
            raise RefusedError(
                "Requests were made from this allocation; its partner and quarter stay as they "
                "are. Nothing was saved."
            )
    facts = AllocationFacts(partner.name, normal, amount, code)
    problem = allocation_refusal(facts, requests, before)
    if problem is not None:
        raise InputError(f"{problem} Nothing was saved.")
    allocation.partner_id, allocation.quarter = partner_id, normal
    allocation.amount, allocation.currency = amount, code
    session.add(allocation)
    session.flush()
    return allocation.id


def delete_allocation(session: Session, allocation_id: int, version: int) -> None:
    """Remove an allocation that no request was made from."""
    allocation = fresh_allocation(session, allocation_id, version)
    if requests_of(session, allocation.id):
        raise RefusedError(
            "Requests were made from this allocation; it stays, with their history. Set it to "
            "what was approved instead."
        )
    session.delete(allocation)
    session.flush()
