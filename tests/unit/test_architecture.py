"""The layering of DESIGN.md is a checked contract, and the code stays lint-clean."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _tool(name: str) -> str:
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    assert found, f"{name} is not installed: pip install -e '.[test]'"
    return found


def test_import_contracts_hold() -> None:
    result = subprocess.run(
        [_tool("lint-imports"), "--no-cache"], cwd=REPO, capture_output=True, text=True,
        timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_is_clean() -> None:
    result = subprocess.run(
        [_tool("ruff"), "check", "app", "tests", "main.py"], cwd=REPO, capture_output=True,
        text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_code_is_formatted() -> None:
    """One layout everywhere, so a diff shows what changed and not who wrote it."""
    result = subprocess.run(
        [_tool("ruff"), "format", "--check", "app", "tests", "main.py"], cwd=REPO,
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_headless_commands_import_no_qt() -> None:
    code = (
        "import sys, main; from app.cli import run_command; import app.cli.run; "
        "import app.services.partners.rows, app.db.engine; "
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt was imported'"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120,
        check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr


def test_types_check() -> None:
    """mypy over app/ (strict on domain and services, configured in pyproject.toml)."""
    result = subprocess.run(
        [_tool("mypy"), "app"], cwd=REPO, capture_output=True, text=True, timeout=600,
        check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
