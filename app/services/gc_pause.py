"""Pausing Python's cycle collector while a scan builds many objects that form no cycles.

CPython walks every tracked object of the process each time the number of long-lived objects
grows by a quarter. The overlap scan keeps some 250,000 rows, matches and groups alive until it
returns, so the collector walked the whole process four to six times per scan (0.3 to 0.5 s of
a 1.5 s scan, measured on 100,000 claims) and found nothing to free: rows and named tuples hold
no cycles, and reference counting frees them as usual. While paused, nothing is collected in
any thread.

When the last pause ends, what it made is moved to the collector's oldest generation in one
step (``gc.freeze`` then ``gc.unfreeze``, as their documentation describes) rather than left
young: otherwise the first allocation after the scan walks the whole result (40 ms), and the
next collection walks it again, while whoever asked for it is still using it.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pauses = 0
_resume = False


@contextmanager
def gc_paused() -> Iterator[None]:
    """Collect no cycles during the block. Pauses may overlap (two scans on two threads): the
    collector resumes after the last one, and only if it was running before the first."""
    global _pauses, _resume
    with _lock:
        if _pauses == 0:
            _resume = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _resume:
                if gc.get_freeze_count() == 0:  # nobody froze objects for good: age them all
                    gc.freeze()
                    gc.unfreeze()
                gc.enable()
