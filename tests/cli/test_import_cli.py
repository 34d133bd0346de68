"""``import KIND FILE`` from the command line: summary on stdout, one line per problem on stderr."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

import main
from app.db.engine import open_database
from app.db.models import Partner
from tests.support.workbooks import write_workbook

GOOD = [
    ["Partner list, exported 2026-09-30"],
    [],
    ["Partner ID", "Company", "Partner level", "Ctry", "E-mail", "Web", "Phone", "Partner since"],
    [1001.0, "Contoso Ltd", "gold", "germany", "a@contoso.com", "contoso.com", 4930123456,
     date(2020, 1, 2)],
    [None, "Fabrikam", " silver ", "FR", None, "https://fabrikam.fr", "+33 1 23", "03/02/2021"],
]  # fmt: skip
BAD = [*GOOD, [None, "Bad Co", "Bronze", "Atlantis", "x@", None, None, "2021-13-01"]]


def _partners(db_path: Path) -> int:
    db = open_database(db_path)
    try:
        with db.reading() as session:
            return int(session.scalar(select(func.count()).select_from(Partner)) or 0)
    finally:
        db.dispose()


def _run(*args: str) -> int:
    return main.main(list(args))


def test_import_then_reimport(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "db.sqlite")
    book = write_workbook(tmp_path / "p.xlsx", GOOD)
    assert _run("import", "partners", str(book), "--db", db) == 0
    assert "imported 2 new, 0 updated, 0 unchanged" in capsys.readouterr().out
    assert _run("import", "partners", str(book), "--db", db) == 0
    assert "imported 0 new, 0 updated, 2 unchanged" in capsys.readouterr().out


def test_a_bad_row_refuses_everything(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "db.sqlite")
    book = write_workbook(tmp_path / "p.xlsx", BAD)
    assert _run("import", "partners", str(book), "--db", db) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("channel-desk: Nothing was imported: 1 row needs correcting")
    assert "channel-desk: row 6, column 'Ctry': 'Atlantis' is not a country" in err[2]
    assert len(err) == 5
    assert _partners(tmp_path / "db.sqlite") == 0


def test_skip_invalid_and_dry_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "db.sqlite")
    book = write_workbook(tmp_path / "p.xlsx", BAD)
    assert _run("import", "partners", str(book), "--db", db, "--dry-run") == 1
    captured = capsys.readouterr()
    assert "would import 2 new, 0 updated, 0 unchanged, 1 invalid row" in captured.out
    err = captured.err.splitlines()
    assert err[0].startswith("channel-desk: The import would be refused: 1 row needs correcting")
    assert "channel-desk: row 6, column 'Ctry': 'Atlantis' is not a country" in err[2]
    assert _partners(tmp_path / "db.sqlite") == 0
    args = ("import", "partners", str(book), "--db", db, "--dry-run", "--skip-invalid")
    assert _run(*args) == 0
    captured = capsys.readouterr()
    assert "would import 2 new" in captured.out
    assert "row 6, column 'E-mail': 'x@' is not an e-mail address" in captured.err
    assert _partners(tmp_path / "db.sqlite") == 0
    good = write_workbook(tmp_path / "g.xlsx", GOOD)
    assert _run("import", "partners", str(good), "--db", db, "--dry-run") == 0
    assert _partners(tmp_path / "db.sqlite") == 0
    assert _run("import", "partners", str(book), "--db", db, "--skip-invalid") == 0
    captured = capsys.readouterr()
    assert "imported 2 new" in captured.out
    assert "row 6, column 'E-mail': 'x@' is not an e-mail address" in captured.err
    assert _partners(tmp_path / "db.sqlite") == 2


def test_map_overrides_a_header(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "db.sqlite")
    book = write_workbook(tmp_path / "p.xlsx", [["Firm", "Land"], ["Contoso", "DE"]])
    assert _run("import", "partners", str(book), "--db", db) == 1
    assert "No header row found" in capsys.readouterr().err
    code = _run("import", "partners", str(book), "--db", db, "--map", "Firm=name",
                "--map", "Land=country")  # fmt: skip
    assert code == 0


def test_unreadable_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "p.xlsx"
    path.write_text("Name,Country\nContoso,DE\n")
    assert _run("import", "partners", str(path), "--db", str(tmp_path / "db.sqlite")) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "rename it to .csv" in err


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_then_import_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    db = str(tmp_path / "db.sqlite")
    book = write_workbook(tmp_path / "p.xlsx", GOOD)
    assert _run("import", "partners", str(book), "--db", db) == 0
    formulas = tmp_path / "f.csv"
    formulas.write_text("Name,Phone,Notes\n'=Evil Co,'-5,'@home\n", encoding="utf-8")
    assert _run("import", "partners", str(formulas), "--db", db) == 0
    exported = tmp_path / f"out{suffix}"
    assert _run("export", "partners", str(exported), "--db", db) == 0
    capsys.readouterr()
    assert _run("import", "partners", str(exported), "--db", db) == 0
    assert "imported 0 new, 0 updated, 3 unchanged." in capsys.readouterr().out
