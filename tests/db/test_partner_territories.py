"""A partner's territories through the partners import, the partner service and the export:
one rule, one stored form, and a round trip that changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

import main
from app.db.engine import Database
from app.db.models import Partner
from app.domain.errors import InputError
from app.domain.importing.report import ImportRefused
from app.domain.importing.sheet import sheet_from_rows
from app.services.importing import ImportOptions
from app.services.importing.partners import import_partners
from app.services.partners.edit import create_partner, get_partner, update_partner
from tests.support.workbooks import write_workbook


def _import(db: Database, rows: list[dict[str, object]]):  # type: ignore[no-untyped-def]
    headers = {"name": "Name", "partner_code": "Partner ID", "territories": "Territories",
               "country": "Country"}  # fmt: skip
    with db.transaction() as session:
        return import_partners(session, sheet_from_rows(rows, headers=headers), ImportOptions())


def _territories(db: Database) -> dict[str, str | None]:
    with db.reading() as session:
        return dict(session.execute(select(Partner.partner_code, Partner.territories)).all())


def test_imported_territories_are_stored_as_sorted_codes_and_reimport_changes_nothing(
    any_db: Database,
) -> None:
    rows: list[dict[str, object]] = [
        {"partner_code": "P-1", "name": "Contoso", "country": "DE",
         "territories": "Germany, austria; CH"},
        {"partner_code": "P-2", "name": "Fabrikam", "country": "FR", "territories": None},
    ]  # fmt: skip
    first = _import(any_db, rows)
    assert first.new == 2
    assert _territories(any_db) == {"P-1": "AT;CH;DE", "P-2": None}
    rows[0]["territories"] = "DE;AT;CH"  # the same countries, typed another way
    again = _import(any_db, rows)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 2)
    rows[1]["territories"] = "BE, NL"
    changed = _import(any_db, rows)
    assert changed.updated == 1
    assert _territories(any_db)["P-2"] == "BE;NL"


def test_a_territory_that_is_no_country_refuses_the_import(any_db: Database) -> None:
    rows: list[dict[str, object]] = [
        {"partner_code": "P-1", "name": "Contoso", "territories": "DE; Narnia"},
    ]
    with pytest.raises(ImportRefused) as refused:
        _import(any_db, rows)
    (problem,) = refused.value.problems
    assert (problem.row, problem.column) == (2, "Territories")
    assert "'Narnia'" in problem.reason
    assert _territories(any_db) == {}


def test_the_partner_service_holds_territories_to_the_same_rule(any_db: Database) -> None:
    with any_db.transaction() as session:
        partner_id = create_partner(session, {"name": "Contoso", "territories": "ch, de"})
    with any_db.transaction() as session:
        opened = get_partner(session, partner_id)
        assert opened.territories == "CH;DE"
        with pytest.raises(InputError, match="Territories names 'Mordor'"):
            update_partner(session, opened, {**opened.values(), "territories": "Mordor"})
    with any_db.transaction() as session:
        opened = get_partner(session, partner_id)
        update_partner(session, opened, {**opened.values(), "territories": ""})
    assert _territories(any_db) == {opened.partner_code: None}


def test_export_then_import_of_partners_keeps_the_territories(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "db.sqlite")
    book = write_workbook(tmp_path / "in.xlsx", [
        ["Partner ID", "Name", "Country", "Territories"],
        ["P-00001", "Contoso", "DE", "at;de"],
        ["P-00002", "Fabrikam", "FR", None],
    ])  # fmt: skip
    assert main.main(["import", "partners", str(book), "--db", db]) == 0
    out = tmp_path / "out.xlsx"
    assert main.main(["export", "partners", str(out), "--db", db]) == 0
    capsys.readouterr()
    assert main.main(["import", "partners", str(out), "--db", db]) == 0
    assert "0 new, 0 updated, 2 unchanged" in capsys.readouterr().out
    from openpyxl import load_workbook

    sheet = load_workbook(out).active
    assert sheet is not None
    header = [cell.value for cell in sheet[1]]
    column = header.index("Territories")
    assert [row[column] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["AT;DE", None]
