"""What the partner detail view lists beside the partner: training, claims, deals, quotes and
the history of its changes. Read-only, as light rows."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from app.db.models import (
    Account,
    AuditEntry,
    Claim,
    Contact,
    Course,
    Deal,
    DealParty,
    ProductFamily,
    Quote,
    QuoteRevision,
    Tier,
    TrainingRecord,
)
from app.domain.columns import Column, Kind
from app.domain.enums import AuditAction, ClaimStatus, DealStage, QuoteStatus
from app.domain.partner_form import LABELS
from app.domain.training import TrainingState, training_state
from app.services.audit_read import created_in_batch
from app.services.importing.audit import IMPORTED_FROM


@dataclass(frozen=True, slots=True)
class PartnerTrainingRow:
    contact: str
    course: str
    family: str | None
    completed_on: date
    valid_until: date | None
    state: TrainingState


@dataclass(frozen=True, slots=True)
class PartnerClaimRow:
    account: str
    claimed_on: date
    valid_until: date
    status: ClaimStatus
    amount: Decimal | None
    currency: str | None


@dataclass(frozen=True, slots=True)
class PartnerDealRow:
    name: str
    account: str
    stage: DealStage
    amount: Decimal
    currency: str
    expected_close: date | None


@dataclass(frozen=True, slots=True)
class PartnerQuoteRow:
    number: str
    account: str
    status: QuoteStatus | None
    total: Decimal | None
    currency: str | None


@dataclass(frozen=True, slots=True)
class HistoryRow:
    at: datetime
    actor: str
    what: str
    field: str
    old: str
    new: str


TRAINING_COLUMNS: tuple[Column[PartnerTrainingRow], ...] = (
    Column("contact", "Contact", lambda r: r.contact, width=20),
    Column("course", "Course", lambda r: r.course, width=30),
    Column("family", "Product family", lambda r: r.family, width=16),
    Column("state", "State", lambda r: r.state, width=14),
    Column("valid_until", "Valid until", lambda r: r.valid_until, Kind.DATE, width=11),
    Column("completed_on", "Completed", lambda r: r.completed_on, Kind.DATE, width=11),
)
CLAIM_COLUMNS: tuple[Column[PartnerClaimRow], ...] = (
    Column("account", "Account", lambda r: r.account, width=28),
    Column("status", "Status", lambda r: r.status, width=10),
    Column("claimed_on", "Claimed", lambda r: r.claimed_on, Kind.DATE, width=11),
    Column("valid_until", "Valid until", lambda r: r.valid_until, Kind.DATE, width=11),
    Column("amount", "Amount", lambda r: r.amount, Kind.MONEY, lambda r: r.currency, width=14),
)
DEAL_COLUMNS: tuple[Column[PartnerDealRow], ...] = (
    Column("name", "Deal", lambda r: r.name, width=28),
    Column("account", "Account", lambda r: r.account, width=24),
    Column("stage", "Stage", lambda r: r.stage, width=11),
    Column("amount", "Amount", lambda r: r.amount, Kind.MONEY, lambda r: r.currency, width=14),
    Column("close", "Expected close", lambda r: r.expected_close, Kind.DATE, width=12),
)
QUOTE_COLUMNS: tuple[Column[PartnerQuoteRow], ...] = (
    Column("number", "Quote", lambda r: r.number, width=15),
    Column("account", "Account", lambda r: r.account, width=28),
    Column("status", "Status", lambda r: r.status, width=14),
    Column("total", "Total", lambda r: r.total, Kind.MONEY, lambda r: r.currency, width=14),
)
HISTORY_COLUMNS: tuple[Column[HistoryRow], ...] = (
    Column("at", "When", lambda r: r.at, Kind.DATETIME, width=16),
    Column("actor", "Who", lambda r: r.actor, width=12),
    Column("what", "What", lambda r: r.what, width=26),
    Column("field", "Field", lambda r: r.field, width=14),
    Column("old", "Old", lambda r: r.old, width=20),
    Column("new", "New", lambda r: r.new, width=20),
)


def partner_training(session: Session, partner_id: int, today: date) -> list[PartnerTrainingRow]:
    """The training of the partner's contacts, latest completion first."""
    query = (
        select(
            Contact.name,
            Course.title,
            ProductFamily.name,
            TrainingRecord.completed_on,
            TrainingRecord.valid_until,
            TrainingRecord.passed,
        )
        .join(Contact, Contact.id == TrainingRecord.contact_id)
        .join(Course, Course.id == TrainingRecord.course_id)
        .outerjoin(ProductFamily, ProductFamily.id == Course.family_id)
        .where(Contact.partner_id == partner_id)
        .order_by(TrainingRecord.completed_on.desc(), Contact.name)
    )
    return [
        PartnerTrainingRow(who, course, family, done, until, training_state(ok, until, today))
        for who, course, family, done, until, ok in session.execute(query)
    ]


