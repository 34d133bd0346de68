"""``import deals FILE`` and ``export deals FILE`` from the command line: a CRM's opportunity
list (title rows, its own headers) comes in, goes out under the import's headers and back in
unchanged; a bad row refuses the file in one line per problem."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

import main
from app.db.engine import Database
from app.db.models import Deal
from tests.support.sample_records import add_sample_records
from tests.support.workbooks import write_workbook

CRM = [
    ["Opportunities, exported 2026-11-20"],
    [],
    ["Opportunity ID", "Opportunity name", "Customer", "Ctry", "Registered by", "Influencers",
     "Sales stage", "Deal value", "Ccy", "Close date", "Won on", "Commission"],
    ["OP-1", "Fabrikam rollout", "Fabrikam Inc", "US", "Northwind Traders", "P-002", "won",
     120000.0, "EUR", date(2026, 11, 1), date(2026, 11, 2), 15.0],
    [None, "Harbor pilot", "Harbor Freight GmbH", "DE", "Direct", None, "Proposal", "5,000.00",
     "USD", "15/01/2027", None, None],
]  # fmt: skip


def _deals(db: Database) -> int:
    with db.reading() as s:
        return int(s.scalar(select(func.count()).select_from(Deal)) or 0)


def test_a_crm_list_in_out_and_in_again(
    sqlite_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_sample_records(sqlite_db)
    before = _deals(sqlite_db)
    db = ["--db", str(sqlite_db.path)]
    book = write_workbook(tmp_path / "crm.xlsx", CRM)
    assert main.main(["import", "deals", str(book), *db]) == 0
    assert "imported 2 new, 0 updated, 0 unchanged" in capsys.readouterr().out
    assert _deals(sqlite_db) == before + 2
    out = tmp_path / "deals.csv"
    assert main.main(["export", "deals", str(out), *db]) == 0
    capsys.readouterr()
    header = out.read_text(encoding="utf-8-sig").splitlines()[0]
    assert header == (
        "Deal ID,Name,Account,Country,Partner,Other partners,Stage,Amount,Currency,"
        "Expected close,Closed on,Commission %"
    )
    assert main.main(["import", "deals", str(out), *db]) == 0
    unchanged = before + 2
    assert f"imported 0 new, 0 updated, {unchanged} unchanged" in capsys.readouterr().out


def test_a_bad_row_refuses_the_file(
    sqlite_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_sample_records(sqlite_db)
    before = _deals(sqlite_db)
    bad = [*CRM[:3], [*CRM[3][:10], None, *CRM[3][11:]], CRM[4]]  # won, with no closing day
    book = write_workbook(tmp_path / "bad.xlsx", bad)
    assert main.main(["import", "deals", str(book), "--db", str(sqlite_db.path)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("channel-desk: Nothing was imported: 1 row needs correcting")
    assert err[1:] == ["channel-desk: row 4, column 'Won on': is required for a won deal"]
    assert _deals(sqlite_db) == before
