"""``import accounts FILE`` and ``export accounts FILE`` from the command line: the named list
round-trips through a workbook, and a bad row is one line on stderr with nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

import main
from app.db.engine import Database
from app.db.models import Account, DirectRep
from tests.support.workbooks import write_workbook

ROWS = [
    ["End customers, named accounts marked"],
    ["Customer", "Web", "Ctry", "Town", "Named", "Account owner"],
    ["Contoso Ltd", "contoso.com", "GB", "London", "yes", "Dana Direct"],
    ["Globex", None, "germany", None, "no", None],
]


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_export_and_import_again(
    sqlite_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite_db.transaction() as s:
        s.add(DirectRep(name="Dana Direct", email="dana@vendor.example"))
    db = str(sqlite_db.path)
    source = write_workbook(tmp_path / "accounts.xlsx", ROWS)
    code, out, err = _run(capsys, "import", "accounts", str(source), "--db", db)
    assert (code, err) == (0, "")
    assert "2 new, 0 updated, 0 unchanged" in out
    with sqlite_db.reading() as s:
        contoso = s.scalars(select(Account).where(Account.name == "Contoso Ltd")).one()
        assert contoso.named_account and contoso.owner_rep is not None
        assert (contoso.city, contoso.country) == ("London", "GB")
    exported = tmp_path / "out.xlsx"
    code, out, err = _run(capsys, "export", "accounts", str(exported), "--db", db)
    assert code == 0, err
    code, out, err = _run(capsys, "import", "accounts", str(exported), "--db", db)
    assert (code, err) == (0, "")
    assert "0 new, 0 updated, 2 unchanged" in out


def test_an_unknown_rep_is_refused_in_one_line(
    sqlite_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_workbook(tmp_path / "accounts.xlsx", ROWS)
    code, out, err = _run(capsys, "import", "accounts", str(source), "--db", str(sqlite_db.path))
    assert (code, out) == (1, "")
    assert "row 3, column 'Account owner': 'Dana Direct' is not a direct rep" in err
    assert "add the rep first (Accounts & Claims › Direct reps…" in err
    assert "Traceback" not in err
    with sqlite_db.reading() as s:
        assert s.scalars(select(Account)).all() == []
