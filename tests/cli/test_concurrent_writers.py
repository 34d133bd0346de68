"""Two programs writing to one database: the second waits its turn, and both imports happen.

Real processes, started together, on a real SQLite file and a real PostgreSQL server: a script
that runs two imports at once expects both to be done, one after the other.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, select

import app.cli.common as common
import main
from app.db.engine import Database
from app.db.models import Partner
from tests.support.writers import partner_csv, start_main, wait_until_writing

ROWS = 20_000  # enough for the two imports to overlap in time on any machine
WAITING = "channel-desk: Waiting for another program to finish writing to the database…"


def _count(db: Database) -> int:
    with db.reading() as session:
        return int(session.scalar(select(func.count(Partner.id))) or 0)


def _address(db: Database) -> str:
    return db.url.render_as_string(hide_password=False)


@pytest.mark.parametrize("same_file", [False, True], ids=["two files", "one file twice"])
def test_two_imports_started_together_both_succeed(
    any_db: Database, tmp_path: Path, same_file: bool
) -> None:
    first = partner_csv(tmp_path / "first.csv", "A", ROWS)
    second = first if same_file else partner_csv(tmp_path / "second.csv", "B", ROWS)
    runs = [
        start_main(["import", "partners", str(path), "--db", _address(any_db)], tmp_path / "d")
        for path in (first, second)
    ]
    results = [(run.wait(timeout=300), *run.communicate()) for run in runs]

    for code, out, err in results:
        assert code == 0, err
        assert set(err.splitlines()) <= {WAITING}, err
        assert out.startswith("Partners from ")
    assert _count(any_db) == (ROWS if same_file else 2 * ROWS)


def test_a_command_that_waits_too_long_is_refused_in_one_line(
    sqlite_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    """A program that holds the database for longer than a command's patience (it hung)."""
    path = sqlite_db.path
    assert path is not None
    monkeypatch.setattr(common, "PATIENCE_S", 0.5)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        code = main.main(
            ["import", "partners", str(partner_csv(tmp_path / "p.csv", "C", 3)), "--db", str(path)]
        )
    finally:
        other.execute("ROLLBACK")
        other.close()
    err = capsys.readouterr().err.splitlines()
    assert code == 1
    assert err[0] == WAITING
    assert len(err) == 2 and "busy with another program" in err[1] and str(path) in err[1]
    assert _count(sqlite_db) == 0


def test_a_command_waits_while_another_program_imports(sqlite_db: Database, tmp_path: Path) -> None:
    """The second command starts once the first holds the database: it says it waits."""
    path = sqlite_db.path
    assert path is not None
    big = start_main(
        ["import", "partners", str(partner_csv(tmp_path / "big.csv", "D", 3 * ROWS)), "--db",
         str(path)],
        tmp_path / "d",
    )  # fmt: skip
    wait_until_writing(path, big)
    small = start_main(["demo", "--force", "--db", str(path)], tmp_path / "d")
    assert small.wait(timeout=300) == 0 and big.wait(timeout=300) == 0
    assert small.communicate()[1].splitlines()[0] == WAITING
