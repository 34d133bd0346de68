"""``leads route`` and ``leads board`` from the command line, on SQLite and PostgreSQL: SPEC's
JSON, a dry run that writes nothing, the board after a run, and refusals in one line."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
import pytest

import main
from app.db.engine import Database
from tests.support.routing_world import EXPECTED_ASSIGNED, D, build_routing_world


def _target(db: Database) -> str:
    return str(db.path) if db.path is not None else db.url.render_as_string(hide_password=False)


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main.main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def world(any_db: Database) -> str:
    build_routing_world(any_db)
    return _target(any_db)


def test_route_json_is_the_specs_and_a_dry_run_writes_nothing(
    world: str, capsys: pytest.CaptureFixture[str]
) -> None:
    on = ["--on", D.isoformat(), "--db", world]
    code, out, err = run(["leads", "route", "--dry-run", "--format", "json", *on], capsys)
    assert code == 0, err
    preview = json.loads(out)
    assert preview == {
        "on": D.isoformat(),
        "expired": ["L-007"],
        "assigned": [
            {"lead": lead, "to": to, "reason": why} for lead, to, why in EXPECTED_ASSIGNED
        ],
        "nurture": ["L-005"],
        "unroutable": [{"lead": "L-006", "reason": "no eligible partner in ES"}],
    }
    code, out, err = run(["leads", "route", "--format", "json", *on], capsys)
    assert code == 0, err
    assert json.loads(out) == preview  # the dry run changed nothing: the run does the same
    code, out, err = run(["leads", "route", "--format", "json", *on], capsys)
    assert json.loads(out)["assigned"] == []  # and now it is written


def test_route_table_says_what_happened_to_each_lead(
    world: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["leads", "route", "--on", D.isoformat(), "--db", world], capsys)
    assert code == 0, err
    assert out.startswith(
        f"Routing on {D.isoformat()}: 5 assigned, 1 expired, 1 to nurture, 1 unroutable."
    )
    assert "L-007  expired" in out and "not accepted in time by P-00001" in out
    assert "L-003  P-00001     load 1/3" in out
    assert "L-006  unroutable  no eligible partner in ES" in out


def test_board_after_a_run(world: str, capsys: pytest.CaptureFixture[str]) -> None:
    on = ["--on", D.isoformat(), "--db", world]
    assert run(["leads", "route", *on], capsys)[0] == 0
    code, out, err = run(["leads", "board", "--format", "json", *on], capsys)
    assert code == 0, err
    board = json.loads(out)
    assert board["on"] == D.isoformat()
    assert [r["recipient"] for r in board["recipients"]] == [
        "Direct", "P-00001", "P-00002", "P-00004",
    ]  # fmt: skip
    alpha = board["recipients"][1]
    assert alpha == {
        "recipient": "P-00001",
        "received": {"A": 0, "B": 2, "C": 0, "D": 0, "none": 0, "all": 2},
        "accepted": 0,
        "declined": 0,
        "expired": 1,
        "converted": 0,
        "lost": 0,
        "quiet": 0,
        "open": 1,
        "acceptance_rate": "0.0000",
        "conversion_rate": "0.0000",
        "grade_adjusted_index": None,  # nothing converted anywhere: no expectation
    }
    assert board["recipients"][0]["accepted"] == 1  # Direct's assignment counts as accepted
    assert board["recipients"][2]["acceptance_rate"] is None
    # A and B: 5 assignments, 4 to partners; all: 6, 5 to partners → (4/5)/(5/6)
    assert (board["nurture"], board["unroutable"], board["grade_skew"]) == (1, 1, "0.9600")

    code, out, err = run(["leads", "board", "--format", "csv", *on], capsys)
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["Recipient"] for r in rows] == ["Direct", "P-00001", "P-00002", "P-00004"]
    assert rows[1]["B"] == "2" and rows[1]["Acceptance rate"] == "0.0000"
    assert rows[2]["Acceptance rate"] == ""

    code, out, err = run(["leads", "board", *on], capsys)
    assert code == 0, err
    assert f"Lead board on {D.isoformat()}" in out and "grade skew: 0.9600" in out

    code, out, err = run(
        ["leads", "board", "--format", "json", "--from", D.isoformat(), *on], capsys
    )
    assert json.loads(out)["recipients"][1]["received"]["all"] == 1  # the one of D only


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["leads", "route", "--on", "2026-13-45"], "--on"),
        (["leads", "board", "--on", "2026-11-20", "--from", "2026-12-01"], "after --on"),
    ],
)
def test_bad_dates_are_refused_in_one_line(
    sqlite_db: Database, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, _, err = run([*args, "--db", _target(sqlite_db)], capsys)
    assert code == 1
    assert message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_export_board_writes_the_boards_rows(
    world: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert run(["leads", "route", "--on", D.isoformat(), "--db", world], capsys)[0] == 0
    target = tmp_path / "board.xlsx"
    code, out, err = run(["export", "board", str(target), "--db", world], capsys)
    assert code == 0, err
    assert "Exported the lead board (4 recipients)" in out
    sheet = openpyxl.load_workbook(target).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][:4] == ["Recipient", "Name", "A", "B"]  # as the Leads page shows it
    assert [r[0] for r in rows[1:]] == ["Direct", "P-00001", "P-00002", "P-00004"]
    as_csv = tmp_path / "board.csv"
    assert run(["export", "board", str(as_csv), "--db", world], capsys)[0] == 0
    lines = list(csv.DictReader(as_csv.open(encoding="utf-8-sig")))
    # as of today: Alpha's open assignment of the routing day is past its deadline too
    assert lines[1]["B"] == "2" and lines[1]["Expired"] == "2"
    code, _, err = run(["export", "board", str(tmp_path / "board.txt"), "--db", world], capsys)
    assert code == 1 and "Traceback" not in err
