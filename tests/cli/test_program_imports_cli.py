"""Importing and exporting rates, spend items and program rules from the command line (SPEC.md,
"Import and export": kinds fx, spend and programs), with the hardening rules every import
keeps: every row checked first, one line per problem, nothing written after a refusal, and the
same file imported again changing nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from app.db.engine import Database
from app.db.models import FxRate, Partner, ProductFamily, RebateThreshold, SpendItem, SpifRule
from app.domain.enums import SpendProgram
from app.domain.names import name_key
from tests.cli.test_quote_cli import run


@pytest.fixture
def db(sqlite_db: Database) -> Database:
    with sqlite_db.transaction() as s:
        s.add(Partner(partner_code="P-1", name="Northwind Traders",
                      name_key=name_key("Northwind Traders")))  # fmt: skip
        s.add(ProductFamily(code="CORE", name="Core Platform"))
    return sqlite_db


def csv_file(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def count(db: Database, model: type) -> int:
    with db.reading() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_rates_import_once_and_a_changed_rate_replaces_the_stored_one(
    capsys: pytest.CaptureFixture[str], db: Database, tmp_path: Path
) -> None:
    path = csv_file(tmp_path, "fx.csv", "Currency,Rate,Effective from\nusd,0.92,2026-01-01\n"
                    "GBP,1.17,01/02/2026\nJPY,0.0061234567,2026-01-01\n")  # fmt: skip
    code, _out, err = run(capsys, "import", "fx", path, "--db", str(db.path))
    assert (code, err) == (0, "")
    code, _out, _err = run(capsys, "import", "fx", path, "--db", str(db.path))
    assert code == 0 and count(db, FxRate) == 3
    changed = csv_file(tmp_path, "fx2.csv", "Currency,Rate,Effective from\nUSD,0.93,2026-01-01\n")
    assert run(capsys, "import", "fx", changed, "--db", str(db.path))[0] == 0
    with db.reading() as s:
        rates = {(r.currency, r.into_currency, r.effective_from): r.rate
                 for r in s.scalars(select(FxRate))}  # fmt: skip
    assert rates == {
        ("USD", "EUR", date(2026, 1, 1)): Decimal("0.93"),
        ("GBP", "EUR", date(2026, 2, 1)): Decimal("1.17"),
        ("JPY", "EUR", date(2026, 1, 1)): Decimal("0.0061234567"),
    }


def test_bad_rates_are_each_reported_and_nothing_is_written(
    capsys: pytest.CaptureFixture[str], db: Database, tmp_path: Path
) -> None:
    path = csv_file(tmp_path, "fx.csv", "Currency,Rate,Effective from\n"
                    "EUR,1,2026-01-01\nXYZ,1,2026-01-01\nUSD,0,2026-01-01\n"
                    "USD,0.00000000001,2026-01-01\nUSD,abc,2026-01-01\nUSD,1,2026-02-30\n"
                    "CHF,1.05,2026-01-01\nCHF,1.06,2026-01-01\n")  # fmt: skip
    code, _out, err = run(capsys, "import", "fx", path, "--db", str(db.path))
    assert code == 1 and count(db, FxRate) == 0
    assert "row 2, column 'Currency': 'EUR' is the reporting currency" in err
    assert "row 3, column 'Currency': 'XYZ' is not an ISO 4217 currency" in err
    assert "row 4, column 'Rate': '0' must be more than 0" in err
    assert "row 5, column 'Rate': '0.00000000001' has more than 10 decimals" in err
    assert "row 6, column 'Rate': 'abc' is not a number" in err
    assert "row 7, column 'Effective from': '2026-02-30' is not a real date" in err
    assert "row 9, column 'Rate': '1.06' differs from row 8 for CHF on 2026-01-01" in err
    assert "Traceback" not in err


def test_spend_items_import_once_and_equal_rows_are_two_items(
    capsys: pytest.CaptureFixture[str], db: Database, tmp_path: Path
) -> None:
    path = csv_file(tmp_path, "spend.csv", "Partner,Program,Date,Amount,Currency,Description\n"
                    "P-1,Event,2026-02-01,1000,EUR,Booth\n"
                    "Northwind Traders,mdf,2026-02-02,500.50,usd,\n"
                    ",Other,2026-02-03,80,EUR,Portal\n"
                    ",Other,2026-02-03,80,EUR,Portal\n")  # fmt: skip
    assert run(capsys, "import", "spend", path, "--db", str(db.path))[0] == 0
    assert run(capsys, "import", "spend", path, "--db", str(db.path))[0] == 0
    with db.reading() as s:
        items = sorted((i.program, i.partner_id is not None, i.amount, i.currency)
                       for i in s.scalars(select(SpendItem)))  # fmt: skip
    assert items == [
        (SpendProgram.EVENT, True, Decimal("1000"), "EUR"),
        (SpendProgram.MDF, True, Decimal("500.50"), "USD"),
        (SpendProgram.OTHER, False, Decimal("80"), "EUR"),
        (SpendProgram.OTHER, False, Decimal("80"), "EUR"),
    ]


def test_bad_spend_rows_are_each_reported_and_nothing_is_written(
    capsys: pytest.CaptureFixture[str], db: Database, tmp_path: Path
) -> None:
    path = csv_file(tmp_path, "spend.csv", "Partner,Program,Date,Amount,Currency\n"
                    "P-9,Event,2026-02-01,1,EUR\nP-1,Party,2026-02-01,1,EUR\n"
                    "P-1,Event,,1,EUR\nP-1,Event,2026-02-01,-5,EUR\nP-1,Event,2026-02-01,1.5,JPY\n"
                    "P-1,Event,2026-02-01,1,\n")  # fmt: skip
    code, _out, err = run(capsys, "import", "spend", path, "--db", str(db.path))
    assert code == 1 and count(db, SpendItem) == 0
    for line in (
        "row 2, column 'Partner': 'P-9' is not a known partner",
        "row 3, column 'Program': 'Party' is not a program: use one of MDF, SPIF, Rebate, "
        "Training, Event, Other",
        "row 4, column 'Date': is required",
        "row 5, column 'Amount': '-5' must not be negative",
        "row 6, column 'Amount': '1.5' has more decimals than JPY allows (no decimals)",
        "row 7, column 'Currency': is required",
    ):
        assert line in err


def workbook(path: Path, sheets: dict[str, list[list[object]]]) -> str:
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return str(path)


SPIF_HEAD = ["Name", "Product family", "From", "To", "Amount per unit", "Currency"]
REBATE_HEAD = ["Name", "Threshold", "Percent"]


def test_program_rules_import_export_and_import_again_unchanged(
    capsys: pytest.CaptureFixture[str], db: Database, tmp_path: Path
) -> None:
    path = workbook(tmp_path / "programs.xlsx", {
        "SPIF": [SPIF_HEAD, ["Core push", "core platform", date(2026, 1, 1), "2026-03-31", 10,
                             "EUR"]],
        "Rebate": [REBATE_HEAD, ["Growth", 100000, 2], ["Growth", 250000, "3%"],
                   ["Loyalty", 0, 0.5]],
    })  # fmt: skip
    code, _out, err = run(capsys, "import", "programs", path, "--db", str(db.path))
    assert (code, err) == (0, "")
    assert (count(db, SpifRule), count(db, RebateThreshold)) == (1, 3)
    out_path = tmp_path / "out.xlsx"
    code, out, err = run(capsys, "export", "programs", str(out_path), "--db", str(db.path))
    assert code == 0 and "Exported 1 SPIF rule and 3 rebate thresholds" in out
    code, out, err = run(capsys, "import", "programs", str(out_path), "--dry-run",
                         "--db", str(db.path))  # fmt: skip
    assert code == 0 and "4 unchanged" in out + err
    changed = workbook(tmp_path / "p2.xlsx", {"Rebate": [REBATE_HEAD, ["growth", 100000, 2.5]]})
    assert run(capsys, "import", "programs", changed, "--db", str(db.path))[0] == 0
    with db.reading() as s:
        steps = {(r.rule, r.threshold): r.percent for r in s.scalars(select(RebateThreshold))}
    assert steps[("Growth", Decimal("100000"))] == Decimal("2.5")


def test_bad_program_rules_name_their_sheet_and_nothing_is_written(
    capsys: pytest.CaptureFixture[str], db: Database, tmp_path: Path
) -> None:
    path = workbook(tmp_path / "programs.xlsx", {
        "SPIF": [SPIF_HEAD, ["Push", "Storage", "2026-01-01", "2026-03-31", 10, "EUR"],
                 ["Late", "Core Platform", "2026-03-31", "2026-01-01", 10, "EUR"]],
        "Rebate": [REBATE_HEAD, ["Growth", 100000, 120], ["Growth", -1, 2]],
    })  # fmt: skip
    code, _out, err = run(capsys, "import", "programs", path, "--db", str(db.path))
    assert code == 1 and count(db, SpifRule) + count(db, RebateThreshold) == 0
    for line in (
        "row 2, column 'SPIF: Product family': 'Storage' is not a known product family: use one "
        "of Core Platform",
        "row 3, column 'SPIF: To': '2026-01-01' 2026-01-01 is before From 2026-03-31",
        "row 2, column 'Rebate: Percent': '120' is not between 0 and 100",
        "row 3, column 'Rebate: Threshold': '-1' must not be negative",
    ):
        assert line in err
    assert err.index("SPIF: Product family") < err.index("Rebate: Percent")


def test_a_workbook_without_the_sheets_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], db: Database, tmp_path: Path
) -> None:
    path = workbook(tmp_path / "x.xlsx", {"Sheet": [["Name"], ["x"]]})
    code, _out, err = run(capsys, "import", "programs", path, "--db", str(db.path))
    assert code == 1 and len(err.strip().splitlines()) == 1 and "SPIF" in err
