"""Logging training: one person, or a whole class at once (people of one or more partners, one
course, one date, passed or not), written in one transaction.

Valid-until comes from the course (``app.domain.training.valid_until_for``), never from the
person typing. Logging the same person, course and date again does not add a second record: the
one there is brought up to date (passed or not), so a class can be logged twice safely.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.db.models import Contact, Course, Partner, TrainingRecord
from app.domain.columns import Column
from app.domain.enums import ContactRole
from app.domain.errors import ConflictError, InputError
from app.domain.training import completion_problem, valid_until_for

#: How many people a search shows at most; typing more narrows it.
FIND_LIMIT = 200


@dataclass(frozen=True, slots=True)
class ContactChoice:
    """A person who can be put in a class."""

    id: int
    name: str
    email: str | None
    role: ContactRole
    partner_id: int
    partner: str

    @property
    def label(self) -> str:
        return f"{self.name} · {self.partner}"


CHOICE_COLUMNS: tuple[Column[ContactChoice], ...] = (
    Column("name", "Name", lambda r: r.name, width=18),
    Column("partner", "Partner", lambda r: r.partner, width=22),
    Column("role", "Role", lambda r: r.role, width=10),
    Column("email", "E-mail", lambda r: r.email, width=24),
)
#: The class shows fewer columns: it is a list to check, not to search.
CLASS_COLUMNS = CHOICE_COLUMNS[:3]


@dataclass(frozen=True)
class LogResult:
    added: int
    updated: int
    unchanged: int

    def summary(self, course: str) -> str:
        """One line for the status bar: what the log did."""
        parts = [f"{self.added} added"]
        if self.updated:
            parts.append(f"{self.updated} updated")
        if self.unchanged:
            parts.append(f"{self.unchanged} already logged")
        return f"Training in {course}: " + ", ".join(parts) + "."


def find_contacts(session: Session, text: str = "", limit: int = FIND_LIMIT) -> list[ContactChoice]:
    """Active people whose name, e-mail or partner's name contains every word of ``text``
    (any case), by partner then name; at most ``limit``."""
    query = (
        select(Contact.id, Contact.name, Contact.email, Contact.role, Partner.id, Partner.name)
        .join(Partner, Partner.id == Contact.partner_id)
        .where(Contact.active.is_(True))
        .order_by(Partner.name, Contact.name, Contact.id)
        .limit(limit)
    )
    for word in text.split():
        pattern = f"%{_escape(word.lower())}%"
        query = query.where(
            or_(
                func.lower(Contact.name).like(pattern, escape="\\"),
                func.lower(Contact.email).like(pattern, escape="\\"),
                func.lower(Partner.name).like(pattern, escape="\\"),
            )
        )
    return [ContactChoice(*row) for row in session.execute(query)]


def contacts_of_partners(session: Session, partner_ids: Collection[int]) -> list[ContactChoice]:
    """Every active person of these partners (to put a partner's whole team in a class)."""
    query = (
        select(Contact.id, Contact.name, Contact.email, Contact.role, Partner.id, Partner.name)
        .join(Partner, Partner.id == Contact.partner_id)
        .where(Contact.active.is_(True), Partner.id.in_(list(partner_ids)))
        .order_by(Partner.name, Contact.name, Contact.id)
    )
    return [ContactChoice(*row) for row in session.execute(query)]


def contacts_by_ids(session: Session, contact_ids: Collection[int]) -> list[ContactChoice]:
    """These people, if still active (to log training for the people of chosen records)."""
    query = (
        select(Contact.id, Contact.name, Contact.email, Contact.role, Partner.id, Partner.name)
        .join(Partner, Partner.id == Contact.partner_id)
        .where(Contact.active.is_(True), Contact.id.in_(list(contact_ids)))
        .order_by(Partner.name, Contact.name, Contact.id)
    )
    return [ContactChoice(*row) for row in session.execute(query)]


def _escape(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def log_training(
    session: Session,
    contact_ids: Collection[int],
    course_id: int,
    completed_on: date,
    passed: bool,
    today: date,
) -> LogResult:
    """Record that each of ``contact_ids`` completed the course on ``completed_on``.

    All or nothing: the caller's transaction holds every record. Raises ``InputError`` for no
    people, an unknown course or person, or a date after ``today``.
    """
    people = sorted(set(contact_ids))
    if not people:
        raise InputError("Choose at least one person who took the course.")
    if problem := completion_problem(completed_on, today):
        raise InputError(f"The completion date {completed_on.isoformat()} {problem}.")
    course = session.get(Course, course_id)
    if course is None:
        raise InputError("That course no longer exists; choose another one.")
    found = set(session.scalars(select(Contact.id).where(Contact.id.in_(people))))
    if len(found) != len(people):
        raise InputError("Some of the chosen people no longer exist; search for them again.")
    until = valid_until_for(completed_on, passed, course.certifies, course.valid_months)
    existing = {
        r.contact_id: r
        for r in session.scalars(
            select(TrainingRecord).where(
                TrainingRecord.course_id == course_id,
                TrainingRecord.completed_on == completed_on,
                TrainingRecord.contact_id.in_(people),
            )
        )
    }
    added = updated = unchanged = 0
    for contact_id in people:
        record = existing.get(contact_id)
        if record is None:
            session.add(
                TrainingRecord(
                    contact_id=contact_id,
                    course_id=course_id,
                    completed_on=completed_on,
                    passed=passed,
                    valid_until=until,
                )
            )
            added += 1
        elif record.passed != passed or record.valid_until != until:
            record.passed = passed
            record.valid_until = until
            updated += 1
        else:
            unchanged += 1
    try:
        session.flush()
    except IntegrityError:
        raise ConflictError(
            "Someone else logged the same training at the same moment; nothing was saved. "
            "Log the class again: records already there are not duplicated."
        ) from None
    return LogResult(added, updated, unchanged)


def delete_training(session: Session, record_ids: Collection[int]) -> int:
    """Remove training records logged by mistake; returns how many were removed.

    Records someone else already removed are simply not counted: the outcome the user wanted
    is there either way.
    """
    records = list(
        session.scalars(select(TrainingRecord).where(TrainingRecord.id.in_(list(record_ids))))
    )
    for record in records:
        session.delete(record)
    session.flush()
    return len(records)
