"""Which product families a partner may receive leads for on the routing day: a passed record of
a certifying course, completed by then, still valid that day (valid until the day itself counts;
no valid-until: the course's months, or for ever), held by an active contact."""

from __future__ import annotations

from datetime import date, timedelta

from app.db.engine import Database
from app.db.models import Contact, Course, Partner, ProductFamily, TrainingRecord
from app.services.leads.world import certified_families

D = date(2026, 3, 31)


def test_certified_families_on_the_day(any_db: Database) -> None:
    with any_db.transaction() as s:
        fam = {n: ProductFamily(code=n, name=n) for n in "ABCDEFGH"}

        def course(family: str, months: int | None = 12, certifies: bool = True) -> Course:
            return Course(code=f"{family}-{months}-{certifies}", title=family, family=fam[family],
                          certifies=certifies, valid_months=months)  # fmt: skip

        partner = Partner(partner_code="P-1", name="P", name_key="p")
        ann = Contact(partner=partner, name="Ann")
        gone = Contact(partner=partner, name="Gone", active=False)
        s.add_all([*fam.values(), partner, ann, gone])

        def rec(
            who: Contact, c: Course, done: date, until: date | None, passed: bool = True
        ) -> None:
            s.add(TrainingRecord(contact=who, course=c, completed_on=done, passed=passed,
                                 valid_until=until))  # fmt: skip

        rec(ann, course("A"), D - timedelta(days=300), D)  # valid through the day itself
        rec(ann, course("B"), D - timedelta(days=400), D - timedelta(days=1))  # lapsed yesterday
        rec(ann, course("C"), D + timedelta(days=1), D + timedelta(days=366))  # not yet done
        rec(gone, course("D"), D - timedelta(days=10), D + timedelta(days=300))  # inactive
        rec(ann, course("E"), D - timedelta(days=10), None, passed=False)  # failed
        rec(ann, course("F", months=1), date(2026, 2, 28), None)  # 28 Feb + 1 month: 28 Mar
        rec(ann, course("G", months=None), date(2020, 1, 1), None)  # never expires
        rec(ann, course("H", certifies=False), D - timedelta(days=5), None)  # not a certification
    with any_db.reading() as s:
        held = certified_families(s, D)
        names = {f.id: f.code for f in s.query(ProductFamily)}
        (partner_id,) = [p.id for p in s.query(Partner)]
    assert sorted(names[f] for f in held[partner_id]) == ["A", "G"]
