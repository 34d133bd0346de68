"""The stall meter counts a pass of the cycle collector on a worker thread as the window's
stall: the pass stops every thread, the window's too, whoever set it off."""

from __future__ import annotations

import gc
import threading

from pytestqt.qtbot import QtBot

from tests.support.stall import StallMeter


def test_a_collectors_pass_on_a_worker_counts_in_the_windows_stall(qtbot: QtBot) -> None:
    meter = StallMeter()
    meter.start()
    passed = threading.Event()

    def work() -> None:
        gc.collect()  # a full pass, as a worker's burst of allocations sets one off
        passed.set()

    worker = threading.Thread(target=work)
    try:
        worker.start()
        qtbot.waitUntil(passed.is_set, timeout=20_000)
        qtbot.wait(30)  # the next ticks
    finally:
        worker.join()
        meter.stop()
    full = [c for c in meter.collections if c.generation == 2 and not c.on_gui]
    assert len(full) == 1 and full[0].cpu > 0
    assert meter.longest_pause is full[0]
    assert meter.cpu >= full[0].cpu  # in the gap in which it ended, with the window's own time
