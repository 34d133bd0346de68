"""Whether the window keeps answering: the largest gap between ticks of a 10 ms timer on the
GUI thread while work runs, for the responsiveness tests.

The window is measured as the application starts it (``as_launched``): the chart code loaded
and what was loaded at start kept out of the cycle collector's passes, as
``app.ui.launch.settle_start_up`` does. In a test the freeze also takes the test process's own
heap (pytest, the test modules, what earlier tests left), which the shipped application does
not have; it is thawed when the test ends, so nothing frozen outlives the test.

How a gap is counted, so that the test holds on a busy shared two-core machine:
- *Work time* is what kept the window from answering whatever else the machine runs: the GUI
  thread's own time (``time.thread_time`` between ticks) plus the cycle collector's time on any
  other thread within the gap. A collection stops every thread, the window's included, so its
  pauses count wherever they fall (they are timed with ``gc.callbacks`` in the thread that
  collects). Held to the allowed stall (50 ms unless a test asks for less).
- *Wall time* also counts two waits that are not the window's own work. The scheduler gives
  the core to other programs (a tenth of the reading is allowed for that). And while the
  background work runs Python, each call Qt makes into Python on the GUI thread (the timer's
  slot; a virtual method of a widget made in Python, as when the loading line appears and
  paints) first waits for the interpreter's lock, up to one switch interval
  (``sys.getswitchinterval()``, 5 ms): ``SWITCHES`` such waits are allowed. Measured on an idle
  machine: 25–40 ms when nothing repaints, up to 140 ms when the loading line appears during
  the scan's Python-heavy steps.
Run with ``-s`` to see the figures.
"""

from __future__ import annotations

import gc
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.services.gc_pause import start_up_frozen, thaw_start_up
from app.ui.context import UiContext
from app.ui.launch import settle_start_up
from app.ui.page_base import Page

ALLOWED_STALL = 0.050
#: The reading must take this many times the allowed stall, or the test could not tell.
LONGER_BY = 4
#: Waits for the interpreter's lock allowed in one gap (see above).
SWITCHES = 20


@contextmanager
def as_launched(qtbot: QtBot, window: QWidget, context: UiContext) -> Iterator[None]:
    """The window as the application's start leaves it (see above) during the block."""
    if start_up_frozen():  # pragma: no cover - a test that forgot to thaw
        raise AssertionError("objects are frozen already: a test before did not thaw them")
    settling = settle_start_up(window, context)
    try:
        qtbot.waitUntil(lambda: settling.outcome is not None, timeout=60_000)
        assert settling.outcome == "success", "the chart code did not load"
        yield
    finally:
        qtbot.waitUntil(lambda: settling.outcome is not None, timeout=60_000)
        thaw_start_up()


@dataclass
class Collection:
    """One pass of the cycle collector: when it began and ended, and the time it took in the
    thread that ran it."""

    generation: int
    began: float
    on_gui: bool
    cpu_began: float
    ended: float = 0.0
    cpu: float = 0.0


class StallMeter:
    """The largest gap between ticks of a 10 ms timer: in work time (the GUI thread's and the
    collector's) and in wall time; and the collector's passes meanwhile."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.wall = self.cpu = 0.0
        self.watch: Callable[[], bool] = lambda: False
        self.watched = False  # whether ``watch`` was ever true at a tick
        self.collections: list[Collection] = []
        self._gui = threading.get_ident()
        self._counted = 0  # collections already counted in a gap

    def start(self) -> None:
        gc.callbacks.append(self._collector)
        self._wall, self._cpu = time.perf_counter(), time.thread_time()
        self.timer.start()

    def stop(self) -> None:
        self._tick()
        self.timer.stop()
        gc.callbacks.remove(self._collector)

    @property
    def longest_pause(self) -> Collection | None:
        """The collector's longest pass, by its own time."""
        done = [c for c in self.collections if c.ended]
        return max(done, key=lambda c: c.cpu) if done else None

    def _collector(self, phase: str, info: dict[str, Any]) -> None:
        # Called in the thread that collects, before and after the pass; passes never overlap.
        if phase == "start":
            on_gui = threading.get_ident() == self._gui
            self.collections.append(
                Collection(info["generation"], time.perf_counter(), on_gui, time.thread_time())
            )
        else:
            last = self.collections[-1]
            last.cpu = time.thread_time() - last.cpu_began
            last.ended = time.perf_counter()

    def _tick(self) -> None:
        # A pass on another thread is counted in the gap in which it ends; one on this thread
        # is in this thread's own time already.
        wall, cpu = time.perf_counter(), time.thread_time()
        ended = [c for c in self.collections[self._counted :] if c.ended]
        self._counted += len(ended)
        elsewhere = sum(c.cpu for c in ended if not c.on_gui)
        self.wall = max(self.wall, wall - self._wall)
        self.cpu = max(self.cpu, cpu - self._cpu + elsewhere)
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
    assert start_up_frozen(), "measure the window as launched (as_launched)"
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
    longest = meter.longest_pause
    full = sum(c.generation == 2 for c in meter.collections)
    print(
        f"\n{what}: reading {took * 1000:.0f} ms; largest stall {meter.cpu * 1000:.0f} ms of work "
        f"time (the GUI thread's and the collector's), {meter.wall * 1000:.0f} ms wall; the "
        f"collector: {len(meter.collections)} passes, {full} full, the longest "
        + (f"{longest.cpu * 1000:.0f} ms (generation {longest.generation})" if longest else "none")
    )
    assert took > LONGER_BY * allowed, "too little data to tell a stall from a pause"
    assert meter.watched, f"{what}: the page did not say it was reading"
    assert meter.cpu < allowed, f"{what}: the window stopped answering"
    waits = SWITCHES * sys.getswitchinterval() + took / 10
    assert meter.wall < allowed + waits, f"{what}: the window stopped answering"
