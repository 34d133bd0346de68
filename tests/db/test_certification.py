"""The certification warning on SQLite and PostgreSQL: which families a partner cannot represent
on a given day, decided by one grouped query over active contacts' passed, unexpired records."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import event

from app.db.engine import Database
from app.db.models import Contact, Course, Partner, ProductFamily, TrainingRecord
from app.domain.names import name_key
from app.services.training.certification import (
    FamilyGap,
    certification_warning,
    missing_certifications,
    partner_gaps,
    uncertified_families,
    uncertified_family_names,
)

DAY = date(2026, 3, 15)


def _world(db: Database) -> dict[str, int]:
    """Families CB/ES/NM/DA/XX and partners whose holdings cover every rule of the check."""
    ids: dict[str, int] = {}
    with db.transaction() as s:
        fam = {c: ProductFamily(code=c, name=n) for c, n in [
            ("CB", "Cloud Backup"), ("ES", "Endpoint Security"), ("NM", "Network Monitoring"),
            ("DA", "Data Analytics"), ("XX", "No Certification"),
        ]}  # fmt: skip
        cert = {
            c: Course(code=f"{c}-200", title=f"{c} cert", family=f, certifies=True, valid_months=12)
            for c, f in fam.items()
            if c != "XX"
        }
        sales = Course(code="CB-100", title="CB sales", family=fam["CB"], certifies=False)
        forever = Course(code="NM-300", title="NM lifetime", family=fam["NM"], certifies=True)
        intro = Course(code="XX-100", title="XX intro", family=fam["XX"], certifies=False)
        full = Partner(name="Full", name_key=name_key("Full"))
        bare = Partner(name="Bare", name_key=name_key("Bare"))
        ann = Contact(partner=full, name="Ann")
        gone = Contact(partner=full, name="Gone", active=False)
        ben = Contact(partner=bare, name="Ben")
        s.add_all(
            [*fam.values(), *cert.values(), sales, forever, intro, full, bare, ann, gone, ben]
        )

        def rec(who: Contact, course: Course, until: date | None, passed: bool = True) -> None:
            done = (until or DAY) - timedelta(days=300)
            s.add(TrainingRecord(contact=who, course=course, completed_on=done, passed=passed,
                                 valid_until=until))  # fmt: skip

        rec(ann, cert["CB"], DAY)  # valid through the day itself
        rec(ann, cert["ES"], DAY - timedelta(days=1))  # lapsed yesterday
        rec(ann, cert["ES"], DAY - timedelta(days=400))  # an older lapse does not matter
        rec(ann, forever, None)  # never expires
        rec(gone, cert["DA"], DAY + timedelta(days=90))  # an inactive contact does not count
        rec(ann, cert["DA"], DAY + timedelta(days=90), passed=False)  # failed does not count
        rec(ben, sales, DAY + timedelta(days=90))  # a non-certifying course does not count
        s.flush()
        ids |= {f"fam:{c}": f.id for c, f in fam.items()}
        ids |= {"full": full.id, "bare": bare.id}
    return ids


def _codes(gaps: list[FamilyGap]) -> list[str]:
    return [g.family_code for g in gaps]


def test_families_without_a_valid_certification(any_db: Database) -> None:
    ids = _world(any_db)
    every = [ids[f"fam:{c}"] for c in ("CB", "ES", "NM", "DA", "XX")]
    with any_db.reading() as s:
        gaps = uncertified_families(s, ids["full"], every, DAY)
        # sorted by family name; XX has no certifying course, so nothing to warn about
        assert _codes(gaps) == ["DA", "ES"]
        es = gaps[1]
        assert es.lapsed_on == DAY - timedelta(days=1)
        assert es.family_name == "Endpoint Security"
        assert "lapsed on 2026-03-14" in es.message
        assert gaps[0].lapsed_on is None
        assert "No one at this partner" in gaps[0].message
        # the day after CB's valid-until, CB lapses too
        later = uncertified_families(s, ids["full"], every, DAY + timedelta(days=1))
        assert _codes(later) == ["CB", "DA", "ES"]
        # a partner without any certification misses every family that has one
        assert _codes(uncertified_families(s, ids["bare"], every, DAY)) == ["CB", "DA", "ES", "NM"]
        assert uncertified_families(s, ids["full"], [], DAY) == []
        assert _codes(partner_gaps(s, ids["full"], DAY)) == ["DA", "ES"]
        assert _codes(partner_gaps(s, ids["bare"], DAY)) == ["CB", "DA", "ES", "NM"]
        assert uncertified_families(s, ids["full"], [ids["fam:CB"], 999_999], DAY) == []


def test_by_name_and_for_many_partners_at_once(any_db: Database) -> None:
    ids = _world(any_db)
    with any_db.reading() as s:
        by_name = uncertified_family_names(
            s, ids["full"], ["Cloud Backup", "Endpoint Security", "", "Unknown"], DAY
        )
        assert _codes(by_name) == ["ES"]
        assert uncertified_family_names(s, ids["full"], [], DAY) == []
        many = missing_certifications(
            s, [ids["full"], ids["bare"], 999_999], [ids["fam:CB"], ids["fam:NM"]], DAY
        )
        assert set(many) == {ids["bare"]}
        assert _codes(many[ids["bare"]]) == ["CB", "NM"]
    assert certification_warning([]) is None
    one = FamilyGap(1, 2, "ES", "Endpoint Security", None)
    two = FamilyGap(1, 3, "DA", "Data Analytics", None)
    assert (
        certification_warning([one])
        == "This partner holds no valid Endpoint Security certification."
    )
    assert certification_warning([two, one]) == (
        "This partner holds no valid certification for Data Analytics, Endpoint Security."
    )


def test_one_query_whatever_the_number_of_families(any_db: Database) -> None:
    ids = _world(any_db)
    every = [ids[f"fam:{c}"] for c in ("CB", "ES", "NM", "DA", "XX")]
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(any_db.engine, "before_cursor_execute", count)
    try:
        with any_db.reading() as s:
            missing_certifications(s, [ids["full"], ids["bare"]], every, DAY)
    finally:
        event.remove(any_db.engine, "before_cursor_execute", count)
    selects = [q for q in statements if q.lstrip().upper().startswith("SELECT")]
    assert len(selects) == 1
    assert "GROUP BY" in selects[0]
