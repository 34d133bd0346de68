"""The accounts import (SPEC.md, "Import and export": Name*, Website, Country, City, Named
account, Direct rep): rows found by the overlap rules' certain identity, the named list and
its reps, refusals that say what to do, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.db.engine import Database
from app.db.models import Account, DirectRep
from app.domain.importing.report import ImportRefused, ImportSummary
from app.domain.importing.sheet import sheet_from_rows
from app.domain.names import domain_key, name_key
from app.services.exporting.kinds import account_rows
from app.services.importing import ImportOptions
from app.services.importing.accounts import import_accounts


def _import(db: Database, rows: list[dict[str, object]], **options: object) -> ImportSummary:
    with db.transaction() as session:
        return import_accounts(session, sheet_from_rows(rows), ImportOptions(**options))  # type: ignore[arg-type]


def _world(db: Database) -> None:
    with db.transaction() as s:
        s.add_all([
            DirectRep(name="Dana Direct", email="dana@vendor.example"),
            DirectRep(name="Sam Seller", email="sam@vendor.example"),
            Account(name="Contoso Ltd", name_key=name_key("Contoso Ltd"), website="contoso.com",
                    domain=domain_key("contoso.com"), country="GB"),
            Account(name="Globex", name_key=name_key("Globex"), country=None),
        ])  # fmt: skip


def _accounts(db: Database) -> dict[str, tuple[object, ...]]:
    with db.reading() as s:
        return {
            a.name: (a.website, a.country, a.city, a.named_account,
                     a.owner_rep.name if a.owner_rep else None)
            for a in s.scalars(select(Account))
        }  # fmt: skip


def test_rows_find_their_company_by_certain_identity(any_db: Database) -> None:
    _world(any_db)
    summary = _import(any_db, [
        # the same domain under another name: Contoso itself, now named with its rep
        {"name": "Contoso UK", "website": "https://www.contoso.com/uk", "country": "GB",
         "named_account": "yes", "owner_rep_id": "dana@vendor.example"},
        # the same name where the stored one has no country: Globex itself
        {"name": "GLOBEX GmbH", "country": "Germany", "city": "Berlin"},
        {"name": "Initech", "country": "us", "named_account": "no", "owner_rep_id": "Sam Seller"},
    ])  # fmt: skip
    assert (summary.new, summary.updated, summary.unchanged) == (1, 2, 0)
    accounts = _accounts(any_db)
    assert accounts["Contoso UK"] == ("https://www.contoso.com/uk", "GB", None, True, "Dana Direct")
    assert accounts["GLOBEX GmbH"] == (None, "DE", "Berlin", False, None)
    assert accounts["Initech"] == (None, "US", None, False, "Sam Seller")
    with any_db.reading() as s:
        assert s.scalar(select(func.count()).select_from(Account)) == 3


def test_export_then_import_changes_nothing(any_db: Database) -> None:
    _world(any_db)
    _import(any_db, [{"name": "Contoso Ltd", "country": "GB", "named_account": True,
                      "owner_rep_id": "Sam Seller"}])  # fmt: skip
    with any_db.reading() as s:
        exported = account_rows(s)
    rows = [
        {"name": r.name, "website": r.website, "country": r.country, "city": r.city,
         "named_account": "yes" if r.named_account else "no", "owner_rep_id": r.rep}
        for r in exported
    ]  # fmt: skip
    before = _accounts(any_db)
    summary = _import(any_db, rows)
    assert (summary.new, summary.updated, summary.unchanged) == (0, 0, 2)
    assert _accounts(any_db) == before


@pytest.mark.parametrize(
    ("cell", "said"),
    [
        (
            "Pat Nobody",
            "is not a direct rep on file (known: Dana Direct, Sam Seller); add the rep first "
            "(Accounts & Claims › Direct reps…, or Rules of engagement › Direct reps…)",
        ),
    ],
)
def test_an_unknown_rep_names_the_known_ones_and_nothing_is_written(
    any_db: Database, cell: str, said: str
) -> None:
    _world(any_db)
    before = _accounts(any_db)
    with pytest.raises(ImportRefused) as refused:
        bad = {"name": "Umbrella", "country": "Atlantis", "named_account": "maybe"}
        _import(any_db, [{"name": "Initech", "owner_rep_id": cell}, bad])
    lines = str(refused.value).splitlines()
    # (a file's own headers are quoted; these rows have the fields' names for headers)
    assert lines[1] == f"row 2, column 'owner_rep_id': '{cell}' {said}"
    assert any("column 'country': 'Atlantis'" in line for line in lines)
    assert any("column 'named_account': 'maybe' is not yes or no" in line for line in lines)
    assert _accounts(any_db) == before


def test_with_no_rep_on_file_the_message_says_to_add_one(any_db: Database) -> None:
    said = r"none is on file yet; add the rep first \(Accounts & Claims › Direct reps…"
    with pytest.raises(ImportRefused, match=said):
        _import(any_db, [{"name": "Initech", "owner_rep_id": "Dana"}])
    summary = _import(any_db, [{"name": "Initech", "owner_rep_id": "Dana"}], skip_invalid=True)
    assert (summary.new, summary.invalid_rows) == (0, 1)


def test_one_company_twice_in_a_file_is_refused_unless_identical(any_db: Database) -> None:
    _world(any_db)
    same = {"name": "Hooli", "website": "hooli.com", "country": "US"}
    other = {**same, "name": "Hooli Inc", "city": "Palo Alto"}
    summary = _import(any_db, [same, dict(same), other], skip_invalid=True)
    assert (summary.new, summary.merged, summary.invalid_rows) == (1, 1, 1)
    assert "is the same company as row 2" in summary.problems[0].reason
