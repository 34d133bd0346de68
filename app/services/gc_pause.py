"""Pausing Python's cycle collector while a scan or an import builds many objects that form no
cycles: a process-wide change, kept only where it pays (DESIGN.md, "Plain code first").

CPython walks every tracked object of the process each time the number of long-lived objects
grows by a quarter. The overlap scan keeps some 250,000 rows, matches and groups alive until it
returns, and an import of 50,000 partners as many rows, dicts and strings, so the collector walks
the whole process several times per run and finds nothing to free: these objects hold no
cycles, and reference counting frees them as usual. While paused, nothing is collected in any
thread.

Measured by turns against the same code without the pause (ratios to the benchmark's bare
read, medians of eight turns, on two cores busy with other work):

- overlap scan of 100,000 claims: 5.2x -> 2.6x on SQLite, 9.3x -> 4.9x on PostgreSQL;
- import of 50,000 partners: 3.1x -> 2.2x for a re-import (the collector took 1.4 s of 2.5 s,
  timed in process). For a first import the turns did not tell the two apart (4.0x and 4.7x,
  spread 2.8x to 6.1x), though the collector took 0.9 s of 3.8 s there too.
- the program's return over a year of 40,000 deals and 20,000 spend items: 6.9 s -> 3.3 s
  (medians of five turns each, in one process); the collector made five full passes of about
  0.6 s each per read, any of which the window's own thread may be the one to run.

- lead routing of 12,000 leads (preview, then the run) beside the window: the collector made
  three full passes of up to 33 ms during it, and the window's longest stall, its own work and
  the collector's, was 41-53 ms against the 50 ms allowed; paused, no full pass and 22-29 ms
  (three turns), and the run itself 1.1-1.4 s -> 0.8 s.

Only those four entry points use it (``app.services.claims.overlaps.overlap_groups``,
``app.services.importing.partners.import_partners``,
``app.services.program.returns.return_report``, with ``period_reports``, which reads the same
rows once for a period's quarters for the dashboard and the scorecard, and
``app.services.leads.route_rows.preview_route`` and ``run_route``). The Overlaps page's
reader extends the scan's pause until it has made the groups into the bytes it keeps
(``app.ui.claims.kept_groups``). Each pause wraps a function, not a block inside one: the
collector resumes once the function's own rows are freed, so its first pass walks the result
alone.

When the last pause ends, what it made is moved to the collector's oldest generation in one
step (``gc.freeze`` then ``gc.unfreeze``, as their documentation describes) rather than left
young: otherwise the first allocation after the scan walks the whole result (40 ms), and the
next collection walks it again, while whoever asked for it is still using it. Once the
application has frozen what it loaded at start (``freeze_start_up``), a pause leaves what it made
young instead: aging it would thaw the whole start-up heap, the very objects the freeze keeps out
of every full collection.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pauses = 0
_resume = False
#: Whether the start-up heap is frozen (``freeze_start_up``). Kept here rather than asked of
#: ``gc.get_freeze_count()``, which counts the frozen objects one by one while holding the
#: interpreter: 170,000 of them in the application, and the window waits for the count.
_frozen = False


def freeze_start_up() -> None:
    """Keep what the application loaded at start out of every later collection, once: called by
    the application's start (``app.ui.launch``) after the window is built and the code it draws
    with is loaded, never by a page or a service (a test that calls it thaws it at its end).

    Why: a full collection walks every tracked object of the process, and stops every thread
    while it does, the window's included. After start-up some 170,000 of them are the modules,
    classes and functions of Qt, SQLAlchemy, matplotlib and the application, alive until the
    process ends, and each full collection walked them all, each time a worker's burst of
    allocations (loading and drawing charts, a scorecard's read) set one off. ``gc.freeze``
    moves them to the collector's permanent generation, where no collection looks; a later
    full collection walks only what the application made since (25,000-35,000 objects after
    the dashboard's or the scorecard's charts).

    Measured by turns (three each, in processes started as the application starts, on the
    demo database, two cores busy with other work), the collector's longest pass while the
    dashboard opens and draws its charts: 184-382 ms without, 8-24 ms with; while the
    scorecard tab reads and draws: 229-435 ms without, 4-19 ms with (no full pass at all).

    The cost: a garbage cycle alive at the freeze would stay in memory until the process ends
    (a collection at that moment finds none: nothing to free), and objects frozen that die
    later are freed as usual by reference counting.
    """
    global _frozen
    with _lock:
        gc.freeze()
        _frozen = True


def thaw_start_up() -> None:
    """Undo ``freeze_start_up``: for a test that launched the application in its own process
    and must leave nothing frozen for the tests after it."""
    global _frozen
    with _lock:
        gc.unfreeze()
        _frozen = False


def start_up_frozen() -> bool:
    """Whether ``freeze_start_up`` has run (and not been undone)."""
    return _frozen


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
                if not _frozen:  # nobody froze objects for good: age them all
                    gc.freeze()
                    gc.unfreeze()
                gc.enable()
