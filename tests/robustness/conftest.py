"""One demo database per run, copied afresh for every hostile example."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.robustness.harness import demo_template


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo world in a SQLite file: never written to; examples run on copies."""
    return demo_template(tmp_path_factory.mktemp("robustness-template"))


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder for one module's examples (hypothesis runs many examples per test call)."""
    return tmp_path_factory.mktemp("robustness")