def training_summary(rows: list[PartnerTrainingRow]) -> str:
    """One line over a partner's training: how many records count, soon lapse, or lapsed."""
    if not rows:
        return "No training recorded for this partner's contacts yet."
    counts = {state: 0 for state in TrainingState}
    for row in rows:
        counts[row.state] += 1
    people = len({row.contact for row in rows})
    parts = [f"{n} {state.label.lower()}" for state, n in counts.items() if n]
    who = "1 person" if people == 1 else f"{people} people"
    records = "1 training record" if len(rows) == 1 else f"{len(rows)} training records"
    return f"{records} for {who}: " + ", ".join(parts) + "."


def partner_claims(session: Session, partner_id: int) -> list[PartnerClaimRow]:
    query = (
        select(
            Account.name,
            Claim.claimed_on,
            Claim.valid_until,
            Claim.status,
            Claim.deal_amount,
            Claim.currency,
        )
        .join(Account, Account.id == Claim.account_id)
        .where(Claim.partner_id == partner_id)
        .order_by(Claim.claimed_on.desc())
    )
    return [PartnerClaimRow(*row) for row in session.execute(query)]


def partner_deals(session: Session, partner_id: int) -> list[PartnerDealRow]:
    parties = select(DealParty.deal_id).where(DealParty.partner_id == partner_id)
    query = (
        select(Deal.name, Account.name, Deal.stage, Deal.amount, Deal.currency, Deal.expected_close)
        .join(Account, Account.id == Deal.account_id)
        .where(Deal.id.in_(parties))
        .order_by(Deal.expected_close.desc(), Deal.name)
    )
    return [PartnerDealRow(*row) for row in session.execute(query)]


def partner_quotes(session: Session, partner_id: int) -> list[PartnerQuoteRow]:
    """Each quote with its latest revision's status and total."""
    latest = (
        select(QuoteRevision.quote_id, func.max(QuoteRevision.revision).label("revision"))
        .group_by(QuoteRevision.quote_id)
        .subquery()
    )
    query = (
        select(
            Quote.number,
            Account.name,
            QuoteRevision.status,
            QuoteRevision.total,
            QuoteRevision.currency,
        )
        .join(Account, Account.id == Quote.account_id)
        .outerjoin(latest, latest.c.quote_id == Quote.id)
        .outerjoin(
            QuoteRevision,
            and_(QuoteRevision.quote_id == Quote.id, QuoteRevision.revision == latest.c.revision),
        )
        .where(Quote.partner_id == partner_id)
        .order_by(Quote.number.desc())
    )
    return [PartnerQuoteRow(*row) for row in session.execute(query)]


def partner_history(session: Session, partner_id: int) -> list[HistoryRow]:
    """Changes to the partner and its contacts from the audit log, newest first, one row per
    changed field."""
    contacts = {
        str(cid): name
        for cid, name in session.execute(
            select(Contact.id, Contact.name).where(Contact.partner_id == partner_id)
        )
    }
    query = select(AuditEntry).where(
        or_(
            and_(AuditEntry.table_name == "partner", AuditEntry.record_id == str(partner_id)),
            and_(AuditEntry.table_name == "contact", AuditEntry.record_id.in_(contacts)),
        ),
        AuditEntry.last_record_id.is_(None),  # an import's shared entries: found below
    )
    own: list[tuple[AuditEntry, str, str | None]] = [
        (entry, entry.record_id, None) for entry in session.scalars(query)
    ]
    shared: list[tuple[AuditEntry, str, str | None]] = [
        (found.entry, str(record_id), found.source)
        for table, record_id in [("partner", partner_id), *(("contact", int(c)) for c in contacts)]
        if (found := created_in_batch(session, table, record_id)) is not None
    ]
    entries = sorted(own + shared, key=lambda item: (item[0].at, item[0].id), reverse=True)
    tiers = {tid: name for tid, name in session.execute(select(Tier.id, Tier.name))}
    rows: list[HistoryRow] = []
    for entry, record_id, imported in entries:
        subject = "Partner" if entry.table_name == "partner" else contacts[record_id]
        what = f"{subject} {_VERBS[entry.action]}"
        if imported is not None:  # a shared import entry, already read by created_in_batch
            rows.append(HistoryRow(entry.at, entry.actor, what, "Imported from", "", imported))
            continue
        changes = json.loads(entry.changes or "{}")
        if entry.action is not AuditAction.UPDATE:
            source = changes.get(IMPORTED_FROM, [None, None])[1]
            field, shown = ("Imported from", str(source)) if source else ("", "")
            rows.append(HistoryRow(entry.at, entry.actor, what, field, "", shown))
            continue
        for field, (old, new) in sorted(changes.items()):
            if field in ("name_key", "id"):
                continue
            if field == "tier_id":
                field, old, new = "tier", tiers.get(old, old), tiers.get(new, new)
            label = LABELS.get(field, field.replace("_", " ").capitalize())
            rows.append(HistoryRow(entry.at, entry.actor, what, label, _shown(old), _shown(new)))
    return rows


_VERBS = {
    AuditAction.CREATE: "created",
    AuditAction.UPDATE: "edited",
    AuditAction.DELETE: "deleted",
}


def _shown(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)
