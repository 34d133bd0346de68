"""The leads import on both engines: new leads, a re-import that changes nothing and never
undoes a routing, a nurture lead whose grade changes, bad cells, and export → import."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Lead, LeadAssignment, ProductFamily
from app.domain.enums import AssignmentOutcome, LeadStatus
from app.domain.importing.fields import FIELDS
from app.domain.importing.report import ImportRefused
from app.domain.importing.sheet import sheet_from_rows
from app.io.export import export_table
from app.io.import_sheet import read_mapped
from app.services.exporting.kinds import EXPORT_KINDS
from app.services.importing import ImportOptions
from app.services.importing.run import import_kind

HEADERS = {f.name: f.label for f in FIELDS["leads"]}
ROWS: list[dict[str, object]] = [
    {"lead_code": "L-1", "company": "Contoso GmbH", "website": "https://www.contoso.de",
     "country": "Germany", "contact": "Ada Weber", "email": "ada@contoso.de",
     "family": "firewalls", "campaign": "Autumn webinar", "grade": "a",
     "created_on": date(2026, 10, 1)},
    {"lead_code": "L-2", "company": "Fabrikam SA", "website": None, "country": "fr",
     "contact": None, "email": "jean@gmail.com", "family": None, "campaign": "Trade show",
     "grade": "none", "created_on": "2026-10-02"},
    {"lead_code": "L-3", "company": "Tailspin Toys", "website": None, "country": "US",
     "contact": None, "email": "ops@tailspin.example", "family": None, "campaign": None,
     "grade": None, "created_on": "2026-10-03"},
]  # fmt: skip


@pytest.fixture
def families(any_db: Database) -> Database:
    with any_db.transaction() as session:
        session.add_all([ProductFamily(code="FW", name="Firewalls"),
                         ProductFamily(code="SW", name="Switches")])  # fmt: skip
    return any_db


def _import(db: Database, rows: list[dict[str, object]], **options: object):  # type: ignore[no-untyped-def]
    with db.transaction() as session:
        sheet = sheet_from_rows(rows, headers=HEADERS)
        return import_kind(session, "leads", {"leads": sheet}, ImportOptions(**options), "x")  # type: ignore[arg-type]


def _leads(db: Database) -> dict[str, Lead]:
    with db.reading() as session:
        leads = session.scalars(select(Lead)).all()
        session.expunge_all()
        return {lead.lead_code: lead for lead in leads}


def test_new_leads_are_stored_with_their_keys_and_a_reimport_changes_nothing(
    families: Database,
) -> None:
    first = _import(families, ROWS)
    assert (first.new, first.updated, first.unchanged) == (3, 0, 0)
    leads = _leads(families)
    contoso, fabrikam, tailspin = leads["L-1"], leads["L-2"], leads["L-3"]
    assert (contoso.country, contoso.grade, contoso.status) == ("DE", "A", LeadStatus.NEW)
    assert contoso.domain == "contoso.de" and contoso.name_key
    assert contoso.family_id is not None
    assert (fabrikam.grade, fabrikam.domain) == (None, None)  # free mail names no company
    assert tailspin.domain == "tailspin.example"  # no website: the e-mail's domain
    again = _import(families, ROWS)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 3)


def test_a_reimport_changes_facts_but_never_undoes_a_routing(families: Database) -> None:
    _import(families, ROWS)
    with families.transaction() as session:
        lead = session.scalars(select(Lead).where(Lead.lead_code == "L-1")).one()
        lead.status = LeadStatus.ACCEPTED
        session.add(LeadAssignment(lead=lead, partner_id=None, assigned_on=date(2026, 10, 5),
                                   grade="A", reason="grade A",
                                   outcome=AssignmentOutcome.ACCEPTED,
                                   accepted_on=date(2026, 10, 5)))  # fmt: skip
    changed = [dict(ROWS[0], lead_code="l-1", grade="B", campaign="Spring webinar"), *ROWS[1:]]
    summary = _import(families, changed, preview=True)
    assert (summary.new, summary.updated, summary.unchanged) == (0, 1, 2)
    (planned,) = summary.changes
    assert "Grade: A → B" in planned.changes and "Campaign" in planned.changes
    lead = _leads(families)["L-1"]  # matched without regard to case, spelled as stored
    assert (lead.grade, lead.campaign, lead.status) == ("B", "Spring webinar", LeadStatus.ACCEPTED)
    with families.reading() as session:
        assert session.scalar(select(LeadAssignment.outcome)) == AssignmentOutcome.ACCEPTED


@pytest.mark.parametrize(("grade", "status"), [("C", LeadStatus.NEW), ("d", LeadStatus.NURTURE)])
def test_a_changed_grade_makes_a_nurture_lead_routable_again(
    families: Database, grade: str, status: LeadStatus
) -> None:
    rows = [dict(ROWS[0], grade="D")]
    _import(families, rows)
    with families.transaction() as session:
        lead = session.scalars(select(Lead)).one()
        lead.status, lead.nurture_grade = LeadStatus.NURTURE, "D"
    _import(families, [dict(rows[0], grade=grade, campaign="New campaign")])
    lead = _leads(families)["L-1"]
    assert lead.status is status
    assert lead.nurture_grade == (None if status is LeadStatus.NEW else "D")


def test_bad_cells_refuse_the_file_with_one_line_each_and_write_nothing(families: Database) -> None:
    rows = [
        ROWS[0],
        dict(ROWS[0], lead_code="l-1", company="Contoso AG"),
        dict(ROWS[1], country=None),
        dict(ROWS[2], created_on="someday", grade="E"),
    ]
    with pytest.raises(ImportRefused) as refused:
        _import(families, rows)
    found = {(p.row, p.column): p.reason for p in refused.value.problems}
    assert "same lead as row 2" in found[(3, "Lead ID")]
    assert found[(4, "Country")] == "is required"
    assert found[(5, "Created on")].startswith("is not a date")
    assert found[(5, "Grade")] == "is not a grade: use A, B, C, D, none or leave it empty"
    assert len(found) == 4
    assert _leads(families) == {}
    with pytest.raises(ImportRefused) as refused:
        _import(families, [ROWS[1], dict(ROWS[0], family="Routers")])
    (problem,) = refused.value.problems
    assert problem.column == "Product family"
    assert problem.reason == "is not a known product family: use one of Firewalls, Switches"


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_then_import_changes_nothing(
    families: Database, suffix: str, tmp_path: Path
) -> None:
    _import(families, ROWS)
    export = EXPORT_KINDS["leads"]
    with families.reading() as session:
        rows = export.rows(session)
    path = tmp_path / f"leads{suffix}"
    export_table(path, rows, export.columns, title=export.title)
    with families.transaction() as session:
        sheets = {"leads": read_mapped(path, FIELDS["leads"])}
        summary = import_kind(session, "leads", sheets, ImportOptions(), path.name)
    assert not summary.problems, summary.problems[:3]
    assert (summary.new, summary.updated, summary.unchanged) == (0, 0, 3)
