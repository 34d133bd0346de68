"""``import courses FILE`` and ``export courses FILE``: the course rule, re-import, round trip."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

import main
from app.db.engine import Database, open_database
from app.db.models import Course, ProductFamily
from tests.support.workbooks import write_workbook

HEADER = ["Course code", "Title", "Product family", "Certifies", "Valid for months",
          "Cost per seat", "Currency"]  # fmt: skip
GOOD = [
    HEADER,
    ["CB-200", "Cloud Backup Certified Engineer", "Cloud Backup", "yes", 24, 450, "eur"],
    ["NET-101", "Networking basics", None, "no", None, "99.50", "USD"],
    [" sec-300 ", "Security architect", "cloud backup", True, 36.0, None, None],
]


def _run(*args: str) -> int:
    return main.main(list(args))


def _database(path: Path, families: tuple[str, ...] = ("Cloud Backup",)) -> Path:
    db = open_database(path)
    try:
        with db.transaction() as session:
            session.add_all(ProductFamily(code=name.upper()[:8], name=name) for name in families)
    finally:
        db.dispose()
    return path


def _courses(path: Path) -> list[tuple[object, ...]]:
    db: Database = open_database(path)
    try:
        with db.reading() as session:
            statement = (
                select(Course.code, Course.title, ProductFamily.name, Course.certifies,
                       Course.valid_months, Course.cost_per_seat, Course.currency)
                .outerjoin(ProductFamily, ProductFamily.id == Course.family_id)
                .order_by(Course.code)
            )  # fmt: skip
            return [tuple(row) for row in session.execute(statement)]
    finally:
        db.dispose()


EXPECTED = [
    ("CB-200", "Cloud Backup Certified Engineer", "Cloud Backup", True, 24, Decimal(450), "EUR"),
    ("NET-101", "Networking basics", None, False, None, Decimal("99.50"), "USD"),
    ("sec-300", "Security architect", "Cloud Backup", True, 36, None, None),
]


def test_import_then_reimport_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _database(tmp_path / "db.sqlite")
    book = write_workbook(tmp_path / "courses.xlsx", GOOD)
    assert _run("import", "courses", str(book), "--db", str(db)) == 0
    assert "imported 3 new, 0 updated, 0 unchanged" in capsys.readouterr().out
    assert _courses(db) == EXPECTED
    assert _run("import", "courses", str(book), "--db", str(db)) == 0
    assert "imported 0 new, 0 updated, 3 unchanged" in capsys.readouterr().out
    assert _courses(db) == EXPECTED


def test_bad_rows_are_refused_one_line_each_by_the_course_rule(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _database(tmp_path / "db.sqlite")
    book = write_workbook(tmp_path / "courses.xlsx", [
        *GOOD,
        ["BAD-1", "Negative", None, "no", None, -5, "EUR"],
        ["BAD-2", "Yen with cents", None, "no", None, 100.5, "JPY"],
        ["BAD-3", "Certifies for ever", None, "yes", None, None, None],
        ["BAD-4", "Unknown family", "Quantum", "no", None, None, None],
        ["BAD-5", "No currency", None, "no", None, 10, None],
        [None, "No code", None, "no", None, None, None],
    ])  # fmt: skip
    assert _run("import", "courses", str(book), "--db", str(db)) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    err = captured.err.splitlines()
    assert err[0].startswith("channel-desk: Nothing was imported: 6 rows need correcting")
    expected = [
        "row 5, column 'Cost per seat': '-5' must not be negative",
        "row 6, column 'Cost per seat': '100.5' has more decimals than JPY allows (no decimals)",
        "row 7, column 'Valid for months': A certifying course needs its validity in months",
        "row 8, column 'Product family': 'Quantum' is not a known product family: use one of "
        "Cloud Backup",
        "row 9, column 'Currency': A cost per seat needs its currency, such as EUR",
        "row 10, column 'Course code': is required",
    ]
    for line in expected:
        assert any(line in shown for shown in err), line
    assert _courses(db) == []  # all or nothing


def test_a_file_of_some_columns_keeps_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _database(tmp_path / "db.sqlite")
    everything = write_workbook(tmp_path / "all.xlsx", GOOD)
    assert _run("import", "courses", str(everything), "--db", str(db)) == 0
    prices = write_workbook(tmp_path / "prices.xlsx", [
        ["Course code", "Title", "Cost per seat", "Currency"],
        ["cb-200", "Cloud Backup Certified Engineer", 480, "EUR"],
        ["SEC-300", "Security architect", 1200, "GBP"],
    ])  # fmt: skip
    capsys.readouterr()
    assert _run("import", "courses", str(prices), "--db", str(db)) == 0
    assert "imported 0 new, 2 updated, 0 unchanged" in capsys.readouterr().out
    courses = {row[0].casefold(): row for row in _courses(db)}  # type: ignore[union-attr]
    assert courses["cb-200"] == ("cb-200", *EXPECTED[0][1:5], Decimal(480), "EUR")
    assert courses["sec-300"] == ("SEC-300", *EXPECTED[2][1:5], Decimal(1200), "GBP")


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_then_import_is_a_round_trip(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    db = _database(tmp_path / "db.sqlite")
    first = write_workbook(tmp_path / "in.xlsx", GOOD)
    assert _run("import", "courses", str(first), "--db", str(db)) == 0
    exported = tmp_path / f"courses{suffix}"
    assert _run("export", "courses", str(exported), "--db", str(db)) == 0
    assert "Exported 3 courses" in capsys.readouterr().out
    assert _run("import", "courses", str(exported), "--db", str(db)) == 0
    assert "imported 0 new, 0 updated, 3 unchanged" in capsys.readouterr().out
    other = _database(tmp_path / "other.sqlite")
    assert _run("import", "courses", str(exported), "--db", str(other)) == 0
    assert _courses(other) == _courses(db) == EXPECTED


def test_training_on_a_fresh_database_says_to_add_the_courses_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "db.sqlite")
    partners = write_workbook(tmp_path / "p.xlsx", [["Partner ID", "Name"], ["P-1", "Contoso"]])
    contacts = write_workbook(tmp_path / "c.xlsx", [
        ["Partner", "Name", "Email"], ["P-1", "Ann Lee", "ann@contoso.example"],
    ])  # fmt: skip
    training = write_workbook(tmp_path / "t.xlsx", [
        ["Contact email or name", "Partner", "Course code", "Completed on", "Passed"],
        ["ann@contoso.example", "P-1", "CB-200", "2026-01-15", "yes"],
    ])  # fmt: skip
    assert _run("import", "partners", str(partners), "--db", db) == 0
    assert _run("import", "contacts", str(contacts), "--db", db) == 0
    capsys.readouterr()
    assert _run("import", "training", str(training), "--db", db) == 1
    err = capsys.readouterr().err
    assert (
        "'CB-200' is not a known course code: import courses or add the course on the Training "
        "page first" in err
    )
    assert "none" not in err
    courses = write_workbook(tmp_path / "courses.xlsx", GOOD[:2])
    _database(Path(db), families=("Cloud Backup",))
    assert _run("import", "courses", str(courses), "--db", db) == 0
    assert _run("import", "training", str(training), "--db", db) == 0
    assert "imported 1 new" in capsys.readouterr().out
