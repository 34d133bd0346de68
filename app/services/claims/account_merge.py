"""Merging two accounts that are the same company.

The claims, deals and quotes of the merged account move to the survivor; the merged account
stays (so old references and the history still resolve) with ``merged_into_id`` pointing at the
survivor and leaves every list. Each moved record and the merged account's new pointer are
written through the ORM, so the audit log keeps the whole merge.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Account, Claim, Deal, Quote
from app.domain.errors import ConflictError, InputError, NotFoundError, RefusedError
from app.domain.names import domain_key, name_key


@dataclass(frozen=True)
class MergeResult:
    survivor: str
    merged: str
    claims: int
    deals: int
    quotes: int

    def summary(self) -> str:
        moved = f"{self.claims} claims, {self.deals} deals and {self.quotes} quotes"
        return f"{self.merged} was merged into {self.survivor}: {moved} moved."


def _live_account(session: Session, account_id: int, version: int | None) -> Account:
    account = session.get(Account, account_id)
    if account is None:
        raise NotFoundError(f"Account {account_id} no longer exists.")
    if account.merged_into_id is not None:
        raise RefusedError(f"{account.name} was already merged into another account.")
    if version is not None and account.version != version:
        raise ConflictError(
            f"{account.name} was changed by someone else since you chose it; "
            "look at it again and merge once more."
        )
    return account


def merge_accounts(
    session: Session,
    survivor_id: int,
    merged_id: int,
    *,
    survivor_version: int | None = None,
    merged_version: int | None = None,
) -> MergeResult:
    """Move everything of account ``merged_id`` to ``survivor_id`` and mark it merged.

    The survivor keeps its own details; a website, country or city it lacks is taken from the
    merged account, so no fact about the company is lost.
    """
    if survivor_id == merged_id:
        raise InputError("Choose two different accounts to merge.")
    survivor = _live_account(session, survivor_id, survivor_version)
    merged = _live_account(session, merged_id, merged_version)
    moved = {
        "claims": _move(session, Claim, merged_id, survivor_id),
        "deals": _move(session, Deal, merged_id, survivor_id),
        "quotes": _move(session, Quote, merged_id, survivor_id),
    }
    for field in ("website", "country", "city"):
        if getattr(survivor, field) is None and getattr(merged, field) is not None:
            setattr(survivor, field, getattr(merged, field))
    survivor.named_account = survivor.named_account or merged.named_account
    if survivor.owner_rep_id is None:
        survivor.owner_rep_id = merged.owner_rep_id
    survivor.name_key = name_key(survivor.name)
    survivor.domain = domain_key(survivor.website)
    merged.merged_into_id = survivor_id
    session.flush()
    return MergeResult(
        survivor=survivor.name,
        merged=merged.name,
        claims=moved["claims"],
        deals=moved["deals"],
        quotes=moved["quotes"],
    )


def _move(
    session: Session, model: type[Claim] | type[Deal] | type[Quote], old: int, new: int
) -> int:
    """Point every record of ``model`` on account ``old`` at ``new`` (one by one, through the
    ORM, so each move is in the audit log); returns how many moved."""
    query = select(model).where(model.account_id == old)
    records: list[Claim | Deal | Quote] = list(session.scalars(query))
    for record in records:
        record.account_id = new
    return len(records)
