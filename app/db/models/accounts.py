"""End customers, the claims on them (deal registrations), and decisions about overlaps."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Base, Versioned
from app.db.models._columns import enum_column_type, non_negative, percent_check
from app.db.models.partners import Partner
from app.db.types import Money, Percent, UTCDateTime
from app.domain.enums import ClaimStatus


class DirectRep(Versioned, Base):
    """One of our own sales people: the direct team is a claimant like a partner."""

    __tablename__ = "direct_rep"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(250), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Account(Versioned, Base):
    """An end customer: the company that buys."""

    __tablename__ = "account"
    __table_args__ = (
        Index("ix_account_name_key_country", "name_key", "country"),
        Index("ix_account_country_initials", "country", "name_initials"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    name_key: Mapped[str] = mapped_column(String(200))
    website: Mapped[str | None] = mapped_column(String(250))
    domain: Mapped[str | None] = mapped_column(String(250), index=True, doc="Company domain key")
    country: Mapped[str | None] = mapped_column(String(2), index=True)
    city: Mapped[str | None] = mapped_column(String(120))
    named_account: Mapped[bool] = mapped_column(
        Boolean, default=False, doc="On the direct team's named-accounts list"
    )
    owner_rep_id: Mapped[int | None] = mapped_column(
        ForeignKey("direct_rep.id", ondelete="SET NULL"), index=True
    )
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id", ondelete="RESTRICT"), doc="Set when merged into another account"
    )
    name_initials: Mapped[str | None] = mapped_column(
        String(100), doc="Sorted first letters of the name's words; kept by app.db.alike_names"
    )

    owner_rep: Mapped[DirectRep | None] = relationship()


class Claim(Versioned, Base):
    """A deal registration: a partner, or the direct team when ``partner_id`` is NULL."""

    __tablename__ = "claim"
    __table_args__ = (
        CheckConstraint("valid_until >= claimed_on", name="window"),
        percent_check("commission_pct"),
        non_negative("deal_amount"),
        CheckConstraint("deal_amount IS NULL OR currency IS NOT NULL", name="amount_has_currency"),
        Index("ix_claim_status_valid_until", "status", "valid_until"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("account.id", ondelete="RESTRICT"), index=True
    )
    partner_id: Mapped[int | None] = mapped_column(
        ForeignKey("partner.id", ondelete="RESTRICT"), index=True, doc="NULL: the direct team"
    )
    direct_rep_id: Mapped[int | None] = mapped_column(
        ForeignKey("direct_rep.id", ondelete="SET NULL"), index=True
    )
    claimed_on: Mapped[date]
    valid_until: Mapped[date]
    status: Mapped[ClaimStatus] = mapped_column(
        enum_column_type(ClaimStatus, "claim_status"), default=ClaimStatus.PENDING
    )
    deal_amount: Mapped[Decimal | None] = mapped_column(Money)
    currency: Mapped[str | None] = mapped_column(String(3))
    commission_pct: Mapped[Decimal] = mapped_column(Percent, default=Decimal(0))
    decision_reason: Mapped[str | None] = mapped_column(Text)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    account: Mapped[Account] = relationship()
    partner: Mapped[Partner | None] = relationship()
    direct_rep: Mapped[DirectRep | None] = relationship()


class OverlapResolution(Base):
    """A decision on an overlap group: who owns the account, and why; the others were rejected."""

    __tablename__ = "overlap_resolution"

    id: Mapped[int] = mapped_column(primary_key=True)
    resolved_at: Mapped[datetime] = mapped_column(UTCDateTime)
    resolved_by: Mapped[str] = mapped_column(String(120))
    owner_claim_id: Mapped[int] = mapped_column(ForeignKey("claim.id", ondelete="RESTRICT"))
    reason: Mapped[str] = mapped_column(Text)
    claim_ids: Mapped[str] = mapped_column(Text, doc="Comma-separated ids of the group's claims")
    suggested_owner: Mapped[str | None] = mapped_column(
        String(250), doc="The owner the rules of engagement suggested, as the user read it"
    )
    suggested_rule: Mapped[str | None] = mapped_column(
        String(60), doc="The rule that chose it: named account, first (approved) registration"
    )


class OverlapDismissal(Base):
    """'Not the same company': a likely match between two accounts, dismissed for good."""

    __tablename__ = "overlap_dismissal"
    __table_args__ = (
        UniqueConstraint("account_a_id", "account_b_id"),
        CheckConstraint("account_a_id < account_b_id", name="ordered_pair"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_a_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))
    account_b_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))
    dismissed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    dismissed_by: Mapped[str] = mapped_column(String(120))


class AccountAlike(Base):
    """Two accounts of one country whose names are alike (``app.db.alike_names``), with their
    similarity, kept as accounts are written so an overlap scan need not compare names again.

    The score is a similarity percentage (0–100) from the name matcher, not money, so it is
    kept as the matcher gives it.
    """

    __tablename__ = "account_alike"
    __table_args__ = (
        CheckConstraint("account_a_id < account_b_id", name="ordered_pair"),
        Index("ix_account_alike_b", "account_b_id"),
    )

    account_a_id: Mapped[int] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE"), primary_key=True
    )
    account_b_id: Mapped[int] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE"), primary_key=True
    )
    score: Mapped[float] = mapped_column(Float)


class AccountUnmatched(Base):
    """An account written since its alike names were last looked for; filled by database
    triggers on every insert, and on a change of name or country, however the account was
    written. Emptied before each commit (``app.db.alike_names``)."""

    __tablename__ = "account_unmatched"

    account_id: Mapped[int] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE"), primary_key=True
    )
