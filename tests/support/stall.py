"""Whether the window keeps answering: the largest gap between ticks of a 10 ms timer on the
GUI thread while work runs, for the responsiveness tests.

How a gap is counted, so that the test holds on a busy shared two-core machine:
- *GUI thread time* (``time.thread_time`` between ticks) is what the window itself spent not
  answering, whatever else the machine runs: held to the allowed stall (50 ms unless a test
  asks for less).
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
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer
from pytestqt.qtbot import QtBot

from app.ui.page_base import Page

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
    qtbot: QtBot,
    start: Callable[[], None],
    done: Callable[[], bool],
    page: Page,
    watch: Callable[[], bool] | None = None,
) -> tuple[StallMeter, float]:
    """Run ``start`` (which begins the reading) under the meter until ``done``; the meter and
    how long the reading took. The page's loading line (or what ``watch`` asks about) must
    show meanwhile: its appearing is part of what the window does while the work runs."""
    meter = StallMeter()
    meter.watch = watch or page.loading_line.isVisible
    meter.start()
    began = time.perf_counter()
    try:
        start()
        qtbot.waitUntil(done, timeout=60_000)
    finally:
        took = time.perf_counter() - began
        meter.stop()
    return meter, took


def check(meter: StallMeter, took: float, what: str, allowed: float = ALLOWED_STALL) -> None:
    print(
        f"\n{what}: reading {took * 1000:.0f} ms; largest stall {meter.cpu * 1000:.0f} ms of GUI "
        f"thread time, {meter.wall * 1000:.0f} ms wall, {meter.ours * 1000:.0f} ms wall without "
        f"the collector (its longest pause {meter.collecting * 1000:.0f} ms)"
    )
    assert took > LONGER_BY * allowed, "too little data to tell a stall from a pause"
    assert meter.watched, f"{what}: the page did not say it was reading"
    assert meter.cpu < allowed, f"{what}: the window stopped answering"
    waits = SWITCHES * sys.getswitchinterval() + took / 10
    assert meter.ours < allowed + waits, f"{what}: the window stopped answering"
