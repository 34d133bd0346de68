"""Many partners with people and certifications, written fast with Core executemany: the
coverage matrix's benchmark and the test that the window stays responsive while it is read."""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import insert, select

from app.db.engine import Database
from app.db.models import Contact, Course, Partner, ProductFamily, TrainingRecord
from app.db.types import utcnow
from tests.support.many_partners import add_many_partners


def add_trained_partners(db: Database, partners: int, today: date) -> tuple[list[int], list[int]]:
    """Four families with certifying courses, three people per partner and 0–3 certifications
    each, valid until some day around ``today``; (partner ids, family ids)."""
    add_many_partners(db, partners)
    rng = random.Random(11)
    now = utcnow()
    stamp = {"version": 1, "created_at": now, "updated_at": now}
    with db.transaction() as s:
        families = [ProductFamily(code=c, name=f"Family {c}") for c in ("CB", "ES", "NM", "DA")]
        courses = [
            Course(code=f"{f.code}-200", title=f.name, family=f, certifies=True, valid_months=24)
            for f in families
        ]
        s.add_all([*families, *courses])
        s.flush()
        course_ids = [c.id for c in courses]
        partner_ids = list(s.scalars(select(Partner.id)))
        people = [
            {"partner_id": p, "name": f"Person {p}-{n}", "role": "sales", "active": True, **stamp}
            for p in partner_ids
            for n in range(3)
        ]
        s.connection().execute(insert(Contact.__table__), people)
        contact_ids = list(s.scalars(select(Contact.id)))
        records = []
        for contact_id in contact_ids:
            for course_id in rng.sample(course_ids, rng.randint(0, 3)):
                until = today + timedelta(days=rng.randint(-400, 600))
                records.append(
                    {"contact_id": contact_id, "course_id": course_id, "passed": True,
                     "completed_on": until - timedelta(days=730), "valid_until": until, **stamp}
                )  # fmt: skip
        s.connection().execute(insert(TrainingRecord.__table__), records)
    return partner_ids, [f.id for f in families]
