"""Joint deals: an opportunity with its parties, their commissions, and an activity log."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Base, Versioned
from app.db.models._columns import currency_check, enum_column_type, non_negative, percent_check
from app.db.models.accounts import Account, Claim, DirectRep
from app.db.models.catalog import ProductFamily
from app.db.models.partners import Partner
from app.db.types import Money, Percent
from app.domain.enums import ActivityKind, DealStage, Paper, PartyRole


class Deal(Versioned, Base):
    __tablename__ = "deal"
    __table_args__ = (currency_check(), non_negative("amount"))

    id: Mapped[int] = mapped_column(primary_key=True)
    deal_code: Mapped[str | None] = mapped_column(
        String(40), unique=True, doc="The 'Deal ID' of SPEC.md, as the user's own lists give it"
    )
    name: Mapped[str] = mapped_column(String(200))
    account_id: Mapped[int] = mapped_column(
        ForeignKey("account.id", ondelete="RESTRICT"), index=True
    )
    claim_id: Mapped[int | None] = mapped_column(
        ForeignKey("claim.id", ondelete="SET NULL"), index=True, doc="The registration behind it"
    )
    stage: Mapped[DealStage] = mapped_column(
        enum_column_type(DealStage, "deal_stage"), default=DealStage.REGISTERED, index=True
    )
    amount: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    currency: Mapped[str] = mapped_column(String(3))
    expected_close: Mapped[date | None]
    closed_on: Mapped[date | None] = mapped_column(
        index=True, doc="The day it was won or lost; NULL while it is open"
    )
    paper: Mapped[Paper] = mapped_column(enum_column_type(Paper, "paper"), default=Paper.PARTNER)

    account: Mapped[Account] = relationship()
    claim: Mapped[Claim | None] = relationship()
    parties: Mapped[list[DealParty]] = relationship(
        back_populates="deal", cascade="all, delete-orphan"
    )
    activities: Mapped[list[DealActivity]] = relationship(
        back_populates="deal", cascade="all, delete-orphan", order_by="DealActivity.occurred_on"
    )
    families: Mapped[list[DealFamily]] = relationship(
        back_populates="deal", cascade="all, delete-orphan"
    )


class DealFamily(Base):
    """A product family a deal is about: the certifications its partners should hold."""

    __tablename__ = "deal_family"

    deal_id: Mapped[int] = mapped_column(
        ForeignKey("deal.id", ondelete="CASCADE"), primary_key=True
    )
    family_id: Mapped[int] = mapped_column(
        ForeignKey("product_family.id", ondelete="RESTRICT"), primary_key=True, index=True
    )

    deal: Mapped[Deal] = relationship(back_populates="families")
    family: Mapped[ProductFamily] = relationship()


class DealParty(Versioned, Base):
    """A partner or a direct rep on a deal, with a role and the commission they expect."""

    __tablename__ = "deal_party"
    __table_args__ = (
        CheckConstraint("(partner_id IS NULL) <> (direct_rep_id IS NULL)", name="partner_or_rep"),
        percent_check("commission_pct"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    deal_id: Mapped[int] = mapped_column(ForeignKey("deal.id", ondelete="CASCADE"), index=True)
    partner_id: Mapped[int | None] = mapped_column(
        ForeignKey("partner.id", ondelete="RESTRICT"), index=True
    )
    direct_rep_id: Mapped[int | None] = mapped_column(
        ForeignKey("direct_rep.id", ondelete="RESTRICT"), index=True
    )
    role: Mapped[PartyRole] = mapped_column(enum_column_type(PartyRole, "party_role"))
    commission_pct: Mapped[Decimal] = mapped_column(Percent, default=Decimal(0))

    deal: Mapped[Deal] = relationship(back_populates="parties")
    partner: Mapped[Partner | None] = relationship()
    direct_rep: Mapped[DirectRep | None] = relationship()


class DealActivity(Versioned, Base):
    """A dated call, meeting, e-mail or note on a deal, with the next step."""

    __tablename__ = "deal_activity"

    id: Mapped[int] = mapped_column(primary_key=True)
    deal_id: Mapped[int] = mapped_column(ForeignKey("deal.id", ondelete="CASCADE"), index=True)
    occurred_on: Mapped[date]
    kind: Mapped[ActivityKind] = mapped_column(enum_column_type(ActivityKind, "activity_kind"))
    summary: Mapped[str] = mapped_column(Text)
    next_step: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(String(120))

    deal: Mapped[Deal] = relationship(back_populates="activities")
