"""The window keeps answering while a page reads whole tables (issue 16: the event loop never
stalls more than 50 ms while the overlap scan, the coverage matrix or the program's return
runs).

A 10 ms timer on the GUI thread notes the largest gap between its ticks while the page reads a
data set big enough that the reading itself takes many times the allowed stall. Read on the GUI
thread (as before), the gap is as long as the reading; read in the background, the gaps left are
the page putting the new rows on screen.

How a gap is counted: ``tests.support.stall``. Run with ``-s`` to see the figures.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.db.engine import Database, open_database
from app.ui.claims.overlaps_page import OverlapsPage
from app.ui.context import UiContext
from app.ui.main_window import MainWindow
from app.ui.program.page import ProgramPage
from app.ui.program.period import year_period
from app.ui.training.page import COVERAGE, TrainingPage
from tests.support.overlap_variants import add_accounts_and_claims
from tests.support.pages import shown_page
from tests.support.program_bulk import add_program_bulk
from tests.support.sample_records import TODAY
from tests.support.stall import as_launched, check, measure
from tests.support.training_world import add_trained_partners

Opener = Callable[[Database], MainWindow]


@pytest.fixture
def big_db(tmp_path: Path) -> Iterator[Database]:
    db = open_database(tmp_path / "big.sqlite")
    yield db
    db.dispose()


def test_finding_overlaps_leaves_the_window_answering(
    qtbot: QtBot, open_window: Opener, context: UiContext, big_db: Database
) -> None:
    add_accounts_and_claims(big_db, 30_000, 50_000, TODAY)
    window = open_window(big_db)
    with as_launched(qtbot, window, context):
        page = window.page("overlaps")
        assert isinstance(page, OverlapsPage)
        meter, took = measure(
            qtbot, lambda: window.show_page("overlaps"), lambda: page.loads == 1, page
        )
    check(meter, took, "overlap scan")
    assert page.group_table.records.rowCount() > 1000


def test_the_coverage_matrix_leaves_the_window_answering(
    qtbot: QtBot, open_window: Opener, context: UiContext, big_db: Database
) -> None:
    add_trained_partners(big_db, 16_000, TODAY)
    window = open_window(big_db)
    with as_launched(qtbot, window, context):
        page = shown_page(window, "training", TrainingPage)
        qtbot.waitUntil(lambda: page.loads == 1, timeout=60_000)
        meter, took = measure(
            qtbot, lambda: page.tabs.setCurrentIndex(COVERAGE), lambda: page.loads == 2, page
        )
    check(meter, took, "coverage matrix")
    assert page.coverage.model.total_count > 10_000  # the partners not terminated


def test_the_program_return_leaves_the_window_answering(
    qtbot: QtBot, open_window: Opener, context: UiContext, big_db: Database
) -> None:
    add_program_bulk(big_db, 2_000, 40_000, 20_000)
    window = open_window(big_db)
    with as_launched(qtbot, window, context):
        page = window.page("program")
        assert isinstance(page, ProgramPage)
        page.period_picker.set_period(year_period(2026))  # read when the page is shown
        meter, took = measure(
            qtbot, lambda: window.show_page("program"), lambda: page.loads == 1, page
        )
    check(meter, took, "program return")
    assert page.table.records.rowCount() == 2_000
