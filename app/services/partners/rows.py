"""Partners: the rows of the partners page and of its export."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import Contact, Partner, Tier
from app.domain.columns import Column, Kind
from app.domain.enums import PartnerStatus, PartnerType


@dataclass(frozen=True, slots=True)
class PartnerRow:
    id: int
    partner_code: str | None
    name: str
    legal_name: str | None
    type: PartnerType
    tier: str | None
    tier_discount_pct: Decimal | None
    status: PartnerStatus
    country: str | None
    city: str | None
    website: str | None
    email: str | None
    phone: str | None
    account_manager: str | None
    partner_since: date | None
    territories: str | None
    notes: str | None
    contacts: int
    version: int


PARTNER_COLUMNS: tuple[Column[PartnerRow], ...] = (
    Column("partner_code", "Partner ID", lambda r: r.partner_code, width=10),
    Column("name", "Name", lambda r: r.name, width=30),
    Column("legal_name", "Legal name", lambda r: r.legal_name, width=30),
    Column("type", "Type", lambda r: r.type, width=11),
    Column("tier", "Tier", lambda r: r.tier, width=10),
    Column("status", "Status", lambda r: r.status, width=10),
    Column("country", "Country", lambda r: r.country, width=8),
    Column("city", "City", lambda r: r.city, width=16),
    Column("website", "Website", lambda r: r.website, width=24),
    Column("email", "Email", lambda r: r.email, width=28),
    Column("phone", "Phone", lambda r: r.phone, width=18),
    Column("account_manager", "Account manager", lambda r: r.account_manager, width=18),
    Column("partner_since", "Partner since", lambda r: r.partner_since, Kind.DATE, width=12),
    Column("territories", "Territories", lambda r: r.territories, width=14),
    Column("contacts", "Contacts", lambda r: r.contacts, Kind.INTEGER, width=9),
    Column("notes", "Notes", lambda r: r.notes, width=30),
)


def list_partners(session: Session) -> list[PartnerRow]:
    """Every partner as a light row, ordered by name, with its tier and number of contacts."""
    contact_counts = (
        select(Contact.partner_id, func.count(Contact.id).label("n"))
        .where(Contact.active.is_(True))
        .group_by(Contact.partner_id)
        .subquery()
    )
    query = (
        partner_rows_select(func.coalesce(contact_counts.c.n, 0))
        .outerjoin(contact_counts, contact_counts.c.partner_id == Partner.id)
        .order_by(Partner.name_key, Partner.name, Partner.id)  # as the partners page sorts
    )
    return [PartnerRow(**row._asdict()) for row in session.execute(query)]


def partner_rows_select(contacts: Any) -> Any:
    """The columns of ``PartnerRow`` (``contacts`` counts the active contacts), tier joined."""
    return select(
        Partner.id,
        Partner.partner_code,
        Partner.name,
        Partner.legal_name,
        Partner.type,
        Tier.name.label("tier"),
        Tier.discount_pct.label("tier_discount_pct"),
        Partner.status,
        Partner.country,
        Partner.city,
        Partner.website,
        Partner.email,
        Partner.phone,
        Partner.account_manager,
        Partner.partner_since,
        Partner.territories,
        Partner.notes,
        contacts.label("contacts"),
        Partner.version,
    ).outerjoin(Tier, Tier.id == Partner.tier_id)
