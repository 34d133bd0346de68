"""Quotes: a numbered offer with revisions; an issued revision is frozen with a snapshot."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Base, Versioned
from app.db.models._columns import currency_check, enum_column_type, non_negative, percent_check
from app.db.models.accounts import Account
from app.db.models.deals import Deal
from app.db.models.partners import Partner
from app.db.types import Money, Percent, UTCDateTime
from app.domain.enums import QuoteStatus


class Quote(Versioned, Base):
    """``Q-<year>-<5-digit sequence>``; the figures live on its revisions."""

    __tablename__ = "quote"
    __table_args__ = (
        UniqueConstraint("year", "sequence"),
        CheckConstraint("sequence >= 1 AND sequence <= 99999", name="sequence"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    year: Mapped[int]
    sequence: Mapped[int]
    partner_id: Mapped[int] = mapped_column(
        ForeignKey("partner.id", ondelete="RESTRICT"), index=True
    )
    account_id: Mapped[int] = mapped_column(
        ForeignKey("account.id", ondelete="RESTRICT"), index=True
    )
    deal_id: Mapped[int | None] = mapped_column(
        ForeignKey("deal.id", ondelete="SET NULL"), index=True
    )

    partner: Mapped[Partner] = relationship()
    account: Mapped[Account] = relationship()
    deal: Mapped[Deal | None] = relationship()
    revisions: Mapped[list[QuoteRevision]] = relationship(
        back_populates="quote", order_by="QuoteRevision.revision"
    )


class QuoteRevision(Versioned, Base):
    """One revision of a quote. Once issued its figures and ``snapshot`` never change."""

    __tablename__ = "quote_revision"
    __table_args__ = (
        UniqueConstraint("quote_id", "revision"),
        CheckConstraint("revision >= 1", name="revision"),
        currency_check(),
        percent_check("tax_rate"),
        non_negative("list_total"),
        non_negative("subtotal"),
        non_negative("tax"),
        non_negative("total"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    quote_id: Mapped[int] = mapped_column(ForeignKey("quote.id", ondelete="CASCADE"), index=True)
    revision: Mapped[int]
    status: Mapped[QuoteStatus] = mapped_column(
        enum_column_type(QuoteStatus, "quote_status"), default=QuoteStatus.DRAFT, index=True
    )
    quote_date: Mapped[date]
    accepted_on: Mapped[date | None] = mapped_column(
        doc="The day the partner accepted this issued revision (status accepted)"
    )
    valid_until: Mapped[date | None]
    currency: Mapped[str] = mapped_column(String(3))
    tax_rate: Mapped[Decimal] = mapped_column(Percent, default=Decimal(0))
    deal_reg_pct: Mapped[Decimal] = mapped_column(
        Percent, default=Decimal(0), doc="Deal-registration discount in force when priced"
    )
    list_total: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    discount: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    subtotal: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    tax: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    total: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    snapshot: Mapped[str | None] = mapped_column(
        Text, doc="JSON of partner, account, tier and company data as issued"
    )
    approved_by: Mapped[str | None] = mapped_column(String(120))
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    issued_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_to: Mapped[str | None] = mapped_column(Text)
    pdf_sha256: Mapped[str | None] = mapped_column(String(64))
    # Never loaded with the revision (lists and lifecycle steps read many revisions): only
    # app.services.quotes.issued_pdf reads it, by its own query, and an accidental read raises.
    pdf_data: Mapped[bytes | None] = mapped_column(
        LargeBinary,
        deferred=True,
        deferred_raiseload=True,
        doc="The issued PDF as first printed, checked against pdf_sha256 at every reprint",
    )

    quote: Mapped[Quote] = relationship(back_populates="revisions")
    lines: Mapped[list[QuoteLine]] = relationship(
        back_populates="revision", cascade="all, delete-orphan", order_by="QuoteLine.position"
    )


class QuoteLine(Versioned, Base):
    """A SKU × quantity with every figure of its calculation, frozen with its revision."""

    __tablename__ = "quote_line"
    __table_args__ = (
        UniqueConstraint("revision_id", "position"),
        CheckConstraint("quantity >= 1", name="quantity"),
        percent_check("special_pct"),
        percent_check("tier_pct"),
        percent_check("reg_pct"),
        percent_check("volume_pct"),
        non_negative("list_price"),
        non_negative("net_unit"),
        non_negative("line_total"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    revision_id: Mapped[int] = mapped_column(
        ForeignKey("quote_revision.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    product_id: Mapped[int | None] = mapped_column(
        ForeignKey("product.id", ondelete="SET NULL"), index=True
    )
    sku: Mapped[str] = mapped_column(String(60))
    description: Mapped[str] = mapped_column(Text)
    family: Mapped[str | None] = mapped_column(String(200))
    quantity: Mapped[int]
    list_price: Mapped[Decimal] = mapped_column(Money)
    tier_pct: Mapped[Decimal] = mapped_column(Percent, default=Decimal(0))
    reg_pct: Mapped[Decimal] = mapped_column(Percent, default=Decimal(0))
    volume_pct: Mapped[Decimal] = mapped_column(Percent, default=Decimal(0))
    special_pct: Mapped[Decimal] = mapped_column(Percent, default=Decimal(0))
    net_unit: Mapped[Decimal] = mapped_column(Money)
    line_total: Mapped[Decimal] = mapped_column(Money)

    revision: Mapped[QuoteRevision] = relationship(back_populates="lines")
