"""The window keeps answering while a page reads whole tables (issue 16: the event loop never
stalls more than 50 ms while the overlap scan, the coverage matrix or the program's return
runs).

A 10 ms timer on the GUI thread notes the largest gap between its ticks while the page reads a
data set big enough that the reading itself takes many times the allowed stall. Read on the GUI
thread (as before), the gap is as long as the reading; read in the background, the gaps left are
the page putting the new rows on screen.

How a gap is counted, so that the test holds on a busy shared two-core machine:
- *GUI thread time* (``time.thread_time`` between ticks) is what the window itself spent not
  answering, whatever else the machine runs: held to 50 ms.
- *Wall time* also counts three waits that are not the window's own work. The scheduler gives
  the core to other programs (a tenth of the reading is allowed for that). The interpreter's
  cyclic garbage collector stops every thread while it runs (100–400 ms here for a full
  collection, in whichever thread triggers it): its pauses are measured (``gc.callbacks``) and
  left out. And while the background work runs Python, each call Qt makes into Python on the
  GUI thread (the timer's slot; a virtual method of a widget made in Python, as when the
  loading line appears and paints) first waits for the interpreter's lock, up to one switch
  interval (``sys.getswitchinterval()``, 5 ms): ``SWITCHES`` such waits are allowed. Measured
  on an idle machine: 25–40 ms when nothing repaints, up to 140 ms when the loading line
  appears during the scan's Python-heavy steps.
Run with ``-s`` to see the figures.
"""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from pytestqt.qtbot import QtBot

from app.db.engine import Database, open_database
from app.ui.claims.overlaps_page import OverlapsPage
from app.ui.main_window import MainWindow
from app.ui.page_base import Page
from app.ui.program.page import ProgramPage
from app.ui.program.period import year_period
from app.ui.training.page import COVERAGE, TrainingPage
from tests.support.overlap_variants import add_accounts_and_claims
from tests.support.pages import shown_page
from tests.support.program_bulk import add_program_bulk
from tests.support.sample_records import TODAY
from tests.support.training_world import add_trained_partners

Opener = Callable[[Database], MainWindow]

ALLOWED_STALL = 0.050
#: The reading must take this many times the allowed stall, or the test could not tell.
LONGER_BY = 4
#: Waits for the interpreter's lock allowed in one gap (see above).
SWITCHES = 20


class StallMeter:
    """The largest gap between ticks of a 10 ms timer: in GUI thread time, in wall time, and
    in wall time less the garbage collector's pauses within the gap."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.wall = self.cpu = self.ours = self.collecting = 0.0
        self.watch: Callable[[], bool] = lambda: False
        self.watched = False  # whether ``watch`` was ever true at a tick
        self._pauses: list[list[float]] = []  # the collector's: [start] then [start, end]

    def start(self) -> None:
        gc.callbacks.append(self._collector)
        self._wall, self._cpu = time.perf_counter(), time.thread_time()
        self.timer.start()

    def stop(self) -> None:
        self._tick()
        self.timer.stop()
        gc.callbacks.remove(self._collector)

    def _collector(self, phase: str, _info: dict[str, Any]) -> None:
        now = time.perf_counter()
        if phase == "start":
            self._pauses.append([now])
        else:
            pause = self._pauses[-1]
            pause.append(now)
            self.collecting = max(self.collecting, now - pause[0])

    def _tick(self) -> None:
        # Pauses are kept by their times, not summed: a collection may run (in the background
        # thread) between any two lines here, and it is then counted in the next gap. One
        # without an end yet is over: this thread runs, but its "stop" callback has not.
        wall, cpu = time.perf_counter(), time.thread_time()
        last = self._wall
        paused = sum(
            max(0.0, min(p[-1] if len(p) > 1 else wall, wall) - max(p[0], last))
            for p in self._pauses
        )
        self.wall = max(self.wall, wall - last)
        self.cpu = max(self.cpu, cpu - self._cpu)
        self.ours = max(self.ours, wall - last - paused)
        self._wall, self._cpu = wall, cpu
        self.watched = self.watched or self.watch()


def measure(
    qtbot: QtBot, start: Callable[[], None], done: Callable[[], bool], page: Page
) -> tuple[StallMeter, float]:
    """Run ``start`` (which begins the reading) under the meter until ``done``; the meter and
    how long the reading took. The page's loading line must show meanwhile: its appearing is
    part of what the window does while the work runs."""
    meter = StallMeter()
    meter.watch = page.loading_line.isVisible
    meter.start()
    began = time.perf_counter()
    try:
        start()
        qtbot.waitUntil(done, timeout=60_000)
    finally:
        took = time.perf_counter() - began
        meter.stop()
    return meter, took


def check(meter: StallMeter, took: float, what: str) -> None:
    print(
        f"\n{what}: reading {took * 1000:.0f} ms; largest stall {meter.cpu * 1000:.0f} ms of GUI "
        f"thread time, {meter.wall * 1000:.0f} ms wall, {meter.ours * 1000:.0f} ms wall without "
        f"the collector (its longest pause {meter.collecting * 1000:.0f} ms)"
    )
    assert took > LONGER_BY * ALLOWED_STALL, "too little data to tell a stall from a pause"
    assert meter.watched, f"{what}: the page did not say it was reading"
    assert meter.cpu < ALLOWED_STALL, f"{what}: the window stopped answering"
    waits = SWITCHES * sys.getswitchinterval() + took / 10
    assert meter.ours < ALLOWED_STALL + waits, f"{what}: the window stopped answering"


@pytest.fixture
def big_db(tmp_path: Path) -> Iterator[Database]:
    db = open_database(tmp_path / "big.sqlite")
    yield db
    db.dispose()


def test_finding_overlaps_leaves_the_window_answering(
    qtbot: QtBot, open_window: Opener, big_db: Database
) -> None:
    add_accounts_and_claims(big_db, 30_000, 50_000, TODAY)
    window = open_window(big_db)
    page = window.page("overlaps")
    assert isinstance(page, OverlapsPage)
    meter, took = measure(
        qtbot, lambda: window.show_page("overlaps"), lambda: page.loads == 1, page
    )
    check(meter, took, "overlap scan")
    assert page.group_table.records.rowCount() > 1000


def test_the_coverage_matrix_leaves_the_window_answering(
    qtbot: QtBot, open_window: Opener, big_db: Database
) -> None:
    add_trained_partners(big_db, 16_000, TODAY)
    window = open_window(big_db)
    page = shown_page(window, "training", TrainingPage)
    qtbot.waitUntil(lambda: page.loads == 1, timeout=60_000)
    meter, took = measure(
        qtbot, lambda: page.tabs.setCurrentIndex(COVERAGE), lambda: page.loads == 2, page
    )
    check(meter, took, "coverage matrix")
    assert page.coverage.model.total_count > 10_000  # the partners not terminated


def test_the_program_return_leaves_the_window_answering(
    qtbot: QtBot, open_window: Opener, big_db: Database
) -> None:
    add_program_bulk(big_db, 2_000, 40_000, 20_000)
    window = open_window(big_db)
    page = window.page("program")
    assert isinstance(page, ProgramPage)
    page.period_picker.set_period(year_period(2026))  # read when the page is shown
    meter, took = measure(qtbot, lambda: window.show_page("program"), lambda: page.loads == 1, page)
    check(meter, took, "program return")
    assert page.table.records.rowCount() == 2_000
