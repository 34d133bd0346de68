"""Which product families a partner is not certified for: the warning every screen shows when a
partner appears with a family it cannot represent properly (a deal, a quote line).

A partner is certified in a family on a day when at least one of its *active* contacts holds a
*passed* record of a *certifying* course of that family whose valid-until is on or after that day
(no valid-until: it never expires). A family without any certifying course is never reported:
there is nothing a partner could hold, so warning about it would only teach users to ignore the
warning. One grouped SQL query answers for any number of partners and families.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, case, func, or_, select, true
from sqlalchemy.orm import Session

from app.db.models import Contact, Course, Partner, ProductFamily, TrainingRecord


@dataclass(frozen=True, slots=True)
class FamilyGap:
    """A family the partner holds no valid certification in on the day asked about."""

    partner_id: int
    family_id: int
    family_code: str
    family_name: str
    #: The latest valid-until among the partner's lapsed certifications; None: never certified.
    lapsed_on: date | None

    @property
    def message(self) -> str:
        """One line for a warning banner or tooltip."""
        if self.lapsed_on is None:
            return f"No one at this partner is certified for {self.family_name}."
        return (
            f"The partner's {self.family_name} certification lapsed on "
            f"{self.lapsed_on.isoformat()}; no one holds a valid one."
        )


def uncertified_families(
    session: Session, partner_id: int, family_ids: Iterable[int], on: date
) -> list[FamilyGap]:
    """The families of ``family_ids`` that ``partner_id`` is not certified for on ``on``,
    sorted by family name. Unknown ids and families without a certifying course are left out."""
    found = missing_certifications(session, [partner_id], family_ids, on)
    return found.get(partner_id, [])


def uncertified_family_names(
    session: Session, partner_id: int, family_names: Iterable[str], on: date
) -> list[FamilyGap]:
    """As ``uncertified_families`` for families given by name (quote lines keep the name)."""
    names = {n for n in family_names if n}
    if not names:
        return []
    ids = session.scalars(select(ProductFamily.id).where(ProductFamily.name.in_(names))).all()
    return uncertified_families(session, partner_id, ids, on)


def partner_gaps(session: Session, partner_id: int, on: date) -> list[FamilyGap]:
    """Every family the partner could be certified in but is not (the partner detail view)."""
    families = session.scalars(
        select(Course.family_id).where(Course.certifies.is_(True), Course.family_id.is_not(None))
    ).all()
    return uncertified_families(session, partner_id, [f for f in families if f is not None], on)


def missing_certifications(
    session: Session, partner_ids: Iterable[int], family_ids: Iterable[int], on: date
) -> dict[int, list[FamilyGap]]:
    """For many partners at once (a list of deals or quotes): partner id → its gaps, sorted by
    family name; partners with no gap are absent from the result."""
    partners = sorted(set(partner_ids))
    families = sorted(set(family_ids))
    if not partners or not families:
        return {}
    held = (
        select(
            Contact.partner_id.label("partner_id"),
            TrainingRecord.course_id.label("course_id"),
            TrainingRecord.valid_until.label("valid_until"),
        )
        .join(Contact, Contact.id == TrainingRecord.contact_id)
        .where(
            TrainingRecord.passed.is_(True),
            Contact.active.is_(True),
            Contact.partner_id.in_(partners),
        )
        .subquery("held")
    )
    latest = func.max(held.c.valid_until)
    forever = func.max(
        case((and_(held.c.course_id.is_not(None), held.c.valid_until.is_(None)), 1), else_=0)
    )
    query = (
        select(Partner.id, ProductFamily.id, ProductFamily.code, ProductFamily.name, latest)
        .select_from(Partner)
        .join(ProductFamily, true())
        .join(Course, and_(Course.family_id == ProductFamily.id, Course.certifies.is_(True)))
        .outerjoin(held, and_(held.c.course_id == Course.id, held.c.partner_id == Partner.id))
        .where(Partner.id.in_(partners), ProductFamily.id.in_(families))
        .group_by(Partner.id, ProductFamily.id, ProductFamily.code, ProductFamily.name)
        .having(and_(forever == 0, or_(latest.is_(None), latest < on)))
        .order_by(Partner.id, ProductFamily.name, ProductFamily.id)
    )
    gaps: dict[int, list[FamilyGap]] = {}
    for partner_id, family_id, code, name, lapsed in session.execute(query):
        gaps.setdefault(partner_id, []).append(FamilyGap(partner_id, family_id, code, name, lapsed))
    return gaps


def certification_warning(gaps: Iterable[FamilyGap]) -> str | None:
    """One sentence over several gaps, or None when there is nothing to warn about."""
    names = [g.family_name for g in gaps]
    if not names:
        return None
    if len(names) == 1:
        return f"This partner holds no valid {names[0]} certification."
    return f"This partner holds no valid certification for {', '.join(names)}."
