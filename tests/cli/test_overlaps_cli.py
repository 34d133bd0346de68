"""``overlaps`` and ``export overlaps`` from the command line, as SPEC.md words them."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest

import main
from app.db.engine import Database
from tests.support.overlap_world import add_overlap_world


@pytest.fixture
def db_path(sqlite_db: Database) -> Path:
    add_overlap_world(sqlite_db, date.today())
    assert sqlite_db.path is not None
    return sqlite_db.path


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main.main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_json_lists_groups_with_claims_and_exposure(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["overlaps", "--format", "json", "--db", str(db_path)], capsys)
    assert code == 0, err
    groups = json.loads(out)
    assert [g["confidence"] for g in groups] == ["certain", "likely"]
    contoso = groups[0]
    assert contoso["commission_exposure"] == {"EUR": "31250.00"}
    first = contoso["claims"][0]
    assert first == {
        "claimant": "Northwind",
        "account": "Contoso Ltd",
        "website": "https://contoso.com",
        "country": "GB",
        "claimed_on": first["claimed_on"],
        "valid_until": first["valid_until"],
        "deal_amount": "200000.00",
        "currency": "EUR",
        "commission_pct": "10",
    }
    assert [c["claimant"] for c in contoso["claims"]] == ["Northwind", "Direct", "Fabrikam"]
    assert {w["reason"] for w in contoso["why"]} == {"same account", "same domain contoso.com"}
    # One day for all three: the direct team first (SPEC.md, "Rules of engagement").
    assert (contoso["suggested_owner"], contoso["rule"]) == ("Direct", "first registration")


def test_table_shows_each_group_with_its_exposure(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["overlaps", "--db", str(db_path)], capsys)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == (
        "Group 1 · certain · 3 claims · commission exposure EUR 31,250.00"
        " · suggested owner Direct (first registration)"
    )
    assert lines[1].split()[:3] == ["Claimant", "Account", "Country"]
    assert "EUR 200,000.00" in lines[2] and "same domain contoso.com with Direct" in lines[2]
    assert (
        "Group 2 · likely · 2 claims · commission exposure EUR 6,000.00"
        " · suggested owner Northwind (first registration)"
    ) in lines


def test_csv_carries_exact_figures_and_currency(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["overlaps", "--format", "csv", "--db", str(db_path)], capsys)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 5
    fabrikam = next(r for r in rows if r["Claimant"] == "Fabrikam")
    assert fabrikam["Deal amount"] == "90000.00" and fabrikam["Currency"] == "EUR"
    assert fabrikam["Commission"] == "12.5" and fabrikam["Exposure"] == "11250.00"
    assert fabrikam["Group"] == "1" and fabrikam["Match"] == "Certain"
    assert fabrikam["Suggested owner"] == "Direct" and fabrikam["Rule"] == "first registration"


def test_no_overlaps_says_so(sqlite_db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["overlaps", "--db", str(sqlite_db.path)], capsys)
    assert (code, out) == (0, "No overlapping claims today.\n")
    code, out, _ = run(["overlaps", "--format", "json", "--db", str(sqlite_db.path)], capsys)
    assert json.loads(out) == []


def test_export_overlaps_to_xlsx_and_a_wrong_suffix(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "overlaps.xlsx"
    code, printed, err = run(["export", "overlaps", str(out), "--db", str(db_path)], capsys)
    assert code == 0, err
    assert printed == f"Exported 2 overlap groups (5 claims) to {out}\n"
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None and sheet.title == "Overlaps"
    header = [c.value for c in sheet[1]]
    first = dict(zip(header, next(sheet.iter_rows(min_row=2, values_only=True)), strict=True))
    assert first["Claimant"] == "Northwind" and first["Group"] == 1
    assert first["Suggested owner"] == "Direct" and first["Rule"] == "first registration"
    code, _, err = run(
        ["export", "overlaps", str(tmp_path / "x.txt"), "--db", str(db_path)], capsys
    )
    assert code == 1 and "'.txt' is not a format" in err and err[-1] == "\n"
    assert not (tmp_path / "x.txt").exists()
