"""Partners, their tiers and the people who work there."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Base, Versioned
from app.db.models._columns import enum_column_type, percent_check
from app.db.types import Percent
from app.domain.enums import ContactRole, PartnerStatus, PartnerType


class Tier(Versioned, Base):
    """A partner level with its discount off list price."""

    __tablename__ = "tier"
    __table_args__ = (
        percent_check("discount_pct"),
        CheckConstraint("lead_weight IS NULL OR lead_weight >= 0", name="lead_weight"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    discount_pct: Mapped[Decimal] = mapped_column(Percent, default=Decimal(0))
    rank: Mapped[int] = mapped_column(default=0, doc="Sort order, lowest level first")
    lead_weight: Mapped[int | None] = mapped_column(
        doc="Its share of partner leads (SPEC.md lead rules); NULL: not listed, weighs 1"
    )


class Partner(Versioned, Base):
    """A company that sells our products."""

    __tablename__ = "partner"
    __table_args__ = (
        Index("ix_partner_name_key_country", "name_key", "country"),
        Index("ix_partner_name", "name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_code: Mapped[str | None] = mapped_column(
        String(40), unique=True, doc="The 'Partner ID' of SPEC.md, as the user's own lists give it"
    )
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), doc="Identity key, app.domain.names")
    legal_name: Mapped[str | None] = mapped_column(String(250))
    type: Mapped[PartnerType] = mapped_column(
        enum_column_type(PartnerType, "partner_type"), default=PartnerType.RESELLER
    )
    tier_id: Mapped[int | None] = mapped_column(
        ForeignKey("tier.id", ondelete="RESTRICT"), index=True
    )
    status: Mapped[PartnerStatus] = mapped_column(
        enum_column_type(PartnerStatus, "partner_status"),
        default=PartnerStatus.PROSPECT,
        index=True,
    )
    country: Mapped[str | None] = mapped_column(String(2), index=True)
    city: Mapped[str | None] = mapped_column(String(120))
    website: Mapped[str | None] = mapped_column(String(250))
    email: Mapped[str | None] = mapped_column(String(250))
    phone: Mapped[str | None] = mapped_column(String(60))
    account_manager: Mapped[str | None] = mapped_column(String(120), index=True)
    partner_since: Mapped[date | None]
    territories: Mapped[str | None] = mapped_column(
        String(400), doc="Countries it takes leads in: ISO codes, sorted, ';'-joined; NULL: its own"
    )
    notes: Mapped[str | None] = mapped_column(Text)

    tier: Mapped[Tier | None] = relationship()
    contacts: Mapped[list[Contact]] = relationship(back_populates="partner")


class Contact(Versioned, Base):
    """A person at a partner: the seller whose training matters."""

    __tablename__ = "contact"

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(
        ForeignKey("partner.id", ondelete="RESTRICT"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(250), index=True)
    phone: Mapped[str | None] = mapped_column(String(60))
    role: Mapped[ContactRole] = mapped_column(
        enum_column_type(ContactRole, "contact_role"), default=ContactRole.SALES
    )
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    partner: Mapped[Partner] = relationship(back_populates="contacts")
