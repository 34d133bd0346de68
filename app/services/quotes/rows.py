"""Quotes: the rows of the quotes page, each shown by its latest revision."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Subquery, func, select
from sqlalchemy.orm import Session

from app.db.models import Account, Partner, Quote, QuoteRevision
from app.domain.columns import Column, Kind
from app.domain.enums import QuoteStatus


@dataclass(frozen=True, slots=True)
class QuoteRow:
    id: int
    number: str
    revision: int
    partner_id: int
    partner: str
    account_id: int
    account: str
    quote_date: date
    valid_until: date | None
    currency: str
    status: QuoteStatus
    subtotal: Decimal
    total: Decimal
    version: int
    approved: bool = False  # a manager approved its special discounts
    sent_to: str | None = None
    sent_at: datetime | None = None
    accepted_on: date | None = None  # the day the partner accepted it


#: Sized so every column, Total included, fits a 1280-pixel window beside the navigation;
#: Total comes right after Status, so long names never push it out of sight.
QUOTE_COLUMNS: tuple[Column[QuoteRow], ...] = (
    Column("number", "Quote", lambda r: r.number, width=15),  # digits: wider than most letters
    Column("revision", "Rev", lambda r: r.revision, Kind.INTEGER, width=3),
    Column("partner", "Partner", lambda r: r.partner, width=18),
    Column("account", "Account", lambda r: r.account, width=18),
    Column("status", "Status", lambda r: r.status, width=15),
    Column(
        "total", "Total", lambda r: r.total, Kind.MONEY, currency=lambda r: r.currency, width=14
    ),
    Column("quote_date", "Date", lambda r: r.quote_date, Kind.DATE, width=10),
    Column("valid_until", "Valid until", lambda r: r.valid_until, Kind.DATE, width=10),
    Column(
        "subtotal",
        "Subtotal",
        lambda r: r.subtotal,
        Kind.MONEY,
        currency=lambda r: r.currency,
        width=14,
    ),
    Column("currency", "Currency", lambda r: r.currency, width=8),
)


def latest_revisions() -> Subquery:
    """Per quote, the number of its latest revision (a subquery to join on)."""
    return (
        select(QuoteRevision.quote_id, func.max(QuoteRevision.revision).label("latest"))
        .group_by(QuoteRevision.quote_id)
        .subquery()
    )


def list_quotes(session: Session) -> list[QuoteRow]:
    """Every quote by its latest revision, newest number first."""
    latest = latest_revisions()
    query = (
        select(
            Quote.id,
            Quote.number,
            QuoteRevision.revision,
            Quote.partner_id,
            Partner.name,
            Quote.account_id,
            Account.name,
            QuoteRevision.quote_date,
            QuoteRevision.valid_until,
            QuoteRevision.currency,
            QuoteRevision.status,
            QuoteRevision.subtotal,
            QuoteRevision.total,
            Quote.version,
            QuoteRevision.approved_by.is_not(None),
            QuoteRevision.sent_to,
            QuoteRevision.sent_at,
            QuoteRevision.accepted_on,
        )
        .join(latest, latest.c.quote_id == Quote.id)
        .join(
            QuoteRevision,
            (QuoteRevision.quote_id == Quote.id) & (QuoteRevision.revision == latest.c.latest),
        )
        .join(Partner, Partner.id == Quote.partner_id)
        .join(Account, Account.id == Quote.account_id)
        .order_by(Quote.year.desc(), Quote.sequence.desc())
    )
    return [QuoteRow(*tuple(row)) for row in session.execute(query)]
