"""The command line of SPEC.md: help, usage errors, one line per problem, exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import main

REPO = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """The command as a user types it, in its own process."""
    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), *args], capture_output=True, text=True,
        timeout=120, check=False, cwd=REPO,
    )  # fmt: skip


def test_help_lists_the_commands() -> None:
    result = run("--help")
    assert result.returncode == 0
    for command in ("demo", "import", "export", "overlaps", "quote"):
        assert command in result.stdout
    assert "--db" in result.stdout


def test_unknown_command_is_a_usage_error() -> None:
    result = run("frobnicate")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_argument_is_a_usage_error() -> None:
    result = run("export", "partners")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_unreachable_server_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code = main.main(["demo", "--db", "postgresql+psycopg://app@127.0.0.1:9/none"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1
    assert "Cannot reach the database" in err


def test_db_option_before_the_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "before.sqlite"
    target.write_text("not a database")
    code = main.main(["--db", str(target), "export", "partners", str(tmp_path / "p.csv")])
    err = capsys.readouterr().err
    assert code == 1
    assert "not a Channel Desk database" in err
