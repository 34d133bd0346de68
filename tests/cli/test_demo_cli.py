"""``python main.py demo``: fills a new database, refuses a used one, never shows a traceback."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

import main
from app.db.engine import open_database
from app.db.models import AuditEntry, Claim, Partner, Quote

REPO = Path(__file__).resolve().parents[2]


def counts(path: Path) -> dict[str, int]:
    db = open_database(path)
    try:
        with db.reading() as s:
            return {
                model.__tablename__: int(s.scalar(select(func.count()).select_from(model)) or 0)
                for model in (Partner, Claim, Quote, AuditEntry)
            }
    finally:
        db.dispose()


def test_demo_fills_a_new_file_and_says_what_it_added(tmp_path: Path) -> None:
    target = tmp_path / "demo.sqlite"
    result = subprocess.run(
        [sys.executable, str(REPO / "main.py"), "demo", "--db", str(target)],
        capture_output=True, text=True, timeout=120, check=False, cwd=REPO,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    summary = result.stdout.strip()
    assert summary.count("\n") == 0, "one paragraph"
    assert summary.startswith(f"Demo data added to {target}: ")
    partners = int(re.search(r"(\d+) partners", summary).group(1))  # type: ignore[union-attr]
    found = counts(target)
    assert partners == found["partner"] and 55 <= partners <= 65
    assert f"{found['claim']} claims" in summary
    assert f"{found['quote']} quotes" in summary


def test_a_second_run_is_refused_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "used.sqlite"
    assert main.main(["demo", "--db", str(target)]) == 0
    capsys.readouterr()
    before = counts(target)
    code = main.main(["demo", "--db", str(target)])
    out, err = capsys.readouterr()
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1
    assert "already has" in err and "--force" in err
    assert counts(target) == before


def test_force_adds_the_demo_to_a_used_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "forced.sqlite"
    assert main.main(["demo", "--db", str(target)]) == 0
    first = counts(target)
    assert main.main(["--db", str(target), "demo", "--force"]) == 0
    assert "Demo data added" in capsys.readouterr().out
    assert counts(target)["partner"] == 2 * first["partner"]


def test_a_file_that_is_not_sqlite_is_one_line_and_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "notes.txt"
    target.write_text("shopping list: milk, bread\n")
    code = main.main(["demo", "--db", str(target)])
    out, err = capsys.readouterr()
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1
    assert "not a Channel Desk database" in err
    assert "Traceback" not in err
    assert target.read_text() == "shopping list: milk, bread\n"
