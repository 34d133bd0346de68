"""Creating and editing a joint deal with its parties and product families, moving its stage,
logging activities.

The dialog reads a ``DealRecord`` when it opens and hands it back on save; if someone saved the
deal meanwhile, the save raises a ``ConflictError`` so the user reloads or overwrites. The
parties' commissions are added up on every save: above the commission limit (a business
setting) the deal is saved but carries a warning, since the split is a negotiation, not an
input error.

A deal's *closed on* follows its stage: moving it to won or lost records the day (today, unless
the user gives another), moving it back to an open stage clears it. A Deal ID, when given, is
unique without regard to case, so a file naming it finds one deal.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.engine import STALE_MESSAGE
from app.db.models import Account, Deal, DealActivity, DealFamily, DealParty, DirectRep, Partner
from app.db.types import utcnow
from app.domain.deal_form import CLOSED, DEAL_LABELS, check_activity, check_deal
from app.domain.enums import ActivityKind, DealStage, Paper, PartyRole
from app.domain.errors import ConflictError, InputError, NotFoundError
from app.domain.money import format_percent


@dataclass(frozen=True)
class Party:
    """A partner (``partner_id``) or one of our reps (``direct_rep_id``) on a deal."""

    partner_id: int | None
    direct_rep_id: int | None
    role: PartyRole
    commission_pct: Decimal
    name: str = ""


@dataclass(frozen=True)
class Activity:
    occurred_on: date
    kind: ActivityKind
    summary: str
    next_step: str | None
    author: str | None


@dataclass(frozen=True)
class DealRecord:
    id: int
    version: int
    deal_code: str | None
    name: str
    account_id: int
    account: str
    stage: DealStage
    amount: Decimal
    currency: str
    expected_close: date | None
    closed_on: date | None
    paper: Paper
    parties: tuple[Party, ...]
    activities: tuple[Activity, ...]
    #: The ids of the product families the deal is about, in ascending order.
    families: tuple[int, ...] = ()

    def values(self) -> dict[str, object]:
        return {f: getattr(self, f) for f in DEAL_LABELS}


def check_parties(parties: Sequence[Party]) -> str | None:
    """What is wrong with the list of parties, in one line, or None."""
    seen: set[tuple[int | None, int | None]] = set()
    for party in parties:
        if (party.partner_id is None) == (party.direct_rep_id is None):
            return "Each party is a partner or one of our direct reps."
        if party.direct_rep_id is not None and party.role is not PartyRole.DIRECT_REP:
            return f"{party.name or 'A direct rep'} can only have the role Direct rep."
        if party.partner_id is not None and party.role is PartyRole.DIRECT_REP:
            return f"{party.name or 'A partner'} cannot have the role Direct rep."
        if not Decimal(0) <= party.commission_pct <= Decimal(100):
            return "A commission is a percentage from 0 to 100."
        key = (party.partner_id, party.direct_rep_id)
        if key in seen:
            return f"{party.name or 'A party'} is on the deal twice."
        seen.add(key)
    return None


def total_commission(parties: Sequence[Party]) -> Decimal:
    return sum((p.commission_pct for p in parties), Decimal(0))


def commission_warning(parties: Sequence[Party], limit: Decimal) -> str | None:
    """A warning when the parties together expect more than ``limit`` percent, else None."""
    total = total_commission(parties)
    if total <= limit:
        return None
    return (
        f"The parties expect {format_percent(total)} commission together, above the "
        f"{format_percent(limit)} limit: agree the split before the deal closes."
    )


def get_deal(session: Session, deal_id: int) -> DealRecord:
    deal = session.get(Deal, deal_id, populate_existing=True)
    if deal is None:
        raise NotFoundError(f"Deal {deal_id} no longer exists.")
    partners = dict(session.execute(select(Partner.id, Partner.name)).all())
    reps = dict(session.execute(select(DirectRep.id, DirectRep.name)).all())
    parties = tuple(
        Party(
            p.partner_id,
            p.direct_rep_id,
            p.role,
            p.commission_pct,
            partners.get(p.partner_id or 0) or reps.get(p.direct_rep_id or 0) or "",
        )
        for p in sorted(deal.parties, key=lambda p: p.id)
    )
    activities = tuple(
        Activity(a.occurred_on, a.kind, a.summary, a.next_step, a.author)
        for a in sorted(deal.activities, key=lambda a: (a.occurred_on, a.id), reverse=True)
    )
    return DealRecord(
        id=deal.id, version=deal.version, deal_code=deal.deal_code, name=deal.name,
        account_id=deal.account_id, account=deal.account.name, stage=deal.stage,
        amount=deal.amount, currency=deal.currency, expected_close=deal.expected_close,
        closed_on=deal.closed_on, paper=deal.paper, parties=parties, activities=activities,
        families=tuple(sorted(f.family_id for f in deal.families)),
    )  # fmt: skip


def _valid(
    raw: Mapping[str, object], parties: Sequence[Party], today: date | None
) -> dict[str, object]:
    today = today or date.today()
    if "closed_on" not in raw and raw.get("stage") in CLOSED:
        raw = {**raw, "closed_on": today}  # a caller that names no day: it closes today
    values, errors = check_deal(raw, today)
    if errors:
        raise InputError(next(iter(errors.values())) + "; nothing was saved.")
    problem = check_parties(parties)
    if problem:
        raise InputError(problem + " Nothing was saved.")
    return values


def create_deal(
    session: Session,
    raw: Mapping[str, object],
    parties: Sequence[Party],
    families: Sequence[int] | None = None,
    today: date | None = None,
) -> int:
    """A new deal with ``parties`` about the product ``families`` (ids); its id."""
    values = _valid(raw, parties, today)
    if session.get(Account, values["account_id"]) is None:
        raise NotFoundError("This account no longer exists; pick it again.")
    deal = Deal()
    _check_code(session, values.get("deal_code"), None)
    _apply(deal, values, parties)
    session.add(deal)
    session.flush()
    set_families(session, deal, families or ())
    return deal.id


def update_deal(
    session: Session,
    opened: DealRecord,
    raw: Mapping[str, object],
    parties: Sequence[Party],
    overwrite: bool = False,
    families: Sequence[int] | None = None,
    today: date | None = None,
) -> None:
    """Save the dialog's ``raw`` fields, ``parties`` and ``families`` (None: leave them) over
    the deal the user ``opened``; ``ConflictError`` if someone saved it meanwhile."""
    values = _valid(raw, parties, today)
    deal = session.get(Deal, opened.id)
    if deal is None:
        raise NotFoundError(f"{opened.name} was deleted by someone else; nothing was saved.")
    if deal.version != opened.version and not overwrite:
        stored = get_deal(session, opened.id)
        changed = {
            f: (getattr(opened, f), getattr(stored, f))
            for f in (*DEAL_LABELS, "parties", "families")
            if getattr(opened, f) != getattr(stored, f)
        }
        raise ConflictError(STALE_MESSAGE, changed)
    _check_code(session, values.get("deal_code"), deal.id)
    _apply(deal, values, parties)
    if families is not None:
        set_families(session, deal, families)
    deal.updated_at = utcnow()  # a change of parties alone still bumps the deal's version
    session.flush()


def _check_code(session: Session, code: object, deal_id: int | None) -> None:
    """Refuse a Deal ID another deal holds (in any case): a file naming it must find one deal."""
    if not isinstance(code, str) or not code:
        return
    query = select(Deal.name).where(func.lower(Deal.deal_code) == code.lower())
    if deal_id is not None:
        query = query.where(Deal.id != deal_id)
    other = session.scalar(query.limit(1))
    if other is not None:
        raise InputError(
            f"Deal ID {code} is already used by the deal {other}; give this deal another ID "
            "or leave it empty. Nothing was saved."
        )


def set_families(session: Session, deal: Deal, family_ids: Sequence[int]) -> None:
    """The deal is about exactly ``family_ids`` (unknown ids are refused by the database)."""
    wanted = set(family_ids)
    for link in list(deal.families):
        if link.family_id not in wanted:
            deal.families.remove(link)
    have = {link.family_id for link in deal.families}
    for family_id in sorted(wanted - have):
        deal.families.append(DealFamily(family_id=family_id))
    session.flush()


def _apply(deal: Deal, values: Mapping[str, object], parties: Sequence[Party]) -> None:
    for field, value in values.items():
        setattr(deal, field, value)
    wanted = {(p.partner_id, p.direct_rep_id): p for p in parties}
    for existing in list(deal.parties):
        key = (existing.partner_id, existing.direct_rep_id)
        if key not in wanted:
            deal.parties.remove(existing)
            continue
        party = wanted.pop(key)
        existing.role = party.role
        existing.commission_pct = party.commission_pct
    for party in wanted.values():
        deal.parties.append(
            DealParty(
                partner_id=party.partner_id,
                direct_rep_id=party.direct_rep_id,
                role=party.role,
                commission_pct=party.commission_pct,
            )
        )


def set_stage(
    session: Session,
    deal_id: int,
    version: int,
    stage: DealStage,
    closed_on: date | None = None,
    today: date | None = None,
) -> None:
    """Move a deal to ``stage`` (from the pipeline, without opening it). A won or lost deal
    closes on ``closed_on`` (default ``today``); an open stage clears the day."""
    deal = session.get(Deal, deal_id)
    if deal is None:
        raise NotFoundError("This deal was deleted by someone else.")
    if deal.version != version:
        raise ConflictError(STALE_MESSAGE, {"stage": (None, deal.stage)})
    deal.stage = stage
    deal.closed_on = (closed_on or today or date.today()) if stage in CLOSED else None
    session.flush()


def add_activity(session: Session, deal_id: int, activity: Activity) -> None:
    """Log a dated call, meeting, e-mail or note, with the next step."""
    summary, next_step = check_activity(activity.summary, activity.next_step)
    if session.get(Deal, deal_id) is None:
        raise NotFoundError("This deal was deleted by someone else.")
    session.add(
        DealActivity(
            deal_id=deal_id,
            occurred_on=activity.occurred_on,
            kind=activity.kind,
            summary=summary,
            next_step=next_step,
            author=activity.author,
        )
    )
    session.flush()
