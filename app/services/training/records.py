"""Training records: the rows of the training page, with each record's state on a given day."""

from __future__ import annotations

from datetime import date
from typing import Final, cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Contact, Course, Partner, ProductFamily, TrainingRecord
from app.domain.columns import Column, Kind
from app.domain.training import EXPIRING_SOON_DAYS, TrainingState, training_state

#: A training record as the page lists it: one plain tuple, read by position through the names
#: below. Plain, not a dataclass: the page keeps one per record (some 70,000 for 16,000
#: partners), and CPython's cycle collector stops tracking a tuple of plain values at its first
#: look, where it walked every dataclass again in each full pass (40-60 ms a pass on two busy
#: cores, and a pass stops the window too). The state is kept as its value (``row_state``).
TrainingRow = tuple[
    int, int, str, str | None, int, str, str, str, str | None, bool, date, bool, date | None,
    str, int,
]  # fmt: skip
ID: Final = 0
CONTACT_ID: Final = 1
CONTACT: Final = 2
CONTACT_EMAIL: Final = 3
PARTNER_ID: Final = 4
PARTNER: Final = 5
COURSE_CODE: Final = 6
COURSE: Final = 7
FAMILY: Final = 8
CERTIFIES: Final = 9
COMPLETED_ON: Final = 10
PASSED: Final = 11
VALID_UNTIL: Final = 12
STATE: Final = 13
VERSION: Final = 14


def row_state(row: TrainingRow) -> TrainingState:
    return TrainingState(row[STATE])


TRAINING_COLUMNS: tuple[Column[TrainingRow], ...] = (
    Column("contact", "Contact", lambda r: r[CONTACT], width=20),
    Column("partner", "Partner", lambda r: r[PARTNER], width=24),
    Column("course_code", "Course code", lambda r: r[COURSE_CODE], width=9),
    Column("course", "Course", lambda r: r[COURSE], width=34),
    Column("state", "State", row_state, width=13),
    Column("valid_until", "Valid until", lambda r: r[VALID_UNTIL], Kind.DATE, width=11),
    Column("completed_on", "Completed", lambda r: r[COMPLETED_ON], Kind.DATE, width=11),
    Column("passed", "Passed", lambda r: r[PASSED], Kind.BOOL, width=7),
    Column("family", "Product family", lambda r: r[FAMILY], width=18),
    Column("contact_email", "Email", lambda r: r[CONTACT_EMAIL], width=26),
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
    # The query gives every field but the state, in the row's order, with the version last.
    return [
        cast(
            TrainingRow,
            (
                *row[:STATE],
                training_state(row[PASSED], row[VALID_UNTIL], day, soon_days).value,
                row[-1],  # the version
            ),
        )
        for row in session.execute(query)
    ]
