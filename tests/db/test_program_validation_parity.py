"""A rate, a spend item, a SPIF rule or a rebate threshold saved through the service the Program
page calls and the same record imported get the same verdict, good or bad (one rule per kind,
``app.domain.program.forms``, and the same lookups of partners and product families)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date

import pytest
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import Partner, ProductFamily
from app.domain.errors import InputError
from app.domain.importing.sheet import sheet_from_rows
from app.domain.names import name_key
from app.services.importing import ImportOptions
from app.services.importing.fx import import_fx
from app.services.importing.programs import import_programs
from app.services.importing.spend import import_spend
from app.services.program.rates import add_rate
from app.services.program.rules import add_rebate_threshold, add_spif_rule
from app.services.program.spend_items import add_spend

Case = tuple[dict[str, object], bool]

RATE_CASES: list[Case] = [
    ({"currency": "USD", "rate": "0.92", "effective_from": "2026-01-01"}, True),
    ({"currency": "jpy", "rate": "0.0061234567", "effective_from": date(2026, 1, 1)}, True),
    ({"currency": "EUR", "rate": "1", "effective_from": "2026-01-01"}, False),  # reporting
    ({"currency": "XYZ", "rate": "1", "effective_from": "2026-01-01"}, False),
    ({"currency": "USD", "rate": "0", "effective_from": "2026-01-01"}, False),
    ({"currency": "USD", "rate": "1e9", "effective_from": "2026-01-01"}, False),
    ({"currency": "USD", "rate": "0.12345678901", "effective_from": "2026-01-01"}, False),
    ({"currency": "USD", "rate": "1", "effective_from": "3000-01-01"}, False),
    ({"currency": "USD", "rate": "", "effective_from": "2026-01-01"}, False),
]
SPEND_CASES: list[Case] = [
    ({"partner": "P-1", "program": "Event", "spent_on": "2026-02-01", "amount": "10",
      "currency": "EUR", "description": "Booth"}, True),
    ({"partner": "northwind traders", "program": "mdf", "spent_on": "2026-02-01",
      "amount": "10.5", "currency": "usd"}, True),
    ({"partner": None, "program": "Other", "spent_on": "2026-02-01", "amount": "0",
      "currency": "JPY"}, True),
    ({"partner": "P-9", "program": "Event", "spent_on": "2026-02-01", "amount": "1",
      "currency": "EUR"}, False),
    ({"program": "Party", "spent_on": "2026-02-01", "amount": "1", "currency": "EUR"}, False),
    ({"program": "Event", "spent_on": "2026-02-01", "amount": "1.5", "currency": "JPY"}, False),
    ({"program": "Event", "spent_on": "2026-02-01", "amount": "-1", "currency": "EUR"}, False),
    ({"program": "Event", "spent_on": "2026-02-01", "amount": "1e20", "currency": "EUR"}, False),
    ({"program": "Event", "spent_on": "2026-02-01", "amount": "1", "currency": "EU"}, False),
    ({"program": "Event", "spent_on": "2026-02-01", "amount": "1", "currency": "EUR",
      "description": "x" * 2001}, False),
]  # fmt: skip
SPIF_CASES: list[Case] = [
    ({"name": "Core push", "family": "Core Platform", "valid_from": "2026-01-01",
      "valid_to": "2026-01-01", "amount_per_unit": "10", "currency": "EUR"}, True),
    ({"name": "Other push", "family": "core platform", "valid_from": "2026-01-01",
      "valid_to": "2026-03-31", "amount_per_unit": "0.001", "currency": "KWD"}, True),
    ({"name": "Push", "family": "Storage", "valid_from": "2026-01-01",
      "valid_to": "2026-03-31", "amount_per_unit": "10", "currency": "EUR"}, False),
    ({"name": "Push", "family": "Core Platform", "valid_from": "2026-03-31",
      "valid_to": "2026-01-01", "amount_per_unit": "10", "currency": "EUR"}, False),
    ({"name": "", "family": "Core Platform", "valid_from": "2026-01-01",
      "valid_to": "2026-03-31", "amount_per_unit": "10", "currency": "EUR"}, False),
    ({"name": "Push", "family": "Core Platform", "valid_from": "2026-01-01",
      "valid_to": "2026-03-31", "amount_per_unit": "10.005", "currency": "EUR"}, False),
]  # fmt: skip
REBATE_CASES: list[Case] = [
    ({"rule": "Growth", "threshold": "100000", "percent": "2"}, True),
    ({"rule": "Growth", "threshold": "0", "percent": "0.1234"}, True),
    ({"rule": "Growth", "threshold": "-1", "percent": "2"}, False),
    ({"rule": "Growth", "threshold": "1", "percent": "101"}, False),
    ({"rule": "Growth", "threshold": "1", "percent": "0.12345"}, False),
    ({"rule": "", "threshold": "1", "percent": "2"}, False),
    ({"rule": "Growth", "threshold": "0.001", "percent": "2"}, False),  # finer than a cent
]


@pytest.fixture
def db(sqlite_db: Database) -> Database:
    with sqlite_db.transaction() as s:
        s.add(Partner(partner_code="P-1", name="Northwind Traders",
                      name_key=name_key("Northwind Traders")))  # fmt: skip
        s.add(ProductFamily(code="CORE", name="Core Platform"))
    return sqlite_db


def _service_verdicts(
    db: Database, add: Callable[[Session, Mapping[str, object]], int], cases: Sequence[Case]
) -> list[bool]:
    """Each case saved alone through the service, then rolled back."""
    verdicts = []
    with db.transaction() as session:
        for fields, _expected in cases:
            savepoint = session.begin_nested()
            try:
                add(session, fields)
                verdicts.append(True)
            except InputError:
                verdicts.append(False)
            finally:
                savepoint.rollback()
    return verdicts


def _import_verdicts(db: Database, kind: str, cases: Sequence[Case]) -> list[bool]:
    """Each case imported as one row of a dry run."""
    rows = [dict(fields) for fields, _ in cases]
    sheet = sheet_from_rows(rows)
    options = ImportOptions(dry_run=True)
    with db.transaction() as session:
        if kind == "fx":
            summary = import_fx(session, sheet, options)
        elif kind == "spend":
            summary = import_spend(session, sheet, options)
        else:
            summary = import_programs(session, {kind: sheet}, options)
    refused = {problem.row - 2 for problem in summary.problems}
    return [index not in refused for index in range(len(cases))]


@pytest.mark.parametrize(
    ("kind", "add", "cases"),
    [
        ("fx", add_rate, RATE_CASES),
        ("spend", add_spend, SPEND_CASES),
        ("SPIF", add_spif_rule, SPIF_CASES),
        ("Rebate", add_rebate_threshold, REBATE_CASES),
    ],
)
def test_service_and_import_agree(
    db: Database, kind: str, add: Callable[[Session, Mapping[str, object]], int],
    cases: list[Case],
) -> None:  # fmt: skip
    expected = [ok for _fields, ok in cases]
    assert _service_verdicts(db, add, cases) == expected
    assert _import_verdicts(db, kind, cases) == expected
