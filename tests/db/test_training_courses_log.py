"""Courses and training logs on SQLite and PostgreSQL: unique codes, stale edits, a class logged
in one transaction with valid-until from the course, and no duplicates when logged again."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from app.db.engine import Database
from app.db.models import Contact, Partner, ProductFamily, TrainingRecord
from app.domain.errors import ConflictError, InputError
from app.domain.names import name_key
from app.services.training.courses import create_course, get_course, list_courses, update_course
from app.services.training.log import (
    contacts_of_partners,
    delete_training,
    find_contacts,
    log_training,
)

TODAY = date(2028, 3, 10)


def _people(db: Database) -> dict[str, int]:
    with db.transaction() as s:
        s.add(ProductFamily(code="CB", name="Cloud Backup"))
        north = Partner(name="Northwind Traders", name_key=name_key("Northwind Traders"))
        contoso = Partner(name="Contoso 100%", name_key=name_key("Contoso 100%"))
        people = {
            "ann": Contact(partner=north, name="Ann Lee", email="ann@northwind.example"),
            "bo": Contact(partner=north, name="Bo Berg"),
            "cy": Contact(partner=contoso, name="Cy Park", email="cy@contoso.example"),
            "old": Contact(partner=contoso, name="Old Timer", active=False),
        }
        s.add_all([north, contoso, *people.values()])
        s.flush()
        ids = {k: c.id for k, c in people.items()}
        ids |= {"north": north.id, "contoso": contoso.id}
    return ids


def _course(db: Database, code: str = "CB-200", months: int | None = 1) -> int:
    with db.transaction() as s:
        return create_course(
            s,
            {"code": code, "title": "Certified Engineer", "family": "Cloud Backup",
             "certifies": months is not None, "valid_months": months},
        )  # fmt: skip


def test_courses_create_edit_and_refuse_bad_input(any_db: Database) -> None:
    _people(any_db)
    course_id = _course(any_db, months=24)
    with any_db.reading() as s:
        (row,) = list_courses(s)
    assert (row.code, row.family, row.certifies, row.validity, row.records) == (
        "CB-200", "Cloud Backup", True, "24 months", 0,
    )  # fmt: skip
    with pytest.raises(InputError, match="Course code CB-200 is already used"):
        _course(any_db, code="cb-200")
    with (
        pytest.raises(InputError, match="no product family called Tape"),
        any_db.transaction() as s,
    ):
        create_course(s, {"code": "T-1", "title": "Tape", "family": "Tape"})
    with pytest.raises(InputError, match="needs its validity"), any_db.transaction() as s:
        create_course(s, {"code": "T-1", "title": "Tape", "certifies": True})
    with any_db.transaction() as s:
        update_course(s, row, {"code": "CB-201", "title": "Engineer", "certifies": True,
                               "valid_months": 12})  # fmt: skip
    with pytest.raises(ConflictError) as stale, any_db.transaction() as s:
        update_course(s, row, {"code": "CB-202", "title": "Engineer", "certifies": False})
    assert stale.value.changes["code"] == ("CB-200", "CB-201")
    with any_db.transaction() as s:  # the user chose to overwrite
        update_course(s, row, {"code": "CB-202", "title": "Engineer", "certifies": False},
                      overwrite=True)  # fmt: skip
    with any_db.reading() as s:
        now = get_course(s, course_id)
    assert (now.code, now.family, now.certifies, now.valid_months) == ("CB-202", None, False, None)


def test_log_a_class_in_one_go_without_duplicates(any_db: Database) -> None:
    ids = _people(any_db)
    course_id = _course(any_db, months=1)
    klass = [ids["ann"], ids["bo"], ids["cy"]]
    jan31 = date(2028, 1, 31)
    with any_db.transaction() as s:
        result = log_training(s, klass, course_id, jan31, True, TODAY)
    assert (result.added, result.updated, result.unchanged) == (3, 0, 0)
    assert result.summary("CB-200") == "Training in CB-200: 3 added."
    with any_db.reading() as s:
        untils = set(s.scalars(select(TrainingRecord.valid_until)))
    assert untils == {date(2028, 2, 29)}  # 31 Jan + 1 month in a leap year
    with any_db.transaction() as s:  # the same class again, Bo marked as failed this time
        again = log_training(s, [*klass, ids["bo"]], course_id, jan31, True, TODAY)
        assert (again.added, again.updated, again.unchanged) == (0, 0, 3)
        fix = log_training(s, [ids["bo"]], course_id, jan31, False, TODAY)
        assert (fix.added, fix.updated, fix.unchanged) == (0, 1, 0)
    with any_db.reading() as s:
        assert s.scalar(select(func.count()).select_from(TrainingRecord)) == 3
        bo = s.scalar(select(TrainingRecord).where(TrainingRecord.contact_id == ids["bo"]))
        assert bo is not None and (bo.passed, bo.valid_until) == (False, None)
        ids_logged = list(s.scalars(select(TrainingRecord.id)))
    with any_db.transaction() as s:  # a record logged by mistake goes; one already gone is fine
        assert delete_training(s, [ids_logged[0], 999_999]) == 1
    with any_db.reading() as s:
        assert s.scalar(select(func.count()).select_from(TrainingRecord)) == 2


def test_a_bad_class_writes_nothing(any_db: Database) -> None:
    ids = _people(any_db)
    course_id = _course(any_db)
    for people, day, message in [
        ([], TODAY, "at least one person"),
        ([ids["ann"]], date(2028, 3, 11), "in the future"),
        ([ids["ann"], 999_999], TODAY, "no longer exist"),
    ]:
        with pytest.raises(InputError, match=message), any_db.transaction() as s:
            log_training(s, people, course_id, day, True, TODAY)
    with pytest.raises(InputError, match="course no longer exists"), any_db.transaction() as s:
        log_training(s, [ids["ann"]], 999_999, TODAY, True, TODAY)
    with any_db.reading() as s:
        assert s.scalar(select(func.count()).select_from(TrainingRecord)) == 0


def test_finding_people_for_a_class(any_db: Database) -> None:
    ids = _people(any_db)
    with any_db.reading() as s:
        assert [c.name for c in find_contacts(s, "")] == ["Cy Park", "Ann Lee", "Bo Berg"]
        assert [c.name for c in find_contacts(s, "NORTHWIND")] == ["Ann Lee", "Bo Berg"]
        assert [c.name for c in find_contacts(s, "north ann")] == ["Ann Lee"]
        assert [c.name for c in find_contacts(s, "contoso.example")] == ["Cy Park"]
        assert [c.name for c in find_contacts(s, "100%")] == ["Cy Park"]
        assert find_contacts(s, "10_%") == []  # % and _ are letters, not wildcards
        assert find_contacts(s, "old timer") == []  # inactive people are not offered
        assert len(find_contacts(s, "", limit=2)) == 2
        team = contacts_of_partners(s, [ids["north"], ids["contoso"]])
        assert [c.label for c in team] == [
            "Cy Park · Contoso 100%", "Ann Lee · Northwind Traders", "Bo Berg · Northwind Traders",
        ]  # fmt: skip
