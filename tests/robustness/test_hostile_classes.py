"""One test per class of hostile input a person really gave, each with its one-line answer.

The fuzz tests beside this file show that nothing reaches exit 3; these pin down what each
class now answers: the words, the exit code, and the database unchanged after a refusal.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.robustness.harness import (
    Outcome,
    assert_answered,
    fresh_copy,
    run_cli,
    table_dump,
)

SPEC = {"partner": "Northwind Traders", "account": "Globex Corp.", "currency": "EUR",
        "lines": [{"sku": "CD-100", "qty": 3}]}  # fmt: skip


def _refused(db: Path, *args: str) -> Outcome:
    """Run ``args`` on ``db``: refused with exit 1, the database as it was."""
    before = table_dump(db)
    outcome = run_cli(*args, "--db", str(db))
    assert_answered(outcome, before, table_dump(db))
    assert outcome.code == 1, outcome
    return outcome


@pytest.fixture
def db(demo_file: Path, tmp_path: Path) -> Path:
    return fresh_copy(demo_file, tmp_path)


def _spec(tmp_path: Path, text: str) -> str:
    path = tmp_path / "spec.json"
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("changes", "answer"),
    [
        ({"partner": 10**30}, "'partner': 1000000000000000000000000000000 is not an ID"),
        ({"account": -(10**30)}, "is not an ID"),
        ({"partner": "99999999999999999999999999"}, "There is no partner '9999"),
        ({"account": "#99999999999999999999999"}, "There is no account '#9999"),
        ({"partner": "²"}, "There is no partner '²'"),
        ({"date": "9999-12-31"}, "'date': 9999-12-31 is outside the years 1900 to 2999."),
        ({"date": "0001-01-01"}, "is outside the years"),
        ({"partner": "North\x1b[2Jwind"}, "'partner' contains a control character, ESC"),
        ({"account": "\u202eGlobex"}, "RIGHT-TO-LEFT OVERRIDE (U+202E)"),
        ({"lines": [{"sku": "CD\x07", "qty": 1}]}, "Line 1: 'sku' contains a control character"),
        ({"partner": [[[1]]]}, "'partner' must be a name or an ID, not a list."),
        ({"tax_rate": "1e999999999"}, "'tax_rate': '1e999999999' is too large."),
        ({"lines": [{"sku": "CD-100", "qty": 1, "special": "1e-999999999"}]}, "too many decimals"),
    ],
)
def test_quote_spec_values(
    db: Path, tmp_path: Path, changes: dict[str, object], answer: str
) -> None:
    outcome = _refused(db, "quote", "create", _spec(tmp_path, json.dumps({**SPEC, **changes})))
    assert answer in outcome.err


def test_quote_spec_unpaired_surrogate(db: Path, tmp_path: Path) -> None:
    text = json.dumps(SPEC).replace("Northwind Traders", "North\\ud800wind")
    assert "half of a character pair" in _refused(db, "quote", "create", _spec(tmp_path, text)).err


@pytest.mark.parametrize(
    ("text", "answer"),
    [("[" * 100_000, "is nested too deeply"), ('{"partner": ' + "9" * 5000 + "}", "too long")],
)
def test_quote_spec_files(db: Path, tmp_path: Path, text: str, answer: str) -> None:
    assert answer in _refused(db, "quote", "create", _spec(tmp_path, text)).err


def test_revision_beyond_any_database_integer(db: Path) -> None:
    outcome = _refused(db, "quote", "show", "Q-2026-00001", "--revision", "9" * 30)
    assert outcome.err == f"channel-desk: Quote Q-2026-00001 has no revision {'9' * 30}.\n"


def test_names_the_file_system_refuses(db: Path, tmp_path: Path) -> None:
    long = tmp_path / ("n" * 300)
    for args in (
        ("export", "partners", f"{long}.csv"),
        ("export", "overlaps", f"{long}.xlsx"),
        ("quote", "pdf", "Q-2026-00001", "--out", f"{long}.pdf"),
    ):
        assert "the name is too long" in _refused(db, *args).err
    assert "Cannot read" in _refused(db, "import", "partners", f"{long}.csv").err


def _csv(tmp_path: Path, text: str, name: str = "rows.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("row", "answer"),
    [
        ("Bell\x07 Ltd,DE", "contains a control character, BEL (U+0007)"),
        ("\x1b[31mRed Ltd,DE", "contains a control character, ESC (U+001B)"),
        ("\u202eevil,DE", "RIGHT-TO-LEFT OVERRIDE"),
        ("Csi\x9b Ltd,DE", "CSI (U+009B)"),
        ("Since Ltd,DE,9999-12-31", "is outside the years 1900 to 2999"),
    ],
)
def test_partner_cells_refused(db: Path, tmp_path: Path, row: str, answer: str) -> None:
    book = _csv(tmp_path, f"Name,Country,Partner since\n{row}\n")
    outcome = _refused(db, "import", "partners", book)
    assert answer in outcome.err
    assert "\x1b" not in outcome.err and "\x07" not in outcome.err


def test_claims_import_holds_the_claim_dialog_rules(db: Path, tmp_path: Path) -> None:
    header = "Partner,Account,Claimed on,Deal amount,Currency\n"
    for row, answer in (
        ("Direct,Foo GmbH,2026-03-01,-5000,EUR", "must not be negative"),
        ("Direct,Foo GmbH,2026-03-01,100.5,JPY", "has more than 0 decimals"),
        ("Direct,Foo GmbH,9999-12-31,100,EUR", "is outside the years"),
        ("Direct,Foo GmbH,2026-03-01,1e999999999,EUR", "'1e999999999' is too large"),
        ("Direct,Foo GmbH,2026-03-01,1e30,EUR", "must be less than 100,000,000,000,000"),
    ):
        assert answer in _refused(db, "import", "claims", _csv(tmp_path, header + row)).err


def test_a_line_break_in_a_name_is_a_space(db: Path, tmp_path: Path) -> None:
    book = _csv(tmp_path, 'Name,Country,Notes\n"Two\nLines Ltd",DE,"first\r\nsecond"\n')
    assert run_cli("import", "partners", book, "--db", str(db)).code == 0
    with sqlite3.connect(db) as connection:
        stored = connection.execute(
            "SELECT name, notes FROM partner WHERE name LIKE 'Two%'"
        ).fetchall()
    assert stored == [("Two Lines Ltd", "first\nsecond")]


def test_an_unclosed_quote_is_refused_where_it_opens(db: Path, tmp_path: Path) -> None:
    book = _csv(tmp_path, 'Name,Country\nFirst Ltd,DE\n"Second Ltd,DE\nThird Ltd,FR\n')
    outcome = _refused(db, "import", "partners", book)
    assert "the quoted value that opens on line 3 is not closed properly" in outcome.err


def test_stored_controls_are_printed_as_escapes(db: Path) -> None:
    """Text stored before the rule (or by another program) is shown, never acted on."""
    with sqlite3.connect(db) as connection:
        connection.execute(
            "UPDATE partner SET name = 'Northwind\x1b[2J\x07 Traders\u202e' "
            "WHERE name = 'Northwind Traders'"
        )
        connection.execute(
            "UPDATE account SET name = name || '\x1b]0;owned\x07' WHERE id IN "
            "(SELECT account_id FROM claim)"
        )
    for args in (
        ("quote", "show", "Q-2026-00005"),
        ("quote", "show", "Q-2026-00005", "--format", "json"),
        ("overlaps",),
        ("overlaps", "--format", "csv"),
        ("overlaps", "--format", "json"),
    ):
        outcome = run_cli(*args, "--db", str(db))
        assert_answered(outcome)
        assert outcome.code == 0
        assert "\\x1b" in outcome.out or "\\u001b" in outcome.out, args


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_text_that_begins_like_a_formula_survives_a_round_trip(
    db: Path, tmp_path: Path, suffix: str
) -> None:
    names = ["'=SUM(A1)", "''+1 Ltd", "=1+1 Ltd", "-minus Ltd", "@at Ltd", "'quoted Ltd"]
    # The file these names first come from protects them as an export does (one more
    # apostrophe before apostrophes and a formula character).
    written = ["''=SUM(A1)", "'''+1 Ltd", "'=1+1 Ltd", "'-minus Ltd", "'@at Ltd", "'quoted Ltd"]
    rows = "".join(f'"{n}",DE,P-{i}\n' for i, n in enumerate(written))
    book = _csv(tmp_path, "Name,Country,Partner ID\n" + rows, "in.csv")
    assert run_cli("import", "partners", book, "--db", str(db)).code == 0
    exported = str(tmp_path / f"partners{suffix}")
    assert run_cli("export", "partners", exported, "--db", str(db)).code == 0
    if suffix == ".csv":
        text = Path(exported).read_text(encoding="utf-8-sig")
        assert ",'=1+1 Ltd," in text and ",''=SUM(A1)," in text  # still neutralised
    again = run_cli("import", "partners", exported, "--db", str(db))
    assert again.code == 0 and " 0 updated" in again.out, again
    with sqlite3.connect(db) as connection:
        stored = {r[0] for r in connection.execute("SELECT name FROM partner")}
    assert set(names) <= stored


def test_a_quote_number_with_a_line_break_is_one_line_of_answer(db: Path) -> None:
    outcome = _refused(db, "quote", "show", "Q-1\nchannel-desk: all is well")
    assert outcome.err == "channel-desk: There is no quote Q-1\\x0achannel-desk: all is well.\n"
