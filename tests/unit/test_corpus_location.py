"""The workbook corpus is found beside the repository or through ``CHANNEL_DESK_CORPUS``, and a
checkout without it runs its corpus tests as skips with one line that says how to run them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.corpus import ENV_VAR, corpus_problem, find_corpus

REPO = Path(__file__).resolve().parents[2]


def corpus_at(folder: Path) -> Path:
    """A corpus laid out like the real one: ``folder/xlsx`` with its manifest and a workbook."""
    workbooks = folder / "xlsx"
    workbooks.mkdir(parents=True)
    (workbooks / "MANIFEST.tsv").write_text("file\torigin\n", encoding="utf-8")
    (workbooks / "book.xlsx").write_bytes(b"")
    return workbooks


def test_the_corpus_beside_the_repository_is_found(tmp_path: Path) -> None:
    repo = tmp_path / "channel-desk"
    repo.mkdir()
    workbooks = corpus_at(tmp_path / "shared" / "corpus")
    assert find_corpus({}, repo) == workbooks


def test_without_a_corpus_nothing_is_found(tmp_path: Path) -> None:
    repo = tmp_path / "channel-desk"
    repo.mkdir()
    assert find_corpus({}, repo) is None
    assert corpus_problem({}) is None  # absent is not a mistake: the tests skip


def test_the_variable_names_the_corpus_or_its_workbooks(tmp_path: Path) -> None:
    workbooks = corpus_at(tmp_path / "elsewhere")
    repo = tmp_path / "channel-desk"
    assert find_corpus({ENV_VAR: str(tmp_path / "elsewhere")}, repo) == workbooks
    assert find_corpus({ENV_VAR: str(workbooks)}, repo) == workbooks


def test_a_variable_naming_no_corpus_is_a_one_line_problem(tmp_path: Path) -> None:
    corpus_at(tmp_path / "shared" / "corpus")  # the one beside is not used instead
    repo = tmp_path / "channel-desk"
    environ = {ENV_VAR: str(tmp_path / "nowhere")}
    assert find_corpus(environ, repo) is None
    problem = corpus_problem(environ)
    assert problem is not None and "\n" not in problem
    assert f"{ENV_VAR}={tmp_path / 'nowhere'}" in problem


def lonely_checkout(tmp_path: Path) -> Path:
    """The tests and settings of this checkout, in a folder with nothing beside it."""
    clone = tmp_path / "channel-desk"
    clone.mkdir()
    shutil.copytree(REPO / "tests", clone / "tests", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", clone)
    (clone / "app").symlink_to(REPO / "app")
    return clone


def run_corpus_tests(clone: Path, **extra_env: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != ENV_VAR} | extra_env
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "tests/io/test_corpus.py"],
        cwd=clone, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip


@pytest.mark.slow
def test_a_checkout_without_the_corpus_skips_its_tests_with_the_reason(tmp_path: Path) -> None:
    result = run_corpus_tests(lonely_checkout(tmp_path))
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "failed" not in output and " passed" not in output
    assert "skipped" in output
    assert "no workbook corpus: put it at ../shared/corpus beside the repository" in output


@pytest.mark.slow
def test_a_variable_naming_no_corpus_stops_the_run(tmp_path: Path) -> None:
    result = run_corpus_tests(lonely_checkout(tmp_path), **{ENV_VAR: str(tmp_path / "nowhere")})
    assert result.returncode == pytest.ExitCode.USAGE_ERROR, result.stdout + result.stderr
    assert "holds no corpus" in result.stderr
