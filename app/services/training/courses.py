"""Courses: the list on the training page, and creating or editing one with its rules checked.

A course code is unique without regard to case, since imports and people find a course by its
code however it is typed. Changing a course's validity does not rewrite records already logged:
each record keeps the valid-until it was given when the person passed.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.engine import STALE_MESSAGE
from app.db.models import Course, ProductFamily, TrainingRecord
from app.domain.columns import Column, Kind
from app.domain.course_form import COURSE_FIELDS, check_course
from app.domain.errors import ConflictError, InputError, NotFoundError
from app.domain.partner_form import valid_or_raise


@dataclass(frozen=True, slots=True)
class CourseRow:
    id: int
    code: str
    title: str
    family: str | None
    certifies: bool
    valid_months: int | None
    cost_per_seat: Decimal | None
    currency: str | None
    records: int
    version: int

    @property
    def label(self) -> str:
        """How a course is named in a chooser: ``CB-200 · Cloud Backup Certified Engineer``."""
        return f"{self.code} · {self.title}"

    @property
    def validity(self) -> str:
        if not self.certifies:
            return "—"
        if self.valid_months is None:
            return "Never expires"
        return "1 month" if self.valid_months == 1 else f"{self.valid_months} months"


COURSE_COLUMNS: tuple[Column[CourseRow], ...] = (
    Column("code", "Code", lambda r: r.code, width=10),
    Column("title", "Title", lambda r: r.title, width=40),
    Column("family", "Product family", lambda r: r.family, width=20),
    Column("certifies", "Certifies", lambda r: r.certifies, Kind.BOOL, width=9),
    Column("validity", "Valid for", lambda r: r.validity, width=12),
    Column(
        "cost_per_seat",
        "Cost per seat",
        lambda r: r.cost_per_seat,
        Kind.MONEY,
        lambda r: r.currency,
        width=12,
    ),
    Column("records", "Records", lambda r: r.records, Kind.INTEGER, width=8),
)


def list_courses(session: Session, ids: Collection[int] | None = None) -> list[CourseRow]:
    """Every course (or those of ``ids``) with how many training records it has, by code."""
    counts = (
        select(TrainingRecord.course_id, func.count().label("n"))
        .group_by(TrainingRecord.course_id)
        .subquery()
    )
    query = (
        select(
            Course.id,
            Course.code,
            Course.title,
            ProductFamily.name,
            Course.certifies,
            Course.valid_months,
            Course.cost_per_seat,
            Course.currency,
            func.coalesce(counts.c.n, 0),
            Course.version,
        )
        .outerjoin(ProductFamily, ProductFamily.id == Course.family_id)
        .outerjoin(counts, counts.c.course_id == Course.id)
        .order_by(Course.code)
    )
    if ids is not None:
        query = query.where(Course.id.in_(list(ids)))
    return [CourseRow(*row) for row in session.execute(query)]


def get_course(session: Session, course_id: int) -> CourseRow:
    """One course as a form opens it; ``version`` is what a save checks against."""
    for row in list_courses(session, [course_id]):
        return row
    raise NotFoundError(f"Course {course_id} no longer exists; it may have been deleted.")


def family_names(session: Session) -> list[str]:
    """The product families a course can belong to, by name."""
    return list(session.scalars(select(ProductFamily.name).order_by(ProductFamily.name)))


def create_course(session: Session, raw: Mapping[str, object]) -> int:
    """A new course from ``raw`` (field → typed value or text); returns its id."""
    values = valid_or_raise(check_course(raw))
    course = Course()
    _apply(session, course, values)
    session.add(course)
    session.flush()
    return course.id


def update_course(
    session: Session, opened: CourseRow, raw: Mapping[str, object], overwrite: bool = False
) -> None:
    """Save ``raw`` over the course read as ``opened``; a ``ConflictError`` lists what someone
    else changed since, unless ``overwrite``."""
    values = valid_or_raise(check_course(raw))
    course = session.get(Course, opened.id)
    if course is None:
        raise NotFoundError(f"Course {opened.code} was deleted by someone else; nothing was saved.")
    if course.version != opened.version and not overwrite:
        stored = get_course(session, opened.id)
        changed = {
            name: (getattr(opened, name), getattr(stored, name))
            for name in COURSE_FIELDS
            if getattr(opened, name) != getattr(stored, name)
        }
        raise ConflictError(STALE_MESSAGE, changed)
    _apply(session, course, values)
    session.flush()


def _apply(session: Session, course: Course, values: Mapping[str, object]) -> None:
    code = str(values["code"])
    clash = session.scalar(
        select(Course.code).where(
            func.lower(Course.code) == code.lower(),
            Course.id != course.id if course.id is not None else Course.id.is_not(None),
        )
    )
    if clash is not None:
        raise InputError(f"Course code {clash} is already used; choose another code.")
    course.code = code
    course.title = str(values["title"])
    course.family_id = _family_id(session, values.get("family"))
    course.certifies = bool(values["certifies"])
    months = values.get("valid_months")
    course.valid_months = months if isinstance(months, int) else None
    cost = values.get("cost_per_seat")
    course.cost_per_seat = cost if isinstance(cost, Decimal) else None
    currency = values.get("currency")
    course.currency = str(currency) if currency is not None else None


def _family_id(session: Session, name: object) -> int | None:
    if name is None:
        return None
    family_id = session.scalar(select(ProductFamily.id).where(ProductFamily.name == name))
    if family_id is None:
        raise InputError(f"There is no product family called {name}; choose one from the list.")
    return family_id
