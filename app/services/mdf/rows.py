"""The requests of the MDF page, and one request's detail: its history and its proof files.

A proof's bytes are read only when the user opens or saves that file, never with the list.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import MdfAllocation, MdfProof, MdfRequest, MdfStep
from app.domain.columns import Column, Kind
from app.domain.enums import MdfStatus
from app.domain.errors import NotFoundError
from app.domain.mdf.lifecycle import Step, allowed_steps, taken
from app.domain.mdf.proofs import GENERIC_TYPE, ProofFile
from app.domain.money import ZERO
from app.services.mdf.stored import (
    StoredAllocation,
    StoredRequest,
    read_allocations,
    read_requests,
)


@dataclass(frozen=True, slots=True)
class RequestRow:
    id: int
    version: int
    allocation_id: int
    partner: str
    quarter: str
    activity: str
    starts_on: date
    ends_on: date
    status: MdfStatus
    currency: str
    requested: Decimal
    approved: Decimal | None
    claimed: Decimal | None
    claim_approved: Decimal | None
    paid: Decimal | None
    paid_on: date | None
    requested_on: date
    reject_reason: str | None
    proofs: int
    #: The steps its state allows today (the page enables those actions).
    steps: frozenset[Step]
    #: What is left of the allocation to approve, for the approve dialog's limit.
    left_to_approve: Decimal


def _money(key: str, header: str) -> Column[RequestRow]:
    return Column(
        key, header, lambda r: getattr(r, key), Kind.MONEY, currency=lambda r: r.currency, width=13
    )


REQUEST_COLUMNS: tuple[Column[RequestRow], ...] = (
    Column("activity", "Activity", lambda r: r.activity, width=30),
    Column("partner", "Partner", lambda r: r.partner, width=22),
    Column("quarter", "Quarter", lambda r: r.quarter, width=8),
    Column("status", "Status", lambda r: r.status, width=14),
    Column("starts_on", "Starts", lambda r: r.starts_on, Kind.DATE, width=11),
    Column("ends_on", "Ends", lambda r: r.ends_on, Kind.DATE, width=11),
    _money("requested", "Requested"),
    _money("approved", "Approved"),
    _money("claimed", "Claimed"),
    _money("claim_approved", "Claim approved"),
    _money("paid", "Paid"),
    Column("paid_on", "Paid on", lambda r: r.paid_on, Kind.DATE, width=11),
    Column("proofs", "Proof files", lambda r: r.proofs, Kind.INTEGER, width=8),
    Column("reject_reason", "Reason", lambda r: r.reject_reason, width=24),
    Column("currency", "Currency", lambda r: r.currency, width=8),
)


@dataclass(frozen=True, slots=True)
class StepRow:
    at: datetime
    step: MdfStatus
    amount: Decimal | None
    currency: str
    note: str | None
    by: str | None


STEP_COLUMNS: tuple[Column[StepRow], ...] = (
    Column("at", "When", lambda r: r.at, Kind.DATETIME, width=16),
    Column("step", "Step", lambda r: r.step, width=14),
    Column(
        "amount", "Amount", lambda r: r.amount, Kind.MONEY, currency=lambda r: r.currency, width=14
    ),
    Column("by", "By", lambda r: r.by, width=12),
    Column("note", "Note", lambda r: r.note, width=30),
)


@dataclass(frozen=True, slots=True)
class ProofRow:
    id: int
    name: str
    media_type: str
    size: int
    added_at: datetime


PROOF_COLUMNS: tuple[Column[ProofRow], ...] = (
    Column("name", "File", lambda r: r.name, width=30),
    Column("size", "Size", lambda r: r.size, Kind.BYTES, width=10),
    Column("media_type", "Type", lambda r: r.media_type, width=18),
    Column("added_at", "Added", lambda r: r.added_at, Kind.DATETIME, width=16),
)


@dataclass(frozen=True, slots=True)
class RequestDetail:
    steps: tuple[StepRow, ...]
    proofs: tuple[ProofRow, ...]


def list_requests(
    session: Session, allocation_ids: Iterable[int] | None = None, today: date | None = None
) -> list[RequestRow]:
    """The requests of the given allocations (all without), newest first."""
    wanted = None if allocation_ids is None else sorted(set(allocation_ids))
    if wanted is not None and not wanted:
        return []
    allocations = read_allocations(session)
    requests = read_requests(session, wanted)
    return request_rows(allocations, requests, proof_counts(session), today or date.today())


def proof_counts(session: Session) -> dict[int, int]:
    """How many proof files each request has (requests without any are left out)."""
    query = select(MdfProof.request_id, func.count()).group_by(MdfProof.request_id)
    return {request_id: count for request_id, count in session.execute(query)}


def request_rows(
    allocations: Sequence[StoredAllocation],
    requests: Mapping[int, Sequence[StoredRequest]],
    proofs: Mapping[int, int],
    today: date,
) -> list[RequestRow]:
    """The rows of ``requests`` (per allocation id), with the steps each allows ``today``."""
    rows = []
    for allocation in allocations:
        mine = requests.get(allocation.id)
        if not mine:
            continue
        facts = allocation.facts
        approved = taken(r.facts for r in mine)
        for stored in mine:
            request = stored.facts
            own = request.approved if request.status is not MdfStatus.REJECTED else None
            left = facts.amount - (approved - (own or ZERO))
            rows.append(
                RequestRow(
                    request.id, stored.version, allocation.id, allocation.partner,
                    facts.quarter, request.activity, request.starts_on, request.ends_on,
                    request.status, facts.currency, request.requested, request.approved,
                    request.claimed, request.claim_approved, request.paid, request.paid_on,
                    stored.requested_on, stored.reject_reason, proofs.get(request.id, 0),
                    allowed_steps(facts, request, today), max(left, ZERO),
                )
            )  # fmt: skip
    rows.sort(key=lambda r: (r.requested_on, r.id), reverse=True)
    return rows


def request_detail(session: Session, request_id: int) -> RequestDetail:
    """A request's history (oldest first) and its proof files (without their bytes)."""
    request = session.get(MdfRequest, request_id)
    if request is None:
        raise NotFoundError("This request was deleted by someone else.")
    allocation = session.get(MdfAllocation, request.allocation_id)
    currency = allocation.currency if allocation is not None else ""
    steps = tuple(
        StepRow(s.at, s.step, s.amount, currency, s.note, s.by)
        for s in session.scalars(
            select(MdfStep).where(MdfStep.request_id == request_id).order_by(MdfStep.at, MdfStep.id)
        )
    )
    proofs = tuple(
        ProofRow(id_, name, media or GENERIC_TYPE, size or 0, added)
        for id_, name, media, size, added in session.execute(
            select(
                MdfProof.id, MdfProof.file_name, MdfProof.media_type,
                func.length(MdfProof.content), MdfProof.added_at,
            ).where(MdfProof.request_id == request_id).order_by(MdfProof.id)
        )
    )  # fmt: skip
    return RequestDetail(steps, proofs)


def proof_file(session: Session, proof_id: int) -> ProofFile:
    """One proof file with its bytes, to open or to save."""
    proof = session.get(MdfProof, proof_id)
    if proof is None:
        raise NotFoundError("This proof file no longer exists.")
    return ProofFile(proof.file_name, proof.media_type or GENERIC_TYPE, proof.content)
