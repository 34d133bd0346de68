"""Where the cycle collector's pause ends: after the work's own rows are freed, so that its
first pass afterwards walks the result alone, not the rows, matches and links it was made from
(twice as many objects after an overlap scan of 50,000 claims, 143,000 against 42,000 after a
year's program return)."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest

from app.db.engine import Database
from app.services import gc_pause
from app.services.claims.overlaps import overlap_groups
from app.services.program.returns import period_reports, return_report
from tests.support.db_templates import DemoLike
from tests.support.sample_records import TODAY


class _Watched:
    """The ``gc`` module as the pause sees it, noting the locals alive on the services' frames
    at the moment the collector resumes."""

    def __init__(self) -> None:
        self.alive: list[set[str]] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(gc, name)

    def enable(self) -> None:
        names: set[str] = set()
        frame = sys._getframe(1)
        while frame is not None:
            module = frame.f_globals.get("__name__", "")
            if module.startswith("app.services.") and module != gc_pause.__name__:
                names |= set(frame.f_locals)
            frame = frame.f_back
        self.alive.append(names)
        gc.enable()


@pytest.fixture
def watched(monkeypatch: pytest.MonkeyPatch) -> Iterator[_Watched]:
    was = gc.isenabled()
    gc.enable()
    watched = _Watched()
    monkeypatch.setattr(gc_pause, "gc", watched)
    yield watched
    if was:
        gc.enable()
    else:
        gc.disable()


def test_the_overlap_scan_lets_the_collector_run_again_once_its_rows_are_freed(
    sqlite_db: Database, demo_like: DemoLike, watched: _Watched
) -> None:
    with demo_like(sqlite_db).reading() as session:
        groups = overlap_groups(session, TODAY)
    assert groups  # the demo has overlaps
    assert len(watched.alive) == 1
    assert not watched.alive[0] & {"rows", "accounts", "matches", "links", "claims"}


def test_the_program_return_lets_the_collector_run_again_once_its_rows_are_freed(
    sqlite_db: Database, demo_like: DemoLike, watched: _Watched
) -> None:
    with demo_like(sqlite_db).reading() as session:
        report = return_report(session, TODAY - timedelta(days=365), TODAY)
        quarters = period_reports(session, [(TODAY - timedelta(days=90), TODAY)])
    assert report.program.sourced > 0 and len(quarters) == 1
    assert len(watched.alive) == 2
    assert all("inputs" not in alive for alive in watched.alive)
