"""Training records: the rows of the training page, with each record's state on a given day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Contact, Course, Partner, ProductFamily, TrainingRecord
from app.domain.columns import Column, Kind
from app.domain.training import EXPIRING_SOON_DAYS, TrainingState, training_state


@dataclass(frozen=True, slots=True)
class TrainingRow:
    id: int
    contact_id: int
    contact: str
    contact_email: str | None
    partner_id: int
    partner: str
    course_code: str
    course: str
    family: str | None
    certifies: bool
    completed_on: date
    passed: bool
    valid_until: date | None
    state: TrainingState
    version: int


TRAINING_COLUMNS: tuple[Column[TrainingRow], ...] = (
    Column("contact", "Contact", lambda r: r.contact, width=20),
    Column("partner", "Partner", lambda r: r.partner, width=24),
    Column("course_code", "Course code", lambda r: r.course_code, width=9),
    Column("course", "Course", lambda r: r.course, width=34),
    Column("state", "State", lambda r: r.state, width=13),
    Column("valid_until", "Valid until", lambda r: r.valid_until, Kind.DATE, width=11),
    Column("completed_on", "Completed", lambda r: r.completed_on, Kind.DATE, width=11),
    Column("passed", "Passed", lambda r: r.passed, Kind.BOOL, width=7),
    Column("family", "Product family", lambda r: r.family, width=18),
    Column("contact_email", "Email", lambda r: r.contact_email, width=26),
)


def list_training(
    session: Session,
    *,
    today: date | None = None,
    soon_days: int = EXPIRING_SOON_DAYS,
) -> list[TrainingRow]:
    """Every training record with its contact, partner and course, newest completion first."""
    day = today or date.today()
    query = (
        select(
            TrainingRecord.id,
            Contact.id,
            Contact.name,
            Contact.email,
            Partner.id,
            Partner.name,
            Course.code,
            Course.title,
            ProductFamily.name,
            Course.certifies,
            TrainingRecord.completed_on,
            TrainingRecord.passed,
            TrainingRecord.valid_until,
            TrainingRecord.version,
        )
        .join(Contact, Contact.id == TrainingRecord.contact_id)
        .join(Partner, Partner.id == Contact.partner_id)
        .join(Course, Course.id == TrainingRecord.course_id)
        .outerjoin(ProductFamily, ProductFamily.id == Course.family_id)
        .order_by(TrainingRecord.completed_on.desc(), TrainingRecord.id)
    )
    rows = []
    for (
        record_id,
        contact_id,
        contact,
        email,
        partner_id,
        partner,
        code,
        title,
        family,
        certifies,
        completed_on,
        passed,
        valid_until,
        version,
    ) in session.execute(query):
        rows.append(
            TrainingRow(
                id=record_id,
                contact_id=contact_id,
                contact=contact,
                contact_email=email,
                partner_id=partner_id,
                partner=partner,
                course_code=code,
                course=title,
                family=family,
                certifies=certifies,
                completed_on=completed_on,
                passed=passed,
                valid_until=valid_until,
                state=training_state(passed, valid_until, day, soon_days),
                version=version,
            )
        )
    return rows
