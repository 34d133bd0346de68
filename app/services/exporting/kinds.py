"""What ``export KIND FILE`` writes for each kind of SPEC.md (partners and overlaps have their own).

Contacts, courses, training, claims and leads are written under the very headers their import reads,
with partners named by their Partner ID where they have one, so a workbook exported here and
imported again changes nothing; deals too (``deal_rows``). Quotes are written as their page shows
them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import (
    Account,
    Claim,
    Contact,
    Course,
    DirectRep,
    Lead,
    Partner,
    ProductFamily,
    TrainingRecord,
)
from app.domain.columns import Column, Kind
from app.domain.enums import ClaimStatus, ContactRole, LeadStatus
from app.domain.leads.rules import grade_key
from app.services.claims.accounts import DIRECT
from app.services.exporting.deal_rows import DEAL_EXPORT_COLUMNS, deal_export_rows
from app.services.program.rates import RATE_EXPORT_COLUMNS, export_rates
from app.services.program.spend_items import SPEND_EXPORT_COLUMNS, export_spend
from app.services.quotes.rows import QUOTE_COLUMNS, list_quotes


@dataclass(frozen=True, slots=True)
class ContactExportRow:
    partner: str
    name: str
    email: str | None
    phone: str | None
    role: ContactRole
    active: bool


@dataclass(frozen=True, slots=True)
class CourseExportRow:
    code: str
    title: str
    family: str | None
    certifies: bool
    valid_months: int | None
    cost_per_seat: Decimal | None
    currency: str | None


@dataclass(frozen=True, slots=True)
class TrainingExportRow:
    contact: str
    partner: str
    course: str
    completed_on: date
    passed: bool
    valid_until: date | None


@dataclass(frozen=True, slots=True)
class ClaimExportRow:
    partner: str
    account: str
    website: str | None
    country: str | None
    claimed_on: date
    valid_until: date
    status: ClaimStatus
    deal_amount: Decimal | None
    currency: str | None
    commission_pct: Decimal


@dataclass(frozen=True, slots=True)
class AccountExportRow:
    name: str
    website: str | None
    country: str | None
    city: str | None
    named_account: bool
    rep: str | None


@dataclass(frozen=True, slots=True)
class LeadExportRow:
    lead_code: str
    company: str
    website: str | None
    country: str
    contact: str | None
    email: str | None
    family: str | None
    campaign: str | None
    grade: str | None
    created_on: date
    status: LeadStatus


CONTACT_EXPORT_COLUMNS: tuple[Column[ContactExportRow], ...] = (
    Column("partner", "Partner", lambda r: r.partner, width=16),
    Column("name", "Name", lambda r: r.name, width=24),
    Column("email", "Email", lambda r: r.email, width=28),
    Column("phone", "Phone", lambda r: r.phone, width=18),
    Column("role", "Role", lambda r: r.role, width=12),
    Column("active", "Active", lambda r: r.active, Kind.BOOL, width=8),
)

COURSE_EXPORT_COLUMNS: tuple[Column[CourseExportRow], ...] = (
    Column("code", "Course code", lambda r: r.code, width=12),
    Column("title", "Title", lambda r: r.title, width=36),
    Column("family", "Product family", lambda r: r.family, width=20),
    Column("certifies", "Certifies", lambda r: r.certifies, Kind.BOOL, width=9),
    Column("valid_months", "Valid for months", lambda r: r.valid_months, Kind.INTEGER, width=10),
    Column("cost_per_seat", "Cost per seat", lambda r: r.cost_per_seat, Kind.MONEY,
           lambda r: r.currency, width=12),
    Column("currency", "Currency", lambda r: r.currency, width=8),
)  # fmt: skip

TRAINING_EXPORT_COLUMNS: tuple[Column[TrainingExportRow], ...] = (
    Column("contact", "Contact email or name", lambda r: r.contact, width=28),
    Column("partner", "Partner", lambda r: r.partner, width=16),
    Column("course", "Course code", lambda r: r.course, width=12),
    Column("completed_on", "Completed on", lambda r: r.completed_on, Kind.DATE, width=12),
    Column("passed", "Passed", lambda r: r.passed, Kind.BOOL, width=8),
    Column("valid_until", "Valid until", lambda r: r.valid_until, Kind.DATE, width=12),
)

CLAIM_EXPORT_COLUMNS: tuple[Column[ClaimExportRow], ...] = (
    Column("partner", "Partner", lambda r: r.partner, width=18),
    Column("account", "Account", lambda r: r.account, width=28),
    Column("website", "Website", lambda r: r.website, width=24),
    Column("country", "Country", lambda r: r.country, width=8),
    Column("claimed_on", "Claimed on", lambda r: r.claimed_on, Kind.DATE, width=12),
    Column("valid_until", "Valid until", lambda r: r.valid_until, Kind.DATE, width=12),
    Column("status", "Status", lambda r: r.status, width=10),
    Column("deal_amount", "Deal amount", lambda r: r.deal_amount, Kind.MONEY, lambda r: r.currency),
    Column("currency", "Currency", lambda r: r.currency, width=8),
    Column("commission_pct", "Commission %", lambda r: r.commission_pct, Kind.PERCENT, width=12),
)


ACCOUNT_EXPORT_COLUMNS: tuple[Column[AccountExportRow], ...] = (
    Column("name", "Name", lambda r: r.name, width=30),
    Column("website", "Website", lambda r: r.website, width=24),
    Column("country", "Country", lambda r: r.country, width=8),
    Column("city", "City", lambda r: r.city, width=16),
    Column("named_account", "Named account", lambda r: r.named_account, Kind.BOOL, width=9),
    Column("rep", "Direct rep", lambda r: r.rep, width=20),
)


LEAD_EXPORT_COLUMNS: tuple[Column[LeadExportRow], ...] = (
    Column("lead_code", "Lead ID", lambda r: r.lead_code, width=12),
    Column("company", "Company", lambda r: r.company, width=28),
    Column("website", "Website", lambda r: r.website, width=24),
    Column("country", "Country", lambda r: r.country, width=8),
    Column("contact", "Contact", lambda r: r.contact, width=20),
    Column("email", "Email", lambda r: r.email, width=28),
    Column("family", "Product family", lambda r: r.family, width=18),
    Column("campaign", "Campaign", lambda r: r.campaign, width=20),
    Column("grade", "Grade", lambda r: grade_key(r.grade), width=7),
    Column("created_on", "Created on", lambda r: r.created_on, Kind.DATE, width=12),
    Column("status", "Status", lambda r: r.status, width=11),
)


def _partner_ref() -> Any:
    """How an export names a partner: its Partner ID, else its name (as the imports resolve)."""
    return func.coalesce(Partner.partner_code, Partner.name)


def contact_rows(session: Session) -> list[ContactExportRow]:
    statement = (
        select(_partner_ref(), Contact.name, Contact.email, Contact.phone, Contact.role,
               Contact.active)
        .join(Partner, Partner.id == Contact.partner_id)
        .order_by(Partner.name_key, Partner.id, Contact.name, Contact.id)
    )  # fmt: skip
    return [ContactExportRow(*row) for row in session.execute(statement)]


def course_rows(session: Session) -> list[CourseExportRow]:
    statement = (
        select(Course.code, Course.title, ProductFamily.name, Course.certifies,
               Course.valid_months, Course.cost_per_seat, Course.currency)
        .outerjoin(ProductFamily, ProductFamily.id == Course.family_id)
        .order_by(Course.code)
    )  # fmt: skip
    return [CourseExportRow(*row) for row in session.execute(statement)]


def training_rows(session: Session) -> list[TrainingExportRow]:
    statement = (
        select(func.coalesce(Contact.email, Contact.name), _partner_ref(), Course.code,
               TrainingRecord.completed_on, TrainingRecord.passed, TrainingRecord.valid_until)
        .join(Contact, Contact.id == TrainingRecord.contact_id)
        .join(Partner, Partner.id == Contact.partner_id)
        .join(Course, Course.id == TrainingRecord.course_id)
        .order_by(Partner.name_key, Contact.name, TrainingRecord.completed_on, Course.code)
    )  # fmt: skip
    return [TrainingExportRow(*row) for row in session.execute(statement)]


def claim_rows(session: Session) -> list[ClaimExportRow]:
    statement = (
        select(Claim.partner_id, _partner_ref(), Account.name, Account.website, Account.country,
               Claim.claimed_on, Claim.valid_until, Claim.status, Claim.deal_amount,
               Claim.currency, Claim.commission_pct)
        .join(Account, Account.id == Claim.account_id)
        .outerjoin(Partner, Partner.id == Claim.partner_id)
        .order_by(Claim.claimed_on.desc(), Claim.id.desc())
    )  # fmt: skip
    return [
        ClaimExportRow(ref if partner_id is not None else DIRECT, *rest)
        for partner_id, ref, *rest in session.execute(statement)
    ]


def account_rows(session: Session) -> list[AccountExportRow]:
    """Every account not merged away, under the columns the accounts import reads."""
    statement = (
        select(Account.name, Account.website, Account.country, Account.city,
               Account.named_account, DirectRep.name)
        .outerjoin(DirectRep, DirectRep.id == Account.owner_rep_id)
        .where(Account.merged_into_id.is_(None))
        .order_by(Account.name, Account.id)
    )  # fmt: skip
    return [AccountExportRow(*row) for row in session.execute(statement)]


def lead_rows(session: Session) -> list[LeadExportRow]:
    """Every lead under the columns the leads import reads (and its status beside them, which
    the import leaves alone), oldest first."""
    statement = (
        select(Lead.lead_code, Lead.company, Lead.website, Lead.country, Lead.contact,
               Lead.email, ProductFamily.name, Lead.campaign, Lead.grade, Lead.created_on,
               Lead.status)
        .outerjoin(ProductFamily, ProductFamily.id == Lead.family_id)
        .order_by(Lead.created_on, Lead.lead_code)
    )  # fmt: skip
    return [LeadExportRow(*row) for row in session.execute(statement)]


@dataclass(frozen=True)
class ExportKind:
    """One kind of export: its sheet title, noun, columns and how to read its rows."""

    title: str
    noun: tuple[str, str]  # one, many
    columns: Sequence[Column[Any]]
    rows: Callable[[Session], Sequence[Any]]


EXPORT_KINDS: dict[str, ExportKind] = {
    "contacts": ExportKind(
        "Contacts", ("contact", "contacts"), CONTACT_EXPORT_COLUMNS, contact_rows
    ),
    "courses": ExportKind("Courses", ("course", "courses"), COURSE_EXPORT_COLUMNS, course_rows),
    "training": ExportKind(
        "Training",
        ("training record", "training records"),
        TRAINING_EXPORT_COLUMNS,
        training_rows,
    ),
    "accounts": ExportKind(
        "Accounts", ("account", "accounts"), ACCOUNT_EXPORT_COLUMNS, account_rows
    ),
    "claims": ExportKind("Claims", ("claim", "claims"), CLAIM_EXPORT_COLUMNS, claim_rows),
    "leads": ExportKind("Leads", ("lead", "leads"), LEAD_EXPORT_COLUMNS, lead_rows),
    "deals": ExportKind("Deals", ("deal", "deals"), DEAL_EXPORT_COLUMNS, deal_export_rows),
    "quotes": ExportKind("Quotes", ("quote", "quotes"), QUOTE_COLUMNS, list_quotes),
    "fx": ExportKind("Exchange rates", ("rate", "rates"), RATE_EXPORT_COLUMNS, export_rates),
    "spend": ExportKind(
        "Program spend", ("spend item", "spend items"), SPEND_EXPORT_COLUMNS, export_spend
    ),
}
