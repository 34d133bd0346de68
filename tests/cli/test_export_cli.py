"""``export KIND FILE`` from the command line: partners to .xlsx and .csv, one line per problem."""

from __future__ import annotations

import csv
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

import main
from app.db.engine import Database
from app.db.models import Contact, Partner, Tier
from app.domain.enums import PartnerStatus, PartnerType
from app.domain.names import name_key


def _add_partners(db: Database) -> None:
    with db.transaction() as s:
        gold = s.scalar(select(Tier).where(Tier.name == "Gold"))
        assert gold is not None
        zeta = Partner(
            name="Zeta Systems", name_key=name_key("Zeta Systems"), partner_code="P-9",
            type=PartnerType.MSP, tier=gold, status=PartnerStatus.ACTIVE, country="DE",
            city="München", partner_since=date(2024, 3, 1),
        )  # fmt: skip
        s.add_all(
            [
                zeta,
                Partner(name="=cmd|'/C calc'!A0", name_key=name_key("cmd calc"), country="US"),
                Partner(
                    name="Ålesund Data AS",
                    name_key=name_key("Ålesund Data AS"),
                    phone="+47 70 00 00 00",
                    notes="line 1\nline 2",
                ),
                Contact(partner=zeta, name="Ada"),
                Contact(partner=zeta, name="Bo"),
            ]
        )


@pytest.fixture
def db_path(sqlite_db: Database) -> Path:
    _add_partners(sqlite_db)
    path = sqlite_db.path
    assert path is not None
    return path


def test_export_partners_to_xlsx(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "partners.xlsx"
    code = main.main(["export", "partners", str(out), "--db", str(db_path)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert captured.out == f"Exported 3 partners to {out}\n"
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None and sheet.title == "Partners"
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["Partner ID", "Name", "Legal name", "Type"]
    rows = {r[1]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert set(rows) == {"=cmd|'/C calc'!A0", "Zeta Systems", "Ålesund Data AS"}
    zeta = dict(zip(header, rows["Zeta Systems"], strict=True))
    assert zeta["Partner ID"] == "P-9" and zeta["Type"] == "MSP" and zeta["Tier"] == "Gold"
    assert zeta["Status"] == "Active" and zeta["City"] == "München"
    assert zeta["Partner since"].date() == date(2024, 3, 1)
    assert zeta["Contacts"] == 2
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:P4"
    with zipfile.ZipFile(out) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml


def test_export_partners_to_csv(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "partners.csv"
    code = main.main(["export", "partners", str(out), "--db", str(db_path)])
    assert code == 0
    assert capsys.readouterr().out == f"Exported 3 partners to {out}\n"
    assert out.read_bytes().startswith(b"\xef\xbb\xbfPartner ID,Name,")
    with open(out, encoding="utf-8-sig", newline="") as stream:
        records = list(csv.DictReader(stream))
    by_name = {r["Name"]: r for r in records}
    assert "'=cmd|'/C calc'!A0" in by_name  # defused
    assert by_name["'=cmd|'/C calc'!A0"]["Country"] == "US"
    assert by_name["Ålesund Data AS"]["Phone"] == "'+47 70 00 00 00"
    assert by_name["Ålesund Data AS"]["Notes"] == "line 1\nline 2"
    assert by_name["Zeta Systems"]["Partner since"] == "2024-03-01"
    assert by_name["Zeta Systems"]["Contacts"] == "2"


def test_an_empty_database_exports_a_header(
    sqlite_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "none.csv"
    assert sqlite_db.path is not None
    assert main.main(["export", "partners", str(out), "--db", str(sqlite_db.path)]) == 0
    assert capsys.readouterr().out == f"Exported 0 partners to {out}\n"
    assert out.read_text(encoding="utf-8-sig").startswith("Partner ID,Name,")


def test_an_unknown_suffix_is_one_line_and_writes_nothing(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "partners.txt"
    code = main.main(["export", "partners", str(out), "--db", str(db_path)])
    captured = capsys.readouterr()
    assert code == 1
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert ".xlsx or .csv" in captured.err and "Traceback" not in captured.err
    assert not out.exists()


def test_an_unwritable_target_is_one_line(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "missing-folder" / "partners.xlsx"
    code = main.main(["export", "partners", str(out), "--db", str(db_path)])
    captured = capsys.readouterr()
    assert code == 1
    assert captured.out == ""
    assert captured.err == (
        f"channel-desk: Cannot write {out}: the folder does not exist. Choose an existing folder.\n"
    )


def test_a_folder_as_target_is_one_line(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "a-folder.csv"
    out.mkdir()
    code = main.main(["export", "partners", str(out), "--db", str(db_path)])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and "it is a folder" in err
