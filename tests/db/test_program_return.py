"""The return report read from the database (SPEC.md, "Program spend and return"), on SQLite and
PostgreSQL: every figure of ``tests/support/program_world.py``'s hand-worked table."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.db.engine import Database
from app.domain.errors import InputError, NotFoundError
from app.services.program.return_rows import return_json
from app.services.program.returns import return_items, return_report
from tests.support.program_world import END, START, add_program_world

D = Decimal


@pytest.fixture
def world(any_db: Database) -> Database:
    add_program_world(any_db)
    return any_db


def test_every_figure_of_the_hand_worked_table(world: Database) -> None:
    with world.reading() as s:
        report = return_report(s, START, END)
    data = return_json(report)
    assert data["currency"] == "EUR" and (data["from"], data["to"]) == ("2026-01-01", "2026-03-31")
    by = {line["partner"]: line for line in data["partners"]}
    assert list(by) == ["P-1", "P-2", "P-3"]
    zero = "0.00"
    assert by["P-1"]["spend"] == {"MDF": "2000.00", "SPIF": "50.00", "Rebate": "2000.00",
                                  "Training": zero, "Event": "1000.00", "Other": zero,
                                  "all": "5050.00"}  # fmt: skip
    assert (by["P-1"]["sourced"], by["P-1"]["influenced"], by["P-1"]["return_ratio"]) == (
        "100000.00",
        zero,
        "19.8020",
    )
    assert by["P-2"]["spend"]["MDF"] == "200.00" and by["P-2"]["spend"]["Training"] == "300.00"
    assert (by["P-2"]["spend"]["all"], by["P-2"]["sourced"], by["P-2"]["return_ratio"]) == (
        "500.00",
        "8000.00",
        "16.0000",
    )
    assert (by["P-3"]["spend"]["all"], by["P-3"]["influenced"], by["P-3"]["return_ratio"]) == (
        zero,
        "105000.00",
        None,
    )
    program = data["program"]
    assert program["spend"] == {"MDF": "2200.00", "SPIF": "50.00", "Rebate": "2000.00",
                                "Training": "300.00", "Event": "1000.00", "Other": "450.00",
                                "all": "6000.00"}  # fmt: skip
    assert (program["sourced"], program["influenced"], program["return_ratio"]) == (
        "108000.00",
        "5000.00",
        "18.8333",
    )
    assert data["not_converted"] == [
        {"kind": "deal", "currency": "GBP", "amount": "1000.00", "date": "2026-03-01"}
    ]


def test_one_partner_alone_by_its_id_in_any_case(world: Database) -> None:
    with world.reading() as s:
        report = return_report(s, START, END, "p-2")
        assert [line.partner for line in report.partners] == ["P-2"]
        assert report.program.spend["all"] == D("6000.00")
        with pytest.raises(NotFoundError, match="no partner with Partner ID 'P-9'"):
            return_report(s, START, END, "P-9")


def test_the_items_behind_a_figure(world: Database) -> None:
    with world.reading() as s:
        influenced = return_items(s, START, END, "P-3", "influenced")
        spend = return_items(s, START, END, None, "all")
    assert [(i.ref, i.converted) for i in influenced] == [("D-1", D("100000")), ("D-3", D("5000"))]
    assert [(i.kind, i.converted) for i in spend] == [
        ("Event", D("1000.00")), ("Other", D("450.00")), ("SPIF", D("50.00")),
        ("Training", D("300.00")), ("MDF", D("2000.00")), ("MDF", D("200.00")),
        ("Rebate", D("2000.00")),
    ]  # fmt: skip


def test_a_change_of_reporting_currency_leaves_amounts_not_converted_until_rates_exist(
    world: Database,
) -> None:
    from app.services.company import save_settings_text

    with world.transaction() as s:
        save_settings_text(s, {"reporting_currency": "gbp"})
    with world.reading() as s:
        report = return_report(s, START, END)
    assert report.currency == "GBP"
    assert report.program.spend["Other"] == D("350.00")  # 500 USD × 0.7 into GBP
    assert report.program.sourced == D("8000.00")  # D-4: 1,000 GBP at 1; D-2: 10,000 USD × 0.7
    kinds = sorted({(n.kind, n.currency) for n in report.not_converted})
    assert ("deal", "EUR") in kinds and ("Event", "EUR") in kinds


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (date(2026, 3, 1), date(2026, 2, 1), "is before from 2026-03-01"),
        (date(1800, 1, 1), date(2026, 2, 1), "From 1800-01-01 is outside the years"),
    ],
)
def test_a_period_that_cannot_be_is_refused(
    sqlite_db: Database, start: date, end: date, message: str
) -> None:
    with sqlite_db.reading() as s, pytest.raises(InputError, match=message):
        return_report(s, start, end)
