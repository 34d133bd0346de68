"""Registering a claim (a deal registration) and deciding on it.

A claim is by a partner or, with no partner, by the direct team. Its account is an existing one
or a new one typed in the same dialog. The form's values are checked here once for the dialog
(each message shown next to its field) and again before writing, so nothing half-valid is saved.
Approving or rejecting records the reason and the moment, and the audit log keeps who did it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from app.db.models import Account, Claim, Partner
from app.db.types import utcnow
from app.domain.claim_form import claim_parsers, claim_problems
from app.domain.enums import ClaimStatus
from app.domain.errors import ConflictError, InputError, NotFoundError, RefusedError
from app.domain.importing import values as v
from app.domain.names import domain_key, name_key
from app.domain.text_rules import checked_block

CLAIM_LABELS = {
    "partner_id": "Claimant", "direct_rep_id": "Direct rep", "account_id": "Account",
    "account_name": "Account", "website": "Website", "country": "Country",
    "claimed_on": "Claimed on", "valid_until": "Valid until", "deal_amount": "Deal amount",
    "currency": "Currency", "commission_pct": "Commission %",
}  # fmt: skip


@dataclass(frozen=True)
class ClaimDraft:
    """A claim about to be registered, checked: what the before-save overlap check looks at.

    ``account_id`` is ``None`` for an account the dialog will create from ``account_name``,
    ``website`` and ``country``.
    """

    partner_id: int | None
    direct_rep_id: int | None
    account_id: int | None
    account_name: str
    website: str | None
    country: str | None
    claimed_on: date
    valid_until: date
    deal_amount: Decimal | None
    currency: str | None
    commission_pct: Decimal


def check_claim(
    raw: Mapping[str, object], validity_days: int
) -> tuple[ClaimDraft | None, dict[str, str]]:
    """(the draft, or None while something is wrong; {field: message})."""
    errors: dict[str, str] = {}
    parsers = claim_parsers(day_first=True)
    parsed: dict[str, object] = {}

    def read(field: str, cell: str) -> object:
        try:
            parsed[cell] = parsers[cell](raw.get(field))
        except v.BadValue as exc:
            errors[field] = f"{CLAIM_LABELS[field]} {exc}"
            return None
        return parsed[cell]

    account_id = raw.get("account_id")
    name = read("account_name", "account")
    if account_id is None and name is None and "account_name" not in errors:
        errors["account_name"] = "Account is required: pick one or type a new name"
    website = read("website", "website") if account_id is None else None
    country = read("country", "country") if account_id is None else None
    claimed = read("claimed_on", "claimed_on")
    if claimed is None and "claimed_on" not in errors:
        errors["claimed_on"] = "Claimed on is required"
    until = read("valid_until", "valid_until")
    if until is None and isinstance(claimed, date) and "valid_until" not in errors:
        until = parsed["valid_until"] = claimed + timedelta(days=validity_days)
    currency = read("currency", "currency")
    amount = read("deal_amount", "deal_amount")
    commission = read("commission_pct", "commission_pct")
    for field, reason in claim_problems(parsed).items():
        errors.setdefault(field, f"{CLAIM_LABELS[field]} {reason}")
    if errors:
        return None, errors
    draft = ClaimDraft(
        partner_id=_int(raw.get("partner_id")),
        direct_rep_id=_int(raw.get("direct_rep_id")),
        account_id=_int(account_id),
        account_name=str(name or ""),
        website=website,  # type: ignore[arg-type]
        country=country,  # type: ignore[arg-type]
        claimed_on=claimed,  # type: ignore[arg-type]
        valid_until=until,  # type: ignore[arg-type]
        deal_amount=amount,  # type: ignore[arg-type]
        currency=currency if amount is not None else None,  # type: ignore[arg-type]
        commission_pct=commission if isinstance(commission, Decimal) else Decimal(0),
    )
    return draft, {}


def _int(value: object) -> int | None:
    return None if value is None else int(str(value))


def register_claim(session: Session, draft: ClaimDraft) -> int:
    """Store ``draft`` as a pending claim (creating its account if new); returns the claim id."""
    if draft.partner_id is not None and session.get(Partner, draft.partner_id) is None:
        raise NotFoundError("This partner no longer exists; choose another claimant.")
    account_id = draft.account_id
    if account_id is None:
        account = Account(
            name=draft.account_name,
            name_key=name_key(draft.account_name),
            website=draft.website,
            domain=domain_key(draft.website),
            country=draft.country,
            named_account=False,
        )
        session.add(account)
        session.flush()
        account_id = account.id
    else:
        existing = session.get(Account, account_id)
        if existing is None:
            raise NotFoundError("This account no longer exists; pick it again.")
        if existing.merged_into_id is not None:
            account_id = existing.merged_into_id
    claim = Claim(
        account_id=account_id,
        partner_id=draft.partner_id,
        direct_rep_id=draft.direct_rep_id,
        claimed_on=draft.claimed_on,
        valid_until=draft.valid_until,
        status=ClaimStatus.PENDING,
        deal_amount=draft.deal_amount,
        currency=draft.currency,
        commission_pct=draft.commission_pct,
    )
    session.add(claim)
    session.flush()
    return claim.id


@dataclass(frozen=True, slots=True)
class Decision:
    """Where a claim stands: its status, the reason given and when it was decided."""

    status: ClaimStatus
    reason: str | None
    decided_at: datetime | None


def decide_claim(
    session: Session,
    claim_id: int,
    version: int,
    approve: bool,
    reason: str,
    today: date,
    now: datetime | None = None,
) -> tuple[Decision, Decision]:
    """Approve or reject a claim, with the reason; a rejection needs one. Returns the claim's
    decision before and after (what Edit › Undo puts back).

    A claim past its date cannot be decided any more: the partner registers again instead.
    """
    reason = checked_block(reason, "The reason")
    if not approve and not reason:
        raise InputError("Say why the claim is rejected; the partner will ask.")
    claim = session.get(Claim, claim_id)
    if claim is None:
        raise NotFoundError("This claim no longer exists.")
    if claim.version != version:
        raise ConflictError(
            "This claim was changed by someone else since you opened it "
            f"(it is now {claim.status.label.lower()}); look at it again before deciding."
        )
    if claim.valid_until < today or claim.status is ClaimStatus.EXPIRED:
        raise RefusedError(
            f"This claim expired on {claim.valid_until.isoformat()}; "
            "the claimant has to register the account again."
        )
    before = _decision(claim)
    claim.status = ClaimStatus.APPROVED if approve else ClaimStatus.REJECTED
    claim.decision_reason = reason or None
    claim.decided_at = now or utcnow()
    session.flush()
    return before, _decision(claim)


def restore_decision(session: Session, claim_id: int, expected: Decision, wanted: Decision) -> None:
    """Put the claim's decision back to ``wanted`` (undo, or redo), refused with a message if
    it no longer stands at ``expected``: someone decided it again since."""
    claim = session.get(Claim, claim_id)
    if claim is None:
        raise NotFoundError("This claim no longer exists; nothing was changed.")
    if _decision(claim) != expected:
        raise ConflictError(
            f"This claim was changed by someone else since (it is now "
            f"{claim.status.label.lower()}); undoing would overwrite their change, so nothing "
            "was changed."
        )
    claim.status, claim.decision_reason = wanted.status, wanted.reason
    claim.decided_at = wanted.decided_at
    session.flush()


def _decision(claim: Claim) -> Decision:
    return Decision(claim.status, claim.decision_reason, claim.decided_at)
