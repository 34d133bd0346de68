"""The services the Program page edits through: rates, spend items, SPIF rules and rebate
thresholds added, changed and deleted by the same rules as their imports, on SQLite and
PostgreSQL, with a stale edit reported rather than lost."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from app.db.engine import Database
from app.db.models import Partner, ProductFamily
from app.domain.enums import SpendProgram
from app.domain.errors import ConflictError, InputError
from app.domain.names import name_key
from app.services.program import rates, rules, spend_items


@pytest.fixture
def db(any_db: Database) -> Database:
    with any_db.transaction() as s:
        s.add(Partner(partner_code="P-1", name="Northwind Traders",
                      name_key=name_key("Northwind Traders")))  # fmt: skip
        s.add(ProductFamily(code="CORE", name="Core Platform"))
    return any_db


def test_rates_are_into_the_reporting_currency_and_a_stale_edit_is_reported(db: Database) -> None:
    with db.transaction() as s:
        rates.add_rate(s, {"currency": "usd", "rate": "0.92", "effective_from": "2026-01-01"})
    with db.reading() as s:
        (row,) = rates.list_rates(s)
    assert (row.currency, row.into_currency, row.rate) == ("USD", "EUR", Decimal("0.92"))
    with db.transaction() as s:
        rates.update_rate(s, row, {"currency": "USD", "rate": "0.93",
                                   "effective_from": "2026-01-01"})  # fmt: skip
    with db.transaction() as s, pytest.raises(ConflictError) as caught:
        rates.update_rate(s, row, {"currency": "USD", "rate": "0.95",
                                   "effective_from": "2026-01-01"})  # fmt: skip
    assert caught.value.changes == {"rate": (Decimal("0.92"), Decimal("0.9300000000"))}
    for raw, message in (
        ({"currency": "EUR", "rate": "1", "effective_from": "2026-01-01"}, "reporting currency"),
        ({"currency": "USD", "rate": "0.9", "effective_from": "2026-01-01"}, "already a USD"),
        ({"currency": "USD", "rate": "-1", "effective_from": "2026-02-01"}, "more than 0"),
        ({"currency": "USD", "rate": "1", "effective_from": "soon"}, "Effective from"),
    ):
        with db.transaction() as s, pytest.raises(InputError, match=message):
            rates.add_rate(s, raw)
    with db.transaction() as s:
        rates.delete_rate(s, rates.list_rates(s)[0])
        assert rates.list_rates(s) == []


def test_spend_items_name_a_partner_or_none(db: Database) -> None:
    with db.transaction() as s:
        spend_items.add_spend(s, {"partner": "northwind traders", "program": "Event",
                                  "spent_on": "2026-02-01", "amount": "1,000.50",
                                  "currency": "eur", "description": "Booth"})  # fmt: skip
        spend_items.add_spend(s, {"partner": "", "program": "other", "spent_on": "2026-02-02",
                                  "amount": "80", "currency": "USD"})  # fmt: skip
    with db.reading() as s:
        first, second = spend_items.list_spend(s)
        assert spend_items.list_spend(s, date(2026, 2, 2), date(2026, 2, 2)) == [second]
    assert (first.partner, first.program, first.amount) == ("P-1", SpendProgram.EVENT,
                                                            Decimal("1000.50"))  # fmt: skip
    assert (second.partner, second.description) == (None, None)
    with db.transaction() as s, pytest.raises(InputError, match="Partner 'P-7' is not a known"):
        spend_items.update_spend(s, first, {"partner": "P-7", "program": "Event",
                                            "spent_on": "2026-02-01", "amount": "1",
                                            "currency": "EUR"})  # fmt: skip
    with db.transaction() as s:
        spend_items.delete_spend(s, second)
        assert len(spend_items.list_spend(s)) == 1


def test_spif_rules_and_rebate_thresholds(db: Database) -> None:
    spif = {"name": "Core push", "family": "core platform", "valid_from": "2026-01-01",
            "valid_to": "2026-03-31", "amount_per_unit": "10", "currency": "EUR"}  # fmt: skip
    with db.transaction() as s:
        rules.add_spif_rule(s, spif)
        rules.add_rebate_threshold(s, {"rule": "Growth", "threshold": "100000", "percent": "2"})
        rules.add_rebate_threshold(s, {"rule": "Growth", "threshold": "0", "percent": "0.5"})
    with db.transaction() as s, pytest.raises(InputError, match="Core push already exists"):
        rules.add_spif_rule(s, {**spif, "name": "CORE PUSH"})
    with db.transaction() as s, pytest.raises(InputError, match="no product family called X"):
        rules.add_spif_rule(s, {**spif, "name": "Other", "family": "X"})
    with db.transaction() as s, pytest.raises(InputError, match="already has a threshold"):
        rules.add_rebate_threshold(s, {"rule": "growth", "threshold": "100000.00",
                                       "percent": "3"})  # fmt: skip
    with db.reading() as s:
        (rule,) = rules.list_spif_rules(s)
        steps = rules.list_rebate_thresholds(s)
    assert (rule.family, rule.valid_to) == ("Core Platform", date(2026, 3, 31))
    assert [(r.threshold, r.percent, r.currency) for r in steps] == [
        (Decimal("0"), Decimal("0.5"), "EUR"), (Decimal("100000"), Decimal("2"), "EUR"),
    ]  # fmt: skip
    with db.transaction() as s:
        rules.update_spif_rule(s, rule, {**spif, "amount_per_unit": "12.50"})
        rules.delete_rebate_threshold(s, steps[0])
    with db.reading() as s:
        assert rules.list_spif_rules(s)[0].amount_per_unit == Decimal("12.50")
        assert len(rules.list_rebate_thresholds(s)) == 1


def test_rates_spend_and_rules_import_again_without_change(db: Database, tmp_path: Path) -> None:
    from app.services.importing.common import ImportOptions
    from app.services.importing.file_import import FileImport, import_file

    files = {
        "fx": "Currency,Rate,Effective from\nUSD,0.92,2026-01-01\nJPY,0.0061234567,2026-01-01\n",
        "spend": "Partner,Program,Date,Amount,Currency,Description\n"
        "P-1,Event,2026-02-01,1000,EUR,Booth\n,Other,2026-02-03,80.25,USD,\n"
        ",Other,2026-02-03,80.25,USD,\n",
        "programs": "Name,Product family,From,To,Amount per unit,Currency\n"
        "Core push,Core Platform,2026-01-01,2026-03-31,10,EUR\n",
    }
    for kind, text in files.items():
        path = tmp_path / f"{kind}.csv"
        path.write_text(text, encoding="utf-8")
        if kind == "programs":
            continue  # a CSV file is no workbook of sheets: refused below
        first = import_file(db, FileImport(kind, path), ImportOptions())
        again = import_file(db, FileImport(kind, path), ImportOptions())
        assert (first.new, again.new, again.unchanged, again.updated) == (
            first.new, 0, first.new, 0), kind  # fmt: skip
    with pytest.raises(InputError, match="SPIF"):
        import_file(db, FileImport("programs", tmp_path / "programs.csv"), ImportOptions())
