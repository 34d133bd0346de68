"""A request for market development funds and each step after it, with the history written.

Every step checks the one rule in ``app.domain.mdf.lifecycle`` and writes an ``MdfStep`` row
(when, who, what, the amount, a note) in the same transaction, so the history is the record of
what happened. A request edited by someone else since the user read it is refused
(``ConflictError``), and an approval also bumps its allocation's version, so two people
approving from the same allocation at once cannot together take more than it holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from app.db.models import MdfProof, MdfRequest, MdfStep
from app.db.types import utcnow
from app.domain.enums import MdfStatus
from app.domain.errors import InputError
from app.domain.mdf.lifecycle import (
    LEADS_TO,
    Step,
    approval_refusal,
    claim_approval_refusal,
    claim_refusal,
    payment_refusal,
    rejection_refusal,
    request_refusal,
)
from app.domain.mdf.proofs import ProofFile, proof_refusal
from app.domain.text_rules import checked_block
from app.services.mdf.facts import (
    allocation_facts,
    fresh_allocation,
    fresh_request,
    request_facts,
    requests_of,
)

NOTE_LENGTH = 2000


def _refuse(problem: str | None) -> None:
    if problem is not None:
        raise InputError(f"{problem} Nothing was saved.")


def _note(note: str, what: str = "The note") -> str | None:
    text = checked_block(note or "", what)
    if len(text) > NOTE_LENGTH:
        raise InputError(f"{what} is longer than {NOTE_LENGTH} characters; nothing was saved.")
    return text or None


def _history(
    session: Session,
    request: MdfRequest,
    status: MdfStatus,
    amount: Decimal | None,
    note: str | None,
) -> None:
    session.add(
        MdfStep(
            request_id=request.id, at=utcnow(), step=status, amount=amount, note=note,
            by=session.info.get("actor"),
        )
    )  # fmt: skip


def create_request(
    session: Session,
    allocation_id: int,
    activity: str,
    starts_on: date,
    ends_on: date,
    amount: Decimal,
    today: date,
    note: str = "",
) -> int:
    """Ask for ``amount`` of the allocation's currency for an activity; the request's id."""
    allocation = fresh_allocation(session, allocation_id, None)
    name = checked_block(activity or "", "The activity").replace("\n", " ").strip()
    facts = allocation_facts(session, allocation)
    _refuse(request_refusal(facts, name, starts_on, ends_on, amount, today))
    said = _note(note)
    request = MdfRequest(
        allocation_id=allocation.id, activity=name, starts_on=starts_on, ends_on=ends_on,
        requested_amount=amount, status=MdfStatus.REQUESTED, requested_on=today,
    )  # fmt: skip
    session.add(request)
    session.flush()
    _history(session, request, MdfStatus.REQUESTED, amount, said)
    session.flush()
    return request.id


def approve(
    session: Session,
    request_id: int,
    version: int,
    amount: Decimal,
    today: date,
    note: str = "",
) -> None:
    """Approve ``amount`` (all or part of what was asked) from the allocation's remainder."""
    request = fresh_request(session, request_id, version)
    allocation = fresh_allocation(session, request.allocation_id, None)
    others = [request_facts(r) for r in requests_of(session, allocation.id)]
    facts = allocation_facts(session, allocation)
    _refuse(approval_refusal(facts, others, request_facts(request), amount, today))
    said = _note(note)
    request.approved_amount = amount
    _move(session, request, Step.APPROVE, amount, said)
    allocation.updated_at = utcnow()  # a concurrent approval from it now meets a new version
    session.flush()


def reject(session: Session, request_id: int, version: int, reason: str) -> None:
    """Reject a request with the reason the partner is told; it takes nothing."""
    request = fresh_request(session, request_id, version)
    said = _note(reason, "The reason") or ""
    _refuse(rejection_refusal(request_facts(request), said))
    request.reject_reason = said
    _move(session, request, Step.REJECT, None, said)


def claim(
    session: Session,
    request_id: int,
    version: int,
    amount: Decimal,
    proofs: Sequence[ProofFile],
    today: date,
    note: str = "",
) -> None:
    """Claim ``amount`` after the activity, with the proof files kept in the database."""
    request = fresh_request(session, request_id, version)
    currency = fresh_allocation(session, request.allocation_id, None).currency
    _refuse(claim_refusal(request_facts(request), amount, currency, len(proofs), today))
    for proof in proofs:
        _refuse(proof_refusal(proof.name, proof.size))
    said = _note(note)
    request.claimed_amount = amount
    for proof in proofs:
        session.add(
            MdfProof(
                request_id=request.id, file_name=proof.name, media_type=proof.media_type,
                content=proof.content, added_at=utcnow(),
            )
        )  # fmt: skip
    _move(session, request, Step.CLAIM, amount, said)


def approve_claim(
    session: Session, request_id: int, version: int, amount: Decimal, note: str = ""
) -> None:
    """Approve the claim in full or in part: what will be paid."""
    request = fresh_request(session, request_id, version)
    currency = fresh_allocation(session, request.allocation_id, None).currency
    _refuse(claim_approval_refusal(request_facts(request), amount, currency))
    said = _note(note)
    request.claim_approved_amount = amount
    _move(session, request, Step.APPROVE_CLAIM, amount, said)


def pay(
    session: Session,
    request_id: int,
    version: int,
    amount: Decimal,
    paid_on: date,
    today: date,
    note: str = "",
) -> None:
    """Record the payment: the paid amount on its paid date is the program's MDF spend."""
    request = fresh_request(session, request_id, version)
    currency = fresh_allocation(session, request.allocation_id, None).currency
    _refuse(payment_refusal(request_facts(request), amount, currency, paid_on, today))
    said = _note(note)
    request.paid_amount, request.paid_on = amount, paid_on
    _move(session, request, Step.PAY, amount, said)


def _move(
    session: Session, request: MdfRequest, step: Step, amount: Decimal | None, note: str | None
) -> None:
    request.status = LEADS_TO[step]
    _history(session, request, request.status, amount, note)
    session.flush()
