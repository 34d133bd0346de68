"""What the partner programs cost: exchange rates into the reporting currency, spend items, SPIF
and rebate rules, and market development funds from allocation to payment (SPEC.md, "Program
spend and return")."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Base, Versioned
from app.db.models._columns import currency_check, enum_column_type, non_negative, percent_check
from app.db.models.catalog import ProductFamily
from app.db.models.partners import Partner
from app.db.types import Money, Percent, Rate, UTCDateTime
from app.domain.enums import MdfStatus, SpendProgram


class FxRate(Versioned, Base):
    """``rate`` units of ``into_currency`` (the reporting currency when it was entered) for one
    unit of ``currency``, from ``effective_from`` until the next rate of the pair."""

    __tablename__ = "fx_rate"
    __table_args__ = (
        UniqueConstraint("currency", "into_currency", "effective_from"),
        currency_check(),
        currency_check("into_currency"),
        CheckConstraint("rate > 0", name="rate_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    currency: Mapped[str] = mapped_column(String(3))
    into_currency: Mapped[str] = mapped_column(String(3))
    rate: Mapped[Decimal] = mapped_column(Rate)
    effective_from: Mapped[date]


class SpendItem(Versioned, Base):
    """Money spent on a program for a partner, or program-wide when ``partner_id`` is NULL:
    entered or imported; adds to what the program rules compute."""

    __tablename__ = "spend_item"
    __table_args__ = (
        currency_check(),
        non_negative("amount"),
        Index("ix_spend_item_spent_on", "spent_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int | None] = mapped_column(
        ForeignKey("partner.id", ondelete="RESTRICT"), index=True, doc="NULL: program-wide"
    )
    program: Mapped[SpendProgram] = mapped_column(enum_column_type(SpendProgram, "spend_program"))
    spent_on: Mapped[date]
    amount: Mapped[Decimal] = mapped_column(Money)
    currency: Mapped[str] = mapped_column(String(3))
    description: Mapped[str | None] = mapped_column(Text)

    partner: Mapped[Partner | None] = relationship()


class SpifRule(Versioned, Base):
    """An amount per unit sold of a product family on accepted quotes dated within the rule."""

    __tablename__ = "spif_rule"
    __table_args__ = (
        CheckConstraint("valid_to >= valid_from", name="window"),
        currency_check(),
        non_negative("amount_per_unit"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    family_id: Mapped[int] = mapped_column(
        ForeignKey("product_family.id", ondelete="RESTRICT"), index=True
    )
    valid_from: Mapped[date]
    valid_to: Mapped[date]
    amount_per_unit: Mapped[Decimal] = mapped_column(Money)
    currency: Mapped[str] = mapped_column(String(3))

    family: Mapped[ProductFamily] = relationship()


class RebateThreshold(Versioned, Base):
    """One step of a rebate rule (the rows sharing ``rule``): at least ``threshold`` of sourced won
    revenue in a calendar quarter, in the reporting currency, earns ``percent`` of all of it."""

    __tablename__ = "rebate_threshold"
    __table_args__ = (
        UniqueConstraint("rule", "threshold"),
        non_negative("threshold"),
        percent_check("percent"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    rule: Mapped[str] = mapped_column(String(120), index=True)
    threshold: Mapped[Decimal] = mapped_column(Money)
    percent: Mapped[Decimal] = mapped_column(Percent)


class MdfAllocation(Versioned, Base):
    """Market development funds set aside for a partner for one calendar quarter ("2026Q4")."""

    __tablename__ = "mdf_allocation"
    __table_args__ = (
        UniqueConstraint("partner_id", "quarter"),
        CheckConstraint("length(quarter) = 6", name="quarter"),
        currency_check(),
        non_negative("amount"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partner.id", ondelete="RESTRICT"))
    quarter: Mapped[str] = mapped_column(String(6), index=True)
    amount: Mapped[Decimal] = mapped_column(Money)
    currency: Mapped[str] = mapped_column(String(3))

    partner: Mapped[Partner] = relationship()
    requests: Mapped[list[MdfRequest]] = relationship(
        back_populates="allocation", order_by="MdfRequest.id"
    )


class MdfRequest(Versioned, Base):
    """A partner's request for funds for an activity, carried from request to payment; the
    amounts are in the allocation's currency and each step fills its own column."""

    __tablename__ = "mdf_request"
    __table_args__ = (
        CheckConstraint("ends_on >= starts_on", name="activity_dates"),
        non_negative("requested_amount"),
        non_negative("approved_amount"),
        non_negative("claimed_amount"),
        non_negative("claim_approved_amount"),
        non_negative("paid_amount"),
        CheckConstraint("paid_amount IS NULL OR paid_on IS NOT NULL", name="paid_has_date"),
        Index("ix_mdf_request_paid_on", "paid_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    allocation_id: Mapped[int] = mapped_column(
        ForeignKey("mdf_allocation.id", ondelete="RESTRICT"), index=True
    )
    activity: Mapped[str] = mapped_column(Text)
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    requested_on: Mapped[date]
    requested_amount: Mapped[Decimal] = mapped_column(Money)
    approved_amount: Mapped[Decimal | None] = mapped_column(Money)
    claimed_amount: Mapped[Decimal | None] = mapped_column(Money)
    claim_approved_amount: Mapped[Decimal | None] = mapped_column(Money)
    paid_amount: Mapped[Decimal | None] = mapped_column(Money)
    paid_on: Mapped[date | None]
    status: Mapped[MdfStatus] = mapped_column(
        enum_column_type(MdfStatus, "mdf_status"), default=MdfStatus.REQUESTED, index=True
    )
    reject_reason: Mapped[str | None] = mapped_column(Text)

    allocation: Mapped[MdfAllocation] = relationship(back_populates="requests")
    proofs: Mapped[list[MdfProof]] = relationship(
        back_populates="request", cascade="all, delete-orphan", order_by="MdfProof.id"
    )
    steps: Mapped[list[MdfStep]] = relationship(
        back_populates="request", cascade="all, delete-orphan", order_by="MdfStep.id"
    )


class MdfProof(Base):
    """A file that proves a claimed activity took place, kept in the database itself."""

    __tablename__ = "mdf_proof"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("mdf_request.id", ondelete="CASCADE"), index=True
    )
    file_name: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str | None] = mapped_column(String(120))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime)

    request: Mapped[MdfRequest] = relationship(back_populates="proofs")


class MdfStep(Base):
    """One step in a request's history: who did what, when, for how much."""

    __tablename__ = "mdf_step"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("mdf_request.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    step: Mapped[MdfStatus] = mapped_column(enum_column_type(MdfStatus, "mdf_status"))
    amount: Mapped[Decimal | None] = mapped_column(Money)
    note: Mapped[str | None] = mapped_column(Text)
    by: Mapped[str | None] = mapped_column(String(120))

    request: Mapped[MdfRequest] = relationship(back_populates="steps")
