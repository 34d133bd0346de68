"""Stored allocations and requests as the facts the MDF rules read, and the stale-edit check."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.engine import STALE_MESSAGE
from app.db.models import MdfAllocation, MdfRequest, Partner
from app.domain.errors import ConflictError, NotFoundError
from app.domain.mdf.lifecycle import AllocationFacts, RequestFacts


def partner_label(name: str, code: str | None) -> str:
    """``Bluepeak (P-1001)``: a partner as the MDF screens name it."""
    return f"{name} ({code})" if code else name


def allocation_facts(session: Session, allocation: MdfAllocation) -> AllocationFacts:
    name = session.execute(
        select(Partner.name).where(Partner.id == allocation.partner_id)
    ).scalar_one()
    return AllocationFacts(name, allocation.quarter, allocation.amount, allocation.currency)


def request_facts(request: MdfRequest) -> RequestFacts:
    return RequestFacts(
        id=request.id, activity=request.activity, starts_on=request.starts_on,
        ends_on=request.ends_on, status=request.status, requested=request.requested_amount,
        approved=request.approved_amount, claimed=request.claimed_amount,
        claim_approved=request.claim_approved_amount, paid=request.paid_amount,
        paid_on=request.paid_on,
    )  # fmt: skip


def requests_of(session: Session, allocation_id: int) -> list[MdfRequest]:
    query = select(MdfRequest).where(MdfRequest.allocation_id == allocation_id)
    return list(session.scalars(query.order_by(MdfRequest.id)))


def fresh_allocation(session: Session, allocation_id: int, version: int | None) -> MdfAllocation:
    """The allocation, refused when it is gone or (with ``version``) changed since it was read."""
    allocation = session.get(MdfAllocation, allocation_id, populate_existing=True)
    if allocation is None:
        raise NotFoundError("This allocation was deleted by someone else; nothing was saved.")
    if version is not None and allocation.version != version:
        raise ConflictError(STALE_MESSAGE)
    return allocation


def fresh_request(session: Session, request_id: int, version: int) -> MdfRequest:
    """The request, refused when it is gone or changed since the user read it."""
    request = session.get(MdfRequest, request_id, populate_existing=True)
    if request is None:
        raise NotFoundError("This request was deleted by someone else; nothing was saved.")
    if request.version != version:
        raise ConflictError(STALE_MESSAGE)
    return request
