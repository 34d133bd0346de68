"""Leads from campaigns and every assignment of a lead to a recipient (SPEC.md, "Leads and fair
distribution"). An assignment is never deleted: the lead board counts what happened to each one.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Base, Versioned
from app.db.models._columns import enum_column_type
from app.db.models.accounts import Account, Claim
from app.db.models.catalog import ProductFamily
from app.db.models.deals import Deal
from app.db.models.partners import Partner
from app.domain.enums import AssignmentOutcome, LeadStatus

#: A lead's grade is one of these letters or NULL (written ``none``).
_GRADE_CHECK = "grade IS NULL OR grade IN ('A', 'B', 'C', 'D')"


class Lead(Versioned, Base):
    """A prospective end customer from a campaign, with where it stands now."""

    __tablename__ = "lead"
    __table_args__ = (
        CheckConstraint(_GRADE_CHECK, name="grade"),
        CheckConstraint(
            "nurture_grade IS NULL OR nurture_grade IN ('A', 'B', 'C', 'D', 'none')",
            name="nurture_grade",
        ),
        Index("ix_lead_status_created_on", "status", "created_on"),
        Index("ix_lead_name_key_country", "name_key", "country"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    lead_code: Mapped[str] = mapped_column(String(60), unique=True, doc="The Lead ID")
    company: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), doc="Identity key, app.domain.names")
    website: Mapped[str | None] = mapped_column(String(250))
    domain: Mapped[str | None] = mapped_column(
        String(250), index=True, doc="Company domain key, from the website or else the e-mail"
    )
    email: Mapped[str | None] = mapped_column(String(250))
    country: Mapped[str] = mapped_column(String(2), index=True)
    contact: Mapped[str | None] = mapped_column(String(200))
    family_id: Mapped[int | None] = mapped_column(
        ForeignKey("product_family.id", ondelete="RESTRICT"), index=True
    )
    campaign: Mapped[str | None] = mapped_column(String(200), index=True)
    grade: Mapped[str | None] = mapped_column(String(4), doc="A, B, C, D or NULL (none)")
    created_on: Mapped[date]
    status: Mapped[LeadStatus] = mapped_column(
        enum_column_type(LeadStatus, "lead_status"), default=LeadStatus.NEW
    )
    status_reason: Mapped[str | None] = mapped_column(
        Text, doc="Why it is unroutable, or the reason of its last decline or loss"
    )
    nurture_grade: Mapped[str | None] = mapped_column(
        String(4), doc="The grade it had when put in nurture; routed again only if it changes"
    )
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id", ondelete="SET NULL"), index=True
    )
    claim_id: Mapped[int | None] = mapped_column(ForeignKey("claim.id", ondelete="SET NULL"))
    deal_id: Mapped[int | None] = mapped_column(ForeignKey("deal.id", ondelete="SET NULL"))

    family: Mapped[ProductFamily | None] = relationship()
    account: Mapped[Account | None] = relationship()
    claim: Mapped[Claim | None] = relationship()
    deal: Mapped[Deal | None] = relationship()
    assignments: Mapped[list[LeadAssignment]] = relationship(
        back_populates="lead", order_by="LeadAssignment.id"
    )


class LeadAssignment(Versioned, Base):
    """A lead given to a partner, or to the direct team when ``partner_id`` is NULL, on a date,
    for a reason; kept for good with how it ended."""

    __tablename__ = "lead_assignment"
    __table_args__ = (
        CheckConstraint(_GRADE_CHECK, name="grade"),
        CheckConstraint("accepted_on IS NULL OR accepted_on >= assigned_on", name="accepted_on"),
        CheckConstraint("ended_on IS NULL OR ended_on >= assigned_on", name="ended_on"),
        Index("ix_lead_assignment_partner_assigned_on", "partner_id", "assigned_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    lead_id: Mapped[int] = mapped_column(ForeignKey("lead.id", ondelete="CASCADE"), index=True)
    partner_id: Mapped[int | None] = mapped_column(
        ForeignKey("partner.id", ondelete="RESTRICT"), doc="NULL: the direct team"
    )
    assigned_on: Mapped[date] = mapped_column(index=True)
    grade: Mapped[str | None] = mapped_column(String(4), doc="The lead's grade when assigned")
    reason: Mapped[str] = mapped_column(
        String(60), doc="named account, registered, grade A, load N/W or by hand"
    )
    outcome: Mapped[AssignmentOutcome] = mapped_column(
        enum_column_type(AssignmentOutcome, "assignment_outcome"), default=AssignmentOutcome.OPEN
    )
    accepted_on: Mapped[date | None]
    ended_on: Mapped[date | None]
    end_reason: Mapped[str | None] = mapped_column(Text, doc="The decline or loss reason")

    lead: Mapped[Lead] = relationship(back_populates="assignments")
    partner: Mapped[Partner | None] = relationship()
