"""The expiring-soon list on SQLite and PostgreSQL: the window, renewals left out, the window
remembered as the shared setting, and the list written to .xlsx and .csv by the app's writers."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest

from app.db.engine import Database
from app.db.models import Contact, Course, Partner, ProductFamily, TrainingRecord
from app.domain.enums import PartnerStatus
from app.domain.errors import InputError
from app.domain.names import name_key
from app.io.export import export_table
from app.services.dashboard.figures import load_dashboard
from app.services.training.expiring import (
    EXPIRING_COLUMNS,
    expiring_certifications,
    expiring_days,
    save_expiring_days,
)

TODAY = date(2026, 6, 1)


def _world(db: Database) -> None:
    with db.transaction() as s:
        cb = ProductFamily(code="CB", name="Cloud Backup")
        c2 = Course(code="CB-200", title="CB Engineer", family=cb, certifies=True, valid_months=24)
        c3 = Course(code="CB-300", title="CB Architect", family=cb, certifies=True, valid_months=24)
        intro = Course(code="CB-100", title="CB intro", family=cb)
        north = Partner(name="Northwind", name_key=name_key("Northwind"))
        gone = Partner(name="Gone", name_key=name_key("Gone"), status=PartnerStatus.TERMINATED)
        ann, bob, cat = (Contact(partner=north, name=n, email=f"{n}@x.example") for n in "ABC")
        dan = Contact(partner=north, name="D", active=False)
        eve = Contact(partner=gone, name="E")
        s.add_all([cb, c2, c3, intro, north, gone, ann, bob, cat, dan, eve])

        def rec(who: Contact, course: Course, days: int, passed: bool = True) -> None:
            until = TODAY + timedelta(days=days)
            s.add(TrainingRecord(contact=who, course=course, passed=passed, valid_until=until,
                                 completed_on=until - timedelta(days=700)))  # fmt: skip

        rec(ann, c2, 0)  # last day: on the list
        rec(bob, c2, 45)
        rec(bob, c3, 400)  # Bob already holds a later one in the family: not on the list
        rec(cat, c2, 61)  # beyond 60 days
        rec(cat, c3, -1)  # lapsed yesterday: no longer "expiring"
        rec(ann, c3, 30, passed=False)
        rec(dan, c2, 10)  # inactive
        rec(eve, c2, 10)  # terminated partner
        s.add(TrainingRecord(contact=cat, course=intro, completed_on=TODAY, valid_until=TODAY))


def test_the_list_and_its_window(any_db: Database) -> None:
    _world(any_db)
    with any_db.reading() as s:
        rows = expiring_certifications(s, TODAY, 60)
        wider = expiring_certifications(s, TODAY, 61)
        assert expiring_days(s) == 60
    assert [(r.contact, r.course_code, r.days_left) for r in rows] == [("A", "CB-200", 0)]
    assert [(r.contact, r.days_left) for r in wider] == [("A", 0), ("C", 61)]
    assert rows[0].family == "Cloud Backup" and rows[0].partner == "Northwind"
    with any_db.transaction() as s:
        save_expiring_days(s, 90)
    with any_db.transaction() as s:
        assert expiring_days(s) == 90
        save_expiring_days(s, 90)  # the same again changes nothing
    for bad in (0, 366):
        with pytest.raises(InputError, match="between 1 and 365"), any_db.transaction() as s:
            save_expiring_days(s, bad)


def test_bob_renewal_counts_only_when_passed(any_db: Database) -> None:
    _world(any_db)
    with any_db.reading() as s:
        rows = expiring_certifications(s, TODAY, 50)
    assert [r.contact for r in rows] == ["A"]  # Bob's 45 days are covered by his renewal


def test_export_through_the_app_writers(sqlite_db: Database, tmp_path: Path) -> None:
    _world(sqlite_db)
    with sqlite_db.reading() as s:
        rows = expiring_certifications(s, TODAY, 61)
    book = export_table(tmp_path / "soon.xlsx", rows, EXPIRING_COLUMNS, title="Expiring")
    sheet = openpyxl.load_workbook(book.path).active
    assert sheet is not None
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][:4] == ("Valid until", "Days left", "Person", "Partner")
    assert values[1][1:4] == (0, "A", "Northwind")
    text = export_table(tmp_path / "soon.csv", rows, EXPIRING_COLUMNS)
    with text.path.open(encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle))
    assert lines[2][:3] == ["2026-08-01", "61", "C"]
    assert text.rows == 2


def test_the_dashboard_counts_what_the_training_page_lists(any_db: Database) -> None:
    """One query for both: terminated partners, inactive people and renewed certifications are
    left out of the dashboard's figure as they are out of the list, over the same window."""
    _world(any_db)
    with any_db.reading() as s:
        board = load_dashboard(s, today=TODAY)
        listed = expiring_certifications(s, TODAY, 60)
    assert (board.certifications_expiring, board.expiring_days) == (len(listed), 60) == (1, 60)
    with any_db.transaction() as s:
        save_expiring_days(s, 90)
    with any_db.reading() as s:
        board = load_dashboard(s, today=TODAY)
        listed = expiring_certifications(s, TODAY, 90)
    assert (board.certifications_expiring, board.expiring_days) == (len(listed), 90) == (2, 90)
