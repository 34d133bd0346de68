"""The demo world's partner program: every amount converts into the reporting currency, and the
Program page has spend, rebates and won revenue to show from the first start."""

from __future__ import annotations

import gc
from datetime import date, timedelta
from typing import Any

import pytest

from app.db.engine import Database
from app.services.program import returns
from app.services.program.returns import return_report
from tests.support.db_templates import DemoLike

TODAY = date(2026, 11, 20)


def test_the_demo_program_converts_everything_and_earns_its_keep(
    sqlite_db: Database, demo_like: DemoLike
) -> None:
    with demo_like(sqlite_db, TODAY).reading() as s:
        report = return_report(s, TODAY - timedelta(days=365), TODAY)
    assert report.not_converted == ()
    program = report.program
    assert all(program.spend[name] > 0 for name in ("MDF", "Rebate", "Event", "Other"))
    assert program.sourced > 0 and program.return_ratio is not None
    assert sum(line.spend["all"] for line in report.partners) < program.spend["all"]  # + wide


def test_the_return_is_worked_out_with_the_cycle_collector_paused(
    sqlite_db: Database, demo_like: DemoLike, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A year of deals makes the collector walk the whole process several times per read (about
    half the read's time) while nothing it builds forms a cycle: it waits until the report is
    made (``app.services.gc_pause``), and runs again afterwards."""
    seen: list[bool] = []
    work_out = returns.program_return

    def watched(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.isenabled())
        return work_out(*args, **kwargs)

    monkeypatch.setattr(returns, "program_return", watched)
    with demo_like(sqlite_db, TODAY).reading() as s:
        return_report(s, TODAY - timedelta(days=365), TODAY)
    assert seen == [False]
    assert gc.isenabled()
