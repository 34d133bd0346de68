"""Certifications running out soon: who must re-certify in the next N days, to export and chase.

A certification counts as running out only if its holder has nothing better in the same family:
someone who already re-certified is not on the list. N is the shared business setting
``expiring_soon_days`` (60 unless changed), so everyone using the database sees the same list;
changing it on the page stores it for the next time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from app.db.models import Contact, Course, Partner, ProductFamily, Setting, TrainingRecord
from app.domain.columns import Column, Kind
from app.domain.enums import PartnerStatus
from app.domain.errors import InputError
from app.services.business_settings import load_business_settings

#: The longest window the page offers: a year ahead is already a plan, not a warning.
MAX_DAYS = 365


@dataclass(frozen=True, slots=True)
class ExpiringRow:
    id: int
    contact: str
    email: str | None
    partner_id: int
    partner: str
    course_code: str
    course: str
    family: str | None
    valid_until: date
    days_left: int


EXPIRING_COLUMNS: tuple[Column[ExpiringRow], ...] = (
    Column("valid_until", "Valid until", lambda r: r.valid_until, Kind.DATE, width=11),
    Column("days_left", "Days left", lambda r: r.days_left, Kind.INTEGER, width=9),
    Column("contact", "Person", lambda r: r.contact, width=22),
    Column("partner", "Partner", lambda r: r.partner, width=26),
    Column("family", "Product family", lambda r: r.family, width=18),
    Column("course_code", "Course code", lambda r: r.course_code, width=11),
    Column("course", "Course", lambda r: r.course, width=34),
    Column("email", "E-mail", lambda r: r.email, width=28),
)


def expiring_certifications(session: Session, today: date, days: int) -> list[ExpiringRow]:
    """Valid certifications of active people whose valid-until falls within ``days`` of
    ``today`` (today included), soonest first, without those already renewed."""
    query = _expiring(today, days).order_by(
        TrainingRecord.valid_until, Partner.name, Contact.name, TrainingRecord.id
    )
    rows = []
    for rid, who, email, pid, partner, code, title, family, until in session.execute(query):
        assert until is not None  # the query asks for a valid-until in the window
        left = (until - today).days
        rows.append(ExpiringRow(rid, who, email, pid, partner, code, title, family, until, left))
    return rows


def count_expiring(session: Session, today: date, days: int) -> int:
    """How many rows ``expiring_certifications`` lists (the dashboard's figure): the same
    query, so the two never disagree."""
    counted = select(func.count()).select_from(_expiring(today, days).subquery())
    return session.scalar(counted) or 0


#: What the query gives per certification (see ``expiring_certifications``).
ExpiringSelect = Select[int, str, str | None, int, str, str, str, str, date | None]


def _expiring(today: date, days: int) -> ExpiringSelect:
    """The one query behind the list and the count: certifications of active people at
    partners that are not terminated, ending within ``days`` of ``today``, not yet renewed."""
    later = aliased(TrainingRecord)
    later_course = aliased(Course)
    renewed = (
        select(later.id)
        .join(later_course, later_course.id == later.course_id)
        .where(
            later.contact_id == TrainingRecord.contact_id,
            later.passed.is_(True),
            later_course.certifies.is_(True),
            later_course.family_id == Course.family_id,
            or_(later.valid_until.is_(None), later.valid_until > TrainingRecord.valid_until),
        )
        .exists()
    )
    return (
        select(
            TrainingRecord.id,
            Contact.name,
            Contact.email,
            Partner.id,
            Partner.name,
            Course.code,
            Course.title,
            ProductFamily.name,
            TrainingRecord.valid_until,
        )
        .join(Contact, Contact.id == TrainingRecord.contact_id)
        .join(Partner, Partner.id == Contact.partner_id)
        .join(Course, Course.id == TrainingRecord.course_id)
        .outerjoin(ProductFamily, ProductFamily.id == Course.family_id)
        .where(
            TrainingRecord.passed.is_(True),
            Course.certifies.is_(True),
            Contact.active.is_(True),
            Partner.status != PartnerStatus.TERMINATED,
            and_(
                TrainingRecord.valid_until >= today,
                TrainingRecord.valid_until <= today + timedelta(days=days),
            ),
            ~renewed,
        )
    )


def expiring_days(session: Session) -> int:
    """The window the page and the matrix use: the shared setting, 60 unless changed."""
    return load_business_settings(session).expiring_soon_days


def save_expiring_days(session: Session, days: int) -> None:
    """Remember a new window for everyone (the business setting ``expiring_soon_days``)."""
    if not 1 <= days <= MAX_DAYS:
        raise InputError(f"Choose a window between 1 and {MAX_DAYS} days.")
    setting = session.get(Setting, "expiring_soon_days")
    if setting is None:
        session.add(Setting(key="expiring_soon_days", value=str(days)))
    elif setting.value != str(days):
        setting.value = str(days)
    session.flush()
