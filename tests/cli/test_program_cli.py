"""``program return`` and ``settings set reporting-currency`` on the command line (SPEC.md,
"Command line"): SPEC's JSON, a table and CSV with the same figures, one line per refusal."""

from __future__ import annotations

import csv
import io
import json

import pytest
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Setting
from tests.cli.test_quote_cli import run
from tests.support.program_world import add_program_world


@pytest.fixture
def db(sqlite_db: Database) -> str:
    add_program_world(sqlite_db)
    return str(sqlite_db.path)


PERIOD = ("--from", "2026-01-01", "--to", "2026-03-31")


def test_json_is_specs_shape_with_every_figure_a_decimal_string(
    capsys: pytest.CaptureFixture[str], db: str
) -> None:
    code, out, err = run(capsys, "program", "return", *PERIOD, "--format", "json", "--db", db)
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert list(data) == ["from", "to", "currency", "partners", "program", "not_converted"]
    first = data["partners"][0]
    assert list(first) == ["partner", "spend", "sourced", "influenced", "return_ratio"]
    assert list(first["spend"]) == ["MDF", "SPIF", "Rebate", "Training", "Event", "Other", "all"]
    assert first == {
        "partner": "P-1",
        "spend": {"MDF": "2000.00", "SPIF": "50.00", "Rebate": "2000.00", "Training": "0.00",
                  "Event": "1000.00", "Other": "0.00", "all": "5050.00"},
        "sourced": "100000.00", "influenced": "0.00", "return_ratio": "19.8020",
    }  # fmt: skip
    assert list(data["program"]) == list(first) and data["program"]["partner"] is None
    assert data["program"]["return_ratio"] == "18.8333"
    assert data["not_converted"] == [
        {"kind": "deal", "currency": "GBP", "amount": "1000.00", "date": "2026-03-01"}
    ]


def test_one_partner_as_csv_and_as_a_table(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, out, err = run(capsys, "program", "return", *PERIOD, "--partner", "P-2",
                         "--format", "csv", "--db", db)  # fmt: skip
    assert code == 0
    assert err == (
        "channel-desk: 1 amounts have no rate into EUR and are left out of the totals "
        "(--format table lists them).\n"
    )
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["Partner ID"], r["Spend"], r["Sourced"], r["Return"]) for r in rows] == [
        ("P-2", "500.00", "8000.00", "16.0000"),
        ("", "6000.00", "108000.00", "18.8333"),
    ]
    assert rows[1]["Partner"] == "Whole program"
    code, out, err = run(capsys, "program", "return", *PERIOD, "--db", db)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Program return 2026-01-01 to 2026-03-31, in EUR"
    assert lines[4].split() == ["P-3", "Adatum", "Systems", *["0.00"] * 8, "105,000.00"]
    assert lines[-1].split() == ["2026-03-01", "deal", "GBP", "1,000.00", "D-4"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("--from", "2026-02-30", "--to", "2026-03-31"),
         "channel-desk: --from '2026-02-30' is not a date: use YYYY-MM-DD, e.g. 2026-01-31.\n"),
        (("--from", "01/01/2026", "--to", "tomorrow"),
         "channel-desk: --from '01/01/2026' is not a date: use YYYY-MM-DD, e.g. 2026-01-31.\n"
         "channel-desk: --to 'tomorrow' is not a date: use YYYY-MM-DD, e.g. 2026-01-31.\n"),
        (("--from", "2026-03-31", "--to", "2026-01-01"),
         "channel-desk: To 2026-01-01 is before from 2026-03-31: the period ends on or after "
         "the day it starts.\n"),
        ((*PERIOD, "--partner", "P-404"), "channel-desk: There is no partner with Partner ID "
         "'P-404'.\n"),
    ],
)  # fmt: skip
def test_bad_input_is_one_line_per_problem_and_exit_1(
    capsys: pytest.CaptureFixture[str], db: str, argv: tuple[str, ...], message: str
) -> None:
    code, out, err = run(capsys, "program", "return", *argv, "--db", db)
    assert (code, out, err) == (1, "", message)


def test_the_reporting_currency_is_an_iso_4217_code(
    capsys: pytest.CaptureFixture[str], sqlite_db: Database
) -> None:
    db = str(sqlite_db.path)
    code, _out, err = run(capsys, "settings", "set", "reporting-currency", "EUO", "--db", db)
    assert (code, err) == (
        1, "channel-desk: Reporting currency: 'EUO' is not an ISO 4217 currency: use a code "
        "such as EUR or USD.\n",
    )  # fmt: skip
    with sqlite_db.reading() as s:
        assert s.scalar(select(Setting.value).where(Setting.key == "reporting_currency")) in (
            None, "EUR")  # fmt: skip
    code, _out, err = run(capsys, "settings", "set", "reporting-currency", " usd ", "--db", db)
    assert (code, err) == (0, "reporting-currency set.\n")
    with sqlite_db.reading() as s:
        assert s.scalar(select(Setting.value).where(Setting.key == "reporting_currency")) == "USD"
